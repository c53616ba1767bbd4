// Rewrites the generated parts of README.md (the webhook event list) from the source.
import { readFileSync, writeFileSync } from 'node:fs';
import { withRenderedEvents } from './readme-events.js';

const path = new URL('../README.md', import.meta.url);
const before = readFileSync(path, 'utf8');
const after = withRenderedEvents(before);
if (after === before) {
  console.log('README.md is up to date.');
} else {
  writeFileSync(path, after);
  console.log('README.md: webhook event list rewritten.');
}
