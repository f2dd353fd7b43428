import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { api, setUnauthenticatedHandler } from './api/client';
import { canRead, PAGE_ORDER, PAGES, type PageId } from './capabilities';
import { useI18n } from './i18n/i18n';
import { LanguageSwitch } from './LanguageSwitch';
import { Login } from './pages/Login';
import { linkTo, navigate, usePath } from './router';
import { type Me, SessionContext } from './session';

// One chunk per page: the first load carries the shell and the sign-in form only.
const pages: Record<PageId, React.LazyExoticComponent<(props: { path: string[] }) => React.JSX.Element>> = {
  dashboard: lazy(() => import('./pages/Dashboard')),
  register: lazy(() => import('./pages/register/RegisterPage')),
  notices: lazy(() => import('./pages/Notices')),
  requests: lazy(() => import('./pages/Requests')),
  consent: lazy(() => import('./pages/Consent')),
  retention: lazy(() => import('./pages/Retention')),
  anonymize: lazy(() => import('./pages/Anonymize')),
  discovery: lazy(() => import('./pages/Discovery')),
  audit: lazy(() => import('./pages/Audit')),
  accounts: lazy(() => import('./pages/Accounts')),
};

type Session = { state: 'checking' } | { state: 'signed-out' } | { state: 'signed-in'; me: Me };

export function App() {
  const { t } = useI18n();
  const [session, setSession] = useState<Session>({ state: 'checking' });
  const path = usePath();

  const check = useCallback(async () => {
    const { data } = await api.GET('/api/auth/me');
    setSession(data ? { state: 'signed-in', me: data } : { state: 'signed-out' });
  }, []);
  useEffect(() => {
    setUnauthenticatedHandler(() => setSession({ state: 'signed-out' }));
    void check();
  }, [check]);

  if (session.state === 'checking') return <p aria-busy="true">{t('loading')}</p>;
  if (session.state === 'signed-out')
    return <Login onSignedIn={(me) => setSession({ state: 'signed-in', me })} />;
  return (
    <SessionContext.Provider value={session.me}>
      <Shell me={session.me} path={path} onSignedOut={() => setSession({ state: 'signed-out' })} />
    </SessionContext.Provider>
  );
}

function Shell({ me, path, onSignedOut }: { me: Me; path: string[]; onSignedOut(): void }) {
  const { t } = useI18n();
  const [menuOpen, setMenuOpen] = useState(false);
  const mainRef = useRef<HTMLElement>(null);
  const visible = PAGE_ORDER.filter((p) => canRead(me.roles, p));
  const requested = (path[0] ?? 'dashboard') as PageId;
  const known = requested in PAGES;
  const pageId: PageId | undefined = known && canRead(me.roles, requested) ? requested : undefined;
  const Page = pageId ? pages[pageId] : undefined;
  const readOnly = me.roles.every((r) => r === 'auditor');

  // Moving to another page puts keyboard and screen-reader focus on its heading area.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the page change is the trigger, not an input.
  useEffect(() => {
    setMenuOpen(false);
    mainRef.current?.focus();
  }, [pageId]);

  const signOut = async () => {
    await api.POST('/api/auth/logout');
    onSignedOut();
    navigate('');
  };

  return (
    <div className="shell">
      <a className="skip" href="#main">
        {t('skipToContent')}
      </a>
      <header className="topbar">
        <div className="brand">
          <span className="logo" aria-hidden="true">
            守
          </span>
          <span>
            {t('appName')} <small>{t('appSubtitle')}</small>
          </span>
        </div>
        <button
          type="button"
          className="menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="main-nav"
          onClick={() => setMenuOpen((o) => !o)}
        >
          {t('menu')}
        </button>
        <div className="userbar">
          <LanguageSwitch />
          <span className="who">
            {t('signedInAs', { name: me.displayName })}
            {readOnly && <span className="badge">{t('readOnly')}</span>}
          </span>
          <button type="button" onClick={signOut}>
            {t('signOut')}
          </button>
        </div>
      </header>
      <nav id="main-nav" className={menuOpen ? 'nav open' : 'nav'} aria-label={t('mainNav')}>
        <ul>
          {visible.map((p) => (
            <li key={p}>
              <a {...linkTo(p === 'dashboard' ? '' : p)} aria-current={p === pageId ? 'page' : undefined}>
                {t(PAGES[p].label)}
              </a>
            </li>
          ))}
        </ul>
        <p className="roles">
          {t('roles')}: {me.roles.map((r) => t(`role.${r}`)).join('、')}
        </p>
      </nav>
      <main id="main" ref={mainRef} tabIndex={-1}>
        {Page ? (
          <Suspense fallback={<p aria-busy="true">{t('loading')}</p>}>
            <Page path={path.slice(1)} />
          </Suspense>
        ) : (
          <>
            <h1>{t('page.notFound')}</h1>
            <p>{t('notFoundBody')}</p>
          </>
        )}
      </main>
    </div>
  );
}
