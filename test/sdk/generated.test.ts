import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { renderSdkTypes, sdkTypesPath } from '../../scripts/sdk-types.js';

it('the SDK admin types match the committed docs/openapi.json', async () => {
  let committed = '';
  try {
    committed = readFileSync(sdkTypesPath, 'utf8');
  } catch {
    // missing: reported by the assertion below
  }
  assert.ok(
    committed === (await renderSdkTypes()),
    'packages/sdk/src/generated/keyward-api.ts differs from docs/openapi.json: run `npm run sdk:generate` and commit the result',
  );
});
