import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

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
