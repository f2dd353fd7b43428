/*
 * The banner's IAB layer, bundled for the browser (cmp.asset.ts) and loaded only when a site turns TCF on
 * (`data-tcf` on the banner's script tag). It answers `__tcfapi` (CMP API v2.3: ping, getTCData,
 * addEventListener, removeEventListener) with a TC string encoded by the IAB library from the choices the
 * banner stored, and optionally `__gpp` through @iabgpp/cmpapi with a US-national section whose sale,
 * sharing and targeted-advertising opt-outs follow the purposes flagged for GPC and the browser's GPC.
 * The stubs in banner.js queue calls made before this script arrives; they are replayed here. Frames reach both
 * APIs through the stub's locator frames (`__tcfapiLocator`, `__gppLocator`) and its postMessage handler
 * (`__tcfapiCall` → `__tcfapiReturn`, `__gppCall` → `__gppReturn`), which calls whichever function is in place.
 */
import { CmpApi, CmpDisplayStatus, CmpStatus, SignalStatus } from '@iabgpp/cmpapi';
import { encodeTcString, tcfPurposesOf, type VendorList } from '../consent.tcf.js';

type Callback = (data: unknown, success: boolean) => void;
type TcfCall = [string, number, Callback, unknown?];
interface Purpose {
  key: string;
  gpcOptOut: boolean;
  tcfPurposes: number[];
}
interface Settings {
  cmpId: number;
  cmpVersion: number;
  publisherCountryCode: string;
  vendorList: VendorList & {
    vendorListVersion: number;
    tcfPolicyVersion: number;
    vendors: Record<string, unknown>;
  };
  gpp: boolean;
}
interface Page {
  __tcfapi?: ((...args: unknown[]) => unknown) & { queue?: TcfCall[] };
  __gpp?: (...args: unknown[]) => unknown;
  mamoriCmpBase: string;
  localStorage: { getItem(k: string): string | null };
  navigator: { globalPrivacyControl?: boolean };
  document: { addEventListener(type: string, cb: (e: { detail: Record<string, boolean> }) => void): void };
  fetch(url: string): Promise<{ ok: boolean; json(): Promise<unknown> }>;
}

const page = globalThis as unknown as Page;
const base = page.mamoriCmpBase;
const queued: TcfCall[] = page.__tcfapi?.queue ?? [];
const listeners = new Map<number, Callback>();
let nextListener = 1;
let eventStatus: 'tcloaded' | 'cmpuishown' | 'useractioncomplete' = 'cmpuishown';
let tcString = '';
let granted: number[] = [];
let vendorConsents: number[] = [];
let settings: Settings | undefined;

const stored = (): Record<string, boolean> | undefined => {
  try {
    return (
      JSON.parse(page.localStorage.getItem('mamori-consent') ?? 'null') as {
        c?: Record<string, boolean>;
      } | null
    )?.c;
  } catch {
    return undefined;
  }
};

const flags = (ids: readonly number[]) => Object.fromEntries(ids.map((id) => [String(id), true]));

function tcData(listenerId?: number) {
  return {
    tcString,
    tcfPolicyVersion: settings?.vendorList.tcfPolicyVersion,
    cmpId: settings?.cmpId,
    cmpVersion: settings?.cmpVersion,
    gdprApplies: true,
    eventStatus,
    cmpStatus: 'loaded',
    listenerId,
    isServiceSpecific: false,
    useNonStandardTexts: false,
    publisherCC: settings?.publisherCountryCode,
    purposeOneTreatment: false,
    purpose: { consents: flags(granted), legitimateInterests: {} },
    vendor: { consents: flags(vendorConsents), legitimateInterests: {} },
    specialFeatureOptins: {},
    publisher: {
      consents: {},
      legitimateInterests: {},
      customPurpose: { consents: {}, legitimateInterests: {} },
      restrictions: {},
    },
  };
}

function tcfapi(command: string, version: number, callback: Callback, parameter?: unknown): unknown {
  if (typeof callback !== 'function') return;
  if (version !== undefined && version !== 2 && version !== null) return callback(null, false);
  switch (command) {
    case 'ping':
      return callback(
        {
          gdprApplies: true,
          cmpLoaded: true,
          cmpStatus: 'loaded',
          displayStatus: eventStatus === 'cmpuishown' ? 'visible' : 'hidden',
          apiVersion: '2.3',
          cmpVersion: settings?.cmpVersion,
          cmpId: settings?.cmpId,
          gvlVersion: settings?.vendorList.vendorListVersion,
          tcfPolicyVersion: settings?.vendorList.tcfPolicyVersion,
        },
        true,
      );
    case 'getTCData':
      return callback(tcData(), true);
    case 'addEventListener': {
      const id = nextListener++;
      listeners.set(id, callback);
      return callback(tcData(id), true);
    }
    case 'removeEventListener':
      return callback(listeners.delete(parameter as number), true);
    default:
      return callback(null, false);
  }
}

function update(choices: Record<string, boolean>, purposes: readonly Purpose[], cmp: CmpApi | undefined) {
  if (!settings) return;
  const grantedKeys = purposes.filter((p) => choices[p.key]).map((p) => ({ key: p.key }));
  granted = tcfPurposesOf(grantedKeys, purposes);
  const vendors = settings.vendorList.vendors as Record<string, { id: number; purposes: number[] }>;
  vendorConsents = Object.values(vendors)
    .filter((v) => v.purposes.length > 0 && v.purposes.every((p) => granted.includes(p)))
    .map((v) => v.id)
    .sort((a, b) => a - b);
  tcString = encodeTcString(settings.vendorList, {
    cmpId: settings.cmpId,
    cmpVersion: settings.cmpVersion,
    publisherCountryCode: settings.publisherCountryCode,
    purposeConsents: granted,
    created: new Date(),
  });
  for (const [id, cb] of listeners) cb(tcData(id), true);
  if (cmp) {
    // usnat: 1 = opted out, 2 = did not opt out (GPP US National Privacy section). A refusal of any purpose
    // flagged as sale/sharing/targeted advertising, or GPC, is an opt-out of all three.
    const gpc = page.navigator.globalPrivacyControl === true;
    const optedOut = gpc || purposes.some((p) => p.gpcOptOut && !choices[p.key]);
    const value = optedOut ? 1 : 2;
    for (const field of [
      'SharingNotice',
      'SaleOptOutNotice',
      'SharingOptOutNotice',
      'TargetedAdvertisingOptOutNotice',
    ])
      cmp.setFieldValue('usnat', field, 1);
    cmp.setFieldValue('usnat', 'SaleOptOut', value);
    cmp.setFieldValue('usnat', 'SharingOptOut', value);
    cmp.setFieldValue('usnat', 'TargetedAdvertisingOptOut', value);
    cmp.setFieldValue('usnat', 'MspaCoveredTransaction', 2);
    cmp.setFieldValue('usnat', 'GpcSegmentIncluded', true);
    cmp.setFieldValue('usnat', 'Gpc', gpc);
    cmp.setApplicableSections([7]);
    cmp.setSignalStatus(SignalStatus.READY);
    cmp.fireSectionChange('usnat');
  }
}

/**
 * Takes an API away when the site has it off (TCF settings removed, or GPP not enabled): its locator frame goes,
 * so ad tags in frames no longer find it, and calls the stub queued are answered with a failure instead of never.
 */
function withdraw(api: '__tcfapi' | '__gpp'): void {
  const doc = (globalThis as unknown as { document: DocumentLike }).document;
  for (const frame of Array.from(doc.getElementsByName(`${api}Locator`))) frame.remove();
  const fn = page[api];
  const queue: unknown[][] = api === '__tcfapi' ? queued : ((fn?.() as unknown[][] | undefined) ?? []);
  delete page[api];
  for (const call of queue) {
    const callback = call[api === '__tcfapi' ? 2 : 1];
    if (typeof callback === 'function') (callback as Callback)(null, false);
  }
}

interface DocumentLike {
  getElementsByName(name: string): ArrayLike<{ remove(): void }>;
}

async function start(): Promise<void> {
  const [tcf, config] = await Promise.all([
    page
      .fetch(`${base}/api/public/consent/tcf`)
      .then((r) => (r.ok ? (r.json() as Promise<Settings>) : undefined)),
    page.fetch(`${base}/api/public/consent/config`).then((r) => r.json() as Promise<{ purposes: Purpose[] }>),
  ]);
  if (!tcf) {
    withdraw('__tcfapi');
    withdraw('__gpp');
    return;
  }
  settings = tcf;
  const cmp = tcf.gpp ? new CmpApi(tcf.cmpId, tcf.cmpVersion) : undefined;
  if (!cmp) withdraw('__gpp');
  const prior = stored();
  if (prior) eventStatus = 'tcloaded';
  // GPP 1.1: the one section this CMP writes, whether the banner is on screen, and "loaded" once the
  // section holds the stored choices (or the defaults before any).
  cmp?.setSupportedAPIs(['7:usnat']);
  cmp?.setCmpDisplayStatus(prior ? CmpDisplayStatus.HIDDEN : CmpDisplayStatus.VISIBLE);
  update(prior ?? {}, config.purposes, cmp);
  cmp?.setCmpStatus(CmpStatus.LOADED);
  page.document.addEventListener('mamori:consent', (e) => {
    eventStatus = 'useractioncomplete';
    cmp?.setCmpDisplayStatus(CmpDisplayStatus.HIDDEN);
    update(e.detail, config.purposes, cmp);
  });
  page.__tcfapi = Object.assign(tcfapi as (...args: unknown[]) => unknown, {});
  for (const call of queued) tcfapi(...call);
}

void start();
