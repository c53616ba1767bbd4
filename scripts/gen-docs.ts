// Rewrites the generated parts of docs/webhooks.md (the webhook event list) from the source.
import { readFileSync, writeFileSync } from 'node:fs';
import { withRenderedEvents } from './readme-events.js';

const path = new URL('../docs/webhooks.md', import.meta.url);
const before = readFileSync(path, 'utf8');
const after = withRenderedEvents(before);
if (after === before) {
  console.log('docs/webhooks.md is up to date.');
} else {
  writeFileSync(path, after);
  console.log('docs/webhooks.md: webhook event list rewritten.');
}
