import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The pepper and the key-encryption key come from the environment, or from 0600 files in the
 * data folder that are generated on first start. They never live in the database, so a stolen
 * database alone yields neither usable secrets nor signing keys.
 */
export function loadOrCreateKeyFile(dataDir: string, name: string, fromEnv: string | undefined): string {
  if (fromEnv) return fromEnv;
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, name);
  if (!existsSync(path)) {
    try {
      // 'wx' fails if another worker created it first; then we read theirs.
      writeFileSync(path, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  chmodSync(path, 0o600);
  const value = readFileSync(path, 'utf8').trim();
  if (value.length < 32) throw new Error(`${path} holds a key shorter than 32 characters; remove it or fix it.`);
  return value;
}
