import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decodeJwt, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { form, now, tokenWithAssertion } from '../helpers/assertions.js';
import { ISSUER, databases, startHarness, type Harness } from '../helpers/harness.js';
import { IDP_CLIENT_ID, startIdp, type Idp } from '../helpers/idp.js';
import { LogCapture } from '../security/support.js';

/**
 * Federated credentials matched on claims, one recipe per platform (docs/credentials.md), each
 * with a token of the platform's real shape signed by a local key. The platforms' issuers are
 * identifiers; their keys are served by the local identity provider's /jwks.
 */
const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
const JWT_TYPE = 'urn:ietf:params:oauth:token-type:jwt';
const GITHUB = 'https://token.actions.githubusercontent.com';
const CLUSTER = 'https://oidc.prod-cluster.example.com';
const CLUSTER_AUDIENCE = 'https://keyward.example/prod-cluster';

for (const db of databases) {
  describe(`federated credentials matched on claims (${db.name})`, () => {
    let h: Harness;
    let idp: Idp;
    const logs = new LogCapture();

    const exchange = (subjectToken: string) => form(h, '/oauth/token', { grant_type: TOKEN_EXCHANGE, subject_token: subjectToken, subject_token_type: JWT_TYPE });
    const signed = (claims: Record<string, unknown>) => idp.sign({ aud: ISSUER, exp: now() + 300, iat: now(), nbf: now() - 5, ...claims }, { typ: 'JWT' });
    const client = async (displayName: string) => (await h.call('POST', '/v1/apiClients', { displayName, permissions: ['deploy.write'] })).body as { name: string; clientId: string };
    const provider = async (displayName: string, issuer: string, extra: Record<string, unknown> = {}) => {
      const res = await h.call('POST', '/v1/providers', { displayName, issuer, jwksUri: `${idp.issuer}/jwks`, ...extra });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return res.body.name as string;
    };
    const credential = async (owner: { name: string }, body: Record<string, unknown>) => {
      const res = await h.call('POST', `/v1/${owner.name}/credentials`, { type: 'FEDERATED', ...body });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return res.body;
    };
    const refused = (res: { status: number; body: Record<string, string> }, reason: RegExp) => {
      assert.equal(res.status, 401, JSON.stringify(res.body));
      assert.equal(res.body.error, 'invalid_client');
      assert.match(res.body.error_description, reason);
    };

    before(async () => {
      idp = await startIdp();
      h = await startHarness(undefined, { db, logStream: logs, env: { LOG_LEVEL: 'info', KEYWARD_JWKS_MIN_REFETCH: '0', KEYWARD_RATE_LIMIT_FAILURES: '100000' } });
    });
    after(async () => {
      await h.close();
      await idp.close();
    });

    describe('GitHub Actions OIDC', () => {
      let deployer: { name: string; clientId: string };
      const claims = {
        iss: GITHUB,
        sub: 'repo:acme/app:environment:prod',
        repository: 'acme/app',
        repository_owner: 'acme',
        repository_id: '74',
        ref: 'refs/heads/release/2.4',
        ref_type: 'branch',
        environment: 'prod',
        workflow: 'deploy',
        job_workflow_ref: 'acme/app/.github/workflows/deploy.yml@refs/heads/release/2.4',
        event_name: 'push',
        actor: 'octocat',
        run_id: '123456',
      };

      before(async () => {
        const github = await provider('GitHub Actions', GITHUB, { claimConditions: { repository_owner: 'acme' } });
        deployer = await client('release deployer');
        const cred = await credential(deployer, {
          provider: github,
          claimConditions: { repository: 'acme/app', environment: 'prod' },
          claimPatterns: { ref: 'refs/heads/release/*', job_workflow_ref: 'acme/app/.github/workflows/deploy.yml@refs/heads/release/*' },
        });
        // The resource shows what the credential asks for; the subject left out is any.
        assert.deepEqual(
          { subject: cred.subject, claimConditions: cred.claimConditions, claimPatterns: cred.claimPatterns },
          {
            subject: '*',
            claimConditions: { repository: 'acme/app', environment: 'prod' },
            claimPatterns: { ref: 'refs/heads/release/*', job_workflow_ref: 'acme/app/.github/workflows/deploy.yml@refs/heads/release/*' },
          },
        );
        const read = await h.call('GET', `/v1/${cred.name}`);
        assert.deepEqual(read.body.claimPatterns, cred.claimPatterns);
      });

      it('a job on a release branch in the prod environment gets a token, as client_assertion and by token exchange', async () => {
        const res = await tokenWithAssertion(h, await signed(claims));
        assert.equal(res.status, 200, JSON.stringify(res.body));
        assert.equal(decodeJwt(res.body.access_token).client_id, deployer.clientId);
        const exchanged = await exchange(await signed(claims));
        assert.equal(exchanged.status, 200, JSON.stringify(exchanged.body));
        assert.deepEqual(decodeJwt(exchanged.body.access_token).federated, { iss: GITHUB, sub: claims.sub });
      });

      it('a token differing in one condition is refused, naming the condition', async () => {
        const from = logs.lines.length;
        refused(await tokenWithAssertion(h, await signed({ ...claims, ref: 'refs/heads/main' })), /condition on the ref claim/);
        // The operator's log says why, as the response does.
        const logged = logs.lines.slice(from).map((line) => JSON.parse(line) as { msg: string; reason?: string; code?: string });
        const refusal = logged.find((line) => line.msg === 'federated authentication refused');
        assert.ok(refusal, logged.map((l) => l.msg).join(', '));
        assert.equal(refusal.code, 'invalid_client');
        assert.match(refusal.reason ?? '', /condition on the ref claim/);
        refused(await tokenWithAssertion(h, await signed({ ...claims, repository: 'acme/apq' })), /condition on the repository claim/);
        refused(await tokenWithAssertion(h, await signed({ ...claims, environment: 'prod ' })), /condition on the environment claim/);
        // * stays within one path segment: a branch below release/ is not release/*.
        refused(await tokenWithAssertion(h, await signed({ ...claims, ref: 'refs/heads/release/2.4/hotfix' })), /condition on the ref claim/);
        refused(
          await tokenWithAssertion(h, await signed({ ...claims, job_workflow_ref: 'acme/app/.github/workflows/other.yml@refs/heads/release/2.4' })),
          /condition on the job_workflow_ref claim/,
        );
        const missing = { ...claims } as Record<string, unknown>;
        delete missing.environment;
        refused(await tokenWithAssertion(h, await signed(missing)), /condition on the environment claim/);
        const viaExchange = await exchange(await signed({ ...claims, ref: 'refs/heads/feature/x' }));
        refused(viaExchange, /condition on the ref claim/);
        // The provider's own condition still applies first.
        refused(await tokenWithAssertion(h, await signed({ ...claims, repository_owner: 'acme-forks' })), /provider's condition on the repository_owner claim/);
      });

      it('a bad pattern, or no exact condition at all, is a 400 that says how to fix it', async () => {
        const github = (await h.call('GET', '/v1/providers')).body.providers.find((p: { issuer: string }) => p.issuer === GITHUB).name;
        const count = async () => (await h.call('GET', `/v1/${deployer.name}/credentials`)).body.credentials.length;
        const before = await count();
        const bad = async (body: Record<string, unknown>, field: string, description: RegExp) => {
          const res = await h.call('POST', `/v1/${deployer.name}/credentials`, { type: 'FEDERATED', provider: github, ...body });
          assert.equal(res.status, 400, JSON.stringify(res.body));
          const violation = res.body.errors.find((v: { field: string }) => v.field === field);
          assert.ok(violation, JSON.stringify(res.body));
          assert.match(violation.description, description);
        };
        await bad({ claimPatterns: { ref: 'refs/heads/*' } }, 'subject', /at least one exact condition/);
        await bad({ claimPatterns: { ref: 'refs/heads/*' }, audience: ISSUER }, 'subject', /at least one exact condition/);
        await bad({ subject: 'repo:acme/app:environment:prod', claimPatterns: { ref: 'refs/***' } }, 'claimPatterns.ref', /never three in a row/);
        await bad({ subject: 'repo:acme/app:environment:prod', claimPatterns: { ref: '**' } }, 'claimPatterns.ref', /matches every value/);
        await bad({ subject: 'repo:acme/app:environment:prod', claimPatterns: { ref: 7 } }, 'claimPatterns.ref', /non-empty string/);
        await bad({ subject: 'repo:acme/app:environment:prod', claimConditions: { aud: 'x' } }, 'claimConditions.aud', /always checked/);
        await bad({ claimConditions: { sub: 'repo:acme/app:environment:prod' } }, 'claimConditions.sub', /subject field/);
        await bad({ subject: 'x', claimConditions: { '/kubernetes.io//name': 'x' } }, 'claimConditions./kubernetes.io//name', /JSON Pointer/);
        // Nothing was written.
        assert.equal(await count(), before);
      });
    });

    describe('Kubernetes projected service-account tokens', () => {
      let deployer: { name: string; clientId: string };
      let batch: { name: string; clientId: string };
      const token = (namespace: string, serviceaccount: string, aud: string[] = [ISSUER, CLUSTER_AUDIENCE]) =>
        signed({
          iss: CLUSTER,
          sub: `system:serviceaccount:${namespace}:${serviceaccount}`,
          aud,
          'kubernetes.io': {
            namespace,
            serviceaccount: { name: serviceaccount, uid: '7b0f5e4d-6a1c-4f3e-9d8a-2c5b1e0f9a7d' },
            pod: { name: `${serviceaccount}-5d8f7c9b6-x2x4q`, uid: '0a1b2c3d-4e5f-6789-abcd-ef0123456789' },
          },
        });

      before(async () => {
        const cluster = await provider('prod cluster', CLUSTER);
        deployer = await client('cluster deployer');
        await credential(deployer, {
          provider: cluster,
          subject: 'system:serviceaccount:prod:deployer',
          claimConditions: { '/kubernetes.io/namespace': 'prod', '/kubernetes.io/serviceaccount/name': 'deployer' },
          audience: CLUSTER_AUDIENCE,
        });
        batch = await client('batch jobs');
        await credential(batch, { provider: cluster, claimConditions: { '/kubernetes.io/namespace': 'batch' }, claimPatterns: { sub: 'system:serviceaccount:batch:*' } });
      });

      it('the service account of its namespace gets a token; another one is refused', async () => {
        const res = await tokenWithAssertion(h, await token('prod', 'deployer'));
        assert.equal(res.status, 200, JSON.stringify(res.body));
        assert.equal(decodeJwt(res.body.access_token).client_id, deployer.clientId);
        const exchanged = await exchange(await token('prod', 'deployer'));
        assert.equal(exchanged.status, 200, JSON.stringify(exchanged.body));
        // Another service account is another subject: no credential names it.
        refused(await tokenWithAssertion(h, await token('prod', 'deployers')), /fits no federated credential's conditions/);
        refused(await tokenWithAssertion(h, await token('prod', 'deployer', [ISSUER])), /audience must include https:\/\/keyward.example\/prod-cluster/);
      });

      it('a glob on the subject with an exact namespace: every service account of one namespace', async () => {
        for (const sa of ['nightly', 'report']) {
          const res = await tokenWithAssertion(h, await token('batch', sa));
          assert.equal(res.status, 200, JSON.stringify(res.body));
          assert.equal(decodeJwt(res.body.access_token).client_id, batch.clientId);
        }
        // The same name in another namespace matches neither credential.
        const other = await tokenWithAssertion(h, await token('batch2', 'nightly'), { client_id: batch.clientId });
        refused(other, /condition on the (sub|\/kubernetes.io\/namespace) claim/);
      });
    });

    describe('SPIFFE JWT-SVIDs against a trust bundle pinned on the provider', () => {
      const TRUST_DOMAIN = 'https://spire.example.org';
      const SPIFFE_ID = 'spiffe://example.org/ns/prod/sa/payments';
      let bundleKey: CryptoKey;
      let providerName: string;
      let payments: { name: string; clientId: string };
      const svid = (sub: string, key: CryptoKey = bundleKey, kid = 'spire-2026-12') =>
        new SignJWT({ iss: TRUST_DOMAIN, sub, aud: [ISSUER], iat: now(), exp: now() + 300 }).setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' }).sign(key);

      before(async () => {
        const pair = await generateKeyPair('ES256', { extractable: true });
        bundleKey = pair.privateKey;
        const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'spire-2026-12', use: 'sig' };
        const p = await h.call('POST', '/v1/providers', { displayName: 'SPIRE', issuer: TRUST_DOMAIN, jwks: { keys: [jwk] } });
        assert.equal(p.status, 200, JSON.stringify(p.body));
        assert.equal(p.body.jwksUri, null);
        assert.deepEqual(p.body.jwks.keys.map((k: { kid: string }) => k.kid), ['spire-2026-12']);
        providerName = p.body.name;
        payments = await client('payments');
        await credential(payments, { provider: providerName, subject: SPIFFE_ID });
      });

      it('a JWT-SVID of the SPIFFE ID gets a token, with keys from the bundle and nothing fetched', async () => {
        const res = await tokenWithAssertion(h, await svid(SPIFFE_ID));
        assert.equal(res.status, 200, JSON.stringify(res.body));
        assert.equal(decodeJwt(res.body.access_token).client_id, payments.clientId);
        const exchanged = await exchange(await svid(SPIFFE_ID));
        assert.equal(exchanged.status, 200, JSON.stringify(exchanged.body));
      });

      it('refuses another SPIFFE ID, and a key outside the bundle even with its kid', async () => {
        refused(await tokenWithAssertion(h, await svid('spiffe://example.org/ns/prod/sa/paymentz')), /no federated credential or sign-in of the issuer https:\/\/spire.example.org matches/);
        refused(await tokenWithAssertion(h, await svid(SPIFFE_ID, (await generateKeyPair('ES256')).privateKey)), /signature does not verify/);
        // A key the client could name elsewhere (here: another issuer's published key) is not in the bundle.
        const published = await idp.sign({ iss: TRUST_DOMAIN, sub: SPIFFE_ID, aud: [ISSUER], iat: now(), exp: now() + 300 }, { typ: 'JWT', kid: 'spire-2026-12' });
        refused(await tokenWithAssertion(h, published), /signature does not verify/);
      });

      it('a new bundle replaces the old at once; bad bundles are 400s', async () => {
        const next = await generateKeyPair('ES256', { extractable: true });
        const nextJwk = { ...(await exportJWK(next.publicKey)), kid: 'spire-2027-01' };
        const rotated = await h.call('PATCH', `/v1/${providerName}?updateMask=jwks`, { jwks: { keys: [nextJwk] } });
        assert.equal(rotated.status, 200, JSON.stringify(rotated.body));
        refused(await tokenWithAssertion(h, await svid(SPIFFE_ID)), /signature does not verify/);
        const res = await tokenWithAssertion(h, await svid(SPIFFE_ID, next.privateKey, 'spire-2027-01'));
        assert.equal(res.status, 200, JSON.stringify(res.body));

        const both = await h.call('PATCH', `/v1/${providerName}?updateMask=jwksUri`, { jwksUri: `${idp.issuer}/jwks` });
        assert.equal(both.status, 400, JSON.stringify(both.body));
        assert.match(both.body.detail, /jwks \(keys pinned here\) or jwksUri/);
        const secretKey = { ...(await exportJWK(next.privateKey)), kid: 'leak' };
        const leaked = await h.call('PATCH', `/v1/${providerName}?updateMask=jwks`, { jwks: { keys: [secretKey] } });
        assert.equal(leaked.status, 400, JSON.stringify(leaked.body));
        assert.equal(leaked.body.errors[0].field, 'jwks.keys.0');
        const empty = await h.call('PATCH', `/v1/${providerName}?updateMask=jwks`, { jwks: { keys: [] } });
        assert.equal(empty.status, 400, JSON.stringify(empty.body));
        // The bundle is unchanged by the refusals.
        assert.deepEqual((await h.call('GET', `/v1/${providerName}`)).body.jwks.keys.map((k: { kid: string }) => k.kid), ['spire-2027-01']);
      });
    });

    describe('any OIDC issuer', () => {
      it('an exact subject with a condition on a custom claim, keys found by discovery', async () => {
        const p = await h.call('POST', '/v1/providers', { displayName: 'company IdP', issuer: idp.issuer });
        assert.equal(p.status, 200, JSON.stringify(p.body));
        const worker = await client('idp worker');
        await credential(worker, { provider: p.body.name, subject: IDP_CLIENT_ID, claimConditions: { scope: 'deploy' }, audience: ISSUER });
        const real = await tokenWithAssertion(h, await idp.token(ISSUER));
        assert.equal(real.status, 200, JSON.stringify(real.body));
        assert.equal(decodeJwt(real.body.access_token).client_id, worker.clientId);
        const base = { iss: idp.issuer, sub: IDP_CLIENT_ID, client_id: IDP_CLIENT_ID };
        refused(await tokenWithAssertion(h, await signed({ ...base, scope: 'deploy!' })), /condition on the scope claim/);
        const exchanged = await exchange(await signed({ ...base, scope: 'deploy' }));
        assert.equal(exchanged.status, 200, JSON.stringify(exchanged.body));
      });
    });
  });
}
