// Rewrites docs/openapi.json from the routes' schemas (npm run openapi:write).
import { readFileSync, writeFileSync } from 'node:fs';
import { openapiPath, renderOpenApi, servedOpenApi } from './openapi-doc.js';

const after = renderOpenApi(await servedOpenApi());
let before = '';
try {
  before = readFileSync(openapiPath, 'utf8');
} catch {
  // first run: no committed copy yet
}
if (after === before) {
  console.log('docs/openapi.json is up to date.');
} else {
  writeFileSync(openapiPath, after);
  console.log('docs/openapi.json rewritten.');
}
