// Rewrites packages/sdk/src/generated/keyward-api.ts from docs/openapi.json (npm run sdk:generate).
import { readFileSync, writeFileSync } from 'node:fs';
import { renderSdkTypes, sdkTypesPath } from './sdk-types.js';

const after = await renderSdkTypes();
let before = '';
try {
  before = readFileSync(sdkTypesPath, 'utf8');
} catch {
  // first run: no committed copy yet
}
if (after === before) {
  console.log('packages/sdk/src/generated/keyward-api.ts is up to date.');
} else {
  writeFileSync(sdkTypesPath, after);
  console.log('packages/sdk/src/generated/keyward-api.ts rewritten.');
}
