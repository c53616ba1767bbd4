import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import { openapiPath, renderOpenApi, servedOpenApi } from '../../scripts/openapi-doc.js';

type Operation = { operationId?: string; tags?: string[] };
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

describe('OpenAPI document', () => {
  let served: Record<string, unknown>;
  before(async () => {
    served = await servedOpenApi();
  });

  const operations = () =>
    Object.entries(served.paths as Record<string, Record<string, Operation>>).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([method]) => METHODS.includes(method))
        .map(([method, op]) => ({ where: `${method.toUpperCase()} ${path}`, op })),
    );

  it('gives every operation one unique operationId and one tag', () => {
    const ops = operations();
    assert.ok(ops.length > 100, `expected the whole API, found ${ops.length} operations`);
    const missing = ops.filter(({ op }) => !op.operationId).map(({ where }) => where);
    assert.deepEqual(missing, [], 'operations without an operationId (set schema.operationId on the route)');
    const seen = new Map<string, string>();
    const duplicates: string[] = [];
    for (const { where, op } of ops) {
      const other = seen.get(op.operationId!);
      if (other) duplicates.push(`${op.operationId}: ${other} and ${where}`);
      seen.set(op.operationId!, where);
    }
    assert.deepEqual(duplicates, [], 'operationIds shared by two operations');
    const untagged = ops.filter(({ op }) => op.tags?.length !== 1).map(({ where }) => where);
    assert.deepEqual(untagged, [], 'operations without exactly one tag');
  });

  it('matches the committed docs/openapi.json', () => {
    let committed = '';
    try {
      committed = readFileSync(openapiPath, 'utf8');
    } catch {
      // missing: reported by the assertion below
    }
    assert.ok(
      committed === renderOpenApi(served),
      'docs/openapi.json differs from the document the routes produce: run `npm run openapi:write` and commit the result',
    );
  });
});
