import { useState } from 'react';
import { type ApiProblem, api, ok } from '../../api/client';
import { ErrorMessage, toProblem } from '../../components/common';
import { useI18n } from '../../i18n/i18n';
import type { RequestDetailData } from './Detail';

/** Identity by knowledge (001 seed): phone and birth date checked against what the engine finds for the e-mail. */
export function Knowledge({ r, onChanged }: { r: RequestDetailData; onChanged(): void }) {
  const { t } = useI18n();
  const [phone, setPhone] = useState('');
  const [birthDate, setBirthDate] = useState('');
  const [problem, setProblem] = useState<ApiProblem>();
  const [failed, setFailed] = useState(false);
  return (
    <form
      className="inline"
      aria-labelledby="req-knowledge"
      onSubmit={async (e) => {
        e.preventDefault();
        setProblem(undefined);
        setFailed(false);
        try {
          const result = ok(
            await api.POST('/api/requests/{id}/knowledge', {
              params: { path: { id: r.id } },
              body: { ...(phone.trim() && { phone: phone.trim() }), ...(birthDate && { birthDate }) },
            }),
          );
          if (result.ok) onChanged();
          else setFailed(true);
        } catch (error) {
          setProblem(toProblem(error));
        }
      }}
    >
      <h3 id="req-knowledge">{t('req.knowledge')}</h3>
      {problem && <ErrorMessage problem={problem} />}
      {failed && (
        <p className="alert error" role="alert">
          {t('req.knowledgeFailed')}
        </p>
      )}
      <label>
        {t('req.phone')}
        <input value={phone} maxLength={40} autoComplete="off" onChange={(e) => setPhone(e.target.value)} />
      </label>
      <label>
        {t('req.birthDate')}
        <input type="date" value={birthDate} onChange={(e) => setBirthDate(e.target.value)} />
      </label>
      <button type="submit" disabled={!phone.trim() && !birthDate}>
        {t('req.check')}
      </button>
    </form>
  );
}
