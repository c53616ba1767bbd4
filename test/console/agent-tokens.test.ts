import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import type { Page } from 'playwright-core';
import { ADMIN_ID, ADMIN_SECRET, adminToken, http, type Server } from '../faults/support.js';
import { browserMissing, navTo, openConsole, screenshot, signIn, tab, type ConsoleRun } from './browser.js';

const missing = browserMissing();
if (missing) console.log(`# ${missing}`);

const ISSUER = 'http://keyward.faults';
const TRUST_DOMAIN = 'https://spire.example.org';
const KID = 'spire-2026-12';

/** The open modal dialog (forms and confirmations). */
const dialog = (page: Page) => page.locator('dialog[open]');
/** A datetime-local value: the browser and this process share the machine's time zone. */
const localInput = (time: Date) => new Date(time.getTime() - time.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
const now = () => Math.floor(Date.now() / 1000);

/**
 * The agent-token features of the API in the console: a provider's pinned key set, federated
 * credentials with claim conditions, globs and an audience, a client's delegation policy, and a
 * workspace's registration tokens and registration policy. Each is checked against the API (and,
 * where it gives something out, used as a deployment would: an SVID, a registration).
 */
describe('console: pinned keys, federated claims, delegation and registration tokens in Chromium', { skip: missing }, () => {
  let run: ConsoleRun;
  let server: Server;
  let page: Page;
  let problems: string[];
  let token: string | undefined;
  const admin = async (method: string, path: string, body?: unknown) => {
    token ??= await adminToken(server);
    return http(server, method, path, { token, body });
  };
  let bundleKey: CryptoKey;
  let providerName: string;
  let client: { name: string; clientId: string; workspace: string };

  before(async () => {
    run = await openConsole('console-agent-tokens');
    ({ server, page, problems } = run);
    await signIn(page, server.url, ADMIN_ID, ADMIN_SECRET);
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    const created = await admin('POST', '/v1/apiClients', { displayName: 'Payments agent', permissions: ['docs.read', 'docs.write'] });
    assert.equal(created.status, 200, JSON.stringify(created.body));
    client = created.body;
  });
  after(() => run?.close());

  it('trusts a provider with a pinned key set pasted as JSON, refusing malformed JSON and a private key first', async () => {
    const pair = await generateKeyPair('ES256', { extractable: true });
    bundleKey = pair.privateKey;
    const publicJwk = { ...(await exportJWK(pair.publicKey)), kid: KID, use: 'sig' };
    const privateJwk = { ...(await exportJWK(pair.privateKey)), kid: KID };

    await navTo(page, 'Providers');
    await page.getByRole('button', { name: 'Add provider', exact: true }).click();
    const form = dialog(page);
    await form.getByLabel('Display name').fill('SPIRE');
    await form.getByLabel('Issuer').fill(TRUST_DOMAIN);
    const pinned = form.getByLabel('Pinned key set (JWKS)');
    await pinned.fill('{"keys": [');
    await form.getByRole('button', { name: 'Add provider', exact: true }).click();
    await form.getByRole('alert').filter({ hasText: 'The pinned key set is not JSON' }).waitFor();
    await pinned.fill(JSON.stringify({ keys: [privateJwk] }));
    await form.getByRole('button', { name: 'Add provider', exact: true }).click();
    // The API's refusal names the key at fault.
    await form.getByRole('alert').filter({ hasText: 'jwks.keys.0' }).waitFor();
    await pinned.fill(JSON.stringify({ keys: [publicJwk] }));
    await form.getByRole('button', { name: 'Add provider', exact: true }).click();
    await dialog(page).waitFor({ state: 'detached' });
    const row = page.getByTestId('provider-row').filter({ hasText: 'SPIRE' });
    await row.getByText('1 pinned key', { exact: true }).waitFor();

    const listed = await admin('GET', '/v1/providers');
    const provider = listed.body.providers.find((p: { displayName: string }) => p.displayName === 'SPIRE');
    assert.equal(provider.jwksUri, null);
    assert.deepEqual(
      provider.jwks.keys.map((k: { kid: string; d?: string }) => [k.kid, k.d]),
      [[KID, undefined]],
    );
    providerName = provider.name;

    // Editing shows the pinned set and keeps it.
    await row.getByRole('button', { name: 'Edit', exact: true }).click();
    assert.deepEqual(JSON.parse(await dialog(page).getByLabel('Pinned key set (JWKS)').inputValue()), provider.jwks);
    await dialog(page).getByLabel('Description').fill('SPIFFE trust bundle');
    await dialog(page).getByRole('button', { name: 'Save provider', exact: true }).click();
    await dialog(page).waitFor({ state: 'detached' });
    assert.deepEqual((await admin('GET', `/v1/${providerName}`)).body.jwks, provider.jwks);
    await screenshot(page, 'providers-pinned-jwks');
  });

  it('adds a federated credential with exact claims, globs and an audience; the list shows them, and a matching SVID gets a token', async () => {
    await page.goto(`${server.url}/console/${client.name.replace('apiClients/', 'clients/')}`);
    await tab(page, 'Credentials');
    await page.getByRole('radio', { name: 'Federated' }).check();
    await page.getByLabel('Identity provider').selectOption(providerName);
    await page.getByLabel('Name (optional)').fill('prod payments');
    await page.getByLabel('Claim patterns (globs)').fill('sub=spiffe://example.org/ns/prod/*');
    await page.getByRole('button', { name: 'Add credential', exact: true }).click();
    // Globs alone would match every token of the issuer by accident: the API refuses, in its words.
    await page.getByRole('alert').filter({ hasText: /exact/ }).waitFor();
    await page.getByLabel('Claim conditions (exact)').fill('environment=prod, staging\n/k8s/namespace=payments');
    await page.getByLabel('Audience (optional)').fill('https://payments.example.com');
    await page.getByRole('button', { name: 'Add credential', exact: true }).click();

    const row = page.getByTestId('credential-row').filter({ hasText: 'prod payments' });
    await row.getByTestId('claim-conditions').filter({ hasText: 'environment=prod, staging; /k8s/namespace=payments' }).waitFor();
    assert.equal(await row.getByTestId('claim-patterns').textContent(), 'globs: sub=spiffe://example.org/ns/prod/*');
    assert.equal(await row.getByTestId('claim-audience').textContent(), 'aud: https://payments.example.com');

    const credentials = (await admin('GET', `/v1/${client.name}/credentials`)).body.credentials;
    const federated = credentials.find((c: { type: string }) => c.type === 'FEDERATED');
    assert.deepEqual(
      [federated.provider, federated.subject, federated.claimConditions, federated.claimPatterns, federated.audience],
      [providerName, '*', { environment: ['prod', 'staging'], '/k8s/namespace': 'payments' }, { sub: 'spiffe://example.org/ns/prod/*' }, 'https://payments.example.com'],
    );

    const svid = (claims: Record<string, unknown>) =>
      new SignJWT({ iss: TRUST_DOMAIN, sub: 'spiffe://example.org/ns/prod/payments', aud: [ISSUER, 'https://payments.example.com'], iat: now(), exp: now() + 300, environment: 'prod', k8s: { namespace: 'payments' }, ...claims })
        .setProtectedHeader({ alg: 'ES256', kid: KID, typ: 'JWT' })
        .sign(bundleKey);
    const assertion = async (claims: Record<string, unknown> = {}) =>
      http(server, 'POST', '/oauth/token', {
        form: { grant_type: 'client_credentials', client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: await svid(claims) },
      });
    const granted = await assertion();
    assert.equal(granted.status, 200, JSON.stringify(granted.body));
    const otherEnvironment = await assertion({ environment: 'dev' });
    assert.equal(otherEnvironment.status, 401);
    assert.match(otherEnvironment.body.error_description, /environment/);
    const nestedSubject = await assertion({ sub: 'spiffe://example.org/ns/prod/payments/extra' });
    assert.equal(nestedSubject.status, 401, 'a * glob stays within one segment');
    await screenshot(page, 'credentials-federated-claims');
  });

  it("edits the client's delegation policy in a form, showing the API's refusal of a malformed scope", async () => {
    await tab(page, 'Settings');
    const form = page.getByRole('form', { name: 'Delegation policy' });
    await form.getByLabel('May act for others').check();
    await form.getByRole('checkbox', { name: /^SPIRE/ }).check();
    await form.getByLabel('Subjects').fill('alice\nspiffe://example.org/ns/prod/payments');
    await form.getByLabel('Maximum scope').fill('docs.read docs"write');
    await form.getByRole('button', { name: 'Save delegation policy', exact: true }).click();
    await form.getByRole('alert').filter({ hasText: 'delegation.maxScope' }).waitFor();
    assert.equal((await admin('GET', `/v1/${client.name}`)).body.delegation.allowed, false, 'a refused policy writes nothing');

    await form.getByLabel('Maximum scope').fill('docs.read');
    await form.getByRole('button', { name: 'Save delegation policy', exact: true }).click();
    await form.getByRole('status').filter({ hasText: 'Delegation policy saved.' }).waitFor();
    assert.deepEqual((await admin('GET', `/v1/${client.name}`)).body.delegation, {
      allowed: true,
      providers: [providerName],
      subjects: ['alice', 'spiffe://example.org/ns/prod/payments'],
      maxScope: ['docs.read'],
    });

    await page.reload();
    const reloaded = page.getByRole('form', { name: 'Delegation policy' });
    assert.equal(await reloaded.getByLabel('May act for others').isChecked(), true);
    assert.equal(await reloaded.getByRole('checkbox', { name: /^SPIRE/ }).isChecked(), true);
    assert.equal(await reloaded.getByLabel('Maximum scope').inputValue(), 'docs.read');
    await screenshot(page, 'client-delegation');

    await reloaded.getByLabel('May act for others').uncheck();
    await reloaded.getByRole('checkbox', { name: /^SPIRE/ }).uncheck();
    await reloaded.getByRole('button', { name: 'Save delegation policy', exact: true }).click();
    await reloaded.getByRole('status').filter({ hasText: 'Delegation policy saved.' }).waitFor();
    const off = (await admin('GET', `/v1/${client.name}`)).body.delegation;
    assert.deepEqual([off.allowed, off.providers], [false, []]);
  });

  it('issues a registration token shown once, registers a client with it, and revokes it after a confirmation; the registration policy is in the settings', async () => {
    const workspace = (await admin('POST', '/v1/workspaces', { displayName: 'Partners' })).body;
    await page.goto(`${server.url}/console/workspaces/${workspace.id}`);
    await page.getByRole('heading', { name: 'Registration tokens' }).waitFor();
    const policy = page.getByTestId('registration-policy');
    await policy.getByText('unset: none: clients register with no permissions').waitFor();

    await page.getByLabel('Merge patch (JSON)').fill('{"registration_scopes": "orders.read", "registration_auth_methods": "client_secret_basic"}');
    await page.getByRole('button', { name: 'Apply patch', exact: true }).click();
    await policy.getByText('orders.read', { exact: true }).waitFor();
    await page.getByTestId('settings').getByText('registration policy: the permissions a registered client may ask for').waitFor();

    await page.getByRole('button', { name: 'Issue token', exact: true }).click();
    const form = dialog(page);
    await form.getByLabel('Name (optional)').fill('partner onboarding');
    await form.getByLabel('Uses').fill('2');
    await form.getByLabel('Expires').fill(localInput(new Date(Date.now() + 200 * 86_400_000)));
    await form.getByRole('button', { name: 'Issue token', exact: true }).click();
    await form.getByRole('alert').filter({ hasText: 'at most 90 days ahead' }).waitFor();
    await form.getByLabel('Expires').fill(localInput(new Date(Date.now() + 10 * 86_400_000)));
    await form.getByRole('button', { name: 'Issue token', exact: true }).click();
    await dialog(page).waitFor({ state: 'detached' });

    const shown = page.getByRole('region', { name: 'New registration token' });
    await shown.getByText('Copy it now: Keyward will not show it again.').waitFor();
    await shown.getByRole('button', { name: 'Copy', exact: true }).waitFor();
    const initialAccessToken = (await shown.getByTestId('secret-value').textContent()) ?? '';
    assert.match(initialAccessToken, /^kwiat_/);

    const register = () =>
      fetch(`${server.url}/oauth/register`, {
        method: 'POST',
        headers: { authorization: `Bearer ${initialAccessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ client_name: 'Partner sync', scope: 'orders.read' }),
      });
    const registered = await register();
    assert.equal(registered.status, 201, await registered.clone().text());
    assert.equal(((await registered.json()) as { scope: string }).scope, 'orders.read');

    await page.getByRole('button', { name: 'Done: hide the token', exact: true }).click();
    assert.equal(await page.getByText(initialAccessToken).count(), 0, 'the token is gone from the page');
    await page.reload();
    const row = page.getByTestId('registration-token-row').filter({ hasText: 'partner onboarding' });
    await row.getByRole('cell', { name: '1', exact: true }).waitFor();
    assert.ok(!((await page.content()).includes(initialAccessToken)), 'the list never shows the token');

    await row.getByRole('button', { name: 'Revoke', exact: true }).click();
    const confirm = page.getByRole('alertdialog');
    await confirm.getByText('registers no more clients').waitFor();
    await confirm.getByRole('button', { name: 'Cancel', exact: true }).click();
    await confirm.waitFor({ state: 'detached' });
    assert.equal((await admin('GET', `/v1/workspaces/${workspace.id}/registrationTokens`)).body.registrationTokens.length, 1, 'cancel revokes nothing');
    await row.getByRole('button', { name: 'Revoke', exact: true }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Revoke token', exact: true }).click();
    await row.waitFor({ state: 'detached' });
    assert.equal((await register()).status, 401, 'a revoked token registers nothing');
    await screenshot(page, 'workspace-registration-tokens');
    assert.deepEqual(problems, []);
  });
});
