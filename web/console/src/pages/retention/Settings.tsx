import { type FormEvent, useEffect, useState } from 'react';
import { type ApiProblem, api, ok, problemOf } from '../../api/client';
import { ErrorMessage, Notice, Show, useLoad } from '../../components/common';
import { type MessageKey, useI18n } from '../../i18n/i18n';

type Values = { approvalThreshold: number; autoRunSmall: boolean; batchSize: number };

/** The approval threshold and whether small sweeps run without approval. */
export default function Settings({ writer }: { writer: boolean }) {
  const { t } = useI18n();
  const loaded = useLoad(async () => ok(await api.GET('/api/retention/settings')), []);
  const [form, setForm] = useState<Values>();
  const [problem, setProblem] = useState<ApiProblem>();
  // A key, not a string: the notice follows a change of language.
  const [done, setDone] = useState<{ key: MessageKey; params?: Record<string, string | number> }>();
  // The loaded object is new on every render; its data only when loaded again.
  const data = loaded.state === 'ready' ? loaded.data : undefined;
  useEffect(() => {
    if (data) setForm(data);
  }, [data]);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!form) return;
    setProblem(undefined);
    setDone(undefined);
    const result = await api.PUT('/api/retention/settings', { body: form });
    if (result.error || !result.response.ok) return setProblem(problemOf(result.error, result.response));
    setDone({ key: 'ret.saved' });
  };
  return (
    <section aria-labelledby="ret-settings">
      <h2 id="ret-settings">{t('ret.settings')}</h2>
      <div aria-live="polite">
        {problem && <ErrorMessage problem={problem} />}
        {done && <Notice>{t(done.key, done.params)}</Notice>}
      </div>
      <Show loaded={loaded}>
        {() =>
          form && (
            <form className="card stack" aria-label={t('ret.settings')} onSubmit={(e) => void save(e)}>
              <fieldset disabled={!writer}>
                <label>
                  {t('ret.threshold')}
                  <input
                    type="number"
                    min={0}
                    value={form.approvalThreshold}
                    onChange={(e) => setForm({ ...form, approvalThreshold: Number(e.target.value) })}
                  />
                </label>
                <label className="check">
                  <input
                    type="checkbox"
                    checked={form.autoRunSmall}
                    onChange={(e) => setForm({ ...form, autoRunSmall: e.target.checked })}
                  />
                  {t('ret.autoRunSmall')}
                </label>
                <label>
                  {t('ret.batchSize')}
                  <input
                    type="number"
                    min={100}
                    max={100000}
                    value={form.batchSize}
                    onChange={(e) => setForm({ ...form, batchSize: Number(e.target.value) })}
                  />
                </label>
              </fieldset>
              {writer ? (
                <button type="submit" className="primary">
                  {t('ret.save')}
                </button>
              ) : (
                <p>{t('ret.readOnly')}</p>
              )}
            </form>
          )
        }
      </Show>
    </section>
  );
}
