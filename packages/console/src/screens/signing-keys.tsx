import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { unwrap, useApi, type SigningKey } from '../api';
import { ConfirmButton, ErrorAlert, Loading, PageHeader, RelativeTime } from '../ui/components';

const GROUPS: { state: SigningKey['state']; title: string; explains: string; empty: string }[] = [
  { state: 'active', title: 'Active', explains: 'Signs every token Keyward issues now, for every organization.', empty: 'No active key.' },
  {
    state: 'next',
    title: 'Next',
    explains: 'Already published in /oauth/jwks, so verifiers know it before it signs; the next rotation makes it active.',
    empty: 'No next key.',
  },
  {
    state: 'retired',
    title: 'Retired',
    explains: 'Signs no more; stays published until its last tokens have expired, so they still verify. Then it is deleted.',
    empty: 'No retired key is still published.',
  },
];

export function SigningKeys() {
  const api = useApi();
  const queries = useQueryClient();
  const [rotated, setRotated] = useState<{ activeKey: string; retiredKey: string } | null>(null);
  const keys = useQuery({ queryKey: ['signingKeys'], queryFn: () => unwrap(api.GET('/v1/signingKeys')) });
  const active = keys.data?.signingKeys.find((k) => k.state === 'active');
  const next = keys.data?.signingKeys.find((k) => k.state === 'next');

  return (
    <>
      <PageHeader title="Signing keys">
        <ConfirmButton
          label="Rotate"
          title="Rotate the signing keys?"
          description={
            <>
              <p>Rotation changes the key that signs every organization’s tokens:</p>
              <ul>
                <li>
                  The next key{next ? <> (<code>{next.kid}</code>)</> : null} becomes active and signs every token from now on. It is already published, so verifiers
                  that cache the key set accept its tokens at once.
                </li>
                <li>
                  The active key{active ? <> (<code>{active.kid}</code>)</> : null} is retired: it signs no more, but stays published until the longest-lived token it
                  signed has expired (the maximum token lifetime plus 5 minutes), so tokens already issued keep working.
                </li>
                <li>A new next key is created and published. Retired keys whose time is up are deleted.</li>
              </ul>
              <p>No token is revoked. It needs the super-admin permission, and is recorded in the audit log as signing_key.rotated.</p>
            </>
          }
          confirmLabel="Rotate keys"
          danger={false}
          onConfirm={async () => {
            const result = await unwrap(api.POST('/v1/signingKeys:rotate'));
            setRotated({ activeKey: result.activeKey, retiredKey: result.retiredKey });
            await queries.invalidateQueries({ queryKey: ['signingKeys'] });
          }}
        />
      </PageHeader>
      <p className="muted">
        The keys Keyward signs access tokens with. Resource servers verify tokens with the public keys at <code>/oauth/jwks</code>; a private key never leaves Keyward.
      </p>
      {rotated ? (
        <div className="alert alert-info" role="status">
          Rotated: <code>{rotated.activeKey}</code> signs from now on, and <code>{rotated.retiredKey}</code> is retired.
        </div>
      ) : null}
      <ErrorAlert error={keys.error} />
      {keys.isPending ? <Loading what="signing keys" /> : null}
      {keys.data
        ? GROUPS.map((group) => <KeyGroup key={group.state} {...group} keys={keys.data.signingKeys.filter((k) => k.state === group.state)} />)
        : null}
    </>
  );
}

function KeyGroup({ state, title, explains, empty, keys }: { state: string; title: string; explains: string; empty: string; keys: SigningKey[] }) {
  const headingId = `keys-${state}`;
  return (
    <section className="card" aria-labelledby={headingId} data-testid={`keys-${state}`}>
      <h2 id={headingId}>
        {title} <span className="badge">{keys.length}</span>
      </h2>
      <p className="muted">{explains}</p>
      {keys.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <div className="table">
          <table>
            <thead>
              <tr>
                <th scope="col">Key id</th>
                <th scope="col">Algorithm</th>
                <th scope="col">Created</th>
                <th scope="col">Signing since</th>
                <th scope="col">Published until</th>
              </tr>
            </thead>
            <tbody>
              {keys.map((key) => (
                <tr key={key.kid}>
                  <td>
                    <code>{key.kid}</code>
                  </td>
                  <td>{key.alg}</td>
                  <td>
                    <RelativeTime time={key.createTime} />
                  </td>
                  <td>
                    <RelativeTime time={key.activateTime} empty={state === 'next' ? 'not yet' : '—'} />
                  </td>
                  <td>
                    <RelativeTime time={key.expireTime} empty="while not retired" />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
