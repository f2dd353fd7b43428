import { type FormEvent, useId, useState } from 'react';
import { type ApiProblem, api, ok, problemOf } from '../api/client';
import { canWrite } from '../capabilities';
import { DataTable, ErrorMessage, Notice, Show, useLoad } from '../components/common';
import { SideBySide } from '../components/SideBySide';
import { type MessageKey, tokyoDay, useI18n } from '../i18n/i18n';
import { useMe } from '../session';

export default function Notices() {
  const { t } = useI18n();
  const me = useMe();
  const versions = useLoad(async () => ok(await api.GET('/api/notices')), []);
  return (
    <>
      <h1>{t('page.notices')}</h1>
      {canWrite(me.roles, 'notices') && <Publish onPublished={versions.reload} />}
      <Show loaded={versions}>
        {(list) => (
          <>
            <Versions list={list} />
            <Diff list={list} />
          </>
        )}
      </Show>
      <Preview />
    </>
  );
}

type Version = {
  version: number;
  effectiveOn: string;
  publishedAt: string;
  publishedBy: string;
  note: string | null;
};

function Publish({ onPublished }: { onPublished(): void }) {
  const { t } = useI18n();
  const id = useId();
  const [effectiveOn, setEffectiveOn] = useState(() => tokyoDay(new Date()));
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<ApiProblem>();
  const [done, setDone] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setProblem(undefined);
    setDone(undefined);
    const result = await api.POST('/api/notices', { body: { effectiveOn, ...(note && { note }) } });
    setBusy(false);
    if (result.error || !result.data) {
      setProblem(problemOf(result.error, result.response));
      return;
    }
    setDone(t('notice.published', { version: result.data.version }));
    setNote('');
    onPublished();
  };
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('notice.publish')}</h2>
      <form className="inline" onSubmit={submit}>
        <label>
          {t('notice.effectiveOn')}
          <input type="date" value={effectiveOn} onChange={(e) => setEffectiveOn(e.target.value)} />
        </label>
        <label className="grow">
          {t('notice.note')}
          <input value={note} onChange={(e) => setNote(e.target.value)} />
        </label>
        <button type="submit" className="primary" disabled={busy}>
          {t('notice.publishButton')}
        </button>
      </form>
      <div aria-live="polite">
        {problem && <ErrorMessage problem={problem} />}
        {done && <Notice>{done}</Notice>}
      </div>
    </section>
  );
}

function Versions({ list }: { list: Version[] }) {
  const { t, date, dateTime } = useI18n();
  if (list.length === 0) return <p>{t('notice.none')}</p>;
  return (
    <DataTable
      caption={t('notice.versions')}
      headers={[
        t('notice.version'),
        t('notice.effectiveOn'),
        t('notice.publishedAt'),
        t('notice.publishedBy'),
        t('notice.note'),
        t('download'),
      ]}
    >
      {list.map((v) => (
        <tr key={v.version}>
          <td>{v.version}</td>
          <td>{date(v.effectiveOn)}</td>
          <td>{dateTime(v.publishedAt)}</td>
          <td>{v.publishedBy}</td>
          <td>{v.note ?? ''}</td>
          <td className="nowrap">
            <a href={`/api/notices/${v.version}/pdf?lang=ja`} download>
              {t('notice.pdfJa')}
            </a>{' '}
            <a href={`/api/notices/${v.version}/pdf?lang=en`} download>
              {t('notice.pdfEn')}
            </a>
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

function Diff({ list }: { list: Version[] }) {
  const { t, lang } = useI18n();
  const id = useId();
  const [from, setFrom] = useState(list[1]?.version ?? 0);
  const [to, setTo] = useState(list[0]?.version ?? 0);
  const [shown, setShown] = useState<{ from: number; to: number }>();
  const diff = useLoad(
    async () =>
      shown
        ? ok(
            await api.GET('/api/notices/diff', {
              params: { query: { from: shown.from, to: shown.to, lang } },
            }),
          )
        : undefined,
    [shown, lang],
  );
  if (list.length < 2) return <p>{t('notice.needTwo')}</p>;
  const select = (value: number, set: (n: number) => void, label: MessageKey) => (
    <label>
      {t(label)}
      <select value={value} onChange={(e) => set(Number(e.target.value))}>
        {list.map((v) => (
          <option key={v.version} value={v.version}>
            {t('notice.version')} {v.version}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('notice.diff')}</h2>
      <form
        className="inline"
        onSubmit={(e) => {
          e.preventDefault();
          setShown({ from, to });
        }}
      >
        {select(from, setFrom, 'notice.from')}
        {select(to, setTo, 'notice.to')}
        <button type="submit">{t('notice.compare')}</button>
      </form>
      {shown && (
        <Show loaded={diff}>
          {(result) =>
            !result ? null : !result.changed ? (
              <p>{t('notice.noChanges')}</p>
            ) : (
              <div className="notice-diff">
                {result.sections
                  .filter((s) => s.status !== 'unchanged')
                  .map((s) => (
                    <SideBySide
                      key={s.path}
                      caption={`${s.path} — ${t(`notice.status.${s.status}` as MessageKey)}`}
                      lines={s.lines}
                    />
                  ))}
              </div>
            )
          }
        </Show>
      )}
    </section>
  );
}

function Preview() {
  const { t } = useI18n();
  const id = useId();
  const [lang, setLang] = useState<'ja' | 'en'>('ja');
  const preview = useLoad(async () => {
    const result = await api.GET('/api/notices/preview', {
      params: { query: { lang, format: 'html' } },
      parseAs: 'text',
    });
    return ok(result) as string;
  }, [lang]);
  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('notice.preview')}</h2>
      <label>
        {t('notice.previewLang')}
        <select value={lang} onChange={(e) => setLang(e.target.value === 'en' ? 'en' : 'ja')}>
          <option value="ja">日本語</option>
          <option value="en">English</option>
        </select>
      </label>
      <Show loaded={preview}>
        {(html) => (
          // The server renders the notice (escaped Markdown → HTML); a sandboxed frame keeps its styles and
          // anything in it away from the console.
          <iframe className="preview" title={t('notice.preview')} sandbox="" srcDoc={html} lang={lang} />
        )}
      </Show>
    </section>
  );
}
