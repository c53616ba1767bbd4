import { useId, useState, type FormEvent } from 'react';
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
