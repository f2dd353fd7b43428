import { api, ok } from '../api/client';
import { canWrite } from '../capabilities';
import { Show, useLoad } from '../components/common';
import { useI18n } from '../i18n/i18n';
import { useMe } from '../session';
import DryRun from './retention/DryRun';
import DueChart from './retention/DueChart';
import ErasureCertificates from './retention/ErasureCertificates';
import Holds from './retention/Holds';
import Settings from './retention/Settings';
import Sweeps from './retention/Sweeps';

/**
 * Retention (issue 9): what comes due per rule, the holds that keep data back, the dry run, sweeps waiting
 * for a privacy officer, past sweeps with their certificates, and the approval settings.
 */
export default function Retention() {
  const { t } = useI18n();
  const me = useMe();
  const writer = canWrite(me.roles, 'retention');
  // The API lets only a privacy officer approve (retention.routes.ts), not an administrator.
  const approver = me.roles.includes('privacy_officer');
  const due = useLoad(async () => ok(await api.GET('/api/retention/due', { params: { query: {} } })), []);
  return (
    <>
      <h1>{t('page.retention')}</h1>
      <section aria-labelledby="ret-due">
        <h2 id="ret-due">{t('ret.due')}</h2>
        <Show loaded={due}>{(d) => <DueChart rules={d.rules} />}</Show>
      </section>
      <Holds writer={writer} onChange={due.reload} />
      {writer && <DryRun />}
      <Sweeps writer={writer} approver={approver} onChange={due.reload} />
      <ErasureCertificates />
      <Settings writer={writer} />
    </>
  );
}
