import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = new URL('../', import.meta.url).pathname;

describe('keyward CLI (dist/cli/main.js)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'keyward-cli-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));
  const invoke = async (entry: string, args: string[], env: Record<string, string> = {}) => {
    try {
      const { stdout, stderr } = await run(process.execPath, [entry, ...args], { cwd: ROOT, env: { PATH: process.env.PATH, KEYWARD_DATA_DIR: dataDir, ...env } });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };
  const keyward = (...args: string[]) => invoke('dist/cli/main.js', args);

  it('migrate, bootstrap (secret printed once), create, list, rotate, delete, keys rotate', async () => {
    assert.match((await keyward('migrate')).stdout, /applied 0+1_core|already up to date/);
    const boot = JSON.parse((await keyward('bootstrap', '--json')).stdout);
    assert.equal(boot.created, true);
    assert.match(boot.clientSecret, /^kw_/);
    assert.equal(JSON.parse((await keyward('bootstrap', '--json')).stdout).created, false, 'a second bootstrap changes nothing');

    const created = JSON.parse((await keyward('clients', 'create', '--name', 'nightly job', '--permissions', 'jobs.run,jobs.read', '--json')).stdout);
    assert.deepEqual(created.permissions, ['jobs.run', 'jobs.read']);
    const list = JSON.parse((await keyward('clients', 'list', '--json')).stdout);
    assert.ok(list.apiClients.some((c: { clientId: string }) => c.clientId === created.clientId));
    assert.ok(!JSON.stringify(list).includes(created.clientSecret));

    const id = created.name.split('/')[1];
    const rotated = JSON.parse((await keyward('clients', 'rotate', id, '--overlap', '60', '--json')).stdout);
    assert.match(rotated.clientSecret, /^kw_/);
    assert.notEqual(rotated.clientSecret, created.clientSecret);
    assert.equal(rotated.expiredCredentials.length, 1);

    assert.match((await keyward('keys', 'rotate')).stdout, /signing with key_/);
    assert.match((await keyward('clients', 'delete', id)).stdout, /deleted/);
    const missing = await keyward('clients', 'delete', id);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /not found/);
  });

  it('explains bad usage with exit code 64', async () => {
    const bad = await keyward('clients', 'create');
    assert.equal(bad.code, 64);
    assert.match(bad.stderr, /--name/);
    const unknown = await keyward('frobnicate');
    assert.equal(unknown.code, 64);
    assert.match(unknown.stderr, /Usage: keyward/);
    for (const args of [['clients', 'list', '--bogus'], [], ['clients', 'create', '--name']]) {
      const refused = await keyward(...args);
      assert.equal(refused.code, 64, `${args.join(' ')}: ${refused.stderr}`);
      assert.match(refused.stderr, /Usage: keyward/);
    }
    assert.equal((await keyward('--help')).code, 0);
  });

  it('runs through a link to it, as npm installs the keyward command', async () => {
    const bin = join(dataDir, 'bin');
    mkdirSync(bin, { recursive: true });
    symlinkSync(join(ROOT, 'dist/cli/main.js'), join(bin, 'keyward'));
    const listed = await invoke(join(bin, 'keyward'), ['clients', 'list', '--json']);
    assert.equal(listed.code, 0, listed.stderr);
    assert.ok(Array.isArray(JSON.parse(listed.stdout).apiClients));
  });

  it('bootstrap --client-id other than the configured one gets its own generated secret', async () => {
    const configured = { KEYWARD_BOOTSTRAP_CLIENT_ID: 'cli-admin', KEYWARD_BOOTSTRAP_CLIENT_SECRET: 'a-configured-secret-of-forty-characters!' };
    const other = JSON.parse((await invoke('dist/cli/main.js', ['bootstrap', '--client-id', 'cli-ops', '--json'], configured)).stdout);
    assert.equal(other.created, true);
    assert.match(other.clientSecret, /^kw_/);
    const own = JSON.parse((await invoke('dist/cli/main.js', ['bootstrap', '--json'], configured)).stdout);
    assert.equal(own.clientId, 'cli-admin');
    assert.equal(own.clientSecret, undefined, 'the configured secret is the operator\'s; it is not printed');
  });
});
