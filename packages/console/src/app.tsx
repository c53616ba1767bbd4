import { useQueryClient } from '@tanstack/react-query';
import { Fragment, useCallback, useEffect, useMemo, useState } from 'react';
import { Link, Route, Router, Switch, useLocation } from 'wouter';
import { adminClientFor, ApiContext, type ConsoleContext } from './api';
import { ROUTES } from './routes';
import { forgetSession, loadSession, type Session } from './session';
import { ProviderCallback, SignIn } from './sign-in';

/** Seconds before expiry from which the console warns. */
const WARN_BEFORE_SECONDS = 120;

export function App() {
  const [session, setSession] = useState<Session | null>(() => loadSession());
  const [notice, setNotice] = useState<string | null>(null);
  const queries = useQueryClient();

  const signOut = useCallback(
    (message?: string) => {
      forgetSession();
      queries.clear();
      setNotice(message ?? null);
      setSession(null);
    },
    [queries],
  );

  const signIn = useCallback((next: Session) => {
    setNotice(null);
    setSession(next);
  }, []);

  return (
    <Router base="/console">
      {session ? (
        <SignedIn session={session} signOut={signOut} />
      ) : (
        <Switch>
          <Route path="/callback">
            <ProviderCallback onSignedIn={signIn} />
          </Route>
          <Route>
            <SignIn notice={notice} onSignedIn={signIn} />
          </Route>
        </Switch>
      )}
    </Router>
  );
}

function SignedIn({ session, signOut }: { session: Session; signOut: (message?: string) => void }) {
  const remaining = useSecondsUntil(session.expiresAt);
  const context = useMemo<ConsoleContext>(() => ({ session, signOut, api: adminClientFor(session, signOut) }), [session, signOut]);

  useEffect(() => {
    if (remaining <= 0) signOut(`Your session expired at ${new Date(session.expiresAt).toLocaleTimeString('en')}. Sign in again to go on.`);
  }, [remaining, session.expiresAt, signOut]);

  return (
    <ApiContext.Provider value={context}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <div className="shell">
        <Navigation />
        <div className="workspace">
          <header className="topbar">
            <span className="topbar-title">Keyward</span>
            <span className="principal">
              Signed in as <strong data-testid="principal">{session.principal}</strong>
            </span>
            <button type="button" className="button" onClick={() => signOut('You signed out.')}>
              Sign out
            </button>
          </header>
          {remaining > 0 && remaining <= WARN_BEFORE_SECONDS ? (
            <div className="alert alert-warning banner" role="alert" data-testid="expiry-warning">
              Your session ends in {formatSeconds(remaining)}. Finish what you are doing; then sign in again to go on.
            </div>
          ) : null}
          <main id="main" tabIndex={-1}>
            <Switch>
              {ROUTES.map(({ path, screen }) => (
                <Route key={path} path={path} component={screen} />
              ))}
              <Route>
                <NotFound />
              </Route>
            </Switch>
          </main>
        </div>
      </div>
    </ApiContext.Provider>
  );
}

function Navigation() {
  const [location] = useLocation();
  return (
    <nav className="sidebar" aria-label="Console">
      <Link href="/" className="brand">
        <span aria-hidden="true" className="brand-mark">
          K
        </span>
        Keyward
      </Link>
      <ul>
        {ROUTES.filter((r) => r.nav).map(({ path, nav, navGate: Gate = Fragment }) => {
          const current = path === '/' ? location === '/' : location === path || location.startsWith(`${path}/`);
          return (
            <Gate key={path}>
              <li>
                <Link href={path} aria-current={current ? 'page' : undefined} className={current ? 'nav-link active' : 'nav-link'}>
                  {nav}
                </Link>
              </li>
            </Gate>
          );
        })}
      </ul>
    </nav>
  );
}

function NotFound() {
  return (
    <section>
      <h1>Not found</h1>
      <p>
        This page does not exist in the console. <Link href="/">Go to the overview</Link>.
      </p>
    </section>
  );
}

function useSecondsUntil(time: number) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return Math.max(0, Math.ceil((time - now) / 1000));
}

function formatSeconds(seconds: number) {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return m > 0 ? `${m} min ${String(s).padStart(2, '0')} s` : `${s} s`;
}
