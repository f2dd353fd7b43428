import { useState } from 'react';
import { type ApiProblem, api, ok } from '../../api/client';
import { canWrite } from '../../capabilities';
import { DataTable, ErrorMessage, toProblem } from '../../components/common';
import { useI18n } from '../../i18n/i18n';
import { useMe } from '../../session';
import type { RequestDetailData } from './Detail';
import { keyOf } from './labels';

type Task = RequestDetailData['tasks'][number];

/** Work per system: engine runs, manual tasks (assign, close with a note), controller routing, CCPA notices. */
export function Tasks({ r, onChanged }: { r: RequestDetailData; onChanged(): void }) {
  const { t, lang } = useI18n();
  const me = useMe();
  const writer = canWrite(me.roles, 'requests') && r.urgency !== 'closed';
  const [problem, setProblem] = useState<ApiProblem>();
  const label = (prefix: string, v: string) => {
    const k = keyOf(prefix, v);
    return k ? t(k) : v;
  };
  const act = async (fn: () => Promise<unknown>) => {
    setProblem(undefined);
    try {
      await fn();
      onChanged();
    } catch (error) {
      setProblem(toProblem(error));
    }
  };
  const path = (task: Task) => ({ params: { path: { id: r.id, taskId: task.id } } });
  return (
    <section className="card" aria-labelledby="req-tasks">
      <h2 id="req-tasks">{t('req.tasks')}</h2>
      {problem && <ErrorMessage problem={problem} />}
      {r.tasks.length === 0 ? (
        <p>{t('req.noTasks')}</p>
      ) : (
        <DataTable
          headers={[t('task.kind'), t('task.system'), t('task.status'), t('req.assignee'), t('task.note')]}
        >
          {r.tasks.map((task) => {
            const text = task.summary.text as { ja: string; en: string } | undefined;
            const open = writer && task.status === 'open' && task.kind !== 'engine';
            return (
              <tr key={task.id} data-task-kind={task.kind}>
                <td>
                  {label('task.kind.', task.kind)}
                  <br />
                  <small>{task.runKind}</small>
                </td>
                <td>
                  <code>{task.systemKey}</code>
                  {text && (
                    <details>
                      <summary>{t('task.noticeText')}</summary>
                      <p>{text[lang]}</p>
                    </details>
                  )}
                </td>
                <td>{label('task.status.', task.status)}</td>
                <td>
                  {task.assignee ?? '—'}
                  {open && task.assignee !== me.login && (
                    <button
                      type="button"
                      className="link"
                      onClick={() =>
                        act(async () =>
                          ok(
                            await api.POST('/api/requests/{id}/tasks/{taskId}/assign', {
                              ...path(task),
                              body: { assignee: me.login },
                            }),
                          ),
                        )
                      }
                    >
                      {t('task.assignMe')}
                    </button>
                  )}
                </td>
                <td>
                  {task.note}
                  {open && (
                    <CompleteForm
                      task={task}
                      onDone={(note) =>
                        act(async () =>
                          ok(
                            await api.POST('/api/requests/{id}/tasks/{taskId}/complete', {
                              ...path(task),
                              body: { note, outcome: 'done' },
                            }),
                          ),
                        )
                      }
                    />
                  )}
                </td>
              </tr>
            );
          })}
        </DataTable>
      )}
    </section>
  );
}

function CompleteForm({ task, onDone }: { task: Task; onDone(note: string): Promise<void> }) {
  const { t } = useI18n();
  const [note, setNote] = useState('');
  return (
    <form
      className="inline"
      onSubmit={(e) => {
        e.preventDefault();
        if (note.trim()) void onDone(note.trim());
      }}
    >
      <label>
        <span className="sr-only">{t('task.completeNote', { system: task.systemKey })}</span>
        <input value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
      </label>
      <button type="submit" disabled={!note.trim()}>
        {t('task.complete')}
      </button>
    </form>
  );
}
