import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ADMIN_ID, ADMIN_SECRET, adminToken, buildOnce, http, startServer, type Server } from '../faults/support.js';
import { browserMissing, launchChromium, navTo, screenshot, signIn as fillSignIn, watchPage } from './browser.js';

const missing = browserMissing();
if (missing) console.log(`# ${missing}`);

/** The open modal dialog (forms and confirmations). */
const dialog = (page: Page) => page.locator('dialog[open]');

async function signIn(page: Page, url: string, clientId: string, secret: string) {
  await fillSignIn(page, url, clientId, secret);
  await page.getByRole('heading', { name: 'Overview' }).waitFor();
}

describe('console: roles, providers, organizations and workspaces in Chromium', { skip: missing }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'keyward-console-access-'));
  let server: Server;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];
  const html = '<img src=x onerror=alert(1)>';

  /** The admin API as a deployment would call it, outside the browser, to check what the console did. */
  let token: string | undefined;
  async function admin(method: string, path: string, body?: unknown) {
    token ??= await adminToken(server);
    return http(server, method, path, { token, body });
  }

  before(async () => {
    buildOnce();
    server = await startServer({ dataDir });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 820 } });
    context.setDefaultTimeout(10_000);
    page = await context.newPage();
    problems = watchPage(page);
    await signIn(page, server.url, ADMIN_ID, ADMIN_SECRET);
  });
  after(async () => {
    await browser?.close();
    await server?.kill();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates a role, edits its permissions and description, and deletes it after a confirmation that names it', async () => {
    await navTo(page, 'Roles');
    await page.getByRole('heading', { name: 'Roles', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Create role' }).click();
    const form = dialog(page);
    await form.getByLabel('Display name').fill('Document readers');
    await form.getByLabel('Description').fill('Read documents');
    await form.getByLabel('Permissions').fill('documents:read not a "permission"');
    await form.getByRole('button', { name: 'Create role' }).click();
    // The API's refusal, as it words it, next to the form.
    await form.getByRole('alert').filter({ hasText: 'is not a valid permission' }).waitFor();
    // A permission may hold "<" and ">" (any printable ASCII but quotes and backslashes): shown as text.
    await form.getByLabel('Permissions').fill('documents:read <i>raw</i>');
    await form.getByRole('button', { name: 'Create role' }).click();
    const row = page.getByTestId('role-row').filter({ hasText: 'Document readers' });
    await row.getByText('documents:read', { exact: true }).waitFor();
    await row.getByText('<i>raw</i>', { exact: true }).waitFor();
    assert.equal(await page.locator('main i').count(), 0, 'no element was made from the permission');
    await dialog(page).waitFor({ state: 'detached' });

    await row.getByRole('button', { name: 'Edit' }).click();
    await dialog(page).getByLabel('Description').fill('Read and list documents');
    await dialog(page).getByLabel('Permissions').fill('documents:read\ndocuments:list');
    await dialog(page).getByRole('button', { name: 'Save role' }).click();
    await row.getByText('documents:list', { exact: true }).waitFor();
    await row.getByText('Read and list documents').waitFor();

    const listed = await admin('GET', '/v1/roles');
    const stored = listed.body.roles.find((r: { displayName: string }) => r.displayName === 'Document readers');
    assert.deepEqual(stored.permissions, ['documents:read', 'documents:list']);
    assert.equal(stored.description, 'Read and list documents');

    // A second role stays, for the screenshot and the role bindings below.
    await page.getByRole('button', { name: 'Create role' }).click();
    await dialog(page).getByLabel('Display name').fill('Console operators');
    await dialog(page).getByLabel('Description').fill('People who run the console');
    await dialog(page).getByLabel('Permissions').fill('keyward:clients.read keyward:clients.write keyward:audit.read');
    await dialog(page).getByRole('button', { name: 'Create role' }).click();
    await page.getByTestId('role-row').filter({ hasText: 'Console operators' }).waitFor();

    await row.getByRole('button', { name: 'Delete' }).click();
    const confirm = page.getByRole('alertdialog');
    await confirm.getByRole('heading', { name: 'Delete the role Document readers?' }).waitFor();
    await confirm.getByRole('button', { name: 'Delete role' }).click();
    await row.waitFor({ state: 'detached' });
    const after = await admin('GET', '/v1/roles');
    assert.ok(!after.body.roles.some((r: { displayName: string }) => r.displayName === 'Document readers'));
    assert.deepEqual(problems, []);
  });

  it('adds a provider with console sign-in after showing the API\'s refusal of a bad issuer, and binds a role to its users', async () => {
    await navTo(page, 'Providers');
    await page.getByRole('heading', { name: 'Identity providers' }).waitFor();
    await page.getByRole('button', { name: 'Add provider' }).click();
    const form = dialog(page);
    await form.getByLabel('Display name').fill('Operations SSO');
    await form.getByLabel('Identifier').fill('ops-sso');
    await form.getByLabel('Issuer').fill('login.example.com/realms/ops');
    await form.getByLabel('JWKS URI').fill('https://login.example.com/realms/ops/certs');
    await form.getByLabel('Audience').fill('keyward-admin');
    await form.getByLabel('Claim conditions').fill('groups=ops, sre');
    await form.getByLabel(/Admin sign-in/).check();
    await form.getByLabel(/Offer sign-in through it in the console/).check();
    await form.getByLabel('Console client ID').fill('keyward-console');
    await form.getByLabel('Scopes').fill('openid profile');
    await form.getByRole('button', { name: 'Add provider' }).click();
    await form.getByRole('alert').filter({ hasText: 'issuer: must be an absolute URL' }).waitFor();
    await screenshot(page, 'provider-invalid');

    await form.getByLabel('Issuer').fill('https://login.example.com/realms/ops');
    await form.getByRole('button', { name: 'Add provider' }).click();
    const row = page.getByTestId('provider-row').filter({ hasText: 'Operations SSO' });
    await row.getByTestId('console-sign-in').filter({ hasText: 'keyward-console (openid profile)' }).waitFor();
    await row.getByText('https://login.example.com/realms/ops/certs').waitFor();

    const offered = await http(server, 'GET', '/v1/signInProviders');
    assert.deepEqual(
      offered.body.signInProviders.map((p: Record<string, unknown>) => [p.displayName, p.issuer, p.clientId, p.scopes, p.audience]),
      [['Operations SSO', 'https://login.example.com/realms/ops', 'keyward-console', ['openid', 'profile'], 'keyward-admin']],
    );
    const stored = (await admin('GET', '/v1/providers')).body.providers[0];
    assert.deepEqual(stored.claimConditions, { groups: ['ops', 'sre'] });
    assert.equal(stored.identifier, 'ops-sso');
    assert.equal(stored.workspace, (await admin('GET', '/v1/workspaces')).body.workspaces[0].name, "the organization's default workspace");

    // Editing keeps what it does not change; an empty audience goes back to the default.
    await row.getByRole('button', { name: 'Edit' }).click();
    await dialog(page).getByLabel('Description').fill('The operations team');
    await dialog(page).getByRole('button', { name: 'Save provider' }).click();
    await dialog(page).waitFor({ state: 'detached' });
    await screenshot(page, 'providers');
    const edited = (await admin('GET', '/v1/providers')).body.providers[0];
    assert.equal(edited.description, 'The operations team');
    assert.deepEqual(edited.consoleSignIn, { clientId: 'keyward-console', scopes: ['openid', 'profile'] });
    assert.equal(edited.audience, 'keyward-admin');

    await navTo(page, 'Roles');
    await page.getByRole('button', { name: 'Bind a role' }).click();
    await dialog(page).getByLabel('User', { exact: true }).fill('users/*');
    await dialog(page).getByLabel('Provider', { exact: true }).selectOption({ label: 'Operations SSO (https://login.example.com/realms/ops)' });
    await dialog(page).getByLabel('Role', { exact: true }).selectOption({ label: 'Console operators' });
    await dialog(page).getByRole('button', { name: 'Bind role' }).click();
    const binding = page.getByRole('region', { name: 'Role bindings' }).getByRole('row').filter({ hasText: 'users/*' });
    await binding.getByText('Console operators').waitFor();
    await screenshot(page, 'roles');

    // The provider cannot go while the binding names it: the API says so in the confirmation.
    await navTo(page, 'Providers');
    await row.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('alertdialog').getByRole('heading', { name: 'Delete the provider Operations SSO?' }).waitFor();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Delete provider' }).click();
    await page.getByRole('alertdialog').getByRole('alert').waitFor();
    await page.keyboard.press('Escape');
    await row.waitFor();
    assert.deepEqual(problems, []);
  });

  it('lists organizations to a super-admin and renames one', async () => {
    await navTo(page, 'Organizations');
    const rows = page.getByTestId('organization-row');
    await rows.first().waitFor();
    await page.getByRole('button', { name: 'Create organization' }).click();
    await dialog(page).getByLabel('Display name').fill('Acme subsidiary');
    await dialog(page).getByRole('button', { name: 'Create organization' }).click();
    const acme = rows.filter({ hasText: 'Acme subsidiary' });
    await acme.waitFor();
    await acme.getByRole('button', { name: 'Rename' }).click();
    await dialog(page).getByLabel('Display name').fill('Acme Europe');
    await dialog(page).getByRole('button', { name: 'Save name' }).click();
    await rows.filter({ hasText: 'Acme Europe' }).waitFor();
    const listed = (await admin('GET', '/v1/organizations')).body.organizations.map((o: { displayName: string }) => o.displayName);
    assert.ok(listed.includes('Acme Europe'), JSON.stringify(listed));
    await screenshot(page, 'organizations');
  });

  it('creates a workspace (the API refuses HTML in its name, in its own words), sets two settings, removes one with null and shows the result', async () => {
    await navTo(page, 'Workspaces');
    await page.getByRole('button', { name: 'Create workspace' }).click();
    await dialog(page).getByLabel('Display name').fill(html);
    await dialog(page).getByRole('button', { name: 'Create workspace' }).click();
    await dialog(page).getByRole('alert').filter({ hasText: 'displayName: must not contain HTML tags' }).waitFor();
    await dialog(page).getByLabel('Display name').fill('Staging');
    await dialog(page).getByRole('button', { name: 'Create workspace' }).click();
    await page.getByRole('link', { name: 'Staging', exact: true }).click();
    await page.getByTestId('workspace-title').filter({ hasText: 'Staging' }).waitFor();
    const id = new URL(page.url()).pathname.split('/').at(-1)!;

    const editor = page.getByRole('form', { name: 'Change settings' });
    const patch = editor.getByLabel('Merge patch (JSON)');
    // A malformed patch is refused before it is sent, saying how to write it.
    await patch.fill('{"region": eu}');
    await editor.getByRole('button', { name: 'Apply patch' }).click();
    await editor.getByRole('alert').filter({ hasText: 'The patch is not JSON' }).waitFor();

    await patch.fill('{"region": "eu-west-1", "tier": "gold"}');
    await editor.getByTestId('merge-preview').getByText('adds tier = gold').waitFor();
    await editor.getByRole('button', { name: 'Apply patch' }).click();
    const settings = page.getByTestId('settings');
    await settings.getByRole('row').filter({ hasText: 'tier' }).getByText('gold').waitFor();
    await settings.getByRole('row').filter({ hasText: 'region' }).getByText('eu-west-1').waitFor();

    await patch.fill(`{"tier": null, "note": ${JSON.stringify(html)}}`);
    await editor.getByTestId('merge-preview').getByText('removes tier').waitFor();
    await editor.getByRole('button', { name: 'Apply patch' }).click();
    await page.getByTestId('merge-result').filter({ hasText: 'removes tier' }).waitFor();
    await settings.getByRole('row').filter({ hasText: 'tier' }).waitFor({ state: 'detached' });
    // A value holding HTML is shown as text: no <img>, no alert, no CSP violation.
    await settings.getByText(html, { exact: true }).waitFor();
    assert.equal(await page.locator('main img').count(), 0);
    const stored = await admin('GET', `/v1/workspaces/${id}/settings`);
    assert.deepEqual(stored.body.settings, { region: 'eu-west-1', note: html });
    await screenshot(page, 'workspace-settings');

    await page.getByRole('button', { name: 'Rename' }).click();
    await dialog(page).getByLabel('Display name').fill('Staging (EU)');
    await dialog(page).getByRole('button', { name: 'Save workspace' }).click();
    await page.getByTestId('workspace-title').filter({ hasText: 'Staging (EU)' }).waitFor();

    await page.getByRole('button', { name: 'Grant access' }).click();
    await dialog(page).getByLabel('Subject', { exact: true }).fill('alice');
    await dialog(page).getByLabel('Role').fill('viewer');
    await dialog(page).getByRole('button', { name: 'Grant access' }).click();
    const grants = page.getByRole('region', { name: 'Access grants' });
    await grants.getByRole('row').filter({ hasText: 'alice' }).getByText('viewer').waitFor();
    await grants.getByRole('button', { name: 'Revoke' }).click();
    await page.getByRole('alertdialog').getByRole('heading', { name: 'Revoke access of alice?' }).waitFor();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Revoke access' }).click();
    await grants.getByText('No access grants.').waitFor();
    assert.deepEqual((await admin('GET', `/v1/workspaces/${id}/accessGrants`)).body.accessGrants, []);
    assert.deepEqual(problems, []);
  });

  it("deletes a workspace after a confirmation that names it; the default workspace's refusal is shown in the API's words", async () => {
    const listed = (await admin('GET', '/v1/workspaces')).body.workspaces as { id: string; displayName: string }[];
    const staging = listed.find((w) => w.displayName === 'Staging (EU)')!;
    const fallback = listed.find((w) => w.displayName !== 'Staging (EU)')!;
    await page.goto(`${server.url}/console/workspaces/${fallback.id}`);
    await page.getByTestId('workspace-title').waitFor();
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    const confirm = page.getByRole('alertdialog');
    await confirm.getByRole('button', { name: 'Delete workspace' }).click();
    await confirm.getByRole('alert').filter({ hasText: "the organization's default workspace and cannot be deleted" }).waitFor();
    await confirm.getByRole('button', { name: 'Cancel' }).click();

    await page.goto(`${server.url}/console/workspaces/${staging.id}`);
    await page.getByTestId('workspace-title').filter({ hasText: 'Staging (EU)' }).waitFor();
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await confirm.getByRole('heading', { name: 'Delete the workspace Staging (EU)?' }).waitFor();
    await confirm.getByRole('button', { name: 'Delete workspace' }).click();
    await page.getByRole('heading', { name: 'Workspaces', exact: true }).waitFor();
    await page.getByRole('link', { name: 'Staging (EU)' }).waitFor({ state: 'detached' });
    assert.equal((await admin('GET', `/v1/workspaces/${staging.id}`)).status, 404);
    assert.deepEqual(problems, []);
  });

  it('hides Organizations from an admin who is not a super-admin, and says why on the page', async () => {
    const created = await admin('POST', '/v1/apiClients', { displayName: 'Org admin', permissions: ['keyward:admin'] });
    assert.equal(created.status, 200, JSON.stringify(created.body));
    const second = await context.browser()!.newContext({ viewport: { width: 1280, height: 820 } });
    try {
      const other = await second.newPage();
      other.setDefaultTimeout(10_000);
      await signIn(other, server.url, created.body.clientId, created.body.clientSecret);
      const nav = other.getByRole('navigation', { name: 'Console' });
      await nav.getByRole('link', { name: 'Workspaces', exact: true }).waitFor();
      await other.waitForLoadState('networkidle');
      assert.equal(await nav.getByRole('link', { name: 'Organizations' }).count(), 0);
      await other.goto(`${server.url}/console/organizations`);
      await other.getByTestId('organizations-forbidden').filter({ hasText: 'Only super-admins manage organizations' }).waitFor();
      assert.match((await other.getByTestId('organizations-forbidden').textContent()) ?? '', /keyward:super/);
    } finally {
      await second.close();
    }
  });

  it('shows workspaces 100 at a time, with more on request', async () => {
    const before = ((await admin('GET', '/v1/workspaces?pageSize=1000')).body.workspaces as unknown[]).length;
    for (let i = 0; i < 101 - before; i++) assert.equal((await admin('POST', '/v1/workspaces', { displayName: `Tenant ${i}` })).status, 200);
    // A fresh load: the list this page cached before the workspaces were made may still count as fresh.
    await page.goto(`${server.url}/console/workspaces`);
    const rows = page.getByRole('table', { name: 'Workspaces' }).locator('tbody tr');
    await page.getByRole('button', { name: 'Show more workspaces' }).waitFor();
    assert.equal(await rows.count(), 100);
    await page.getByRole('button', { name: 'Show more workspaces' }).click();
    // While the next page loads the button is named "Loading…": wait for the row, not for the name to go.
    await rows.nth(100).waitFor();
    await page.getByRole('button', { name: /Show more workspaces|Loading…/ }).waitFor({ state: 'detached' });
    assert.equal(await rows.count(), 101);
  });
});
