import { type FormEvent, useId, useState } from 'react';
import { type ApiProblem, api, ok, problemOf } from '../api/client';
import { canCreateTokens, isAdmin, type Role } from '../capabilities';
import { DataTable, ErrorMessage, Notice, Show, useLoad } from '../components/common';
import { useI18n } from '../i18n/i18n';
import { useMe } from '../session';

const ROLES: readonly Role[] = ['admin', 'privacy_officer', 'handler', 'auditor', 'engineer'];

export default function Accounts() {
  const { t } = useI18n();
  const me = useMe();
  return (
    <>
      <h1>{t('page.accounts')}</h1>
      {isAdmin(me.roles) && <Users />}
      <Tokens />
      <Sessions />
    </>
  );
}

function useAction() {
  const [problem, setProblem] = useState<ApiProblem>();
  const [done, setDone] = useState<string>();
  const run = async (
    action: () => Promise<{ error?: unknown; response: Response }>,
    message?: string,
  ): Promise<boolean> => {
    setProblem(undefined);
    setDone(undefined);
    const result = await action();
    if (result.error !== undefined || !result.response.ok) {
      setProblem(problemOf(result.error, result.response));
      return false;
    }
    if (message) setDone(message);
    return true;
  };
  const status = (
    <div aria-live="polite">
      {problem && <ErrorMessage problem={problem} />}
      {done && <Notice>{done}</Notice>}
    </div>
  );
  return { run, status };
}

function RolePicker({
  value,
  onChange,
  allowed,
}: {
  value: Role[];
  onChange(r: Role[]): void;
  allowed: readonly Role[];
}) {
  const { t } = useI18n();
  return (
    <>
      {allowed.map((r) => (
        <label key={r} className="check">
          <input
            type="checkbox"
            checked={value.includes(r)}
            onChange={(e) => onChange(e.target.checked ? [...value, r] : value.filter((x) => x !== r))}
          />
          {t(`role.${r}`)}
        </label>
      ))}
    </>
  );
}

function Users() {
  const { t, dateTime } = useI18n();
  const id = useId();
  const users = useLoad(async () => ok(await api.GET('/api/users')), []);
  const { run, status } = useAction();
  const [form, setForm] = useState({
    login: '',
    displayName: '',
    email: '',
    password: '',
    roles: [] as Role[],
  });
  const create = async (e: FormEvent) => {
    e.preventDefault();
    const created = await run(
      () =>
        api.POST('/api/users', {
          body: {
            login: form.login,
            displayName: form.displayName,
            roles: form.roles,
            password: form.password,
            ...(form.email && { email: form.email }),
          },
        }),
      t('acc.userCreated', { login: form.login }),
    );
    if (created) {
      setForm({ login: '', displayName: '', email: '', password: '', roles: [] });
      users.reload();
    }
  };
  const setDisabled = async (userId: string, disabled: boolean) => {
    if (
      await run(() => api.PATCH('/api/users/{id}', { params: { path: { id: userId } }, body: { disabled } }))
    )
      users.reload();
  };
  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('acc.users')}</h2>
      {status}
      <Show loaded={users}>
        {(list) => (
          <DataTable
            headers={[
              t('login'),
              t('acc.displayName'),
              t('roles'),
              t('acc.language'),
              t('acc.created'),
              t('acc.state'),
            ]}
          >
            {list.map((u) => (
              <tr key={u.id}>
                <td>
                  <code>{u.login}</code>
                </td>
                <td>{u.displayName}</td>
                <td>{u.roles.map((r) => t(`role.${r}`)).join('、')}</td>
                <td>{u.language}</td>
                <td>{dateTime(u.createdAt)}</td>
                <td>
                  {u.disabled ? t('acc.disabled') : t('acc.enabled')}{' '}
                  <button type="button" className="link" onClick={() => void setDisabled(u.id, !u.disabled)}>
                    {u.disabled ? t('acc.enable') : t('acc.disable')}
                    <span className="sr-only"> ({u.login})</span>
                  </button>
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </Show>
      <form className="card stack" onSubmit={create} aria-label={t('acc.createUser')}>
        <h3>{t('acc.createUser')}</h3>
        <label>
          {t('login')}
          <input value={form.login} onChange={(e) => setForm({ ...form, login: e.target.value })} />
        </label>
        <label>
          {t('acc.displayName')}
          <input
            value={form.displayName}
            onChange={(e) => setForm({ ...form, displayName: e.target.value })}
          />
        </label>
        <label>
          {t('acc.email')}
          <input
            type="email"
            value={form.email}
            onChange={(e) => setForm({ ...form, email: e.target.value })}
          />
        </label>
        <label>
          {t('password')}
          <input
            type="password"
            autoComplete="new-password"
            value={form.password}
            onChange={(e) => setForm({ ...form, password: e.target.value })}
          />
        </label>
        <fieldset>
          <legend>{t('roles')}</legend>
          <RolePicker value={form.roles} onChange={(roles) => setForm({ ...form, roles })} allowed={ROLES} />
        </fieldset>
        <button type="submit" className="primary">
          {t('acc.createUser')}
        </button>
      </form>
    </section>
  );
}

function Tokens() {
  const { t, dateTime } = useI18n();
  const me = useMe();
  const id = useId();
  const admin = isAdmin(me.roles);
  const tokens = useLoad(
    async () => ok(await api.GET('/api/tokens', { params: { query: { all: String(admin) } } })),
    [admin],
  );
  const { run, status } = useAction();
  const [name, setName] = useState('');
  const [roles, setRoles] = useState<Role[]>([]);
  const [days, setDays] = useState('');
  const [shown, setShown] = useState<string>();
  const create = async (e: FormEvent) => {
    e.preventDefault();
    setShown(undefined);
    const result = await api.POST('/api/tokens', {
      body: { name, roles, ...(days && { expiresInDays: Number(days) }) },
    });
    if (await run(async () => result)) {
      setShown(result.data?.token);
      setName('');
      tokens.reload();
    }
  };
  const revoke = async (tokenId: string) => {
    if (await run(() => api.DELETE('/api/tokens/{id}', { params: { path: { id: tokenId } } })))
      tokens.reload();
  };
  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('acc.tokens')}</h2>
      {status}
      {shown && (
        <div className="alert ok" role="status">
          <p>{t('acc.tokenShownOnce')}</p>
          <label>
            {t('acc.newToken')}
            <input readOnly value={shown} className="token" onFocus={(e) => e.target.select()} />
          </label>
        </div>
      )}
      <Show loaded={tokens}>
        {(list) =>
          list.length === 0 ? (
            <p>{t('acc.noTokens')}</p>
          ) : (
            <DataTable
              headers={[
                t('acc.tokenName'),
                t('acc.prefix'),
                t('roles'),
                t('acc.created'),
                t('acc.expires'),
                t('acc.lastUsed'),
                t('acc.state'),
              ]}
            >
              {list.map((tok) => (
                <tr key={tok.id}>
                  <td>{tok.name}</td>
                  <td>
                    <code>{tok.prefix}…</code>
                  </td>
                  <td>{tok.roles.map((r) => t(`role.${r}`)).join('、')}</td>
                  <td>{dateTime(tok.createdAt)}</td>
                  <td>{tok.expiresAt ? dateTime(tok.expiresAt) : t('acc.never')}</td>
                  <td>{tok.lastUsedAt ? dateTime(tok.lastUsedAt) : t('acc.never')}</td>
                  <td>
                    {tok.revoked ? (
                      t('acc.revoked')
                    ) : (
                      <>
                        {t('acc.active')}{' '}
                        <button type="button" className="link" onClick={() => void revoke(tok.id)}>
                          {t('acc.revoke')}
                          <span className="sr-only"> ({tok.name})</span>
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </DataTable>
          )
        }
      </Show>
      {canCreateTokens(me.roles) && (
        <form className="card stack" onSubmit={create} aria-label={t('acc.createToken')}>
          <h3>{t('acc.createToken')}</h3>
          <label>
            {t('acc.tokenName')}
            <input value={name} onChange={(e) => setName(e.target.value)} />
          </label>
          <fieldset>
            <legend>{t('acc.tokenRoles')}</legend>
            <RolePicker value={roles} onChange={setRoles} allowed={me.roles} />
          </fieldset>
          <label>
            {t('acc.expiresInDays')}
            <input type="number" min={1} value={days} onChange={(e) => setDays(e.target.value)} />
          </label>
          <button type="submit" className="primary">
            {t('acc.createToken')}
          </button>
        </form>
      )}
    </section>
  );
}

function Sessions() {
  const { t, dateTime } = useI18n();
  const me = useMe();
  const id = useId();
  const admin = isAdmin(me.roles);
  const sessions = useLoad(
    async () => ok(await api.GET('/api/sessions', { params: { query: { all: String(admin) } } })),
    [admin],
  );
  const { run, status } = useAction();
  const end = async (sessionId: string) => {
    if (await run(() => api.DELETE('/api/sessions/{id}', { params: { path: { id: sessionId } } })))
      sessions.reload();
  };
  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('acc.sessions')}</h2>
      {status}
      <Show loaded={sessions}>
        {(list) => (
          <DataTable
            headers={[
              t('acc.created'),
              t('acc.lastSeen'),
              t('acc.expires'),
              t('acc.userAgent'),
              t('acc.state'),
            ]}
          >
            {list.map((s) => (
              <tr key={s.id}>
                <td>{dateTime(s.createdAt)}</td>
                <td>{dateTime(s.lastSeenAt)}</td>
                <td>{dateTime(s.expiresAt)}</td>
                <td className="ua">{s.userAgent ?? '—'}</td>
                <td>
                  {s.current ? (
                    t('acc.current')
                  ) : (
                    <button type="button" className="link" onClick={() => void end(s.id)}>
                      {t('acc.endSession')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </Show>
    </section>
  );
}
