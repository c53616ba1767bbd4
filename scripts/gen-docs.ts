// Rewrites the generated parts of docs/ (webhook event list, settings table) from the source.
import { readFileSync, writeFileSync } from 'node:fs';
import { GENERATED_SECTIONS, withRendered } from './generated-docs.js';

const root = new URL('../', import.meta.url);
for (const section of GENERATED_SECTIONS) {
  const path = new URL(section.file, root);
  const before = readFileSync(path, 'utf8');
  const after = withRendered(before, section);
  if (after === before) {
    console.log(`${section.file}: ${section.what} is up to date.`);
  } else {
    writeFileSync(path, after);
    console.log(`${section.file}: ${section.what} rewritten.`);
  }
}
