import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { ADMIN_ID, ADMIN_SECRET, http, adminToken, type Server } from '../faults/support.js';
import { browserMissing, type ConsoleRun, openConsole, screenshot } from './browser.js';

const missing = browserMissing();
if (missing) console.log(`# ${missing}`);

/**
 * The console shows a credential's fences (allowedCidrs, maxUses with its count) and the rules
 * of a tightened workspace policy that an existing credential breaks.
 */
describe('console: credential fences and policy violations in Chromium', { skip: missing }, () => {
  let run: ConsoleRun;
  let server: Server;
  let page: Page;
  let problems: string[];
  let workspaceId: string;
  let clientName: string;

  before(async () => {
    run = await openConsole('console-fences');
    ({ server, page, problems } = run);
  });
  after(() => run?.close());

  it('lists the fences of each credential and the policy rules the old secret breaks', async () => {
    const admin = await adminToken(server);
    const workspace = await http(server, 'POST', '/v1/workspaces', { token: admin, body: { displayName: 'Fenced' } });
    assert.equal(workspace.status, 200, JSON.stringify(workspace.body));
    workspaceId = workspace.body.id;
    const client = await http(server, 'POST', '/v1/apiClients', { token: admin, body: { displayName: 'Fenced exporter', workspace: workspace.body.name } });
    assert.equal(client.status, 200, JSON.stringify(client.body));
    clientName = client.body.name;
    const fenced = await http(server, 'POST', `/v1/${client.body.name}/credentials`, {
      token: admin,
      body: { displayName: 'runner secret', allowedCidrs: ['203.0.113.0/24', '2001:db8::/32'], maxUses: 5, expireTime: new Date(Date.now() + 86_400_000).toISOString() },
    });
    assert.equal(fenced.status, 200, JSON.stringify(fenced.body));
    const tightened = await http(server, 'PATCH', `/v1/${workspace.body.name}?updateMask=credentialPolicy`, { token: admin, body: { credentialPolicy: { requireExpiry: true } } });
    assert.equal(tightened.status, 200, JSON.stringify(tightened.body));

    await page.goto(`${server.url}/console/`);
    await page.getByLabel('Client ID').fill(ADMIN_ID);
    await page.getByLabel('Client secret').fill(ADMIN_SECRET);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    await page.goto(`${server.url}/console/${client.body.name.replace('apiClients/', 'clients/')}/credentials`);

    const rows = page.getByTestId('credential-row');
    const fencedRow = rows.filter({ hasText: 'runner secret' });
    await fencedRow.waitFor();
    assert.match((await fencedRow.textContent()) ?? '', /Only from 203\.0\.113\.0\/24, 2001:db8::\/32/);
    assert.match((await fencedRow.textContent()) ?? '', /Used 0 of 5 times/);
    assert.equal(await fencedRow.getByTestId('policy-violation').count(), 0, 'it has an expiry');
    const first = rows.filter({ hasText: 'initial secret' });
    assert.equal(await first.getByTestId('policy-violation').textContent(), "Breaks the workspace's credential policy (requireExpiry): every credential must have an expireTime");
    await screenshot(page, 'credential-fences');
    assert.deepEqual(problems, []);
  });

  it("shows the workspace's policy, lists what breaks it or goes unused, and replaces the policy from a form", async () => {
    await page.goto(`${server.url}/console/workspaces/${workspaceId}`);
    const policy = page.getByTestId('credential-policy');
    await policy.waitFor();
    assert.match((await policy.textContent()) ?? '', /Every new credential must have an expiry\./);

    const rows = page.getByTestId('workspace-credential-row');
    const breaking = rows.filter({ hasText: 'initial secret' });
    await breaking.waitFor();
    assert.match((await breaking.textContent()) ?? '', /requireExpiry: every credential must have an expireTime/);
    assert.equal(await rows.filter({ hasText: 'runner secret' }).count(), 0, 'the secret with an expiry keeps the policy');

    // Both secrets are new: neither is a pruning candidate, and the filter says so.
    await page.getByLabel('Show').selectOption({ label: 'Not used for 30 days' });
    await page.getByText('Every credential was used, or created, in the last 30 days.').waitFor();
    assert.equal(await rows.count(), 0);

    await page.getByRole('button', { name: 'Edit policy' }).click();
    const form = page.getByRole('form', { name: 'Credential policy' });
    await form.getByLabel('Longest secret lifetime, in days').fill('90');
    await form.getByLabel('Every new credential must have an expiry').uncheck();
    await form.getByRole('button', { name: 'Save policy' }).click();
    await page.getByText('A new secret lives at most 90 days').waitFor();
    assert.doesNotMatch((await policy.textContent()) ?? '', /must have an expiry/);
    const admin = await adminToken(server);
    const saved = await http(server, 'GET', `/v1/workspaces/${workspaceId}`, { token: admin });
    assert.deepEqual(saved.body.credentialPolicy, { maxSecretLifetime: '7776000s' });

    await page.getByLabel('Show').selectOption({ label: 'Breaking the credential policy' });
    await rows.filter({ hasText: 'maxSecretLifetime' }).waitFor();
    assert.match((await rows.filter({ hasText: 'initial secret' }).textContent()) ?? '', /maxSecretLifetime: a secret may live at most 7776000s, and this one never expires/);
    await screenshot(page, 'workspace-credentials');
    assert.deepEqual(problems, []);
  });

  it("changes a credential's fences from a dialog, showing the API's refusal of a bad block first, and clears them", async () => {
    const admin = await adminToken(server);
    await page.goto(`${server.url}/console/${clientName.replace('apiClients/', 'clients/')}/credentials`);
    const row = page.getByTestId('credential-row').filter({ hasText: 'initial secret' });
    await row.waitFor();
    await row.getByRole('button', { name: 'Fences' }).click();
    const form = page.getByRole('form', { name: 'Credential fences' });
    await form.getByLabel('Allowed addresses').fill('198.51.100.0/24\n10.0.0.0/33');
    await form.getByLabel('Most uses').fill('3');
    await form.getByRole('button', { name: 'Save fences' }).click();
    await form.getByRole('alert').getByText('"10.0.0.0/33" has an invalid prefix length').waitFor();
    const unchanged = await http(server, 'GET', `/v1/${clientName}/credentials`, { token: admin });
    const initial = () => (unchanged.body.credentials as Array<{ displayName: string; allowedCidrs?: string[]; maxUses?: number }>).find((c) => c.displayName === 'initial secret')!;
    assert.deepEqual([initial().allowedCidrs ?? [], initial().maxUses], [[], undefined], 'a refused change writes nothing');

    await form.getByLabel('Allowed addresses').fill('198.51.100.0/24\n2001:db8::/32');
    await form.getByRole('button', { name: 'Save fences' }).click();
    await row.getByText('Only from 198.51.100.0/24, 2001:db8::/32').waitFor();
    await row.getByText('Used 0 of 3 times').waitFor();
    const fenced = await http(server, 'GET', `/v1/${clientName}/credentials`, { token: admin });
    const saved = (fenced.body.credentials as Array<{ displayName: string; allowedCidrs?: string[]; maxUses?: number }>).find((c) => c.displayName === 'initial secret')!;
    assert.deepEqual([saved.allowedCidrs, saved.maxUses], [['198.51.100.0/24', '2001:db8::/32'], 3]);
    await screenshot(page, 'credential-fences-edited');

    await row.getByRole('button', { name: 'Fences' }).click();
    await form.getByLabel('Allowed addresses').fill('');
    await form.getByLabel('Most uses').fill('');
    await form.getByRole('button', { name: 'Save fences' }).click();
    await form.waitFor({ state: 'detached' });
    await page.waitForFunction(() => !document.body.textContent?.includes('Only from 198.51.100.0/24'));
    const cleared = await http(server, 'GET', `/v1/${clientName}/credentials`, { token: admin });
    const open = (cleared.body.credentials as Array<{ displayName: string; allowedCidrs?: string[]; maxUses?: number }>).find((c) => c.displayName === 'initial secret')!;
    assert.deepEqual([open.allowedCidrs ?? [], open.maxUses], [[], undefined]);
    assert.deepEqual(problems, []);
  });
});
