import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileGlob, compileMatch, matchProblem } from '../../src/domain/federation.js';

describe('federated credential conditions (domain)', () => {
  it('* stays within a path segment, ** crosses them, everything else is literal', () => {
    const release = compileGlob('refs/heads/release/*');
    assert.equal(release('refs/heads/release/2.4'), true);
    assert.equal(release('refs/heads/release/'), true);
    assert.equal(release('refs/heads/release/2.4/hotfix'), false);
    assert.equal(release('refs/heads/releases/2.4'), false);
    assert.equal(release('xrefs/heads/release/2.4'), false);
    const any = compileGlob('acme/app/.github/workflows/deploy.yml@refs/heads/**');
    assert.equal(any('acme/app/.github/workflows/deploy.yml@refs/heads/release/2.4/hotfix'), true);
    assert.equal(any('acme/app/.github/workflows/deployXyml@refs/heads/main'), false, '. is not a wildcard');
    assert.equal(compileGlob('system:serviceaccount:batch:*')('system:serviceaccount:batch:nightly'), true);
    assert.equal(compileGlob('a?b[c]')('a?b[c]'), true);
    assert.equal(compileGlob('a?b[c]')('axbc'), false);
  });

  it('takes time linear in the value for any pattern: no backtracking to exploit', () => {
    const glob = compileGlob(`${'**a'.repeat(10)}b`);
    const started = performance.now();
    for (let i = 0; i < 100; i++) assert.equal(glob('a'.repeat(2000)), false);
    assert.ok(performance.now() - started < 2000, `took ${performance.now() - started} ms`);
  });

  it('reads nested claims by JSON Pointer, compares scalars as text, and accepts one item of an array claim', () => {
    const match = compileMatch({
      claims: { '/kubernetes.io/namespace': 'prod', groups: 'deployers', run_attempt: '1' },
      patterns: { '/kubernetes.io/serviceaccount/name': 'deploy-*' },
      audience: 'https://keyward.example/prod',
    });
    const claims = { 'kubernetes.io': { namespace: 'prod', serviceaccount: { name: 'deploy-api' } }, groups: ['readers', 'deployers'], run_attempt: 1 };
    assert.equal(matchProblem(match, claims, ['https://keyward.example/prod']), null);
    assert.match(matchProblem(match, claims, ['https://keyward.example']) ?? '', /audience/);
    assert.match(matchProblem(match, { ...claims, 'kubernetes.io': { namespace: 'prod' } }, ['https://keyward.example/prod']) ?? '', /serviceaccount\/name/);
    assert.match(matchProblem(match, { ...claims, 'kubernetes.io.namespace': 'prod', 'kubernetes.io': {} }, ['https://keyward.example/prod']) ?? '', /namespace/);
    // An object claim never equals a string, whatever it prints as.
    assert.match(matchProblem(match, { ...claims, groups: { toString: 'deployers' } }, ['https://keyward.example/prod']) ?? '', /groups/);
  });
});
