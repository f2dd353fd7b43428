import { useState } from 'react';
import { type ApiProblem, api, ok } from '../../api/client';
import { canWrite } from '../../capabilities';
import { DataTable, ErrorMessage, toProblem } from '../../components/common';
import { useI18n } from '../../i18n/i18n';
import { useMe } from '../../session';
import type { RequestDetailData } from './Detail';

/** Items withheld from the answer, each with its legal ground (APPI Art. 33(2), reasons per Art. 36). */
export function Exemptions({ r, onChanged }: { r: RequestDetailData; onChanged(): void }) {
  const { t, lang } = useI18n();
  const me = useMe();
  const writer = canWrite(me.roles, 'requests') && r.urgency !== 'closed' && r.grounds.length > 0;
  const [item, setItem] = useState('');
  const [ground, setGround] = useState('');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<ApiProblem>();
  const text = (id: string) => r.grounds.find((g) => g.id === id)?.text[lang] ?? id;
  if (r.exemptions.length === 0 && !writer) return null;
  return (
    <section className="card" aria-labelledby="req-exemptions">
      <h2 id="req-exemptions">{t('req.exemptions')}</h2>
      {problem && <ErrorMessage problem={problem} />}
      {r.exemptions.length > 0 && (
        <DataTable
          headers={[
            t('req.item'),
            t('req.ground'),
            t('req.exemptionReason'),
            ...(writer ? [t('req.exemptionActions')] : []),
          ]}
        >
          {r.exemptions.map((e) => (
            <tr key={e.id}>
              <td>
                <code>{e.item}</code>
              </td>
              <td>{text(e.groundId)}</td>
              <td>{e.reason}</td>
              {writer && (
                <td>
                  <button
                    type="button"
                    className="link"
                    onClick={async () => {
                      if (!confirm(t('req.confirmRemoveExemption', { item: e.item }))) return;
                      setProblem(undefined);
                      try {
                        ok(
                          await api.DELETE('/api/requests/{id}/exemptions/{exemptionId}', {
                            params: { path: { id: r.id, exemptionId: e.id } },
                          }),
                        );
                        onChanged();
                      } catch (error) {
                        setProblem(toProblem(error));
                      }
                    }}
                  >
                    {t('req.removeExemption', { item: e.item })}
                  </button>
                </td>
              )}
            </tr>
          ))}
        </DataTable>
      )}
      {writer && (
        <form
          className="stack"
          onSubmit={async (e) => {
            e.preventDefault();
            setProblem(undefined);
            try {
              ok(
                await api.POST('/api/requests/{id}/exemptions', {
                  params: { path: { id: r.id } },
                  body: { item: item.trim(), groundId: ground, reason: reason.trim() },
                }),
              );
              setItem('');
              setReason('');
              onChanged();
            } catch (error) {
              setProblem(toProblem(error));
            }
          }}
        >
          <h3>{t('req.addExemption')}</h3>
          <label>
            {t('req.item')}
            <input value={item} maxLength={200} onChange={(e) => setItem(e.target.value)} />
          </label>
          <label>
            {t('req.ground')}
            <select value={ground} onChange={(e) => setGround(e.target.value)}>
              <option value="">—</option>
              {r.grounds.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.text[lang]}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('req.exemptionReason')}
            <textarea value={reason} maxLength={2000} rows={2} onChange={(e) => setReason(e.target.value)} />
          </label>
          <div className="actions">
            <button type="submit" disabled={!item.trim() || !ground || !reason.trim()}>
              {t('req.addExemption')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
