import { useState } from 'react';
import { type ApiProblem, api, ok } from '../../api/client';
import { DataTable, ErrorMessage, toProblem } from '../../components/common';
import { useI18n } from '../../i18n/i18n';
import type { RequestDetailData } from './Detail';

type Package = Awaited<ReturnType<typeof loadPackage>>;
async function loadPackage(id: string) {
  return ok(await api.GET('/api/requests/{id}/package', { params: { path: { id } } }));
}

const ANSWERED = ['review', 'completed', 'partially_refused', 'refused'];

/** The answer as the person would get it: the data (JSON, CSV) and the letter (PDF), each opened on demand (audited). */
export function Preview({ r }: { r: RequestDetailData }) {
  const { t, lang, number } = useI18n();
  const [pkg, setPkg] = useState<Package>();
  const [letter, setLetter] = useState(false);
  const [problem, setProblem] = useState<ApiProblem>();
  if (!ANSWERED.includes(r.status)) return null;
  const letterUrl = `/api/requests/${encodeURIComponent(r.id)}/letter?lang=${lang}`;
  const provision = (pkg?.json as { provisionRecords?: { status: string } } | undefined)?.provisionRecords;
  return (
    <section className="card" aria-labelledby="req-preview">
      <h2 id="req-preview">{t('req.preview')}</h2>
      {problem && <ErrorMessage problem={problem} />}
      <div className="actions">
        <button
          type="button"
          onClick={async () => {
            try {
              setPkg(await loadPackage(r.id));
            } catch (error) {
              setProblem(toProblem(error));
            }
          }}
        >
          {t('req.showPackage')}
        </button>
        <button type="button" onClick={() => setLetter(true)}>
          {t('req.showLetter')}
        </button>
        <a className="button" href={letterUrl} download={`${r.reference}.pdf`}>
          {t('req.downloadLetter')}
        </a>
      </div>
      {pkg && (
        <>
          <h3>{t('req.package')}</h3>
          <DataTable caption={t('req.items')} headers={[t('req.collection'), t('req.items')]}>
            {pkg.items.map((i) => (
              <tr key={i.collection}>
                <td>
                  <code>{i.collection}</code>
                </td>
                <td className="num">{t('req.rows', { n: number(i.rows) })}</td>
              </tr>
            ))}
          </DataTable>
          {provision?.status === 'not_yet_recorded' && <p className="alert">{t('req.provisionNotYet')}</p>}
          <details>
            <summary>JSON</summary>
            <pre className="package">{JSON.stringify(pkg.json, null, 2)}</pre>
          </details>
          <details>
            <summary>CSV</summary>
            <pre className="package">{pkg.csv}</pre>
          </details>
        </>
      )}
      {letter && (
        <>
          <h3>{t('req.letter')}</h3>
          <iframe className="letter" title={t('req.letterTitle')} src={letterUrl} />
        </>
      )}
    </section>
  );
}
