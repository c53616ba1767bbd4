import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';

/**
 * What a newcomer sees when `npm start` cannot start: the built server (node dist/main.js) run
 * as a process, its exit code and its stderr.
 */
const ROOT = new URL('../', import.meta.url).pathname;

function start(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['dist/main.js'], { cwd: ROOT, env: { PATH: process.env.PATH, LOG_LEVEL: 'warn', ...env }, timeout: 30_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, stdout, stderr }),
    );
  });
}

describe('starting node dist/main.js', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'keyward-startup-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('a port already in use: one line naming the port and host, no stack trace, non-zero exit', async () => {
    const holder: Server = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const { port } = holder.address() as { port: number };
    try {
      for (const workers of ['1', '2']) {
        const result = await start({ PORT: String(port), HOST: '127.0.0.1', KEYWARD_DATA_DIR: dataDir, KEYWARD_WORKERS: workers });
        assert.notEqual(result.code, 0, `workers=${workers}`);
        assert.notEqual(result.code, null, `workers=${workers}: killed by the timeout, not exited`);
        const lines = result.stderr.trim().split('\n');
        assert.equal(lines.length, 1, `workers=${workers}: ${result.stderr}`);
        assert.match(lines[0], new RegExp(`^keyward: port ${port} on 127\\.0\\.0\\.1 is already in use`));
        assert.doesNotMatch(result.stderr + result.stdout, /\n\s+at |EADDRINUSE/);
      }
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  });

  it('a too-short bootstrap secret: suggests a hex secret, which survives curl -u', async () => {
    const result = await start({ KEYWARD_DATA_DIR: dataDir, KEYWARD_BOOTSTRAP_CLIENT_ID: 'admin', KEYWARD_BOOTSTRAP_CLIENT_SECRET: 'short' });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /at least 32 characters long; generate one with `openssl rand -hex 32`/);
    assert.doesNotMatch(result.stderr, /base64 32/);
  });
});
