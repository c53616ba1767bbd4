import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  authorizationHeaderFor,
  createHttpTokenFetcher,
  ReceiverAuthError,
  ReceiverTokenCache,
  tokenRequestFor,
  type FetchToken,
  type ReceiverAuthConfig,
  type TokenRequest,
} from '../../src/webhooks/receiver-auth.js';

const noFetch: FetchToken = async () => {
  throw new Error('no token request expected');
};

async function authError(promise: Promise<unknown>): Promise<ReceiverAuthError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ReceiverAuthError, `expected ReceiverAuthError, got ${String(error)}`);
    assert.equal(error.retryable, true);
    return error;
  }
  assert.fail('expected a ReceiverAuthError');
}

describe('authorizationHeaderFor with static credentials', () => {
  it('sends nothing for NONE', async () => {
    assert.equal(await authorizationHeaderFor({ id: 'wh_1', auth_type: 'NONE' }, { fetchToken: noFetch }), null);
  });

  it('sends the bearer token from secrets.bearer_token, or secrets.token', async () => {
    const fromBearer = { id: 'wh_1', auth_type: 'BEARER', secrets: { bearer_token: 'abc.DEF-123', token: 'other' } } as const;
    assert.equal(await authorizationHeaderFor(fromBearer, { fetchToken: noFetch }), 'Bearer abc.DEF-123');
    const fromToken = { id: 'wh_1', auth_type: 'BEARER', secrets: { token: 'tkn_9' } } as const;
    assert.equal(await authorizationHeaderFor(fromToken, { fetchToken: noFetch }), 'Bearer tkn_9');
  });

  it('refuses a missing bearer token or one that would break the header', async () => {
    const missing = await authError(authorizationHeaderFor({ id: 'wh_1', auth_type: 'BEARER', secrets: {} }, { fetchToken: noFetch }));
    assert.equal(missing.reason, 'misconfigured');
    assert.match(missing.message, /secrets\.bearer_token/);
    const injected = await authError(
      authorizationHeaderFor({ id: 'wh_1', auth_type: 'BEARER', secrets: { token: 'a\r\nX-Evil: 1' } }, { fetchToken: noFetch }),
    );
    assert.match(injected.message, /not allowed in a header/);
  });

  it('sends Basic credentials encoded as UTF-8', async () => {
    const webhook = { id: 'wh_1', auth_type: 'BASIC', secrets: { username: 'keyward', password: 'pä:ss' } } as const;
    const header = await authorizationHeaderFor(webhook, { fetchToken: noFetch });
    assert.equal(header, 'Basic a2V5d2FyZDpww6Q6c3M=');
    assert.equal(Buffer.from('a2V5d2FyZDpww6Q6c3M=', 'base64').toString('utf8'), 'keyward:pä:ss');
  });

  it('refuses Basic without both secrets or with a colon in the username', async () => {
    const missing = await authError(
      authorizationHeaderFor({ id: 'wh_1', auth_type: 'BASIC', secrets: { username: 'u' } }, { fetchToken: noFetch }),
    );
    assert.match(missing.message, /secrets\.username and secrets\.password/);
    const colon = await authError(
      authorizationHeaderFor({ id: 'wh_1', auth_type: 'BASIC', secrets: { username: 'a:b', password: 'p' } }, { fetchToken: noFetch }),
    );
    assert.match(colon.message, /must not contain ":"/);
  });
});

describe('tokenRequestFor', () => {
  it('builds a client_credentials form from the config and the client secret', () => {
    const request = tokenRequestFor({
      id: 'wh_1',
      auth_type: 'OAUTH2_CLIENT_CREDENTIALS',
      auth_url: 'https://idp.example.com/token',
      token_request_config: { grant_type: 'password', client_id: 'docpier-hooks', scope: 'hooks:write', client_secret: 'leaked' },
      secrets: { client_secret: 's3cret' },
    });
    assert.equal(request.url, 'https://idp.example.com/token');
    assert.equal(request.form.toString(), 'grant_type=client_credentials&client_id=docpier-hooks&scope=hooks%3Awrite&client_secret=s3cret');
  });

  it('refuses a webhook without auth_url', async () => {
    const error = await authError(
      authorizationHeaderFor({ id: 'wh_1', auth_type: 'OAUTH2_CLIENT_CREDENTIALS' }, { fetchToken: noFetch }),
    );
    assert.equal(error.reason, 'misconfigured');
    assert.match(error.message, /needs auth_url/);
  });
});

interface TokenCall {
  method: string;
  url: string;
  contentType: string | undefined;
  form: Record<string, string>;
}

describe('OAUTH2_CLIENT_CREDENTIALS against a local token server', () => {
  const calls: TokenCall[] = [];
  let reply: (res: http.ServerResponse, call: TokenCall) => void;
  let server: http.Server;
  let tokenUrl: string;
  let clock: number;
  const now = () => clock;

  before(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const call = {
          method: req.method ?? '',
          url: req.url ?? '',
          contentType: req.headers['content-type'],
          form: Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))),
        };
        calls.push(call);
        reply(res, call);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    tokenUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/oauth/token`;
  });

  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  beforeEach(() => {
    calls.length = 0;
    clock = 1_700_000_000_000;
    let issued = 0;
    reply = (res) => {
      issued += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ access_token: `tok-${issued}`, token_type: 'Bearer', expires_in: 300 }));
    };
  });

  const webhook = (overrides: Partial<ReceiverAuthConfig> = {}): ReceiverAuthConfig => ({
    id: 'wh_oauth',
    auth_type: 'OAUTH2_CLIENT_CREDENTIALS',
    auth_url: tokenUrl,
    token_request_config: { client_id: 'docpier-hooks', scope: 'hooks:write', audience: 'https://receiver.example' },
    secrets: { client_secret: 's3cret' },
    ...overrides,
  });
  const fetchToken = createHttpTokenFetcher({ allowPrivate: true, timeoutMs: 2000 });

  it('POSTs the form to auth_url and sends the access token as Bearer', async () => {
    const header = await authorizationHeaderFor(webhook(), { fetchToken, cache: new ReceiverTokenCache(), now });
    assert.equal(header, 'Bearer tok-1');
    assert.deepEqual(calls, [
      {
        method: 'POST',
        url: '/oauth/token',
        contentType: 'application/x-www-form-urlencoded',
        form: {
          grant_type: 'client_credentials',
          client_id: 'docpier-hooks',
          scope: 'hooks:write',
          audience: 'https://receiver.example',
          client_secret: 's3cret',
        },
      },
    ]);
  });

  it('reuses the token until shortly before expires_in runs out', async () => {
    const deps = { fetchToken, cache: new ReceiverTokenCache(), now };
    assert.equal(await authorizationHeaderFor(webhook(), deps), 'Bearer tok-1');
    clock += 269_000;
    assert.equal(await authorizationHeaderFor(webhook(), deps), 'Bearer tok-1');
    assert.equal(calls.length, 1);
    // expires_in 300 s, refreshed 30 s (10 %) early.
    clock += 1_000;
    assert.equal(await authorizationHeaderFor(webhook(), deps), 'Bearer tok-2');
    assert.equal(calls.length, 2);
  });

  it('keeps tokens per webhook and requests a new one when the auth settings change', async () => {
    const deps = { fetchToken, cache: new ReceiverTokenCache(), now };
    assert.equal(await authorizationHeaderFor(webhook(), deps), 'Bearer tok-1');
    assert.equal(await authorizationHeaderFor(webhook({ id: 'wh_other' }), deps), 'Bearer tok-2');
    assert.equal(await authorizationHeaderFor(webhook({ secrets: { client_secret: 'rotated' } }), deps), 'Bearer tok-3');
    assert.equal(calls[2].form.client_secret, 'rotated');
    assert.equal(await authorizationHeaderFor(webhook({ secrets: { client_secret: 'rotated' } }), deps), 'Bearer tok-3');
    assert.equal(calls.length, 3);
  });

  it('forgets the tokens of webhooks that stopped sending (deleted ones) once they are past refresh', async () => {
    const deps = { fetchToken, cache: new ReceiverTokenCache(), now };
    for (const id of ['wh_a', 'wh_b', 'wh_c']) await authorizationHeaderFor(webhook({ id }), deps);
    assert.equal(deps.cache.size, 3);
    clock += 200_000;
    await authorizationHeaderFor(webhook({ id: 'wh_d' }), deps);
    assert.equal(deps.cache.size, 4, 'tokens still usable are kept');
    clock += 100_000;
    await authorizationHeaderFor(webhook({ id: 'wh_e' }), deps);
    assert.equal(deps.cache.size, 2, 'only wh_d and wh_e hold tokens still worth sending');
  });

  it('shares one token request between concurrent deliveries', async () => {
    const deps = { fetchToken, cache: new ReceiverTokenCache(), now };
    const headers = await Promise.all([1, 2, 3].map(() => authorizationHeaderFor(webhook(), deps)));
    assert.deepEqual(headers, ['Bearer tok-1', 'Bearer tok-1', 'Bearer tok-1']);
    assert.equal(calls.length, 1);
  });

  it('requests a new token after invalidate (the receiver answered 401)', async () => {
    const deps = { fetchToken, cache: new ReceiverTokenCache(), now };
    await authorizationHeaderFor(webhook(), deps);
    deps.cache.invalidate('wh_oauth');
    assert.equal(await authorizationHeaderFor(webhook(), deps), 'Bearer tok-2');
  });

  it('caches a token without expires_in for under a minute', async () => {
    let issued = 0;
    reply = (res) => {
      issued += 1;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ access_token: `plain-${issued}` }));
    };
    const deps = { fetchToken, cache: new ReceiverTokenCache(), now };
    assert.equal(await authorizationHeaderFor(webhook(), deps), 'Bearer plain-1');
    clock += 53_000;
    assert.equal(await authorizationHeaderFor(webhook(), deps), 'Bearer plain-1');
    clock += 2_000;
    assert.equal(await authorizationHeaderFor(webhook(), deps), 'Bearer plain-2');
  });

  it('turns a token error into a retryable failure naming the OAuth error code, and caches nothing', async () => {
    reply = (res) => {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'invalid_client', error_description: 'bad secret s3cret' }));
    };
    const deps = { fetchToken, cache: new ReceiverTokenCache(), now };
    const error = await authError(authorizationHeaderFor(webhook(), deps));
    assert.equal(error.reason, 'token_request_failed');
    assert.equal(error.message, 'could not obtain an access token from auth_url: the token endpoint answered 401 (invalid_client)');
    await authError(authorizationHeaderFor(webhook(), deps));
    assert.equal(calls.length, 2);
  });

  it('refuses responses without an access token or with a non-Bearer token type', async () => {
    reply = (res) => res.writeHead(200).end(JSON.stringify({ token_type: 'Bearer' }));
    const missing = await authError(authorizationHeaderFor(webhook(), { fetchToken, cache: new ReceiverTokenCache(), now }));
    assert.match(missing.message, /no access_token/);
    reply = (res) => res.writeHead(200).end(JSON.stringify({ access_token: 'x', token_type: 'DPoP' }));
    const dpop = await authError(authorizationHeaderFor(webhook(), { fetchToken, cache: new ReceiverTokenCache(), now }));
    assert.match(dpop.message, /not Bearer/);
    reply = (res) => res.writeHead(200).end('<html>login</html>');
    const html = await authError(authorizationHeaderFor(webhook(), { fetchToken, cache: new ReceiverTokenCache(), now }));
    assert.match(html.message, /not answer with a JSON object/);
  });

  it('does not follow a redirect from the token endpoint', async () => {
    reply = (res) => res.writeHead(302, { location: 'http://169.254.169.254/' }).end();
    const error = await authError(authorizationHeaderFor(webhook(), { fetchToken, cache: new ReceiverTokenCache(), now }));
    assert.match(error.message, /answered 302$/);
    assert.equal(calls.length, 1);
  });

  it('applies the SSRF guard to auth_url', async () => {
    const guarded = createHttpTokenFetcher({ allowPrivate: false, timeoutMs: 2000 });
    const error = await authError(authorizationHeaderFor(webhook(), { fetchToken: guarded, cache: new ReceiverTokenCache(), now }));
    assert.equal(error.reason, 'token_request_failed');
    assert.match(error.message, /ssrf_refused: refusing webhook host 127\.0\.0\.1: 127\.0\.0\.1 is not a public address \(loopback\)/);
    assert.equal(calls.length, 0);
  });

  it('wraps errors from an injected fetcher and refuses tokens that would break the header', async () => {
    const seen: TokenRequest[] = [];
    const throwing: FetchToken = async (request) => {
      seen.push(request);
      throw new Error('socket hang up');
    };
    const error = await authError(authorizationHeaderFor(webhook(), { fetchToken: throwing, cache: new ReceiverTokenCache(), now }));
    assert.equal(error.message, 'could not obtain an access token from auth_url: socket hang up');
    assert.equal(seen[0].url, tokenUrl);

    const badToken: FetchToken = async () => ({ accessToken: 'a b', expiresInSeconds: 60 });
    const bad = await authError(authorizationHeaderFor(webhook(), { fetchToken: badToken, cache: new ReceiverTokenCache(), now }));
    assert.match(bad.message, /not allowed in a header/);
  });
});
