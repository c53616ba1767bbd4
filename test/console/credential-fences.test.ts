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

  before(async () => {
    run = await openConsole('console-fences');
    ({ server, page, problems } = run);
  });
  after(() => run?.close());

  it('lists the fences of each credential and the policy rules the old secret breaks', async () => {
    const admin = await adminToken(server);
    const workspace = await http(server, 'POST', '/v1/workspaces', { token: admin, body: { displayName: 'Fenced' } });
    assert.equal(workspace.status, 200, JSON.stringify(workspace.body));
    const client = await http(server, 'POST', '/v1/apiClients', { token: admin, body: { displayName: 'Fenced exporter', workspace: workspace.body.name } });
    assert.equal(client.status, 200, JSON.stringify(client.body));
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
});
