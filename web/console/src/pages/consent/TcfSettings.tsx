import { type ChangeEvent, type FormEvent, useId, useState } from 'react';
import { type ApiProblem, api, ok, problemOf } from '../../api/client';
import type { paths } from '../../api/schema';
import { DataTable, ErrorMessage, Notice, Show, useLoad } from '../../components/common';
import { type MessageKey, translate, useI18n } from '../../i18n/i18n';
import {
  type BannerPurpose,
  emptyVendorList,
  messagesAt,
  newVendor,
  PURPOSE_IDS,
  privacyUrlOf,
  reachOf,
  SPECIAL_FEATURE_IDS,
  type Vendor,
  type VendorList,
  vendorListToSave,
  vendorsOf,
  withPrivacyUrl,
} from './tcf';

type TcfState = paths['/api/consent/tcf']['get']['responses'][200]['content']['application/json'];

const purposeName = (id: number) => `consent.tcf.p${id}` as MessageKey;
const featureName = (id: number) => `consent.tcf.sf${id}` as MessageKey;

/** The banner's IAB TCF v2.3 / GPP settings: shown to every consent reader, changed by those the API allows. */
export default function TcfSettings({ canEdit }: { canEdit: boolean }) {
  const { t } = useI18n();
  const id = useId();
  const loaded = useLoad(async () => {
    const [state, config] = await Promise.all([
      api.GET('/api/consent/tcf'),
      api.GET('/api/public/consent/config'),
    ]);
    return { state: ok(state), banner: ok(config).purposes };
  }, []);
  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('consent.tcf')}</h2>
      <p>{t('consent.tcfHint')}</p>
      {!canEdit && <p>{t('consent.tcfReadOnly')}</p>}
      <Show loaded={loaded}>
        {(data) => (
          <TcfForm state={data.state} banner={data.banner} canEdit={canEdit} onSaved={loaded.reload} />
        )}
      </Show>
    </section>
  );
}

interface Draft {
  enabled: boolean;
  cmpId: string;
  cmpVersion: string;
  country: string;
  vendorListVersion: string;
  tcfPolicyVersion: string;
  gpp: boolean;
  list: VendorList;
  vendors: Vendor[];
}

function draftOf(state: TcfState): Draft {
  const s = state.settings;
  const list = (s?.vendorList as VendorList | undefined) ?? emptyVendorList();
  return {
    enabled: state.enabled,
    cmpId: s ? String(s.cmpId) : '',
    cmpVersion: s ? String(s.cmpVersion) : '1',
    country: s?.publisherCountryCode ?? 'JP',
    vendorListVersion: String(list.vendorListVersion),
    tcfPolicyVersion: String(list.tcfPolicyVersion),
    gpp: s?.gpp ?? false,
    list,
    vendors: vendorsOf(list),
  };
}

/** An empty field is sent as NaN → null, so the API names it rather than the form guessing a number. */
const num = (s: string) => (s.trim() === '' ? Number.NaN : Number(s));

function FieldErrors({ id, messages }: { id: string; messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <span id={id} className="field-error">
      {messages.join(' ')}
    </span>
  );
}

function TcfForm({
  state,
  banner,
  canEdit,
  onSaved,
}: {
  state: TcfState;
  banner: readonly (BannerPurpose & { name: { ja: string; en: string } })[];
  canEdit: boolean;
  onSaved(): void;
}) {
  const { t, lang, dateTime } = useI18n();
  const id = useId();
  const [draft, setDraft] = useState<Draft>(() => draftOf(state));
  const [problem, setProblem] = useState<ApiProblem>();
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const [add, setAdd] = useState({ id: '', name: '', error: '' });
  // Open vendors: those just added, and those the API found fault with, so the message is in view.
  const [openIds, setOpenIds] = useState<ReadonlySet<number>>(new Set());
  const setOpen = (vid: number, open: boolean) =>
    setOpenIds((ids) => {
      if (ids.has(vid) === open) return ids;
      const next = new Set(ids);
      if (open) next.add(vid);
      else next.delete(vid);
      return next;
    });
  const set = (patch: Partial<Draft>) => {
    setSaved(false);
    setDraft((d) => ({ ...d, ...patch }));
  };
  const setVendor = (vid: number, change: (v: Vendor) => Vendor) =>
    set({ vendors: draft.vendors.map((v) => (v.id === vid ? change(v) : v)) });
  const issues = problem?.issues ?? [];
  const err = (path: string) => messagesAt(issues, path);
  const fieldId = (path: string) => `${id}-${path.replace(/\W/g, '-')}`;
  const described = (path: string) => (err(path).length ? `${fieldId(path)}-error` : undefined);

  // Definitions the list lacks are added in English, the language the IAB publishes the GVL in.
  const names = (kind: 'purpose' | 'specialFeature', n: number) =>
    translate('en', kind === 'purpose' ? purposeName(n) : featureName(n));

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setProblem(undefined);
    setSaved(false);
    const result = draft.enabled
      ? await api.PUT('/api/consent/tcf', {
          body: {
            cmpId: num(draft.cmpId),
            cmpVersion: num(draft.cmpVersion),
            publisherCountryCode: draft.country.trim(),
            gpp: draft.gpp,
            vendorList: vendorListToSave(
              draft.list,
              {
                vendorListVersion: num(draft.vendorListVersion),
                tcfPolicyVersion: num(draft.tcfPolicyVersion),
              },
              draft.vendors,
              (kind, n) => names(kind, n),
              new Date(),
            ) as NonNullable<TcfState['settings']>['vendorList'],
          },
        })
      : await api.DELETE('/api/consent/tcf');
    setBusy(false);
    if (result.error !== undefined || !result.response.ok) {
      const failed = problemOf(result.error, result.response);
      setProblem(failed);
      for (const v of draft.vendors)
        if (messagesAt(failed.issues, `vendorList.vendors.${v.id}`).length) setOpen(v.id, true);
      return;
    }
    setSaved(true);
    onSaved();
  };

  const addVendor = () => {
    const n = Number(add.id);
    if (!Number.isInteger(n) || n < 1) return setAdd({ ...add, error: t('consent.vendorIdInvalid') });
    if (draft.vendors.some((v) => v.id === n))
      return setAdd({ ...add, error: t('consent.vendorExists', { id: n }) });
    set({ vendors: [...draft.vendors, newVendor(n, add.name.trim())].sort((a, b) => a.id - b.id) });
    setOpen(n, true);
    setAdd({ id: '', name: '', error: '' });
  };

  const loadGvl = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    try {
      const list = JSON.parse(await file.text()) as VendorList;
      if (typeof list?.vendors !== 'object' || list.vendors === null) throw new Error('no vendors');
      set({
        list,
        vendors: vendorsOf(list),
        vendorListVersion: String(list.vendorListVersion ?? draft.vendorListVersion),
        tcfPolicyVersion: String(list.tcfPolicyVersion ?? draft.tcfPolicyVersion),
      });
      setProblem(undefined);
    } catch {
      setProblem({ status: 0, code: 'invalid', message: t('consent.gvlInvalid'), issues: [] });
    }
  };

  const input = (
    path: string,
    label: MessageKey,
    value: string,
    onChange: (v: string) => void,
    type = 'text',
  ) => (
    <label>
      {t(label)}
      <input
        id={fieldId(path)}
        type={type}
        inputMode={type === 'number' ? 'numeric' : undefined}
        value={value}
        aria-invalid={err(path).length > 0}
        aria-describedby={described(path)}
        onChange={(e) => onChange(e.target.value)}
      />
      <FieldErrors id={`${fieldId(path)}-error`} messages={err(path)} />
    </label>
  );

  const checks = (
    path: string,
    legend: string,
    all: readonly number[],
    chosen: readonly number[],
    name: (n: number) => MessageKey,
    onChange: (next: number[]) => void,
  ) => (
    <fieldset aria-describedby={described(path)}>
      <legend>{legend}</legend>
      {all.map((n) => (
        <label key={n} className="check">
          <input
            type="checkbox"
            checked={chosen.includes(n)}
            onChange={(e) =>
              onChange(
                e.target.checked ? [...chosen, n].sort((a, b) => a - b) : chosen.filter((c) => c !== n),
              )
            }
          />
          {n}. {t(name(n))}
        </label>
      ))}
      <FieldErrors id={`${fieldId(path)}-error`} messages={err(path)} />
    </fieldset>
  );

  return (
    <>
      <form className="card stack" onSubmit={save} noValidate aria-label={t('consent.tcf')}>
        {state.updatedAt && <p>{t('consent.tcfUpdated', { at: dateTime(state.updatedAt) })}</p>}
        <fieldset disabled={!canEdit} className="stack">
          <legend>{t('consent.cmp')}</legend>
          <label className="check">
            <input
              type="checkbox"
              checked={draft.enabled}
              onChange={(e) => set({ enabled: e.target.checked })}
            />
            {t('consent.tcfEnabled')}
          </label>
          {input('cmpId', 'consent.cmpId', draft.cmpId, (v) => set({ cmpId: v }), 'number')}
          {input(
            'cmpVersion',
            'consent.cmpVersion',
            draft.cmpVersion,
            (v) => set({ cmpVersion: v }),
            'number',
          )}
          {input('publisherCountryCode', 'consent.publisherCountry', draft.country, (v) =>
            set({ country: v }),
          )}
          {input(
            'vendorList.vendorListVersion',
            'consent.vendorListVersion',
            draft.vendorListVersion,
            (v) => set({ vendorListVersion: v }),
            'number',
          )}
          {input(
            'vendorList.tcfPolicyVersion',
            'consent.tcfPolicyVersion',
            draft.tcfPolicyVersion,
            (v) => set({ tcfPolicyVersion: v }),
            'number',
          )}
          <fieldset>
            <legend>{t('consent.gppSections')}</legend>
            <label className="check">
              <input type="checkbox" checked={draft.gpp} onChange={(e) => set({ gpp: e.target.checked })} />
              {t('consent.gppUsnat')}
            </label>
          </fieldset>
        </fieldset>
        <fieldset disabled={!canEdit}>
          <legend>{t('consent.vendors', { n: draft.vendors.length })}</legend>
          {draft.vendors.length === 0 && <p>{t('consent.noVendors')}</p>}
          {draft.vendors.map((v) => {
            const base = `vendorList.vendors.${v.id}`;
            const invalid = err(base).length > 0;
            return (
              <details
                key={v.id}
                open={openIds.has(v.id)}
                onToggle={(e) => setOpen(v.id, e.currentTarget.open)}
              >
                <summary>
                  {v.name || '—'} (ID {v.id})
                  {invalid && <span className="badge alert">{t('errorTitle')}</span>}
                </summary>
                {input(`${base}.name`, 'consent.vendorName', v.name, (name) =>
                  setVendor(v.id, (x) => ({ ...x, name })),
                )}
                {input(
                  `${base}.urls`,
                  'consent.vendorPrivacy',
                  privacyUrlOf(v),
                  (url) => setVendor(v.id, (x) => withPrivacyUrl(x, url)),
                  'url',
                )}
                {checks(
                  `${base}.purposes`,
                  t('consent.vendorPurposes'),
                  PURPOSE_IDS,
                  v.purposes,
                  purposeName,
                  (p) => setVendor(v.id, (x) => ({ ...x, purposes: p })),
                )}
                {checks(
                  `${base}.legIntPurposes`,
                  t('consent.vendorLegInt'),
                  PURPOSE_IDS,
                  v.legIntPurposes,
                  purposeName,
                  (p) => setVendor(v.id, (x) => ({ ...x, legIntPurposes: p })),
                )}
                {checks(
                  `${base}.specialFeatures`,
                  t('consent.vendorSpecialFeatures'),
                  SPECIAL_FEATURE_IDS,
                  v.specialFeatures,
                  featureName,
                  (p) => setVendor(v.id, (x) => ({ ...x, specialFeatures: p })),
                )}
                {canEdit && (
                  <button
                    type="button"
                    onClick={() => set({ vendors: draft.vendors.filter((x) => x.id !== v.id) })}
                  >
                    {t('consent.removeVendor')}
                    <span className="sr-only"> ({v.name || v.id})</span>
                  </button>
                )}
              </details>
            );
          })}
          {canEdit && (
            <div className="actions">
              <label>
                {t('consent.vendorId')}
                <input
                  type="number"
                  min={1}
                  value={add.id}
                  aria-invalid={add.error !== ''}
                  aria-describedby={add.error ? `${id}-add-error` : undefined}
                  onChange={(e) => setAdd({ ...add, id: e.target.value, error: '' })}
                />
              </label>
              <label>
                {t('consent.vendorName')}
                <input value={add.name} onChange={(e) => setAdd({ ...add, name: e.target.value })} />
              </label>
              <button type="button" onClick={addVendor}>
                {t('consent.addVendor')}
              </button>
              <FieldErrors id={`${id}-add-error`} messages={add.error ? [add.error] : []} />
            </div>
          )}
          {canEdit && (
            <label>
              {t('consent.loadGvl')}
              <input type="file" accept="application/json,.json" onChange={(e) => void loadGvl(e)} />
            </label>
          )}
        </fieldset>
        <div aria-live="polite">
          {problem && <ErrorMessage problem={problem} />}
          {saved && <Notice>{t('consent.saved')}</Notice>}
        </div>
        {canEdit && (
          <button type="submit" className="primary" disabled={busy}>
            {t('consent.saveTcf')}
          </button>
        )}
      </form>
      <Preview draft={draft} banner={banner} lang={lang} />
    </>
  );
}

function Preview({
  draft,
  banner,
  lang,
}: {
  draft: Draft;
  banner: readonly (BannerPurpose & { name: { ja: string; en: string } })[];
  lang: 'ja' | 'en';
}) {
  const { t } = useI18n();
  const id = useId();
  const list = (ids: readonly number[]) => (ids.length ? ids.join(', ') : '—');
  const carrying = banner.filter((b) => b.tcfPurposes.length > 0);
  return (
    <section aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t('consent.preview')}</h3>
      {!draft.enabled ? (
        <p>{t('consent.tcfOff')}</p>
      ) : (
        <>
          <p>
            {t('consent.previewCmp', {
              id: draft.cmpId || '—',
              v: draft.cmpVersion || '—',
              cc: draft.country || '—',
              gvl: draft.vendorListVersion || '—',
              policy: draft.tcfPolicyVersion || '—',
            })}
          </p>
          <p>{draft.gpp ? t('consent.previewGpp', { sections: 'usnat (7)' }) : t('consent.previewNoGpp')}</p>
          {carrying.length > 0 && (
            <DataTable
              caption={t('consent.bannerPurpose')}
              headers={[t('consent.bannerPurpose'), t('consent.iabPurposes')]}
            >
              {carrying.map((b) => (
                <tr key={b.key}>
                  <td>
                    {b.name[lang]} <code>{b.key}</code>
                  </td>
                  <td>
                    {b.tcfPurposes.map((p) => (
                      <div key={p}>
                        {p}. {t(purposeName(p))}
                      </div>
                    ))}
                  </td>
                </tr>
              ))}
            </DataTable>
          )}
          <DataTable
            caption={t('consent.vendors', { n: draft.vendors.length })}
            headers={[
              t('consent.vendorName'),
              t('consent.vendorPurposes'),
              t('consent.vendorLegInt'),
              t('consent.vendorSpecialFeatures'),
              t('consent.reach'),
            ]}
          >
            {draft.vendors.map((v) => {
              const reach = reachOf(v, banner);
              return (
                <tr key={v.id}>
                  <td>
                    {v.name || '—'} (ID {v.id})
                  </td>
                  <td>{list(v.purposes)}</td>
                  <td>{list(v.legIntPurposes)}</td>
                  <td>{list(v.specialFeatures)}</td>
                  <td>
                    {reach.kind === 'none-needed' && t('consent.reachNone')}
                    {reach.kind === 'via' &&
                      t('consent.reachVia', { purposes: reach.bannerPurposes.join(', ') })}
                    {reach.kind === 'never' && (
                      <span className="badge alert">
                        {t('consent.reachNever', { ids: reach.uncovered.join(', ') })}
                      </span>
                    )}
                  </td>
                </tr>
              );
            })}
          </DataTable>
        </>
      )}
    </section>
  );
}
