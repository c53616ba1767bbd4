import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createPublicKey } from 'node:crypto';
import { decodeJwt, generateKeyPair } from 'jose';
import { form, hs256WithPublicKey, now, tokenWithAssertion, unsignedJwt } from '../helpers/assertions.js';
import { ISSUER, createTenant, databases, startHarness, type Harness } from '../helpers/harness.js';
import { IDP_CLIENT_ID, startIdp, type Idp } from '../helpers/idp.js';

const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
const JWT_TYPE = 'urn:ietf:params:oauth:token-type:jwt';

for (const db of databases) {
  describe(`federated credentials against oidc-provider (${db.name})`, () => {
    let h: Harness;
    let idp: Idp;
    let provider: string;
    let client: { name: string; clientId: string; clientSecret: string };

    const exchange = (subjectToken: string, params: Record<string, string> = {}, headers: Record<string, string> = {}) =>
      form(h, '/oauth/token', { grant_type: TOKEN_EXCHANGE, subject_token: subjectToken, subject_token_type: JWT_TYPE, ...params }, headers);
    const forged = (claims: Record<string, unknown> = {}, header: Record<string, unknown> = {}) =>
      idp.sign({ iss: idp.issuer, sub: IDP_CLIENT_ID, aud: ISSUER, exp: now() + 300, iat: now(), client_id: IDP_CLIENT_ID, scope: 'deploy', ...claims }, header);

    before(async () => {
      idp = await startIdp();
      h = await startHarness(undefined, { db, env: { KEYWARD_JWKS_MIN_REFETCH: '0', KEYWARD_RATE_LIMIT_FAILURES: '100000' } });
      const created = await h.call('POST', '/v1/providers', { displayName: 'CI identity', issuer: idp.issuer, claimConditions: { client_id: IDP_CLIENT_ID } });
      assert.equal(created.status, 200, JSON.stringify(created.body));
      assert.equal(created.body.jwksUri, null);
      assert.equal(created.body.audience, null);
      provider = created.body.name;
      const c = await h.call('POST', '/v1/apiClients', { displayName: 'deployer', permissions: ['deploy.write', 'deploy.read'] });
      client = c.body;
      const cred = await h.call('POST', `/v1/${client.name}/credentials`, { type: 'FEDERATED', provider, subject: IDP_CLIENT_ID, displayName: 'CI job' });
      assert.equal(cred.status, 200, JSON.stringify(cred.body));
      assert.equal(cred.body.type, 'FEDERATED');
      assert.equal(cred.body.subject, IDP_CLIENT_ID);
    });
    after(async () => {
      await h.close();
      await idp.close();
    });

    describe('200', () => {
      it('a real IdP access token authenticates the client as client_assertion, without client_id', async () => {
        const res = await tokenWithAssertion(h, await idp.token(ISSUER), { scope: 'deploy.read' });
        assert.equal(res.status, 200, JSON.stringify(res.body));
        const claims = decodeJwt(res.body.access_token);
        assert.equal(claims.client_id, client.clientId);
        assert.equal(claims.scope, 'deploy.read');
      });

      it('and with client_id', async () => {
        const res = await tokenWithAssertion(h, await idp.token(ISSUER), { client_id: client.clientId });
        assert.equal(res.status, 200, JSON.stringify(res.body));
      });

      it('RFC 8693 exchanges the same token as subject_token', async () => {
        const res = await exchange(await idp.token(ISSUER));
        assert.equal(res.status, 200, JSON.stringify(res.body));
        assert.equal(res.body.issued_token_type, 'urn:ietf:params:oauth:token-type:access_token');
        assert.equal(res.body.token_type, 'Bearer');
        const claims = decodeJwt(res.body.access_token);
        assert.equal(claims.client_id, client.clientId);
        assert.deepEqual(claims.federated, { iss: idp.issuer, sub: IDP_CLIENT_ID });
      });

      it('an exchange for a client granted nothing answers without scope', async () => {
        const bare = (await h.call('POST', '/v1/apiClients', { displayName: 'granted nothing' })).body;
        const cred = await h.call('POST', `/v1/${bare.name}/credentials`, { type: 'FEDERATED', provider, subject: 'bare-job' });
        assert.equal(cred.status, 200, JSON.stringify(cred.body));
        const res = await exchange(await forged({ sub: 'bare-job' }), { client_id: bare.clientId });
        assert.equal(res.status, 200, JSON.stringify(res.body));
        assert.equal(decodeJwt(res.body.access_token).client_id, bare.clientId);
        assert.equal(Object.hasOwn(res.body, 'scope'), false, JSON.stringify(res.body));
      });

      it('exchanges for a client that authenticated with its secret, when the token is its identity', async () => {
        const basic = `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`;
        const res = await exchange(await idp.token(ISSUER), {}, { authorization: basic });
        assert.equal(res.status, 200, JSON.stringify(res.body));
      });

      it('introspection shows the exchanged token active', async () => {
        const issued = await exchange(await idp.token(ISSUER));
        const basic = `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`;
        const res = await form(h, '/oauth/introspect', { token: issued.body.access_token }, { authorization: basic });
        assert.equal(res.body.active, true);
      });
    });

    describe('refused', () => {
      const refused = async (token: string, reason: RegExp, params: Record<string, string> = {}) => {
        const res = await tokenWithAssertion(h, token, params);
        assert.equal(res.status, 401, JSON.stringify(res.body));
        assert.equal(res.body.error, 'invalid_client');
        assert.match(res.body.error_description, reason);
      };

      it('a forged token with the right key is accepted, so the refusals below are about one claim each', async () => {
        assert.equal((await tokenWithAssertion(h, await forged())).status, 200);
      });

      it('wrong issuer', async () => {
        const { privateKey } = await generateKeyPair('RS256');
        await refused(await idp.sign({ iss: 'https://untrusted.example', sub: IDP_CLIENT_ID, aud: ISSUER, exp: now() + 60 }, {}, privateKey), /not a trusted provider/);
      });

      it('wrong audience, from the real IdP', async () => {
        await refused(await idp.token('https://another-api.example'), /audience must include http:\/\/keyward.test/);
      });

      it('wrong subject', async () => {
        await refused(await forged({ sub: 'another-workload' }), /no federated credential or sign-in of the issuer .* matches the token/);
      });

      it('expired, and without exp', async () => {
        await refused(await forged({ exp: now() - 600, iat: now() - 900 }), /expired/);
        await refused(await forged({ exp: undefined }), /exp claim is required/);
      });

      it('unknown kid, and a key that is not the provider\'s', async () => {
        const { privateKey } = await generateKeyPair('RS256');
        await refused(await forged({}, { kid: 'rotated-away' }), /kid is unknown/);
        await refused(await idp.sign({ iss: idp.issuer, sub: IDP_CLIENT_ID, aud: ISSUER, exp: now() + 60, client_id: IDP_CLIENT_ID }, {}, privateKey), /does not verify/);
      });

      it('alg none and HS256 keyed with the provider\'s public key', async () => {
        const claims = { iss: idp.issuer, sub: IDP_CLIENT_ID, aud: ISSUER, exp: now() + 60, client_id: IDP_CLIENT_ID };
        await refused(unsignedJwt(claims), /alg .none. is not accepted/);
        const pem = createPublicKey({ key: idp.publicJwk as never, format: 'jwk' }).export({ type: 'spki', format: 'pem' });
        await refused(hs256WithPublicKey(claims, pem, idp.kid), /alg .HS256. is not accepted/);
      });

      it("a provider's claim condition", async () => {
        await refused(await forged({ client_id: 'someone-else' }), /condition on the client_id claim/);
      });

      it('token exchange: a subject_token_type that is not a JWT, and actor tokens', async () => {
        const token = await idp.token(ISSUER);
        const saml = await exchange(token, { subject_token_type: 'urn:ietf:params:oauth:token-type:saml2' });
        assert.equal(saml.status, 400);
        assert.equal(saml.body.error, 'invalid_request');
        const basic = `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`;
        const actor = await exchange(token, { actor_token: token, actor_token_type: JWT_TYPE }, { authorization: basic });
        assert.equal(actor.status, 400);
        assert.match(actor.body.error_description, /actor_token/);
      });

      it("token exchange: another client cannot exchange this client's identity", async () => {
        const other = await h.call('POST', '/v1/apiClients', { displayName: 'bystander' });
        const basic = `Basic ${Buffer.from(`${other.body.clientId}:${other.body.clientSecret}`).toString('base64')}`;
        const res = await exchange(await idp.token(ISSUER), {}, { authorization: basic });
        assert.equal(res.status, 400);
        assert.equal(res.body.error, 'invalid_grant');
      });

      it("token exchange: the fence of the federated credential a subject_token matches holds for a client that authenticated with its secret", async () => {
        const fenced = await h.call('POST', '/v1/apiClients', { displayName: 'fenced deployer', permissions: ['deploy.read'] });
        assert.equal(fenced.status, 200, JSON.stringify(fenced.body));
        // Requests here come from 127.0.0.1: outside the block, then inside it.
        const cred = await h.call('POST', `/v1/${fenced.body.name}/credentials`, { type: 'FEDERATED', provider, subject: 'fenced-job', displayName: 'fenced CI job', allowedCidrs: ['10.0.0.0/8'] });
        assert.equal(cred.status, 200, JSON.stringify(cred.body));
        const basic = `Basic ${Buffer.from(`${fenced.body.clientId}:${fenced.body.clientSecret}`).toString('base64')}`;

        const refused = await exchange(await forged({ sub: 'fenced-job' }), {}, { authorization: basic });
        assert.equal(refused.status, 400, JSON.stringify(refused.body));
        assert.equal(refused.body.error, 'invalid_grant');
        assert.match(refused.body.error_description, /the federated credential it matches does not admit this request/);
        const filter = encodeURIComponent(`type = "credential.use_refused" AND resource = "${cred.body.name}"`);
        let reasons: string[] = [];
        for (let i = 0; i < 50 && reasons.length === 0; i++) {
          reasons = (await h.call('GET', `/v1/auditEvents?filter=${filter}`)).body.auditEvents.map((e: { data: { reason: string } }) => e.data.reason);
          if (reasons.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
        }
        assert.deepEqual(reasons, ["address 127.0.0.1 is outside the credential's allowedCidrs (10.0.0.0/8)"]);
        // The same token without the secret authenticates by that credential itself: refused as before.
        assert.equal((await exchange(await forged({ sub: 'fenced-job' }))).status, 401);

        const widened = await h.call('PATCH', `/v1/${cred.body.name}?updateMask=allowedCidrs`, { allowedCidrs: ['10.0.0.0/8', '127.0.0.0/8'] });
        assert.equal(widened.status, 200, JSON.stringify(widened.body));
        const admitted = await exchange(await forged({ sub: 'fenced-job' }), {}, { authorization: basic });
        assert.equal(admitted.status, 200, JSON.stringify(admitted.body));
        assert.deepEqual(decodeJwt(admitted.body.access_token).federated, { iss: idp.issuer, sub: 'fenced-job' });
      });

      it('scope beyond the client and audience beyond its list', async () => {
        const scope = await exchange(await idp.token(ISSUER), { scope: 'admin' });
        assert.equal(scope.body.error, 'invalid_scope');
        const target = await exchange(await idp.token(ISSUER), { audience: 'https://not-allowed.example' });
        assert.equal(target.body.error, 'invalid_target');
      });
    });

    describe('choosing the client', () => {
      it('refuses a token that fits two clients unless client_id chooses; prefers an exact subject over *', async () => {
        const second = await h.call('POST', '/v1/apiClients', { displayName: 'second deployer' });
        const cred = await h.call('POST', `/v1/${second.body.name}/credentials`, { type: 'FEDERATED', provider, subject: IDP_CLIENT_ID });
        const ambiguous = await tokenWithAssertion(h, await idp.token(ISSUER));
        assert.equal(ambiguous.status, 401);
        assert.match(ambiguous.body.error_description, /several clients; send client_id/);
        const chosen = await tokenWithAssertion(h, await idp.token(ISSUER), { client_id: second.body.clientId });
        assert.equal(chosen.status, 200, JSON.stringify(chosen.body));
        assert.equal(decodeJwt(chosen.body.access_token).client_id, second.body.clientId);
        // Deleting the credential is seen at once (the federation cache drops it).
        assert.equal((await h.call('DELETE', `/v1/${cred.body.name}`)).status, 200);
        const wildcard = await h.call('POST', '/v1/apiClients', { displayName: 'any CI job' });
        await h.call('POST', `/v1/${wildcard.body.name}/credentials`, { type: 'FEDERATED', provider, subject: '*' });
        const exact = await tokenWithAssertion(h, await idp.token(ISSUER));
        assert.equal(exact.status, 200, JSON.stringify(exact.body));
        assert.equal(decodeJwt(exact.body.access_token).client_id, client.clientId);
        const viaWildcard = await tokenWithAssertion(h, await forged({ sub: 'some-other-job' }));
        assert.equal(decodeJwt(viaWildcard.body.access_token).client_id, wildcard.body.clientId);
      });

      it('lets each workspace trust the issuer once; a client is reached through its own workspace\'s provider', async () => {
        const staging = await h.call('POST', '/v1/workspaces', { displayName: 'staging' });
        assert.equal(staging.status, 200, JSON.stringify(staging.body));
        const p = await h.call('POST', '/v1/providers', { displayName: 'CI identity (staging)', issuer: idp.issuer, workspace: staging.body.name, claimConditions: { client_id: IDP_CLIENT_ID } });
        assert.equal(p.status, 200, JSON.stringify(p.body));
        assert.equal(p.body.workspace, staging.body.name);
        const twice = await h.call('POST', '/v1/providers', { displayName: 'again', issuer: idp.issuer, workspace: staging.body.name });
        assert.equal(twice.status, 409);
        assert.match(twice.body.detail, /a workspace trusts an issuer once/);
        const c = await h.call('POST', '/v1/apiClients', { displayName: 'staging deployer', workspace: staging.body.name });
        const cred = await h.call('POST', `/v1/${c.body.name}/credentials`, { type: 'FEDERATED', provider: p.body.name, subject: IDP_CLIENT_ID });
        assert.equal(cred.status, 200, JSON.stringify(cred.body));
        // The token now fits a client in each workspace, through each workspace's own provider.
        const ambiguous = await tokenWithAssertion(h, await idp.token(ISSUER));
        assert.equal(ambiguous.status, 401);
        assert.match(ambiguous.body.error_description, /several clients; send client_id/);
        for (const clientId of [c.body.clientId, client.clientId]) {
          const res = await tokenWithAssertion(h, await idp.token(ISSUER), { client_id: clientId });
          assert.equal(res.status, 200, JSON.stringify(res.body));
          assert.equal(decodeJwt(res.body.access_token).client_id, clientId);
        }
        // Each provider's conditions are its own: staging's, unmet, leaves only the default workspace's client.
        assert.equal((await h.call('PATCH', `/v1/${p.body.name}?updateMask=claimConditions`, { claimConditions: { scope: 'staging' } })).status, 200);
        const ours = await tokenWithAssertion(h, await idp.token(ISSUER));
        assert.equal(ours.status, 200, JSON.stringify(ours.body));
        assert.equal(decodeJwt(ours.body.access_token).client_id, client.clientId);
        assert.equal((await h.call('DELETE', `/v1/${cred.body.name}`)).status, 200);
        // A client's federated credential names a provider of its own workspace.
        const crossed = await h.call('POST', `/v1/${c.body.name}/credentials`, { type: 'FEDERATED', provider, subject: IDP_CLIENT_ID });
        assert.equal(crossed.status, 400);
        assert.match(crossed.body.detail, /not for this client's workspaces\//);
      });

      it('scopes the identity to (organization, issuer, subject): a neighbour trusting the same issuer is another identity', async () => {
        const tenant = await createTenant(h, 'Neighbour');
        const as = { authorization: `Bearer ${tenant.token}` };
        const p = await h.call('POST', '/v1/providers', { displayName: 'same IdP', issuer: idp.issuer, claimConditions: { scope: 'admin' } }, as);
        assert.equal(p.status, 200, JSON.stringify(p.body));
        const c = await h.call('POST', '/v1/apiClients', { displayName: 'neighbour deployer' }, as);
        await h.call('POST', `/v1/${c.body.name}/credentials`, { type: 'FEDERATED', provider: p.body.name, subject: IDP_CLIENT_ID }, as);
        // The neighbour's provider wants scope=admin, so the token is only the first organization's.
        const ours = await tokenWithAssertion(h, await idp.token(ISSUER));
        assert.equal(ours.status, 200, JSON.stringify(ours.body));
        assert.notEqual(decodeJwt(ours.body.access_token).org_id, tenant.orgId);
        const theirs = await tokenWithAssertion(h, await idp.token(ISSUER), { client_id: c.body.clientId });
        assert.equal(theirs.status, 401);
        assert.match(theirs.body.error_description, /condition on the scope claim/);
        // A neighbour cannot see or use our provider.
        assert.equal((await h.call('GET', `/v1/${provider}`, undefined, as)).status, 404);
        const stolen = await h.call('POST', `/v1/${c.body.name}/credentials`, { type: 'FEDERATED', provider, subject: IDP_CLIENT_ID }, as);
        assert.equal(stolen.status, 404);
      });
    });

    describe('admin sign-in with the provider\'s token', () => {
      it('signs in a USER principal with the permissions of the roles bound to it', async () => {
        const bearer = async () => ({ authorization: `Bearer ${await idp.token(ISSUER)}` });
        // Not trusted for sign-in yet: the token is nobody's.
        assert.equal((await h.call('GET', '/v1/apiClients', undefined, await bearer())).status, 401);
        assert.equal((await h.call('PATCH', `/v1/${provider}?updateMask=adminSignIn`, { adminSignIn: true })).status, 200);
        // Trusted, but no role yet: authenticated, not authorized.
        const bare = await h.call('GET', '/v1/apiClients', undefined, await bearer());
        assert.equal(bare.status, 403);
        const role = await h.call('POST', '/v1/roles?roleId=client-operators', { displayName: 'Client operators', permissions: ['keyward:clients.read', 'keyward:clients.write'] });
        assert.equal(role.status, 200, JSON.stringify(role.body));
        const binding = await h.call('POST', '/v1/roleBindings', { principal: `users/${IDP_CLIENT_ID}`, provider, role: role.body.name });
        assert.equal(binding.status, 200, JSON.stringify(binding.body));
        assert.equal(binding.body.principal, `users/${IDP_CLIENT_ID}`);
        const listed = await h.call('GET', '/v1/apiClients', undefined, await bearer());
        assert.equal(listed.status, 200, JSON.stringify(listed.body));
        const made = await h.call('POST', '/v1/apiClients', { displayName: 'made by a person' }, await bearer());
        assert.equal(made.status, 200);
        assert.equal(made.body.createdBy, `users/${IDP_CLIENT_ID}`);
        assert.equal((await h.call('GET', '/v1/roles', undefined, await bearer())).status, 403);
        // The IdP's token for another audience is refused with the reason.
        const wrongAud = await h.call('GET', '/v1/apiClients', undefined, { authorization: `Bearer ${await idp.token('https://another-api.example')}` });
        assert.equal(wrongAud.status, 401);
        assert.match(wrongAud.body.detail, /audience/);
        // Another workspace's provider of the same issuer adds what its own bindings grant.
        const ops = await h.call('POST', '/v1/workspaces', { displayName: 'operations' });
        // Its key set is named by another URL, so it is verified on its own.
        const opsProvider = await h.call('POST', '/v1/providers', { displayName: 'people (operations)', issuer: idp.issuer, jwksUri: `${idp.issuer}/jwks?spelling=operations`, workspace: ops.body.name, adminSignIn: true });
        assert.equal(opsProvider.status, 200, JSON.stringify(opsProvider.body));
        const auditors = await h.call('POST', '/v1/roles?roleId=role-readers', { displayName: 'Role readers', permissions: ['keyward:roles.read'] });
        const opsBinding = await h.call('POST', '/v1/roleBindings', { principal: `users/${IDP_CLIENT_ID}`, provider: opsProvider.body.name, role: auditors.body.name });
        assert.equal(opsBinding.status, 200, JSON.stringify(opsBinding.body));
        assert.equal((await h.call('GET', '/v1/roles', undefined, await bearer())).status, 200);
        assert.equal((await h.call('GET', '/v1/apiClients', undefined, await bearer())).status, 200);
        assert.equal((await h.call('DELETE', `/v1/${opsBinding.body.name}`)).status, 200);
        assert.equal((await h.call('GET', '/v1/roles', undefined, await bearer())).status, 403);
        // Unbinding takes effect at once.
        assert.equal((await h.call('DELETE', `/v1/${binding.body.name}`)).status, 200);
        assert.equal((await h.call('GET', '/v1/apiClients', undefined, await bearer())).status, 403);
      });
    });
  });
}
