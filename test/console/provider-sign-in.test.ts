import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startIdp, type Idp } from '../helpers/idp.js';
import { buildOnce, startServer, type Server } from '../faults/support.js';
import { adminCall, browserMissing, launchChromium, screenshot, watchPage } from './browser.js';

const missing = browserMissing();
if (missing) console.log(`# ${missing}`);

const CONSOLE_CLIENT_ID = 'keyward-console';

/**
 * Signing in to the console through an identity provider, in a real browser: Keyward runs as a
 * process, oidc-provider is the provider (its development sign-in and consent pages), and
 * Chromium runs the console's authorization code flow with PKCE as a public client.
 */
describe('console sign-in through an identity provider, in Chromium', { skip: missing }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'keyward-console-idp-'));
  let server: Server;
  let idp: Idp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];
  let providerName = '';

  before(async () => {
    buildOnce();
    server = await startServer({ dataDir, env: { KEYWARD_WEBHOOKS_ALLOW_PRIVATE: 'true', KEYWARD_JWKS_MIN_REFETCH: '0' } });
    idp = await startIdp({ consoleClient: { clientId: CONSOLE_CLIENT_ID, redirectUri: `${server.url}/console/callback` } });
    const provider = await adminCall(server, 'POST', '/v1/providers', {
      displayName: 'Company login',
      issuer: idp.issuer,
      adminSignIn: true,
      consoleSignIn: { clientId: CONSOLE_CLIENT_ID },
    });
    providerName = provider.name;
    const role = await adminCall(server, 'POST', '/v1/roles', { displayName: 'Console readers', permissions: ['keyward:clients.read', 'keyward:webhooks.read'] });
    await adminCall(server, 'POST', '/v1/roleBindings', { principal: 'users/alice', provider: provider.name, role: role.name });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 820 } });
    context.setDefaultTimeout(10_000);
    page = await context.newPage();
    problems = watchPage(page);
  });
  after(async () => {
    await browser?.close();
    await server?.kill();
    await idp?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Signs out of the console and of the provider (its cookies), then signs in at the provider as `login`. */
  async function signInAgainAs(button: string, login: string) {
    if (await page.getByRole('button', { name: 'Sign out' }).isVisible()) await page.getByRole('button', { name: 'Sign out' }).click();
    await context.clearCookies();
    await page.goto(`${server.url}/console/`);
    await page.getByRole('button', { name: `Sign in with ${button}` }).click();
    await page.waitForURL((url) => url.href.startsWith(idp.issuer));
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill('any');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
  }

  const storage = () =>
    page.evaluate(() => ({ session: Object.keys(sessionStorage).sort(), values: Object.values({ ...sessionStorage }).join(' '), local: Object.keys(localStorage).length }));

  it("lists the provider, allows its issuer in connect-src, and signs a person in at the provider's pages", async () => {
    const csp = (await fetch(`${server.url}/console/`)).headers.get('content-security-policy') ?? '';
    assert.match(csp, new RegExp(`connect-src 'self' ${idp.issuer.replace(/[.]/g, '\\.')};`), csp);

    await page.goto(`${server.url}/console/`);
    const button = page.getByRole('button', { name: 'Sign in with Company login' });
    await button.waitFor();
    await screenshot(page, 'console-sign-in');
    await button.click();

    // oidc-provider's development pages: any login, any password; then consent.
    await page.waitForURL((url) => url.href.startsWith(idp.issuer));
    await page.locator('input[name="login"]').fill('alice');
    await page.locator('input[name="password"]').fill('any');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();

    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    assert.equal(await page.getByTestId('principal').textContent(), 'users/alice');
    assert.equal(new URL(page.url()).pathname, '/console/', 'the code left the address bar');
    assert.doesNotMatch(page.url(), /code=|state=/);
    await page.getByTestId('count-clients').filter({ hasText: /^\d+$/ }).waitFor();
    const stored = await storage();
    assert.deepEqual(stored.session, ['keyward.console.session'], 'the verifier and state are gone; only the session is kept');
    assert.match(stored.values, /"principal":"users\/alice"/);
    assert.equal(stored.local, 0, 'localStorage holds nothing');
    assert.deepEqual(problems, [], 'no CSP violation or page error on the console');
    await screenshot(page, 'console-provider-overview');
  });

  it('says so in words a person can act on when the person refuses, and when the answer is not for this tab', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    // Signing out of the console is not signing out at the provider: forget its session there, so it asks again.
    await context.clearCookies();
    await page.getByRole('button', { name: 'Sign in with Company login' }).click();
    await page.waitForURL((url) => url.href.startsWith(idp.issuer));
    // The provider's own way out: its cancel link answers access_denied.
    await page.getByRole('link', { name: /Cancel/ }).click();
    const refused = page.getByRole('alert');
    await refused.filter({ hasText: 'Company login did not sign you in: access was denied' }).waitFor();
    assert.match((await refused.textContent()) ?? '', /Try again and allow the console, or sign in with a client secret/);
    assert.deepEqual((await storage()).session, [], 'nothing kept after a refusal');
    await screenshot(page, 'console-provider-refused');

    // An answer that is not for the sign-in this tab started (a forged link): the state differs.
    await page.getByRole('button', { name: 'Back to sign-in' }).click();
    await page.getByRole('button', { name: 'Sign in with Company login' }).click();
    await page.waitForURL((url) => url.href.startsWith(idp.issuer));
    await page.goto(`${server.url}/console/callback?code=stolen&state=guess`);
    await page.getByRole('alert').filter({ hasText: 'the state does not match' }).waitFor();
    assert.deepEqual((await storage()).session, [], 'the verifier is deleted even so');
    // Replayed: nothing is in progress any more.
    await page.goto(`${server.url}/console/callback?code=stolen&state=guess`);
    await page.getByRole('alert').filter({ hasText: 'no sign-in in progress' }).waitFor();
    await page.getByRole('button', { name: 'Back to sign-in' }).click();
    await page.getByRole('button', { name: 'Sign in with Company login' }).waitFor();
    assert.deepEqual(problems, []);
  });

  it("says so when Keyward refuses the provider's token, with Keyward's reason", async () => {
    // The provider now trusts only tokens of another subject: alice's token is refused at /v1.
    await adminCall(server, 'PATCH', `/v1/${providerName}?updateMask=claimConditions`, { claimConditions: { sub: 'somebody-else' } });
    await signInAgainAs('Company login', 'alice');
    const refused = page.getByRole('alert').filter({ hasText: "Keyward refused Company login's token" });
    await refused.waitFor();
    assert.match((await refused.textContent()) ?? '', /sub.*somebody-else|claim/i, 'the API\'s reason is shown');
    assert.deepEqual((await storage()).session, [], 'no session was kept');
    await adminCall(server, 'PATCH', `/v1/${providerName}?updateMask=claimConditions`, { claimConditions: {} });
    assert.deepEqual(problems, []);
  });

  it('names the organization (X-Keyward-Org) when two organizations trust the same issuer', async () => {
    const org = await adminCall(server, 'POST', '/v1/organizations', { displayName: 'Partner' });
    const inPartner = { 'x-keyward-org': org.id };
    const provider = await adminCall(
      server,
      'POST',
      '/v1/providers',
      { displayName: 'Partner login', issuer: idp.issuer, adminSignIn: true, consoleSignIn: { clientId: CONSOLE_CLIENT_ID } },
      inPartner,
    );
    const role = await adminCall(server, 'POST', '/v1/roles', { displayName: 'Partner readers', permissions: ['keyward:clients.read', 'keyward:webhooks.read'] }, inPartner);
    await adminCall(server, 'POST', '/v1/roleBindings', { principal: 'users/alice', provider: provider.name, role: role.name }, inPartner);
    await adminCall(server, 'POST', '/v1/apiClients', { displayName: 'Partner exporter' }, inPartner);
    await adminCall(server, 'POST', '/v1/apiClients', { displayName: 'Partner importer' }, inPartner);

    // Without the header Keyward could not tell which organization alice means, and would refuse her token.
    await signInAgainAs('Partner login', 'alice');
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    assert.match((await storage()).values, new RegExp(`"organization":"${org.id}"`));
    // The Partner organization's two clients, not the first organization's.
    await page.getByTestId('count-clients').filter({ hasText: /^2$/ }).waitFor();
    assert.deepEqual(problems, []);
  });
});
