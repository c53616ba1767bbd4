import { WEBHOOK_EVENTS } from '../src/domain/webhooks.js';

/**
 * The list of webhook events in docs/webhooks.md is rendered from the catalogue
 * (src/domain/events.ts) between these markers; `npm run docs:gen` rewrites it,
 * test/docs.test.ts checks it.
 */
export const EVENTS_BEGIN = '<!-- events:begin -->';
export const EVENTS_END = '<!-- events:end -->';

export function renderWebhookEvents(): string {
  const rows = WEBHOOK_EVENTS.map((e) => `| \`${e.type}\` | ${e.description} |`);
  return ['| Event | When |', '| --- | --- |', ...rows].join('\n');
}
