// Renders the admin client's types (packages/sdk/src/generated/keyward-api.ts) from the
// committed docs/openapi.json with openapi-typescript. Only the /v1 paths go in: they are the
// Keyward admin API the SDK's client speaks; the OAuth endpoints have the TokenSource and the
// verifier, and the vendor dialects have their vendors' own clients.
import { readFileSync } from 'node:fs';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import { openapiPath } from './openapi-doc.js';

export const sdkTypesPath = new URL('../packages/sdk/src/generated/keyward-api.ts', import.meta.url);

const HEADER = `// Generated from docs/openapi.json by \`npm run sdk:generate\` (openapi-typescript); do not edit.
// The /v1 operations of the Keyward admin API, for the SDK's createAdminClient.
`;

export async function renderSdkTypes(document: OpenAPI3 = JSON.parse(readFileSync(openapiPath, 'utf8')) as OpenAPI3): Promise<string> {
  const v1 = Object.fromEntries(Object.entries(document.paths ?? {}).filter(([path]) => path.startsWith('/v1/')));
  // Quiet: the document's lint findings are `npm run openapi:lint`'s to report, not the generator's.
  const ast = await openapiTS({ ...document, paths: v1 }, { silent: true });
  return HEADER + astToString(ast);
}
