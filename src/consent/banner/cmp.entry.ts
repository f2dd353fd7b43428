/*
 * The banner's IAB layer, bundled for the browser (cmp.asset.ts) and loaded only when a site turns TCF on
 * (`data-tcf` on the banner's script tag). It answers `__tcfapi` (CMP API v2.3: ping, getTCData,
 * addEventListener, removeEventListener) with a TC string encoded by the IAB library from the choices the
 * banner stored, and optionally `__gpp` through @iabgpp/cmpapi with a US-national section whose sale,
 * sharing and targeted-advertising opt-outs follow the purposes flagged for GPC and the browser's GPC.
 * The stubs in banner.js queue calls made before this script arrives; they are replayed here.
 */
import { CmpApi } from '@iabgpp/cmpapi';
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
  __tcfapi: ((...args: unknown[]) => unknown) & { queue?: TcfCall[] };
  __gpp?: (...args: unknown[]) => unknown;
  mamoriCmpBase: string;
  localStorage: { getItem(k: string): string | null };
  navigator: { globalPrivacyControl?: boolean };
  document: { addEventListener(type: string, cb: (e: { detail: Record<string, boolean> }) => void): void };
  fetch(url: string): Promise<{ ok: boolean; json(): Promise<unknown> }>;
}

const page = globalThis as unknown as Page;
const base = page.mamoriCmpBase;
const queued: TcfCall[] = page.__tcfapi.queue ?? [];
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
    cmp.setSignalStatus('ready' as never);
    cmp.fireSectionChange('usnat');
  }
}

/**
 * CMP API v2.3 for ad tags in iframes: a frame named `__tcfapiLocator` marks the CMP's window, and calls arrive
 * as `{ __tcfapiCall: { command, parameter, version, callId } }` messages answered with `__tcfapiReturn`.
 */
function exposeToFrames(): void {
  const doc = (globalThis as unknown as { document: DocumentLike }).document;
  if (!(globalThis as unknown as { frames: Record<string, unknown> }).frames.__tcfapiLocator) {
    const frame = doc.createElement('iframe');
    frame.style.display = 'none';
    frame.name = '__tcfapiLocator';
    frame.setAttribute('aria-hidden', 'true');
    frame.setAttribute('title', '__tcfapiLocator');
    doc.body.appendChild(frame);
  }
  (globalThis as unknown as WindowLike).addEventListener('message', (event) => {
    let data = event.data;
    if (typeof data === 'string') {
      try {
        data = JSON.parse(data);
      } catch {
        return;
      }
    }
    const call = (
      data as { __tcfapiCall?: { command: string; parameter?: unknown; version: number; callId: unknown } }
    )?.__tcfapiCall;
    if (!call || !event.source) return;
    const source = event.source;
    tcfapi(
      call.command,
      call.version,
      (returnValue, success) => {
        source.postMessage({ __tcfapiReturn: { returnValue, success, callId: call.callId } }, '*');
      },
      call.parameter,
    );
  });
}

interface DocumentLike {
  createElement(tag: 'iframe'): {
    style: { display: string };
    name: string;
    setAttribute(name: string, value: string): void;
  };
  body: { appendChild(node: unknown): void };
}
interface WindowLike {
  addEventListener(
    type: 'message',
    cb: (event: {
      data: unknown;
      source: { postMessage(message: unknown, origin: string): void } | null;
    }) => void,
  ): void;
}

async function start(): Promise<void> {
  const [tcf, config] = await Promise.all([
    page
      .fetch(`${base}/api/public/consent/tcf`)
      .then((r) => (r.ok ? (r.json() as Promise<Settings>) : undefined)),
    page.fetch(`${base}/api/public/consent/config`).then((r) => r.json() as Promise<{ purposes: Purpose[] }>),
  ]);
  if (!tcf) return;
  settings = tcf;
  const cmp = tcf.gpp ? new CmpApi(tcf.cmpId, tcf.cmpVersion) : undefined;
  if (cmp) cmp.setCmpDisplayStatus('hidden' as never);
  const prior = stored();
  if (prior) eventStatus = 'tcloaded';
  update(prior ?? {}, config.purposes, cmp);
  page.document.addEventListener('mamori:consent', (e) => {
    eventStatus = 'useractioncomplete';
    update(e.detail, config.purposes, cmp);
  });
  page.__tcfapi = Object.assign(tcfapi as (...args: unknown[]) => unknown, {});
  for (const call of queued) tcfapi(...call);
  exposeToFrames();
}

void start();
