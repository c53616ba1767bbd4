import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { clientKey } from '../helpers/assertions.js';
import { bearerWith, createTenant, databases, type Harness, startHarness } from '../helpers/harness.js';

/**
 * /v1/apiClients/{id}/credentials and :rotateSecret by status code, for the three types (SECRET,
 * PUBLIC_KEY, FEDERATED). Credentials have no chosen ids and a client may hold several of each
 * type, so no request here can conflict (no 409). credentials.test.ts follows secrets through
 * their life (rotation overlaps, expiry, last use).
 */
for (const db of databases) {
  describe(`/v1/apiClients/{id}/credentials by status (${db.name})`, () => {
    let h: Harness;
    let asTenant: { authorization: string };
    const call = (method: string, url: string, body?: unknown) => h.call(method, url, body, asTenant);
    const tokenWith = (permissions: string[]) => bearerWith(h, asTenant, permissions);
    const newClient = async (displayName: string) => (await call('POST', '/v1/apiClients', { displayName })).body as { name: string; clientId: string; clientSecret: string };
    const credentialNames = async (client: string) => ((await call('GET', `/v1/${client}/credentials`)).body.credentials as { name: string }[]).map((c) => c.name).sort();
    let provider: string;

    before(async () => {
      h = await startHarness(undefined, { db, runtime: { webhooks: { autoStart: false }, credentialExpiry: { autoStart: false } } });
      asTenant = { authorization: `Bearer ${(await createTenant(h, 'Credentialed')).token}` };
      provider = (await call('POST', '/v1/providers', { displayName: 'CI', issuer: 'https://ci.example' })).body.name;
    });
    after(() => h.close());

    describe('200', () => {
      it('adds a SECRET (shown once), a PUBLIC_KEY and a FEDERATED credential; lists and gets them without secrets', async () => {
        const client = await newClient('three kinds');
        const secret = await call('POST', `/v1/${client.name}/credentials`, { displayName: 'second secret' });
        assert.equal(secret.status, 200, JSON.stringify(secret.body));
        assert.equal(secret.body.type, 'SECRET');
        assert.match(secret.body.secret, /^kw_/);
        const key = await clientKey();
        const publicKey = await call('POST', `/v1/${client.name}/credentials`, { type: 'PUBLIC_KEY', jwk: key.publicJwk });
        assert.equal(publicKey.status, 200, JSON.stringify(publicKey.body));
        assert.equal(publicKey.body.type, 'PUBLIC_KEY');
        assert.equal(publicKey.body.secret, undefined);
        const federated = await call('POST', `/v1/${client.name}/credentials`, { type: 'federated', provider, subject: 'repo:acme/app:ref:refs/heads/main' });
        assert.equal(federated.status, 200, JSON.stringify(federated.body));
        assert.equal(federated.body.type, 'FEDERATED');
        assert.equal(federated.body.provider, provider);

        const listed = (await call('GET', `/v1/${client.name}/credentials`)).body.credentials as { name: string; secret?: string }[];
        assert.equal(listed.length, 4, 'the first secret, and the three added');
        for (const c of listed) assert.equal(c.secret, undefined);
        assert.ok(!JSON.stringify(listed).includes(secret.body.secret));
        const got = await call('GET', `/v1/${secret.body.name}`);
        assert.equal(got.status, 200);
        assert.equal(got.body.secret, undefined);
        assert.equal(got.body.displayName, 'second secret');
      });

      it(':rotateSecret without a body issues a new secret and names the ones that will expire', async () => {
        const client = await newClient('rotated');
        const [first] = await credentialNames(client.name);
        const rotated = await h.inject({ method: 'POST', url: `/v1/${client.name}:rotateSecret`, headers: asTenant });
        assert.equal(rotated.statusCode, 200, rotated.body);
        const body = JSON.parse(rotated.body);
        assert.deepEqual(body.previousCredentials, [first]);
        assert.equal((await h.token(client.clientId, body.secret)).status, 200);
      });

      it('deletes a credential: {} and it no longer authenticates', async () => {
        const client = await newClient('revoked');
        const [only] = await credentialNames(client.name);
        const deleted = await call('DELETE', `/v1/${only}`);
        assert.equal(deleted.status, 200);
        assert.deepEqual(deleted.body, {});
        assert.deepEqual(await credentialNames(client.name), []);
        assert.equal((await h.token(client.clientId, client.clientSecret)).status, 401);
      });
    });

    describe('400', () => {
      it('refuses an unknown type, a field of another type, a misspelt field and bad values, naming the field, and adds nothing', async () => {
        const client = await newClient('strict');
        const before = await credentialNames(client.name);
        const key = await clientKey();
        for (const [body, field] of [
          [{ type: 'PASSWORD' }, 'type'],
          [{ type: 'SECRET', jwksUri: 'https://keys.example/jwks' }, 'body.jwksUri'],
          [{ type: 'PUBLIC_KEY', jwk: key.publicJwk, subject: 'x' }, 'body.subject'],
          [{ displayName: 'typo', expiretime: '2030-01-01T00:00:00Z' }, 'body.expiretime'],
          [{ expireTime: 'tomorrow' }, 'expireTime'],
          [{ expireTime: '2001-01-01T00:00:00Z' }, 'expireTime'],
          [{ displayName: 42 }, 'displayName'],
          [{ type: 'PUBLIC_KEY' }, 'jwk'],
          [{ type: 'PUBLIC_KEY', jwk: key.publicJwk, jwksUri: 'https://keys.example/jwks' }, 'jwk'],
          [{ type: 'PUBLIC_KEY', jwk: { kty: 'EC', crv: 'P-256' } }, 'jwk'],
          [{ type: 'PUBLIC_KEY', jwksUri: 'not a url' }, 'jwksUri'],
          [{ type: 'FEDERATED', subject: 'ci-job' }, 'provider'],
          [{ type: 'FEDERATED', subject: 'ci-job', provider: 42 }, 'provider'],
        ] as [Record<string, unknown>, string][]) {
          const res = await call('POST', `/v1/${client.name}/credentials`, body);
          assert.equal(res.status, 400, `${JSON.stringify(body)}: ${JSON.stringify(res.body)}`);
          assert.equal(res.body.code, 'invalid_argument');
          assert.match(JSON.stringify([res.body.detail, res.body.errors]), new RegExp(field.replace('.', '\\.')), JSON.stringify(res.body));
        }
        assert.deepEqual(await credentialNames(client.name), before, 'nothing was added');
      });

      it("refuses a FEDERATED credential on a provider of another workspace, naming provider, and adds nothing", async () => {
        const staging = (await call('POST', '/v1/workspaces', { displayName: 'staging' })).body.name;
        const client = (await call('POST', '/v1/apiClients', { displayName: 'in staging', workspace: staging })).body;
        const before = await credentialNames(client.name);
        const res = await call('POST', `/v1/${client.name}/credentials`, { type: 'FEDERATED', subject: 'ci-job', provider });
        assert.equal(res.status, 400);
        assert.deepEqual(res.body.errors.map((e: { field: string }) => e.field), ['provider']);
        assert.deepEqual(await credentialNames(client.name), before);
      });

      it(':rotateSecret refuses a bad overlap or expireTime, naming it, and every secret keeps working', async () => {
        const client = await newClient('steady');
        const before = await credentialNames(client.name);
        for (const [body, field] of [
          [{ overlap: 'soon' }, 'overlap'],
          [{ overlap: '-5s' }, 'overlap'],
          [{ overlap: `${31 * 86400}s` }, 'overlap'],
          [{ expireTime: 'later' }, 'expireTime'],
          [{ overlapp: '0s' }, 'body.overlapp'],
        ] as [Record<string, unknown>, string][]) {
          const res = await call('POST', `/v1/${client.name}:rotateSecret`, body);
          assert.equal(res.status, 400, JSON.stringify(body));
          assert.equal(res.body.code, 'invalid_argument');
          assert.match(res.body.detail, new RegExp(field.replace('.', '\\.')), JSON.stringify(res.body));
        }
        assert.deepEqual(await credentialNames(client.name), before);
        assert.equal((await call('GET', `/v1/${before[0]}`)).body.expireTime, undefined, 'the secret was not set to expire');
        assert.equal((await h.token(client.clientId, client.clientSecret)).status, 200);
      });
    });

    describe('401', () => {
      it('without a token, or with a bad one', async () => {
        const client = await newClient('locked');
        const none = await h.inject({ method: 'GET', url: `/v1/${client.name}/credentials` });
        assert.equal(none.statusCode, 401);
        assert.equal(none.headers['www-authenticate'], 'Bearer realm="keyward"');
        const bad = await h.inject({ method: 'POST', url: `/v1/${client.name}/credentials`, headers: { authorization: 'Bearer not.a.token' }, payload: {} });
        assert.equal(bad.statusCode, 401);
        assert.match(String(bad.headers['www-authenticate']), /error="invalid_token"/);
      });
    });

    describe('403', () => {
      it('keyward:clients.read lists and reads but neither adds, rotates nor deletes; without it nothing is readable', async () => {
        const client = await newClient('guarded');
        const [only] = await credentialNames(client.name);
        const reader = await tokenWith(['keyward:clients.read']);
        assert.equal((await h.call('GET', `/v1/${client.name}/credentials`, undefined, reader)).status, 200);
        assert.equal((await h.call('GET', `/v1/${only}`, undefined, reader)).status, 200);
        const key = await clientKey();
        for (const [method, url, body] of [
          ['POST', `/v1/${client.name}/credentials`, {}],
          ['POST', `/v1/${client.name}/credentials`, { type: 'PUBLIC_KEY', jwk: key.publicJwk }],
          ['POST', `/v1/${client.name}/credentials`, { type: 'FEDERATED', subject: 'ci-job', provider }],
          ['POST', `/v1/${client.name}:rotateSecret`, { overlap: '0s' }],
          ['DELETE', `/v1/${only}`, undefined],
        ] as [string, string, unknown?][]) {
          const res = await h.call(method, url, body, reader);
          assert.equal(res.status, 403, `${method} ${url} ${JSON.stringify(body)}`);
          assert.match(String(res.headers['www-authenticate']), /error="insufficient_scope", scope="keyward:clients.write"/);
        }
        assert.deepEqual(await credentialNames(client.name), [only]);
        assert.equal((await h.token(client.clientId, client.clientSecret)).status, 200);
        const stranger = await tokenWith(['orders.read']);
        const list = await h.call('GET', `/v1/${client.name}/credentials`, undefined, stranger);
        assert.equal(list.status, 403);
        assert.match(String(list.headers['www-authenticate']), /scope="keyward:clients.read"/);
      });
    });

    describe('404', () => {
      it('an unknown client, an unknown credential, a credential addressed through another client, an unknown provider', async () => {
        const client = await newClient('known');
        const other = await newClient('other');
        const [otherCredential] = await credentialNames(other.name);
        const otherCredentialId = otherCredential.split('/').at(-1);
        for (const [method, url, body] of [
          ['GET', '/v1/apiClients/ac_nope/credentials'],
          ['POST', '/v1/apiClients/ac_nope/credentials', {}],
          ['POST', '/v1/apiClients/ac_nope:rotateSecret', {}],
          ['GET', `/v1/${client.name}/credentials/cred_nope`],
          ['DELETE', `/v1/${client.name}/credentials/cred_nope`],
          ['GET', `/v1/${client.name}/credentials/${otherCredentialId}`],
          ['DELETE', `/v1/${client.name}/credentials/${otherCredentialId}`],
          ['POST', `/v1/${client.name}/credentials`, { type: 'FEDERATED', subject: 'ci-job', provider: 'providers/prv_nope' }],
        ] as [string, string, unknown?][]) {
          const res = await call(method, url, body);
          assert.equal(res.status, 404, `${method} ${url}: ${JSON.stringify(res.body)}`);
          assert.equal(res.body.code, 'not_found');
        }
        assert.equal((await h.token(other.clientId, other.clientSecret)).status, 200, 'the other client kept its secret');
        assert.equal((await credentialNames(client.name)).length, 1, 'nothing was added');
      });

      it("another organization's client and credentials are not found, for every verb, and nothing changes", async () => {
        const mine = (await h.call('POST', '/v1/apiClients', { displayName: 'root-owned' })).body;
        const [credential] = ((await h.call('GET', `/v1/${mine.name}/credentials`)).body.credentials as { name: string }[]).map((c) => c.name);
        const key = await clientKey();
        for (const [method, url, body] of [
          ['GET', `/v1/${mine.name}/credentials`],
          ['GET', `/v1/${credential}`],
          ['POST', `/v1/${mine.name}/credentials`, {}],
          ['POST', `/v1/${mine.name}/credentials`, { type: 'PUBLIC_KEY', jwk: key.publicJwk }],
          ['POST', `/v1/${mine.name}:rotateSecret`, { overlap: '0s' }],
          ['DELETE', `/v1/${credential}`],
        ] as [string, string, unknown?][]) {
          const res = await call(method, url, body);
          assert.equal(res.status, 404, `${method} ${url}: ${JSON.stringify(res.body)}`);
        }
        const root = await h.call('GET', `/v1/${mine.name}/credentials`);
        assert.deepEqual(root.body.credentials.map((c: { name: string }) => c.name), [credential]);
        assert.equal(root.body.credentials[0].expireTime, undefined);
        assert.equal((await h.token(mine.clientId, mine.clientSecret)).status, 200);
      });
    });
  });
}
