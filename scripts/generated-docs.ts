import { renderSettingsTable, SETTINGS_BEGIN, SETTINGS_END } from './settings-table.js';
import { EVENTS_BEGIN, EVENTS_END, renderWebhookEvents } from './webhook-events.js';

/**
 * The parts of docs/ rendered from the source, each between two HTML comments.
 * `npm run docs:gen` rewrites them; test/docs.test.ts fails when one is stale.
 */
export interface GeneratedSection {
  /** Relative to the repository root. */
  file: string;
  what: string;
  begin: string;
  end: string;
  render: () => string;
}

export const GENERATED_SECTIONS: GeneratedSection[] = [
  { file: 'docs/webhooks.md', what: 'webhook event list', begin: EVENTS_BEGIN, end: EVENTS_END, render: renderWebhookEvents },
  { file: 'docs/operations.md', what: 'settings table', begin: SETTINGS_BEGIN, end: SETTINGS_END, render: renderSettingsTable },
];

/** The text between the section's markers, without the blank lines that frame it. */
export function currentText(doc: string, section: GeneratedSection): string {
  const { begin, end } = markers(doc, section);
  return doc.slice(begin + section.begin.length, end).trim();
}

export function withRendered(doc: string, section: GeneratedSection): string {
  const { begin, end } = markers(doc, section);
  return `${doc.slice(0, begin + section.begin.length)}\n\n${section.render()}\n\n${doc.slice(end)}`;
}

function markers(doc: string, section: GeneratedSection): { begin: number; end: number } {
  const begin = doc.indexOf(section.begin);
  const end = doc.indexOf(section.end);
  if (begin < 0 || end < begin) {
    throw new Error(`${section.file} needs ${section.begin} followed by ${section.end} around the ${section.what}.`);
  }
  return { begin, end };
}
