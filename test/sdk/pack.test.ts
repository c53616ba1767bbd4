import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { it } from 'node:test';

// `npm test` builds first (pretest), and the root build builds the SDK: then the packing alone is
// checked. Without a dist/, npm pack's prepack builds it (about ten seconds more).
it('npm pack of @keyward/sdk ships dist (code and types), README and package.json only', () => {
  const res = spawnSync('npm', ['pack', '--dry-run', '--json', '--silent', ...(existsSync('packages/sdk/dist/index.js') ? ['--ignore-scripts'] : [])], { cwd: 'packages/sdk', encoding: 'utf8' });
  assert.equal(res.status, 0, res.stderr);
  const [pack] = JSON.parse(res.stdout.slice(res.stdout.indexOf('['))) as { name: string; files: { path: string }[] }[];
  assert.equal(pack.name, '@keyward/sdk');
  const files = pack.files.map((f) => f.path).sort();
  for (const expected of ['README.md', 'package.json', 'dist/index.js', 'dist/index.d.ts', 'dist/token-source.js', 'dist/verifier.d.ts', 'dist/adapters.js', 'dist/admin-client.js', 'dist/admin-client.d.ts', 'dist/generated/keyward-api.d.ts']) {
    assert.ok(files.includes(expected), `${expected} in ${files.join(', ')}`);
  }
  assert.deepEqual(files.filter((f) => !f.startsWith('dist/') && f !== 'README.md' && f !== 'package.json'), []);
});
