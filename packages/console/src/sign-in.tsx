import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useLocation } from 'wouter';
import { completeProviderSignIn, listSignInProviders, startProviderSignIn, type SignInProvider } from './provider-sign-in';
import { signInWithSecret, storeSession, type Session } from './session';

export function SignIn({ notice, onSignedIn }: { notice: string | null; onSignedIn: (session: Session) => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const session = await signInWithSecret(String(form.get('clientId') ?? '').trim(), String(form.get('clientSecret') ?? ''));
      storeSession(session);
      onSignedIn(session);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="sign-in" id="main">
      <form className="card sign-in-card" onSubmit={submit} aria-labelledby={`${id}-title`}>
        <div className="brand sign-in-brand">
          <span aria-hidden="true" className="brand-mark">
            K
          </span>
          Keyward
        </div>
        <h1 id={`${id}-title`}>Sign in to the console</h1>
        <p className="muted">With the id and secret of an API client that holds admin permissions (for example the bootstrap client).</p>
        {notice ? (
          <div className="alert alert-info" role="status" data-testid="sign-in-notice">
            {notice}
          </div>
        ) : null}
        {error ? (
          <div className="alert alert-error" role="alert">
            {error}
          </div>
        ) : null}
        <ProviderButtons onError={setError} />
        <label htmlFor={`${id}-client`}>Client ID</label>
        <input id={`${id}-client`} name="clientId" required autoComplete="username" spellCheck={false} autoFocus />
        <label htmlFor={`${id}-secret`}>Client secret</label>
        <input id={`${id}-secret`} name="clientSecret" type="password" required autoComplete="current-password" />
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        <p className="muted small">The token is kept in this tab only (sessionStorage) and ends when the tab closes.</p>
      </form>
    </main>
  );
}

/** "Sign in with …" for each provider that offers console sign-in; nothing when none does. */
function ProviderButtons({ onError }: { onError: (message: string | null) => void }) {
  const providers = useQuery({ queryKey: ['signInProviders'], queryFn: listSignInProviders, staleTime: 0 });
  const [leaving, setLeaving] = useState<string | null>(null);
  if (providers.error) {
    return <p className="muted small">Sign-in through an identity provider is unavailable: {providers.error.message}</p>;
  }
  const list = providers.data ?? [];
  if (list.length === 0) return null;
  async function start(provider: SignInProvider) {
    setLeaving(provider.name);
    onError(null);
    try {
      await startProviderSignIn(provider, list);
    } catch (e) {
      onError(e instanceof Error ? e.message : String(e));
      setLeaving(null);
    }
  }
  return (
    <div className="provider-sign-in">
      <ul className="provider-list" aria-label="Identity providers">
        {list.map((provider) => (
          <li key={provider.name}>
            <button type="button" className="button provider-button" disabled={leaving !== null} onClick={() => void start(provider)}>
              {leaving === provider.name ? `Going to ${provider.displayName}…` : `Sign in with ${provider.displayName}`}
            </button>
          </li>
        ))}
      </ul>
      <p className="divider" role="separator">
        or with an admin client
      </p>
    </div>
  );
}

/**
 * /console/callback: where the provider sends the browser back. It finishes the sign-in once (a
 * code is good for one exchange), replaces the address so the code leaves the history, and
 * either signs in or says what went wrong and how to go on.
 */
export function ProviderCallback({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const [error, setError] = useState<string | null>(null);
  const [, navigate] = useLocation();
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const params = new URLSearchParams(location.search);
    history.replaceState(null, '', '/console/callback');
    completeProviderSignIn(params).then(
      (session) => {
        storeSession(session);
        navigate('/', { replace: true });
        onSignedIn(session);
      },
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  }, [navigate, onSignedIn]);
  return (
    <main className="sign-in" id="main">
      <section className="card sign-in-card" aria-labelledby="callback-title">
        <h1 id="callback-title">{error ? 'Sign-in did not complete' : 'Signing you in…'}</h1>
        {error ? (
          <>
            <div className="alert alert-error" role="alert">
              {error}
            </div>
            <button type="button" className="button button-primary" onClick={() => navigate('/', { replace: true })}>
              Back to sign-in
            </button>
          </>
        ) : (
          <p className="muted" role="status">
            Checking the answer of the identity provider.
          </p>
        )}
      </section>
    </main>
  );
}
