import { type FormEvent, useState } from 'react';
import { type ApiProblem, api, problemOf } from '../api/client';
import { ErrorMessage, Notice } from '../components/common';
import { useI18n } from '../i18n/i18n';
import { LanguageSwitch } from '../LanguageSwitch';
import type { Me } from '../session';

export function Login({ onSignedIn }: { onSignedIn(me: Me): void }) {
  const { t } = useI18n();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(undefined);
    const signIn = await api.POST('/api/auth/login', { body: { login, password } });
    if (signIn.error || !signIn.response.ok) {
      setProblem(problemOf(signIn.error, signIn.response));
      setBusy(false);
      return;
    }
    const me = await api.GET('/api/auth/me');
    setBusy(false);
    if (me.data) onSignedIn(me.data);
    else setProblem(problemOf(me.error, me.response));
  };

  return (
    <main className="login" id="main">
      <div className="login-card">
        <p className="brand">
          <span className="logo" aria-hidden="true">
            守
          </span>{' '}
          {t('appName')} <small>{t('appSubtitle')}</small>
        </p>
        <h1>{t('signInTitle')}</h1>
        <form onSubmit={submit}>
          <label>
            {t('login')}
            <input
              autoComplete="username"
              required
              value={login}
              onChange={(e) => setLogin(e.target.value)}
            />
          </label>
          <label>
            {t('password')}
            <input
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </label>
          {problem && <ErrorMessage problem={problem} />}
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('signingIn') : t('signIn')}
          </button>
        </form>
        <FirstStart />
        <LanguageSwitch />
      </div>
    </main>
  );
}

/** First start: the administrator's password is set with the one-time token `mamori serve` printed. */
function FirstStart() {
  const { t } = useI18n();
  const [token, setToken] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<ApiProblem>();
  const [done, setDone] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(undefined);
    const result = await api.POST('/api/auth/setup', { body: { token: token.trim(), password } });
    if (result.error || !result.response.ok) setProblem(problemOf(result.error, result.response));
    else setDone(true);
  };
  return (
    <details className="first-start">
      <summary>{t('setup.title')}</summary>
      <p>{t('setup.body')}</p>
      <form onSubmit={submit}>
        <label>
          {t('setup.token')}
          <input autoComplete="off" value={token} onChange={(e) => setToken(e.target.value)} />
        </label>
        <label>
          {t('setup.password')}
          <input
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {problem && <ErrorMessage problem={problem} />}
        {done && <Notice>{t('setup.done')}</Notice>}
        <button type="submit">{t('setup.submit')}</button>
      </form>
    </details>
  );
}
