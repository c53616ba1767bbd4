import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ADMIN_ID, ADMIN_SECRET, buildOnce, startServer, type Server } from '../faults/support.js';

/** Debian's Chromium, or KEYWARD_CHROMIUM; playwright-core never downloads a browser of its own. */
export const CHROMIUM = process.env.KEYWARD_CHROMIUM || '/usr/bin/chromium';

/** Why the browser suite cannot run here, or undefined when it can. */
export function browserMissing(): string | undefined {
  if (existsSync(CHROMIUM)) return undefined;
  return `no Chromium at ${CHROMIUM}: the console's browser tests are skipped. Install it (apt-get install chromium) or set KEYWARD_CHROMIUM to a Chromium binary, then run node --import tsx --test test/console/*.test.ts`;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-background-networking', '--disable-dev-shm-usage'] });
}

/** Screenshots of each screen land here (git-ignored); the best are copied into docs/images/. */
export const SCREENSHOTS = join(new URL('../../', import.meta.url).pathname, 'test-output', 'console');

export async function screenshot(page: Page, name: string) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/**
 * Records what must never happen on a console page: a JavaScript dialog (an injected
 * `alert`), a Content-Security-Policy violation, an uncaught error.
 */
export function watchPage(page: Page) {
  const problems: string[] = [];
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  return problems;
}

/** One Keyward on SQLite in a folder of its own, and one Chromium page watched by watchPage. */
export interface ConsoleRun {
  server: Server;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  problems: string[];
  close(): Promise<void>;
}

/** What most browser test files start in before() and stop in after(); `name` names the data folder. */
export async function openConsole(name: string): Promise<ConsoleRun> {
  buildOnce();
  const dataDir = mkdtempSync(join(tmpdir(), `keyward-${name}-`));
  let server: Server | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    await server?.kill();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    server = await startServer({ dataDir });
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 820 } });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    return { server, browser, context, page, problems: watchPage(page), close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** POST /oauth/token as a deployment would, outside the browser. */
export async function tokenFor(server: Server, clientId: string, secret: string) {
  const response = await fetch(`${server.url}/oauth/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** `headers`: x-keyward-org, say, to act in another organization. */
export async function adminCall(server: Server, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const { body: token } = await tokenFor(server, ADMIN_ID, ADMIN_SECRET);
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token.access_token}`, ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
  });
  assert.ok(response.ok, `${method} ${path}: ${response.status} ${await response.clone().text()}`);
  return response.json() as Promise<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** A link of the left navigation. */
export const navTo = (page: Page, name: string) => page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name, exact: true }).click();
/** A tab of a client's pages. */
export const tab = (page: Page, name: string) => page.getByRole('navigation', { name: 'Client' }).getByRole('link', { name, exact: true }).click();

export async function signIn(page: Page, url: string, clientId: string, secret: string) {
  await page.goto(`${url}/console/`);
  await page.getByLabel('Client ID').fill(clientId);
  await page.getByLabel('Client secret').fill(secret);
  // Exact: the buttons of identity providers read "Sign in with …".
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}
