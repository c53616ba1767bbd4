import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { ADMIN_ID, ADMIN_SECRET, type Server } from '../faults/support.js';
import { browserMissing, type ConsoleRun, navTo, openConsole, screenshot, signIn } from './browser.js';

const missing = browserMissing();
if (missing) console.log(`# ${missing}`);

/** The JWKS a resource server sees, outside the browser. */
async function publishedKids(server: Server): Promise<string[]> {
  const jwks = (await (await fetch(`${server.url}/oauth/jwks`)).json()) as { keys: { kid: string }[] };
  return jwks.keys.map((k) => k.kid).sort();
}

describe('the signing keys screen in Chromium', { skip: missing }, () => {
  let run: ConsoleRun;
  let server: Server;
  let page: Page;
  let problems: string[];

  before(async () => {
    run = await openConsole('console-keys');
    ({ server, page, problems } = run);
  });
  after(() => run?.close());

  const kidsIn = (state: string) => page.getByTestId(`keys-${state}`).locator('tbody code').allTextContents();

  it('shows the keys by state, and rotates them only after a dialog that says what rotation does', async () => {
    await signIn(page, server.url, ADMIN_ID, ADMIN_SECRET);
    await navTo(page, 'Signing keys');
    await page.getByRole('heading', { name: 'Signing keys', level: 1 }).waitFor();
    await page.getByTestId('keys-active').locator('tbody code').first().waitFor();
    const [active] = await kidsIn('active');
    const [next] = await kidsIn('next');
    assert.deepEqual([active, next].sort(), await publishedKids(server), 'the screen shows the key set');
    assert.deepEqual(await kidsIn('retired'), []);
    await page.getByText('No retired key is still published.').waitFor();

    // Cancel changes nothing; the dialog names both keys and what happens to each.
    await page.getByRole('button', { name: 'Rotate', exact: true }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Rotate the signing keys?' });
    await dialog.waitFor();
    const said = (await dialog.textContent()) ?? '';
    assert.match(said, new RegExp(`next key \\(${next}\\) becomes active`));
    assert.match(said, new RegExp(`active key \\(${active}\\) is retired`));
    assert.match(said, /stays published until the longest-lived token it signed has expired/);
    assert.match(said, /No token is revoked/);
    await screenshot(page, 'signing-keys-rotate');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    assert.deepEqual(await kidsIn('active'), [active], 'cancel rotated nothing');

    await page.getByRole('button', { name: 'Rotate', exact: true }).click();
    await dialog.getByRole('button', { name: 'Rotate keys' }).click();
    await page.getByRole('status').filter({ hasText: `${next} signs from now on` }).waitFor();
    await page.getByTestId('keys-retired').locator('tbody code').first().waitFor();
    assert.deepEqual(await kidsIn('active'), [next], 'the next key is active');
    assert.deepEqual(await kidsIn('retired'), [active], 'the old active key is retired and still listed');
    const [newNext] = await kidsIn('next');
    assert.ok(newNext && ![active, next].includes(newNext), 'a new next key');
    assert.deepEqual(await publishedKids(server), [active, next, newNext].sort(), 'all three are published');
    // Published until its last tokens expire: a time in the future, shown relative ("in 1 hour", "tomorrow").
    const until = await page.getByTestId('keys-retired').locator('tbody td:last-child time').getAttribute('datetime');
    assert.ok(until && Date.parse(until) > Date.now(), String(until));
    assert.deepEqual(problems, [], 'no CSP violation or page error');
    await screenshot(page, 'signing-keys');
  });
});
