import { WEBHOOK_EVENTS } from '../src/domain/webhooks.js';

/**
 * The list of webhook events in docs/webhooks.md is rendered from the catalogue (src/domain/events.ts)
 * between these markers; `npm run docs:gen` rewrites it, test/docs.test.ts checks it.
 */
export const EVENTS_BEGIN = '<!-- events:begin -->';
export const EVENTS_END = '<!-- events:end -->';

export function renderWebhookEvents(): string {
  const rows = WEBHOOK_EVENTS.map((e) => `| \`${e.type}\` | ${e.description} |`);
  return ['| Event | When |', '| --- | --- |', ...rows].join('\n');
}

/** The text between the markers, without the blank lines that frame it. */
export function readmeEvents(readme: string): string {
  const { begin, end } = markers(readme);
  return readme.slice(begin + EVENTS_BEGIN.length, end).trim();
}

export function withRenderedEvents(readme: string): string {
  const { begin, end } = markers(readme);
  return `${readme.slice(0, begin + EVENTS_BEGIN.length)}\n\n${renderWebhookEvents()}\n\n${readme.slice(end)}`;
}

function markers(readme: string): { begin: number; end: number } {
  const begin = readme.indexOf(EVENTS_BEGIN);
  const end = readme.indexOf(EVENTS_END);
  if (begin < 0 || end < begin) throw new Error(`docs/webhooks.md needs ${EVENTS_BEGIN} followed by ${EVENTS_END} around the webhook event list.`);
  return { begin, end };
}
