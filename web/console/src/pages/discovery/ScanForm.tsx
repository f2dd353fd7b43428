import { useState } from 'react';
import { type ApiProblem, api, ok, problemOf } from '../../api/client';
import { ErrorMessage, Notice, Show, useLoad } from '../../components/common';
import { useI18n } from '../../i18n/i18n';

/** Queues a scan: the stored connections to sample (each is its dataset in the register) and the sample size. */
export default function ScanForm({ onQueued }: { onQueued(): void }) {
  const { t } = useI18n();
  const sources = useLoad(async () => ok(await api.GET('/api/discovery/sources', {})), []);
  const [chosen, setChosen] = useState<string[]>([]);
  const [sample, setSample] = useState(1000);
  const [problem, setProblem] = useState<ApiProblem>();
  const [queued, setQueued] = useState(false);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setProblem(undefined);
    setQueued(false);
    if (chosen.length === 0) {
      setProblem({ status: 400, code: 'invalid', message: t('disc.needConnection'), issues: [] });
      return;
    }
    const result = await api.POST('/api/discovery/scans', { body: { connections: chosen, sample } });
    if (result.error || !result.response.ok) {
      setProblem(problemOf(result.error, result.response));
      return;
    }
    setQueued(true);
    onQueued();
  };

  return (
    <section aria-labelledby="disc-new">
      <h2 id="disc-new">{t('disc.newScan')}</h2>
      <Show loaded={sources}>
        {(list) =>
          list.length === 0 ? (
            <p>{t('disc.noSources')}</p>
          ) : (
            <form className="form disc-form" onSubmit={(e) => void submit(e)}>
              <fieldset>
                <legend>{t('disc.connections')}</legend>
                {list.map((s) => (
                  <label key={s.key} className="check">
                    <input
                      type="checkbox"
                      name="connection"
                      value={s.key}
                      checked={chosen.includes(s.key)}
                      onChange={(e) =>
                        setChosen((c) => (e.target.checked ? [...c, s.key] : c.filter((k) => k !== s.key)))
                      }
                    />{' '}
                    {s.key} <span className="hint">({s.type})</span>
                  </label>
                ))}
              </fieldset>
              <label>
                {t('disc.sample')}
                <input
                  type="number"
                  name="sample"
                  min={1}
                  max={100000}
                  required
                  value={sample}
                  onChange={(e) => setSample(Number(e.target.value))}
                />
              </label>
              <button type="submit">{t('disc.start')}</button>
              {problem && <ErrorMessage problem={problem} />}
              {queued && <Notice>{t('disc.queued')}</Notice>}
            </form>
          )
        }
      </Show>
    </section>
  );
}
