import { useI18n } from '../i18n/i18n';
import { type DiffLine, sideBySide } from '../lib/diff';

const mark = { insert: '+', delete: '−', equal: ' ' } as const;
const spoken = { insert: 'notice.status.added', delete: 'notice.status.removed' } as const;

/** Two columns, before and after; changed lines are marked by a sign as well as by colour. */
export function SideBySide({ lines, caption }: { lines: readonly DiffLine[]; caption: string }) {
  const { t } = useI18n();
  return (
    <div className="table-wrap">
      <table className="diff">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('notice.before')}</th>
            <th scope="col">{t('notice.after')}</th>
          </tr>
        </thead>
        <tbody>
          {sideBySide(lines).map((row, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional and never reordered.
            <tr key={i}>
              <td className={row.left ? row.left.op : 'empty'}>
                {row.left && (
                  <>
                    <span className="sign" aria-hidden="true">
                      {mark[row.left.op]}
                    </span>
                    {row.left.op !== 'equal' && <span className="sr-only">{t(spoken[row.left.op])}: </span>}
                    {row.left.text}
                  </>
                )}
              </td>
              <td className={row.right ? row.right.op : 'empty'}>
                {row.right && (
                  <>
                    <span className="sign" aria-hidden="true">
                      {mark[row.right.op]}
                    </span>
                    {row.right.op !== 'equal' && <span className="sr-only">{t(spoken[row.right.op])}: </span>}
                    {row.right.text}
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
