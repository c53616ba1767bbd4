import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decodeJwt, generateKeyPair } from 'jose';
import * as oidc from 'openid-client';
import { assertionClaims, clientKey, form, JWT_BEARER, now, signAssertion } from '../helpers/assertions.js';
import { ISSUER, createTenant, databases, startHarness, type Harness } from '../helpers/harness.js';
import { startIdp, type Idp } from '../helpers/idp.js';
import { refuseWrites } from '../helpers/db-faults.js';
import { fetchVia } from '../helpers/openid-client.js';

const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
const ACCESS_TOKEN = 'urn:ietf:params:oauth:token-type:access_token';
const JWT_TYPE = 'urn:ietf:params:oauth:token-type:jwt';
const DOCS_API = 'https://docs.example';

interface Client {
  name: string;
  clientId: string;
  clientSecret: string;
}

const basic = (c: Client) => `Basic ${Buffer.from(`${encodeURIComponent(c.clientId)}:${encodeURIComponent(c.clientSecret)}`).toString('base64')}`;

for (const db of databases) {
  describe(`delegation, RFC 8693 actor_token (${db.name})`, () => {
    let h: Harness;
    let idp: Idp;
    let otherIdp: Idp;
    let provider: string;
    /** May act for the provider's users, up to docs.read. */
    let assistant: Client;
    /** May act for any subject of its workspace (tokens Keyward issued), so it extends chains. */
    let summarizer: Client;
    /** Has no delegation policy. */
    let plain: Client;

    const userToken = (claims: Record<string, unknown> = {}, key?: CryptoKey) =>
      idp.sign({ iss: idp.issuer, sub: 'alice', aud: ISSUER, exp: now() + 300, iat: now(), ...claims }, {}, key);

    const configFor = (c: Client) =>
      oidc.discovery(new URL(ISSUER), c.clientId, undefined, oidc.ClientSecretBasic(c.clientSecret), {
        execute: [oidc.allowInsecureRequests],
        [oidc.customFetch]: fetchVia(h) as never,
      });

    /** The agent's own credential: a plain client_credentials token of its own. */
    const ownToken = async (c: Client) => (await oidc.clientCredentialsGrant(await configFor(c))).access_token;

    /** What an agent sends with openid-client: the subject's token, and its own as actor_token. */
    const delegated = async (c: Client, subjectToken: string, extra: Record<string, string> = {}) =>
      oidc.genericGrantRequest(await configFor(c), TOKEN_EXCHANGE, {
        subject_token: subjectToken,
        subject_token_type: ACCESS_TOKEN,
        actor_token: await ownToken(c),
        actor_token_type: ACCESS_TOKEN,
        ...extra,
      });

    /** The same request as a plain form, to read a refusal's error and description. */
    const refused = async (c: Client, subjectToken: string, extra: Record<string, string> = {}, actorToken?: string) =>
      form(
        h,
        '/oauth/token',
        { grant_type: TOKEN_EXCHANGE, subject_token: subjectToken, subject_token_type: ACCESS_TOKEN, actor_token: actorToken ?? (await ownToken(c)), actor_token_type: ACCESS_TOKEN, ...extra },
        { authorization: basic(c) },
      );

    before(async () => {
      idp = await startIdp();
      otherIdp = await startIdp();
      h = await startHarness(undefined, { db, env: { KEYWARD_JWKS_MIN_REFETCH: '0', KEYWARD_RATE_LIMIT_FAILURES: '100000' } });
      const created = await h.call('POST', '/v1/providers', { displayName: 'Staff sign-in', issuer: idp.issuer, adminSignIn: true });
      assert.equal(created.status, 200, JSON.stringify(created.body));
      provider = created.body.name;
      assert.equal((await h.call('POST', '/v1/providers', { displayName: 'Partners', issuer: otherIdp.issuer, adminSignIn: true })).status, 200);
      const role = await h.call('POST', '/v1/roles?roleId=writers', { displayName: 'Writers', permissions: ['docs.read', 'docs.write'] });
      assert.equal(role.status, 200, JSON.stringify(role.body));
      const binding = await h.call('POST', '/v1/roleBindings', { principal: 'users/alice', provider, role: role.body.name });
      assert.equal(binding.status, 200, JSON.stringify(binding.body));

      const assistantBody = {
        displayName: 'assistant',
        permissions: ['docs.read', 'docs.write', 'billing.read'],
        audiences: [DOCS_API],
        delegation: { allowed: true, providers: [provider], maxScope: ['docs.read', 'billing.read'] },
      };
      const a = await h.call('POST', '/v1/apiClients', assistantBody);
      assert.equal(a.status, 200, JSON.stringify(a.body));
      assert.deepEqual(a.body.delegation, { allowed: true, providers: [provider], subjects: [], maxScope: ['docs.read', 'billing.read'] });
      assistant = a.body;
      summarizer = (await h.call('POST', '/v1/apiClients', { displayName: 'summarizer', permissions: ['docs.read'], delegation: { allowed: true } })).body;
      plain = (await h.call('POST', '/v1/apiClients', { displayName: 'plain', permissions: ['docs.read'] })).body;
    });
    after(async () => {
      await h.close();
      await idp.close();
      await otherIdp.close();
    });

    describe('the policy in /v1', () => {
      it('a client without one may act for no one', async () => {
        const got = await h.call('GET', `/v1/${plain.name}`);
        assert.deepEqual(got.body.delegation, { allowed: false, providers: [], subjects: [], maxScope: [] });
      });

      it('is set with an update mask, and the other fields stay', async () => {
        const patched = await h.call('PATCH', `/v1/${plain.name}?updateMask=delegation`, { delegation: { allowed: true, subjects: ['alice'] }, displayName: 'ignored' });
        assert.equal(patched.status, 200, JSON.stringify(patched.body));
        assert.deepEqual(patched.body.delegation, { allowed: true, providers: [], subjects: ['alice'], maxScope: [] });
        assert.equal(patched.body.displayName, 'plain');
        const back = await h.call('PATCH', `/v1/${plain.name}?updateMask=delegation`, {});
        assert.deepEqual(back.body.delegation, { allowed: false, providers: [], subjects: [], maxScope: [] });
      });

      it('refuses a malformed one with the field that is wrong', async () => {
        const badProvider = await h.call('PATCH', `/v1/${plain.name}?updateMask=delegation`, { delegation: { allowed: true, providers: ['prv_x'] } });
        assert.equal(badProvider.status, 400);
        assert.match(badProvider.body.detail, /delegation\.providers .*providers\/\{id\}/);
        const badScope = await h.call('PATCH', `/v1/${plain.name}?updateMask=delegation`, { delegation: { maxScope: ['docs read'] } });
        assert.equal(badScope.status, 400);
        assert.match(badScope.body.detail, /delegation\.maxScope/);
        const absent = await h.call('PATCH', `/v1/${plain.name}?updateMask=delegation`, { delegation: { allowed: true, providers: ['providers/prv_nonexistent'] } });
        assert.equal(absent.status, 400);
        assert.match(absent.body.detail, /providers\/prv_nonexistent does not exist in this organization/);
        const unknown = await h.call('PATCH', `/v1/${plain.name}?updateMask=delegation`, { delegation: { allowed: true, everyone: true } });
        assert.equal(unknown.status, 400);
        assert.deepEqual((await h.call('GET', `/v1/${plain.name}`)).body.delegation.allowed, false);
      });
    });

    describe('200', () => {
      it("a provider's user token exchanged by an allowed agent: sub is the user, act the agent, scope narrowed", async () => {
        const res = await delegated(assistant, await userToken(), { resource: DOCS_API });
        assert.equal(res.issued_token_type, ACCESS_TOKEN);
        assert.equal(res.token_type, 'bearer');
        // alice holds docs.read and docs.write; the assistant docs.read, docs.write and billing.read; its policy docs.read and billing.read.
        assert.equal(res.scope, 'docs.read');
        const claims = decodeJwt(res.access_token);
        assert.equal(claims.sub, 'alice');
        assert.deepEqual(claims.act, { sub: assistant.clientId });
        assert.equal(claims.client_id, assistant.clientId);
        assert.equal(claims.aud, DOCS_API);
      });

      it('a chain: the delegated token exchanged again by a second agent nests the first in act', async () => {
        const first = await delegated(assistant, await userToken());
        const second = await delegated(summarizer, first.access_token);
        assert.equal(second.scope, 'docs.read');
        const claims = decodeJwt(second.access_token);
        assert.equal(claims.sub, 'alice');
        assert.deepEqual(claims.act, { sub: summarizer.clientId, act: { sub: assistant.clientId } });
        assert.equal(claims.client_id, summarizer.clientId);
        // Never longer than the subject's own token.
        assert.ok((claims.exp as number) <= (decodeJwt(first.access_token).exp as number));
      });

      it('a chain ends at 8 actors', async () => {
        let token = (await delegated(assistant, await userToken())).access_token;
        for (let actors = 1; actors < 8; actors++) token = (await delegated(summarizer, token)).access_token;
        let depth = 0;
        for (let act = decodeJwt(token).act as { act?: unknown } | undefined; act; act = act.act as { act?: unknown } | undefined) depth++;
        assert.equal(depth, 8);
        const res = await refused(summarizer, token);
        assert.equal(res.body.error, 'invalid_grant');
        assert.match(res.body.error_description, /already names 8 actors/);
      });

      it('introspection shows act', async () => {
        const res = await delegated(assistant, await userToken());
        const introspected = await form(h, '/oauth/introspect', { token: res.access_token }, { authorization: basic(summarizer) });
        assert.equal(introspected.status, 200);
        assert.equal(introspected.body.active, true);
        assert.equal(introspected.body.sub, 'alice');
        assert.deepEqual(introspected.body.act, { sub: assistant.clientId });
      });

      it('tokens may be named by the generic jwt token type', async () => {
        const subject = await userToken();
        const res = await form(h, '/oauth/token', {
          grant_type: TOKEN_EXCHANGE,
          subject_token: subject,
          subject_token_type: JWT_TYPE,
          actor_token: await ownToken(assistant),
          actor_token_type: JWT_TYPE,
        }, { authorization: basic(assistant) });
        assert.equal(res.status, 200, JSON.stringify(res.body));
      });

      it('the client assertion that authenticated the request may be the actor_token', async () => {
        const key = await clientKey();
        const keyed = (await h.call('POST', '/v1/apiClients', { displayName: 'keyed agent', permissions: ['docs.read'], delegation: { allowed: true, providers: [provider] } })).body;
        assert.equal((await h.call('POST', `/v1/${keyed.name}/credentials`, { type: 'PUBLIC_KEY', jwk: key.publicJwk })).status, 200);
        const assertion = await signAssertion(key, assertionClaims(keyed.clientId, ISSUER));
        const subjectToken = await userToken();
        const res = await form(h, '/oauth/token', {
          grant_type: TOKEN_EXCHANGE,
          client_assertion_type: JWT_BEARER,
          client_assertion: assertion,
          subject_token: subjectToken,
          subject_token_type: ACCESS_TOKEN,
          actor_token: assertion,
          actor_token_type: JWT_TYPE,
        });
        assert.equal(res.status, 200, JSON.stringify(res.body));
        assert.deepEqual(decodeJwt(res.body.access_token).act, { sub: keyed.clientId });
        // Another assertion of the same client is no proof of anything the request did not already spend.
        const other = await form(h, '/oauth/token', {
          grant_type: TOKEN_EXCHANGE,
          client_assertion_type: JWT_BEARER,
          client_assertion: await signAssertion(key, assertionClaims(keyed.clientId, ISSUER)),
          subject_token: subjectToken,
          subject_token_type: ACCESS_TOKEN,
          actor_token: await signAssertion(key, assertionClaims(keyed.clientId, ISSUER)),
          actor_token_type: JWT_TYPE,
        });
        assert.equal(other.status, 400);
        assert.equal(other.body.error, 'invalid_grant');
      });

      it('every exchange is an audit event naming subject and actor', async () => {
        const res = await delegated(assistant, await userToken({ sub: 'alice' }));
        const jti = decodeJwt(res.access_token).jti;
        await h.runtime.flushUsage();
        const events = await h.call('GET', `/v1/auditEvents?filter=${encodeURIComponent('type = "token.delegated"')}&pageSize=100`);
        assert.equal(events.status, 200, JSON.stringify(events.body));
        const event = events.body.auditEvents.find((e: { data: { jti: string } }) => e.data.jti === jti);
        assert.ok(event, JSON.stringify(events.body));
        assert.equal(event.resource, assistant.name);
        assert.equal(event.actor, assistant.name);
        assert.deepEqual(event.data.subject, { sub: 'alice', iss: idp.issuer, provider });
        assert.deepEqual(event.data.actor, { clientId: assistant.clientId });
        assert.deepEqual(event.data.act, { sub: assistant.clientId });
        assert.deepEqual(event.data.scope, ['docs.read']);
      });

      it('the token endpoint does not wait on the audit log: with its writes failing, tokens are issued and the events follow', async () => {
        const lift = await refuseWrites(h, 'events', 'INSERT', "NEW.type = 'token.delegated'");
        let jti: unknown;
        try {
          jti = decodeJwt((await delegated(assistant, await userToken())).access_token).jti;
          await h.runtime.flushUsage();
        } finally {
          await lift();
        }
        const logged = async () => {
          const events = await h.call('GET', `/v1/auditEvents?filter=${encodeURIComponent('type = "token.delegated"')}&pageSize=100`);
          return events.body.auditEvents.some((e: { data: { jti: string } }) => e.data.jti === jti);
        };
        assert.equal(await logged(), false);
        await h.runtime.flushUsage();
        assert.equal(await logged(), true, 'kept for the next flush');
      });
    });

    describe('refused', () => {
      it('an agent whose policy does not allow delegation', async () => {
        const res = await refused(summarizer, await userToken(), {}, undefined);
        // summarizer may act, but not for this provider's users; plain may not act at all.
        assert.equal(res.body.error, 'invalid_target');
        const none = await refused(plain, await userToken());
        assert.equal(none.status, 400);
        assert.equal(none.body.error, 'invalid_target');
        assert.match(none.body.error_description, /may not act for other subjects: set delegation\.allowed/);
      });

      it('a provider the policy does not name', async () => {
        const partner = await otherIdp.sign({ iss: otherIdp.issuer, sub: 'alice', aud: ISSUER, exp: now() + 300, iat: now() });
        const res = await refused(assistant, partner);
        assert.equal(res.status, 400);
        assert.equal(res.body.error, 'invalid_target');
        assert.match(res.body.error_description, /may not act for users of .*delegation\.providers/);
      });

      it('a subject the policy does not name', async () => {
        assert.equal((await h.call('PATCH', `/v1/${summarizer.name}?updateMask=delegation`, { delegation: { allowed: true, subjects: ['bob'] } })).status, 200);
        try {
          const first = await delegated(assistant, await userToken());
          const res = await refused(summarizer, first.access_token);
          assert.equal(res.body.error, 'invalid_target');
          assert.match(res.body.error_description, /subject alice: it is not in the client's delegation\.subjects/);
        } finally {
          await h.call('PATCH', `/v1/${summarizer.name}?updateMask=delegation`, { delegation: { allowed: true } });
        }
      });

      it('a scope wider than the policy, the subject or the agent allows', async () => {
        const beyondPolicy = await refused(assistant, await userToken(), { scope: 'docs.write' });
        assert.equal(beyondPolicy.status, 400);
        assert.equal(beyondPolicy.body.error, 'invalid_scope');
        assert.match(beyondPolicy.body.error_description, /delegation\.maxScope: docs\.write/);
        const notSubjects = await refused(assistant, await userToken(), { scope: 'billing.read' });
        assert.equal(notSubjects.body.error, 'invalid_scope');
        assert.match(notSubjects.body.error_description, /subject alice does not hold: billing\.read/);
        const notAgents = await refused(assistant, await userToken(), { scope: 'admin.all' });
        assert.equal(notAgents.body.error, 'invalid_scope');
        assert.match(notAgents.body.error_description, /client is not granted: admin\.all/);
      });

      it('a user the provider binds to no role has nothing to delegate', async () => {
        const res = await refused(assistant, await userToken({ sub: 'bob' }));
        assert.equal(res.body.error, 'invalid_scope');
        assert.match(res.body.error_description, /subject bob holds no scope to delegate: .*roleBindings/);
      });

      it('a target outside the agent\'s audiences', async () => {
        const res = await refused(assistant, await userToken(), { resource: 'https://elsewhere.example' });
        assert.equal(res.body.error, 'invalid_target');
      });

      it('an expired or foreign subject token', async () => {
        const expired = await refused(assistant, await userToken({ exp: now() - 600, iat: now() - 900 }));
        assert.equal(expired.status, 400);
        assert.equal(expired.body.error, 'invalid_grant');
        assert.match(expired.body.error_description, /subject_token was refused: .*expired/);
        const { privateKey } = await generateKeyPair('RS256');
        const forged = await refused(assistant, await userToken({}, privateKey as CryptoKey));
        assert.equal(forged.body.error, 'invalid_grant');
        assert.match(forged.body.error_description, /signature/);
        const untrusted = await refused(assistant, await userToken({ iss: 'https://untrusted.example' }));
        assert.equal(untrusted.body.error, 'invalid_grant');
        assert.match(untrusted.body.error_description, /neither Keyward nor a trusted provider/);
        // A Keyward token of another organization is not this agent's to act for.
        const tenant = await createTenant(h, 'Elsewhere');
        const foreign = await refused(summarizer, tenant.token);
        assert.equal(foreign.body.error, 'invalid_grant');
        assert.match(foreign.body.error_description, /another workspace/);
      });

      it('a DPoP-bound subject token: delegation binds its own token, and a bound token is not exchanged again', async () => {
        const config = await configFor(assistant);
        const DPoP = oidc.getDPoPHandle(config, await oidc.randomDPoPKeyPair('ES256'));
        const bound = await oidc.genericGrantRequest(
          config,
          TOKEN_EXCHANGE,
          { subject_token: await userToken(), subject_token_type: ACCESS_TOKEN, actor_token: await ownToken(assistant), actor_token_type: ACCESS_TOKEN },
          { DPoP },
        );
        assert.equal(bound.token_type, 'dpop');
        assert.ok((decodeJwt(bound.access_token).cnf as { jkt?: string }).jkt);
        const res = await refused(summarizer, bound.access_token);
        assert.equal(res.body.error, 'invalid_grant');
        assert.match(res.body.error_description, /DPoP-bound/);
      });

      it("an actor_token that is not the authenticated client's own", async () => {
        const res = await refused(assistant, await userToken(), {}, await ownToken(summarizer));
        assert.equal(res.status, 400);
        assert.equal(res.body.error, 'invalid_grant');
        assert.match(res.body.error_description, new RegExp(`actor_token must stand for the authenticated client ${assistant.clientId}`));
        const delegatedActor = await refused(summarizer, await ownToken(plain), {}, (await delegated(assistant, await userToken())).access_token);
        assert.equal(delegatedActor.body.error, 'invalid_grant');
      });

      it('an actor_token without client authentication', async () => {
        const res = await form(h, '/oauth/token', {
          grant_type: TOKEN_EXCHANGE,
          subject_token: await userToken(),
          subject_token_type: ACCESS_TOKEN,
          actor_token: await ownToken(assistant),
          actor_token_type: ACCESS_TOKEN,
        });
        assert.equal(res.status, 401);
        assert.equal(res.body.error, 'invalid_client');
      });
    });
  });
}
