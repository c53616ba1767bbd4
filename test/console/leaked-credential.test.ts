import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { ADMIN_ID, ADMIN_SECRET, adminToken, http, type Server } from '../faults/support.js';
import { browserMissing, type ConsoleRun, openConsole, screenshot } from './browser.js';

const missing = browserMissing();
if (missing) console.log(`# ${missing}`);

/** A credential disabled by a leak report shows as such in the console, beside the enabled ones. */
describe('console: a leaked credential in Chromium', { skip: missing }, () => {
  let run: ConsoleRun;
  let server: Server;
  let page: Page;
  let problems: string[];

  before(async () => {
    run = await openConsole('console-leak');
    ({ server, page, problems } = run);
  });
  after(() => run?.close());

  it('shows "Disabled: leaked" on the reported secret only', async () => {
    const admin = await adminToken(server);
    const client = await http(server, 'POST', '/v1/apiClients', { token: admin, body: { displayName: 'Pasted in a ticket' } });
    assert.equal(client.status, 200);
    const second = await http(server, 'POST', `/v1/${client.body.name}/credentials`, { token: admin, body: { displayName: 'replacement' } });
    assert.equal(second.status, 200);
    const reported = await http(server, 'POST', '/v1/credentials:reportLeaked', { token: admin, body: { secrets: [client.body.clientSecret], url: 'https://tickets.example/T-1' } });
    assert.equal(reported.body.results[0].label, 'true_positive');

    await page.goto(`${server.url}/console/`);
    await page.getByLabel('Client ID').fill(ADMIN_ID);
    await page.getByLabel('Client secret').fill(ADMIN_SECRET);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('navigation', { name: 'Console' }).waitFor();
    await page.goto(`${server.url}/console/${client.body.name.replace('apiClients/', 'clients/')}/credentials`);
    const rows = page.getByTestId('credential-row');
    await rows.nth(1).waitFor();
    const leaked = rows.filter({ hasText: 'initial secret' });
    assert.equal(await leaked.getByText('Disabled: leaked').count(), 1);
    assert.equal(await rows.filter({ hasText: 'replacement' }).getByText('Disabled', { exact: false }).count(), 0);
    await screenshot(page, 'leaked-credential');
    assert.deepEqual(problems, []);
  });
});
