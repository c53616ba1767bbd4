import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { ADMIN_ID, ADMIN_SECRET, type Server } from '../faults/support.js';
import { adminCall, browserMissing, type ConsoleRun, navTo, openConsole, screenshot, signIn, tab, tokenFor, watchPage } from './browser.js';

const missing = browserMissing();
if (missing) console.log(`# ${missing}`);

describe('admin console in Chromium', { skip: missing }, () => {
  let run: ConsoleRun;
  let server: Server;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];

  before(async () => {
    run = await openConsole('console');
    ({ server, context, page, problems } = run);
  });
  after(() => run?.close());

  it('serves the console with a strict Content-Security-Policy, deep links falling back to index.html', async () => {
    const response = await fetch(`${server.url}/console/clients/ac_anything/credentials`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /text\/html/);
    assert.equal(response.headers.get('cache-control'), 'no-cache');
    const csp = response.headers.get('content-security-policy') ?? '';
    for (const directive of ["default-src 'self'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'", "connect-src 'self'"]) assert.ok(csp.includes(directive), csp);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    const html = await response.text();
    assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script');
    assert.doesNotMatch(html, /<style|style=/, 'no inline style');
    const asset = /src="(\/console\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    assert.ok(asset);
    const js = await fetch(`${server.url}${asset}`);
    assert.equal(js.status, 200);
    assert.match(js.headers.get('cache-control') ?? '', /immutable/);
  });

  it('signs in with an admin client id and secret, keeping the token in sessionStorage only', async () => {
    await page.goto(`${server.url}/console/`);
    await screenshot(page, 'sign-in');
    await page.getByLabel('Client ID').fill(ADMIN_ID);
    await page.getByLabel('Client secret').fill('not-the-secret');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'client id or secret is wrong' }).waitFor();

    await page.getByLabel('Client secret').fill(ADMIN_SECRET);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    assert.equal(await page.getByTestId('principal').textContent(), ADMIN_ID);

    const storage = await page.evaluate(() => ({
      session: Object.values({ ...sessionStorage }).join(' '),
      local: Object.keys(localStorage).length + Object.values({ ...localStorage }).join(''),
    }));
    assert.match(storage.session, /"accessToken":"eyJ/, 'the token is in sessionStorage');
    assert.equal(storage.local, '0', 'localStorage holds nothing');

    // A reload keeps the session (same tab), and deep links load the console.
    await page.goto(`${server.url}/console/clients`);
    await page.getByRole('heading', { name: 'API clients' }).waitFor();
    await navTo(page, 'Overview');
    await page.getByTestId('count-clients').filter({ hasText: /^\d+$/ }).waitFor();
    await screenshot(page, 'overview');
  });

  let clientId = '';
  let secret = '';
  let clientPath = '';
  const html = '<img src=x onerror=alert(1)>';

  it('creates a client; the API refuses HTML in a display name and the console says why; the secret it shows once gets a token', async () => {
    await navTo(page, 'Clients');
    await page.getByRole('link', { name: 'Create client' }).click();
    await page.getByLabel('Display name').fill(html);
    await page.getByLabel('Permissions').fill('documents:read');
    await page.getByRole('button', { name: 'Create client' }).click();
    await page.getByRole('alert').filter({ hasText: 'displayName must not contain HTML tags' }).waitFor();

    await page.getByLabel('Display name').fill('Billing exporter');
    await page.getByLabel('Labels').fill(`team=billing\nnote=${html}`);
    await page.getByRole('button', { name: 'Create client' }).click();
    await page.getByText('Keyward will not show it again').waitFor();
    await screenshot(page, 'client-created');
    clientId = (await page.getByTestId('client-id').textContent())!.trim();
    secret = (await page.getByTestId('secret-value').textContent())!.trim();
    assert.match(secret, /^kw_/);
    const token = await tokenFor(server, clientId, secret);
    assert.equal(token.status, 200, JSON.stringify(token.body));
    assert.equal(token.body.token_type, 'Bearer');

    await page.getByRole('link', { name: /open the client/ }).click();
    await page.getByTestId('client-title').filter({ hasText: 'Billing exporter' }).waitFor();
    clientPath = new URL(page.url()).pathname;
  });

  it('renders a label value holding HTML as text', async () => {
    const labels = page.getByTestId('labels');
    await labels.getByText(`note: ${html}`, { exact: true }).waitFor();
    assert.equal(await page.locator('main img').count(), 0, 'no <img> was made from the label');
    assert.deepEqual(problems, [], 'no alert, CSP violation or page error');
    await screenshot(page, 'client');
  });

  it('requires DPoP-bound tokens when the setting is ticked, and stops when it is cleared', async () => {
    const dpop = page.getByLabel('Require DPoP-bound tokens');
    const save = async () => {
      await page.getByRole('button', { name: 'Save changes' }).click();
      await page.getByRole('button', { name: 'Save changes' }).and(page.locator(':enabled')).waitFor();
    };
    await dpop.check();
    await save();
    await expectTokenStatus(400);
    const refused = await tokenFor(server, clientId, secret);
    assert.equal(refused.body.error, 'invalid_dpop_proof');
    await dpop.uncheck();
    await save();
    await expectTokenStatus(200);
  });

  it('lists a credential that expires within 14 days on the overview, linked to its client', async () => {
    const apiClientId = clientPath.split('/').pop()!;
    await adminCall(server, 'POST', `/v1/apiClients/${apiClientId}/credentials`, {
      type: 'SECRET',
      displayName: 'expiring soon',
      expireTime: new Date(Date.now() + 3 * 86_400_000).toISOString(),
    });
    await navTo(page, 'Overview');
    // The overview read minutes ago is still fresh to the console; a reload reads it again.
    await page.reload();
    const section = page.getByRole('region', { name: 'Credentials expiring in the next 14 days' });
    const row = section.getByRole('row').filter({ hasText: 'expiring soon' });
    await row.getByRole('link', { name: 'Billing exporter' }).waitFor();
    assert.match((await row.textContent()) ?? '', /in 2 days|in 3 days/);
    await row.getByRole('link', { name: 'Billing exporter' }).click();
    await page.getByRole('link', { name: 'Credentials', exact: true }).and(page.locator('[aria-current="page"]')).waitFor();
    await page.goto(`${server.url}${clientPath}`);
    await page.getByTestId('client-title').filter({ hasText: 'Billing exporter' }).waitFor();
  });

  /** The settings reach the token endpoint through the change feed: a few milliseconds later. */
  async function expectTokenStatus(status: number) {
    for (let i = 0; i < 50 && (await tokenFor(server, clientId, secret)).status !== status; i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal((await tokenFor(server, clientId, secret)).status, status);
  }

  it('rotates the secret with an overlap of none: the new one works, the old one no longer does', async () => {
    await tab(page, 'Credentials');
    await page.getByTestId('credential-row').first().waitFor();
    const rotate = page.getByRole('button', { name: 'Rotate secret' });
    await rotate.click();
    const dialog = page.getByRole('dialog', { name: /Rotate the secret/ });
    await dialog.waitFor();
    assert.ok(await dialog.evaluate((node) => node.contains(document.activeElement)), 'focus moves into the dialog');
    await dialog.getByLabel('Old secrets keep working for').selectOption('0s');
    await dialog.getByRole('button', { name: 'Rotate' }).click();
    await page.getByRole('heading', { name: 'New client secret' }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Rotate secret', 'focus is back on the button that opened the dialog');
    const rotated = (await page.getByTestId('secret-value').textContent())!.trim();
    assert.notEqual(rotated, secret);
    assert.equal((await tokenFor(server, clientId, rotated)).status, 200);
    assert.equal((await tokenFor(server, clientId, secret)).status, 401, 'the old secret is revoked');
    secret = rotated;
    await page.getByText(/ago|now/).first().waitFor();
    await screenshot(page, 'credentials');
  });

  it('adds a public key credential from a pasted JWK', async () => {
    const { generateKeyPair, exportJWK } = await import('jose');
    const { publicKey } = await generateKeyPair('ES256');
    await page.getByRole('radio', { name: 'Public key' }).check();
    await page.getByLabel('Public JWK or jwks_uri').fill('{"kty": "EC", broken');
    await page.getByRole('button', { name: 'Add credential' }).click();
    await page.getByRole('alert').filter({ hasText: 'not valid JSON' }).waitFor();
    await page.getByLabel('Public JWK or jwks_uri').fill(JSON.stringify(await exportJWK(publicKey)));
    await page.getByLabel('Name (optional)').fill('signing key');
    await page.getByRole('button', { name: 'Add credential' }).click();
    await page.getByTestId('credential-row').filter({ hasText: 'Public key' }).waitFor();
  });

  it('shows the hourly usage of the client', async () => {
    await tab(page, 'Usage');
    await page.locator('svg[role="img"]').waitFor();
    // Counts are written in batches (every 5 s): the tokens above appear within a few seconds.
    const deadline = Date.now() + 20_000;
    let issued = 0;
    while (Date.now() < deadline) {
      issued = Number(await page.getByTestId('tokens-issued').textContent());
      if (issued >= 2) break;
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await page.reload();
      await page.getByTestId('tokens-issued').waitFor();
    }
    assert.ok(issued >= 2, `tokens issued shown: ${issued}`);
    assert.equal(Number(await page.getByTestId('failed-authentications').textContent()) >= 1, true, 'the refused old secret counts as a failure');
    await screenshot(page, 'usage');
  });

  it('disables the client after a confirmation that names it; its secret stops working', async () => {
    await page.goto(`${server.url}${clientPath}`);
    await page.getByRole('button', { name: 'Disable' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Disable Billing exporter?' });
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Disable', 'Escape closes the dialog, focus back on its button');
    await page.getByRole('button', { name: 'Disable' }).click();
    assert.match((await dialog.textContent()) ?? '', new RegExp(clientId));
    await dialog.getByRole('button', { name: 'Disable client' }).click();
    await page.getByTestId('client-state').filter({ hasText: 'Disabled' }).waitFor();
    assert.equal((await tokenFor(server, clientId, secret)).status, 401);
  });

  it('lists clients page by page and searches by name', async () => {
    for (let i = 0; i < 55; i++) await adminCall(server, 'POST', '/v1/apiClients', { displayName: `fleet-${String(i).padStart(2, '0')}` });
    await navTo(page, 'Clients');
    await page.getByRole('button', { name: 'Next' }).waitFor();
    assert.equal(await page.locator('tbody tr').count(), 50);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText('Page 2', { exact: true }).waitFor();
    assert.ok((await page.locator('tbody tr').count()) >= 6);
    await page.getByLabel('Search by name').fill('Billing');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/q=Billing/);
    // The page shown before keeps its rows (Billing exporter among them) until the search answers.
    await page.waitForFunction(() => document.querySelectorAll('tbody tr').length === 1);
    await page.locator('tbody tr').filter({ hasText: 'Billing exporter' }).waitFor();
    await page.getByLabel('Search by name').fill('');
    await page.getByLabel('State').selectOption('ENABLED');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/state=ENABLED/);
    await screenshot(page, 'clients');
  });

  it('warns when fewer than two minutes remain and signs out when the token expires', async () => {
    const shortLived = await adminCall(server, 'POST', '/v1/apiClients', { displayName: 'short session', permissions: ['keyward:admin'], tokenLifetime: 90 });
    const other = await context.browser()!.newContext({ viewport: { width: 1280, height: 820 } });
    try {
      other.setDefaultTimeout(10_000);
      const second = await other.newPage();
      const secondProblems = watchPage(second);
      await second.clock.install();
      await signIn(second, server.url, shortLived.clientId, shortLived.clientSecret);
      await second.getByTestId('expiry-warning').waitFor();
      assert.match((await second.getByTestId('expiry-warning').textContent()) ?? '', /Your session ends in 1 min/);
      await screenshot(second, 'expiry-warning');
      await second.clock.fastForward('01:35');
      await second.getByTestId('sign-in-notice').filter({ hasText: 'Your session expired' }).waitFor();
      assert.equal(await second.evaluate(() => sessionStorage.length), 0, 'the expired token is forgotten');
      assert.deepEqual(secondProblems, []);
    } finally {
      await other.close();
    }
  });

  it('signs out', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByTestId('sign-in-notice').filter({ hasText: 'You signed out' }).waitFor();
    assert.equal(await page.evaluate(() => sessionStorage.length + localStorage.length), 0);
    assert.deepEqual(problems, []);
  });
});
