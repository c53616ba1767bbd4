import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { RemoteKeySets } from '../../src/oauth/remote-jwks.js';
import { assertionClaims, clientKey, signAssertion, tokenWithAssertion } from '../helpers/assertions.js';
import { databases, ISSUER, startHarness, type Harness, type Parsed } from '../helpers/harness.js';
import { createClient, lastSequence, parse } from './support.js';
import { isPublic, listRoutes } from './routes.js';

/**
 * One rule for input on every surface that stores what it is sent: no NUL and no lone surrogate
 * in any string, no control character in names, ids and keys; bodies that say what they lack;
 * closed /v1 bodies; key-set URLs judged like webhook URLs when they are written.
 */

const NUL = 'x\u0000y';
const LONE = 'x\ud800y';

type JsonSchema = { type?: string | string[]; properties?: Record<string, JsonSchema>; items?: JsonSchema; additionalProperties?: boolean | JsonSchema; anyOf?: JsonSchema[]; required?: string[]; const?: unknown; enum?: unknown[] };

/** A body for `schema` in which every string, and every free-form key, is `poison`. */
function poisoned(schema: JsonSchema | undefined, poison: string, depth = 0): unknown {
  if (!schema || depth > 6) return poison;
  const branch = schema.anyOf?.find((s) => s.type !== 'null') ?? schema;
  const type = Array.isArray(branch.type) ? branch.type.find((t) => t !== 'null') : branch.type;
  if (type === 'object') {
    const out: Record<string, unknown> = {};
    for (const [field, child] of Object.entries(branch.properties ?? {})) out[field] = poisoned(child, poison, depth + 1);
    if (branch.additionalProperties && typeof branch.additionalProperties === 'object') out[poison] = poisoned(branch.additionalProperties, poison, depth + 1);
    if (Object.keys(out).length === 0) out[poison] = poison;
    return out;
  }
  if (type === 'array') return [poisoned(branch.items, poison, depth + 1)];
  if (type === 'integer' || type === 'number') return 1;
  if (type === 'boolean') return true;
  return poison;
}

/** `/v1/apiClients/:id:disable` → `/v1/apiClients/{id}:disable`, as the OpenAPI document names it. */
const openApiPath = (path: string) => path.replace(/(?<=\/):(\w+)/g, '{$1}');

for (const db of databases) {
  describe(`input rules (${db.name})`, () => {
    let h: Harness;
    let ids: Record<string, string>;
    before(async () => {
      h = await startHarness(undefined, { db });
      const client = await createClient(h, { displayName: 'svc' });
      const ws = await h.call('POST', '/v1/workspaces', { displayName: 'ws' });
      const role = await h.call('POST', '/v1/roles', { displayName: 'r', permissions: ['orders.read'] });
      const cred = await h.call('GET', `/v1/apiClients/${client.id}/credentials`);
      ids = {
        id: client.id,
        credentialId: String(cred.body.credentials[0].name).split('/').pop()!,
        zoneId: ws.body.id,
        workspaceId: ws.body.id,
        roleId: String(role.body.name).split('/')[1],
      };
    });
    after(() => h.close());

    const raw = (method: string, url: string, payload: string | undefined, headers: Record<string, string> = {}) =>
      h
        .inject({ method: method as 'POST', url, headers: { authorization: `Bearer ${h.adminToken}`, 'content-type': 'application/json', ...headers }, ...(payload === undefined ? {} : { payload }) })
        .then(parse);

    it('every JSON route refuses NUL and lone surrogates in its body strings, names the character, and stores nothing', async () => {
      const doc = (await h.call('GET', '/openapi.json')).body as { paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: JsonSchema }> } }>> };
      const routes = listRoutes(h.app).filter((r) => ['POST', 'PATCH', 'PUT', 'DELETE'].includes(r.method) && (!isPublic(r.path) || r.path === '/v1/oauth/token'));
      assert.ok(routes.length > 40, `the route list is read (${routes.length})`);
      let withSchema = 0;
      for (const route of routes) {
        // A parameter starts a path segment; `:rotateSecret` after `:id` is a custom method, not a parameter.
        const url = route.path.replace(/(?<=\/):(\w+)/g, (_, name: string) => ids[name] ?? `${name}-x`);
        const schema = doc.paths[openApiPath(route.path)]?.[route.method.toLowerCase()]?.requestBody?.content['application/json']?.schema;
        if (schema) withSchema++;
        for (const [poison, codePoint] of [
          [NUL, 'U+0000'],
          [LONE, 'U+D800'],
        ] as const) {
          const before = await lastSequence(h);
          const res = await raw(route.method, url, JSON.stringify(poisoned(schema, poison)));
          const what = `${route.method} ${route.path} ${codePoint}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`;
          assert.ok(res.status >= 400 && res.status < 500, what);
          assert.ok(JSON.stringify(res.body).includes(codePoint), `the answer names the character: ${what}`);
          assert.equal(await lastSequence(h), before, `nothing stored: ${what}`);
        }
      }
      assert.ok(withSchema > 30, `bodies are built from the routes' schemas (${withSchema})`);
    });

    it('PATCH settings: a NUL key, a NUL value and a lone surrogate are 400s naming the field; free text keeps tab and newline verbatim', async () => {
      const url = `/v1/workspaces/${ids.workspaceId}/settings`;
      const nulKey = await h.call('PATCH', url, { merge: { 'k\u0000': 'v' } });
      assert.equal(nulKey.status, 400);
      assert.match(nulKey.body.detail, /^Body key \/merge\/k\\u0000 contains a NUL character \(U\+0000\).*remove it\.$/);
      assert.equal(nulKey.body.errors[0].field, 'body.merge.k\\u0000');
      const nulValue = await h.call('PATCH', url, { merge: { k: 'v\u0000' } });
      assert.equal(nulValue.status, 400);
      assert.match(nulValue.body.detail, /^Body field \/merge\/k contains a NUL character/);
      const lone = await h.call('PATCH', url, { merge: { k: '\udc00' } });
      assert.equal(lone.status, 400);
      assert.match(lone.body.detail, /not well-formed Unicode: it holds a lone surrogate \(U\+DC00\)/);
      const tabKey = await h.call('PATCH', url, { merge: { 'a\tb': 'v' } });
      assert.equal(tabKey.status, 400);
      assert.match(tabKey.body.detail, /control character U\+0009; names, ids and keys take printable characters only/);
      assert.deepEqual((await h.call('GET', url)).body.settings, {}, 'nothing was stored');
      const free = await h.call('PATCH', url, { merge: { note: 'line one\n\tline two', emoji: 'ok \ud83d\ude00' } });
      assert.equal(free.status, 200, JSON.stringify(free.body));
      assert.deepEqual((await h.call('GET', url)).body.settings, { note: 'line one\n\tline two', emoji: 'ok \ud83d\ude00' });
    });

    it('names and label keys refuse C0 and C1 control characters; path and query parameters refuse NUL', async () => {
      const c1 = await h.call('POST', '/v1/workspaces', { displayName: 'a\u0085b' });
      assert.equal(c1.status, 400);
      assert.match(c1.body.detail, /^Body field \/displayName contains the control character U\+0085/);
      const label = await h.call('POST', '/v1/apiClients', { displayName: 'ok', labels: { 'team\u009b': 'x' } });
      assert.equal(label.status, 400);
      assert.match(label.body.detail, /^Body key \/labels\/team\\u009b contains the control character U\+009B/);
      const path = await h.call('GET', '/v1/apiClients/ac_x%00');
      assert.equal(path.status, 400);
      assert.match(path.body.detail, /^Path parameter \/id contains a NUL character/);
      const query = await h.call('GET', `/v1/apiClients?filter=${encodeURIComponent('displayName = "\u0000"')}`);
      assert.equal(query.status, 400);
      assert.match(query.body.detail, /^Query parameter \/filter contains a NUL character/);
    });

    it('each dialect answers in its own error body, naming the field', async () => {
      const keycard = await h.call('POST', '/zones', { name: NUL });
      assert.equal(keycard.status, 400);
      assert.deepEqual(Object.keys(keycard.body).sort(), ['code', 'message', 'status']);
      assert.match(keycard.body.message, /^Body field \/name contains a NUL character/);
      const docpier = await h.call('POST', '/admin/workspaces', { name: LONE });
      assert.equal(docpier.status, 422);
      assert.deepEqual(docpier.body.detail[0].loc, ['body', 'name']);
      assert.match(docpier.body.detail[0].msg, /lone surrogate \(U\+D800\)/);
      const zitadel = await h.call('POST', '/management/v1/projects', { name: 'p\u0007' });
      assert.equal(zitadel.status, 400);
      assert.equal(zitadel.body.code, 3);
      assert.match(zitadel.body.message, /^Body field \/name contains the control character U\+0007/);
      const confidence = parse(await h.inject({ method: 'POST', url: '/v1/oauth/token', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ grantType: 'client_credentials', clientId: NUL, clientSecret: 's' }) }));
      assert.equal(confidence.status, 400);
      assert.equal(confidence.body.code, 3);
      assert.match(confidence.body.message, /^Body field \/clientId contains a NUL character/);
    });

    it('credential bodies are closed: an unknown field, or one of another type, is refused with what each type takes', async () => {
      const url = `/v1/apiClients/${ids.id}/credentials`;
      const count = async () => (await h.call('GET', url)).body.credentials.length;
      const before = await count();
      const unknown = await h.call('POST', url, { displayName: 'x', allowedIps: ['10.0.0.0/8'] });
      assert.equal(unknown.status, 400, JSON.stringify(unknown.body));
      const common = 'type, displayName, expireTime, allowedCidrs, maxUses';
      assert.equal(
        unknown.body.detail,
        `allowedIps is not a field of a credential; SECRET takes ${common}; PUBLIC_KEY takes ${common}, jwk, jwks, jwksUri; FEDERATED takes ${common}, provider, subject, claimConditions, claimPatterns, audience.`,
      );
      assert.equal(unknown.body.errors[0].field, 'body.allowedIps');
      const otherType = await h.call('POST', url, { type: 'SECRET', jwksUri: 'https://keys.example.com/jwks.json' });
      assert.equal(otherType.status, 400);
      assert.match(otherType.body.detail, /^jwksUri is not a field of a SECRET credential; SECRET takes/);
      const federatedWithKey = await h.call('POST', url, { type: 'FEDERATED', provider: 'providers/p', jwk: { kty: 'EC' } });
      assert.equal(federatedWithKey.status, 400);
      assert.match(federatedWithKey.body.detail, /^jwk is not a field of a FEDERATED credential/);
      assert.equal(await count(), before, 'nothing stored');
      // Output-only fields of the resource, as GET returns it, are accepted and ignored (AIP-203).
      const echoed = await h.call('POST', url, { displayName: 'kept', name: 'apiClients/x/credentials/chosen', createTime: '2000-01-01T00:00:00Z', secretHint: 'kw_…' });
      assert.equal(echoed.status, 200, JSON.stringify(echoed.body));
      assert.notEqual(echoed.body.name, 'apiClients/x/credentials/chosen');
      // An operation without body fields refuses one, rather than dropping it.
      const disable = await h.call('POST', `/v1/apiClients/${ids.id}:disable`, { reason: 'x' });
      assert.equal(disable.status, 400);
      assert.match(disable.body.detail, /^body\.reason is not a field of this request/);
    });

    it('an empty application/json body is no body: DELETE and an optional-body POST pass; a required body names its fields', async () => {
      const victim = await createClient(h, { displayName: 'victim' });
      const disabled = await raw('POST', `/v1/apiClients/${victim.id}:disable`, '');
      assert.equal(disabled.status, 200, JSON.stringify(disabled.body));
      assert.equal(disabled.body.state, 'DISABLED');
      const rotated = await raw('POST', `/v1/apiClients/${victim.id}:rotateSecret`, '');
      assert.equal(rotated.status, 200, JSON.stringify(rotated.body));
      const secret = await raw('POST', `/v1/apiClients/${victim.id}/credentials`, '');
      assert.equal(secret.status, 200, JSON.stringify(secret.body));
      const deleted = await raw('DELETE', `/v1/apiClients/${victim.id}`, '');
      assert.equal(deleted.status, 200, JSON.stringify(deleted.body));
      assert.equal((await h.call('GET', `/v1/apiClients/${victim.id}`)).status, 404);
      const missing = await raw('POST', '/v1/apiClients', '');
      assert.equal(missing.status, 400);
      assert.equal(missing.body.detail, 'The request body is missing: send a JSON object with the required field displayName.');
      assert.deepEqual(missing.body.errors, [{ field: 'body.displayName', description: 'is required' }]);
    });

    it("Keycard's create-zone request without a body names the fields it needs", async () => {
      for (const payload of [undefined, '']) {
        const res: Parsed = await raw('POST', '/zones', payload);
        assert.equal(res.status, 400);
        assert.deepEqual(res.body, { code: 'invalid_argument', message: 'The request body is missing: send a JSON object with the required field name.', status: 400 });
      }
      const credential = await raw('POST', `/zones/${ids.zoneId}/application-credentials`, undefined);
      assert.equal(credential.status, 400);
      assert.match(credential.body.message, /required fields type, application_id\.$/);
    });
  });

  describe(`key-set URLs are judged like webhook URLs (${db.name})`, () => {
    let h: Harness;
    let client: string;
    let zone: string;
    let application: string;
    before(async () => {
      h = await startHarness(undefined, { db, env: { KEYWARD_WEBHOOKS_ALLOW_PRIVATE: 'false' } });
      client = (await createClient(h, { displayName: 'keyed' })).id;
      zone = (await h.call('POST', '/zones', { name: 'z' })).body.id;
      application = (await h.call('POST', `/zones/${zone}/applications`, { identifier: 'app', name: 'app' })).body.id;
    });
    after(() => h.close());

    const hosts = ['https://127.0.0.1/jwks', 'https://169.254.169.254/latest/jwks', 'https://[::1]/jwks', 'https://localhost/jwks'];

    it('a PUBLIC_KEY credential or a provider naming a loopback or link-local key set is refused when written', async () => {
      for (const jwksUri of hosts) {
        const before = await lastSequence(h);
        const credential = await h.call('POST', `/v1/apiClients/${client}/credentials`, { type: 'PUBLIC_KEY', jwksUri });
        assert.equal(credential.status, 400, `${jwksUri}: ${JSON.stringify(credential.body)}`);
        assert.equal(credential.body.errors[0].field, 'jwksUri');
        assert.match(credential.body.detail, /^jwksUri must name a public (address|host)/);
        assert.match(credential.body.detail, /KEYWARD_WEBHOOKS_ALLOW_PRIVATE/);
        const provider = await h.call('POST', '/v1/providers', { displayName: 'p', issuer: 'https://issuer.example.com', jwksUri });
        assert.equal(provider.status, 400, `${jwksUri}: ${JSON.stringify(provider.body)}`);
        assert.match(provider.body.detail, /^jwksUri must name a public (address|host)/);
        const keycard = await h.call('POST', `/zones/${zone}/application-credentials`, { type: 'public-key', application_id: application, jwks_uri: jwksUri });
        assert.equal(keycard.status, 400, `${jwksUri}: ${JSON.stringify(keycard.body)}`);
        assert.match(keycard.body.message, /^jwksUri must name a public (address|host)/);
        assert.equal(await lastSequence(h), before, `nothing stored for ${jwksUri}`);
      }
      const fine = await h.call('POST', `/v1/apiClients/${client}/credentials`, { type: 'PUBLIC_KEY', jwksUri: 'https://keys.example.com/jwks.json' });
      assert.equal(fine.status, 200, JSON.stringify(fine.body));
    });
  });
}

describe('key-set fetches name what they fetch', () => {
  it('a key set stored while private hosts were allowed is refused at fetch time as a key set host, not a webhook host', async (t) => {
    const first = await startHarness(undefined);
    const created = await first.call('POST', '/v1/apiClients', { displayName: 'keyed' });
    const key = await clientKey('ES256');
    const added = await first.call('POST', `/v1/${created.body.name}/credentials`, { type: 'PUBLIC_KEY', jwksUri: 'http://127.0.0.1:9/jwks.json' });
    assert.equal(added.status, 200, JSON.stringify(added.body));
    // Closed by hand: the harness's close would remove the data folder the second run reopens.
    const dataDir = first.dataDir;
    await first.app.close();
    await first.runtime.close();
    t.after(() => rmSync(dataDir, { recursive: true, force: true }));
    const h = await startHarness(t, { dataDir, env: { KEYWARD_WEBHOOKS_ALLOW_PRIVATE: 'false' } });
    const res = await tokenWithAssertion(h, await signAssertion(key, assertionClaims(created.body.clientId, ISSUER)));
    assert.equal(res.status, 503, JSON.stringify(res.body));
    assert.match(res.body.error_description, /key set at http:\/\/127\.0\.0\.1:9\/jwks\.json: refusing key set host 127\.0\.0\.1: 127\.0\.0\.1 is not a public address \(loopback\)/);
    assert.doesNotMatch(res.body.error_description, /webhook/);
  });

  it('provider discovery names the discovery document', async () => {
    const remote = new RemoteKeySets({ allowPrivate: false, ttlMs: 1000, minRefetchMs: 0 });
    await assert.rejects(remote.jwksUriOf('http://169.254.169.254'), (error: Error) => {
      assert.match(error.message, /refusing discovery document host 169\.254\.169\.254: .*link-local/);
      assert.doesNotMatch(error.message, /webhook/);
      return true;
    });
  });
});
