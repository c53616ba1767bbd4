import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { ADMIN_ID, ADMIN_SECRET, buildOnce, startServer, type Server } from '../faults/support.js';
import { TestReceiver } from '../helpers/webhook-receiver.js';
import { adminCall, browserMissing, launchChromium, navTo, screenshot, signIn, tab, watchPage } from './browser.js';

const missing = browserMissing();
if (missing) console.log(`# ${missing}`);

/** Waits until `done` holds, checking every 100 ms. */
async function until(what: string, done: () => boolean, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** A script that makes the page believe its tab is hidden or shown (as a string: the test runner's transform would rename a function). */
const setHidden = (hidden: boolean) =>
  `Object.defineProperty(document, 'hidden', { configurable: true, value: ${hidden} }); document.dispatchEvent(new Event('visibilitychange'));`;

const eventTypes = (r: TestReceiver) => r.delivered().map((d) => (JSON.parse(d.body) as { type: string }).type);

describe('console webhooks and audit log in Chromium', { skip: missing }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'keyward-console-hooks-'));
  const receiver = new TestReceiver('/hook');
  let server: Server;
  let browser: Browser;
  let page: Page;
  let problems: string[];

  before(async () => {
    buildOnce();
    await receiver.start();
    // The receiver listens on 127.0.0.1, which a production webhook may not name.
    server = await startServer({ dataDir, env: { KEYWARD_WEBHOOKS_ALLOW_PRIVATE: 'true' } });
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
    problems = watchPage(page);
    await signIn(page, server.url, ADMIN_ID, ADMIN_SECRET);
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
  });
  after(async () => {
    await browser?.close();
    await server?.kill();
    await receiver.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  let signingSecret = '';
  let webhookPath = '';

  it('creates a webhook pointing at a receiver; the signing secret is shown once', async () => {
    await navTo(page, 'Webhooks');
    await page.getByText('No webhooks yet').waitFor();
    await page.getByRole('link', { name: 'Create webhook' }).click();
    // The browser takes any absolute URL; the API's refusal is shown as the API words it.
    await page.getByLabel('Endpoint URL').fill('ftp://example.com/hook');
    await page.getByRole('button', { name: 'Create webhook' }).click();
    await page.getByRole('alert').filter({ hasText: 'scheme ftp: is not allowed' }).waitFor();
    await page.getByLabel('Endpoint URL').fill(receiver.url);
    await page.getByLabel('Event types').fill('client.*');
    await page.getByRole('button', { name: 'Create webhook' }).click();
    await page.getByText('Keyward will not show it again').waitFor();
    signingSecret = (await page.getByTestId('secret-value').textContent())!.trim();
    assert.match(signingSecret, /^whsec_/);
    await screenshot(page, 'webhook-created');
    await page.getByRole('link', { name: /open the webhook/ }).click();
    await page.getByTestId('webhook-title').filter({ hasText: receiver.url }).waitFor();
    webhookPath = new URL(page.url()).pathname;
    assert.match(webhookPath, /^\/console\/webhooks\/wh_/);
    await page.getByText('No deliveries yet').waitFor();
  });

  it('shows the delivery of an event with its attempt, and a redelivery as a second attempt', async () => {
    await adminCall(server, 'POST', '/v1/apiClients', { displayName: 'hooked client' });
    await until('the client.created delivery', () => eventTypes(receiver).includes('client.created'));
    const first = receiver.delivered()[0]!;
    assert.equal((receiver.verify(first, signingSecret) as { type: string }).type, 'client.created', 'signed with the secret the console showed');

    // The log reads itself again while the page is open: no reload.
    const delivery = page.getByTestId('delivery').filter({ hasText: 'client.created' });
    await delivery.getByTestId('delivery-state').filter({ hasText: 'Delivered' }).waitFor();
    await delivery.getByTestId('attempt').filter({ hasText: 'HTTP 204' }).waitFor();
    assert.equal(await delivery.getByTestId('attempt').count(), 1);
    assert.match((await delivery.textContent()) ?? '', new RegExp(first.id));

    await delivery.getByRole('button', { name: 'Redeliver' }).click();
    await delivery.getByRole('status').filter({ hasText: 'Queued to be sent again' }).waitFor();
    await until('the redelivery', () => receiver.delivered().length === 2);
    assert.equal(receiver.delivered()[1]!.id, first.id, 'the same webhook-id');
    await delivery.getByTestId('attempt').nth(1).filter({ hasText: 'HTTP 204' }).waitFor();
    assert.equal(await delivery.getByTestId('attempt').count(), 2);
    await page.getByText('Last success').locator('xpath=following-sibling::dd[1]').filter({ hasText: /ago|now/ }).waitFor();
    assert.deepEqual(problems, []);
    await screenshot(page, 'webhook-deliveries');
  });

  it('rotates the signing secret: shown once, the previous one signing beside it during the overlap', async () => {
    await page.getByRole('button', { name: 'Rotate signing secret' }).click();
    const dialog = page.getByRole('dialog', { name: 'Rotate the signing secret' });
    await dialog.waitFor();
    assert.match((await dialog.textContent()) ?? '', /both the new and the previous secret/);
    assert.equal(await dialog.getByLabel('The previous secret keeps signing for').inputValue(), '86400');
    await dialog.getByRole('button', { name: 'Rotate' }).click();
    await page.getByRole('heading', { name: 'New signing secret' }).waitFor();
    await page.getByText(/each delivery carries two signatures/).waitFor();
    const rotated = (await page.getByTestId('secret-value').textContent())!.trim();
    assert.match(rotated, /^whsec_/);
    assert.notEqual(rotated, signingSecret);

    await adminCall(server, 'POST', '/v1/apiClients', { displayName: 'after rotation' });
    await until('a delivery after the rotation', () => receiver.delivered().length === 3);
    const next = receiver.delivered()[2]!;
    receiver.verify(next, rotated);
    receiver.verify(next, signingSecret);
    await page.getByRole('button', { name: 'Done: hide the secret' }).click();
    assert.equal(await page.getByTestId('secret-value').count(), 0);
  });

  const html = '<img src=x onerror=alert(1)>';

  it('renders a webhook URL holding HTML as text', async () => {
    await navTo(page, 'Webhooks');
    await page.getByRole('link', { name: 'Create webhook' }).click();
    await page.getByLabel('Endpoint URL').fill(`${receiver.url}?${html}`);
    await page.getByLabel('Event types').fill('role.*');
    await page.getByRole('button', { name: 'Create webhook' }).click();
    await page.getByText('Keyward will not show it again').waitFor();
    await page.getByRole('link', { name: /open the webhook/ }).click();
    await page.getByTestId('webhook-title').filter({ hasText: html }).waitFor();
    await navTo(page, 'Webhooks');
    await page.getByTestId('webhook-row').filter({ hasText: html }).waitFor();
    assert.equal(await page.getByTestId('webhook-row').count(), 2);
    assert.equal(await page.locator('main img').count(), 0, 'no <img> was made from the URL');
    assert.deepEqual(problems, [], 'no alert, CSP violation or page error');
    await screenshot(page, 'webhooks');
  });

  it('disables a webhook after a confirmation, enables it, and deletes it after a confirmation that names it', async () => {
    await page.getByTestId('webhook-row').filter({ hasText: html }).getByRole('link').click();
    await page.getByRole('button', { name: 'Disable' }).click();
    const disable = page.getByRole('alertdialog', { name: 'Disable this webhook?' });
    assert.ok(((await disable.textContent()) ?? '').includes(`${receiver.url}?${html}`));
    await disable.getByRole('button', { name: 'Disable webhook' }).click();
    await page.getByTestId('webhook-state').filter({ hasText: 'Disabled' }).waitFor();
    await page.getByRole('button', { name: 'Enable' }).click();
    await page.getByTestId('webhook-state').filter({ hasText: 'Enabled' }).waitFor();

    await page.getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Delete this webhook?' });
    await dialog.waitFor();
    assert.ok(((await dialog.textContent()) ?? '').includes(`${receiver.url}?${html}`), 'the dialog names the webhook');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Delete' }).click();
    await dialog.getByRole('button', { name: 'Delete webhook' }).click();
    await page.getByRole('heading', { name: 'Webhooks' }).waitFor();
    await page.getByTestId('webhook-row').filter({ hasText: html }).waitFor({ state: 'detached' });
    assert.equal(await page.getByTestId('webhook-row').count(), 1);
    const { webhooks } = await adminCall(server, 'GET', '/v1/webhooks');
    assert.deepEqual(
      webhooks.map((w: { url: string }) => w.url),
      [receiver.url],
    );
  });

  let client: { name: string; clientId: string } = { name: '', clientId: '' };

  it('shows a secret rotation and a disable made in the console in the audit log, filtered by the client', async () => {
    client = (await adminCall(server, 'POST', '/v1/apiClients', { displayName: 'audited client' })) as typeof client;
    await adminCall(server, 'POST', '/v1/apiClients', { displayName: 'unrelated client' });
    const id = client.name.split('/')[1]!;
    await page.goto(`${server.url}/console/clients/${id}/credentials`);
    await page.getByRole('button', { name: 'Rotate secret' }).click();
    await page.getByRole('dialog', { name: /Rotate the secret/ }).getByRole('button', { name: 'Rotate' }).click();
    await page.getByRole('heading', { name: 'New client secret' }).waitFor();
    await tab(page, 'Settings');
    await page.getByRole('button', { name: 'Disable' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Disable client' }).click();
    await page.getByTestId('client-state').filter({ hasText: 'Disabled' }).waitFor();

    await navTo(page, 'Audit log');
    await page.getByTestId('audit-event').first().waitFor();
    await page.getByLabel('Resource').fill(client.name);
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/resource=apiClients/);
    const events = page.getByTestId('audit-event');
    // The unfiltered page stays on screen (dimmed) until the filtered one arrives.
    await events.filter({ hasNotText: client.name }).first().waitFor({ state: 'detached' });
    await events.filter({ hasText: 'client.disabled' }).waitFor();
    await events.filter({ hasText: 'client.secret_rotated' }).waitFor();
    await events.filter({ hasText: 'client.created' }).waitFor();
    for (const row of await events.all()) assert.ok(((await row.textContent()) ?? '').includes(client.name), 'every event is of the client or its children');
    assert.equal(await events.filter({ hasText: 'unrelated' }).count(), 0);

    // The time shows relative, exact on hover; the details expand.
    const disabled = events.filter({ hasText: 'client.disabled' });
    assert.match((await disabled.locator('time').getAttribute('title')) ?? '', /\d{4}/);
    const details = disabled.getByRole('button', { name: 'Details' });
    assert.equal(await details.getAttribute('aria-expanded'), 'false');
    await details.click();
    assert.equal(await disabled.getByRole('button', { name: 'Hide details' }).getAttribute('aria-expanded'), 'true');
    await page.getByTestId('audit-event-details').filter({ hasText: '"enabled": false' }).waitFor();
    await screenshot(page, 'audit');
  });

  it('filters the audit log by actor and by time', async () => {
    const actor = (await page.getByTestId('audit-event').first().getByRole('link').first().textContent())!.trim();
    assert.match(actor, /\//);
    await page.getByRole('link', { name: 'Clear' }).click();
    await page.getByLabel('Actor').fill('apiClients/ac_nobody');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByText('No event matches.').waitFor();
    await page.getByLabel('Actor').fill(actor);
    await page.getByLabel('Event type').fill('webhook.*');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByTestId('audit-event').filter({ hasText: 'webhook.deleted' }).waitFor();
    for (const row of await page.getByTestId('audit-event').all()) assert.match((await row.textContent()) ?? '', /webhook\./);
    await page.getByLabel('From').fill('2099-01-01T00:00:00');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByText('No event matches.').waitFor();
  });

  it('tails the log live: an event made outside the browser appears without a reload, paused while the tab is hidden', async () => {
    await page.goto(`${server.url}/console/audit?${new URLSearchParams({ resource: client.name })}`);
    await page.getByTestId('audit-event').filter({ hasText: 'client.disabled' }).waitFor();
    const toggle = page.getByRole('button', { name: 'Live tail' });
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false', 'paused by default');
    await page.evaluate(() => Object.assign(window, { sameDocument: true }));
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
    await page.getByTestId('tail-state').filter({ hasText: 'Live' }).waitFor();

    const id = client.name.split('/')[1]!;
    await adminCall(server, 'POST', `/v1/apiClients/${id}:enable`);
    await page.getByTestId('audit-event').first().filter({ hasText: 'client.enabled' }).waitFor();
    await page.getByTestId('tail-announcement').filter({ hasText: '1 new audit event: client.enabled' }).waitFor();
    assert.equal(await page.evaluate(() => 'sameDocument' in window), true, 'no reload');

    // A hidden tab does not poll; it catches up when shown again.
    await page.evaluate(setHidden(true));
    await page.getByTestId('tail-state').filter({ hasText: 'Paused while this tab is hidden' }).waitFor();
    await adminCall(server, 'POST', `/v1/apiClients/${id}:disable`);
    await sleep(3000);
    assert.equal(await page.getByTestId('audit-event').first().filter({ hasText: 'client.disabled' }).count(), 0, 'nothing new while hidden');
    await page.evaluate(setHidden(false));
    await page.getByTestId('audit-event').first().filter({ hasText: 'client.disabled' }).waitFor();
    assert.equal(await page.getByTestId('audit-event').filter({ hasText: 'client.enabled' }).count(), 1, 'each event once');
    assert.deepEqual(problems, []);
    await screenshot(page, 'audit-live');
  });
});
