#!/usr/bin/env node
// Prints the admin console's JavaScript size, gzipped as a server would send it, and fails above
// the budget. Run after a build (npm run build): it reads packages/console/dist/assets.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 250;
const assets = join(dirname(fileURLToPath(import.meta.url)), '..', 'packages', 'console', 'dist', 'assets');

let files;
try {
  files = readdirSync(assets).filter((name) => name.endsWith('.js'));
} catch {
  console.error(`console:size: ${assets} does not exist; build the console first (npm run build).`);
  process.exit(1);
}
if (files.length === 0) {
  console.error('console:size: the console build has no JavaScript; build it again (npm run build).');
  process.exit(1);
}
let raw = 0;
let gzipped = 0;
for (const name of files) {
  const body = readFileSync(join(assets, name));
  raw += body.length;
  gzipped += gzipSync(body, { level: 9 }).length;
}
const kb = (bytes) => (bytes / 1024).toFixed(1);
console.log(`console JavaScript: ${files.length} file${files.length === 1 ? '' : 's'}, ${kb(raw)} KB, ${kb(gzipped)} KB gzipped (budget ${BUDGET_KB} KB)`);
if (gzipped > BUDGET_KB * 1024) {
  console.error(`console:size: ${kb(gzipped)} KB gzipped is over the ${BUDGET_KB} KB budget.`);
  process.exit(1);
}
