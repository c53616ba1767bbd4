import { resolve } from 'node:path';

/**
 * Every setting of Keyward, read from the environment once and validated here. Nothing else
 * reads process.env. The README's settings table is the user-facing copy of these comments.
 */
export interface Config {
  /** PORT (8080): the HTTP port. */
  port: number;
  /** HOST (0.0.0.0): the listen address. */
  host: string;
  /** KEYWARD_DATA_DIR (./data): the SQLite file and generated key files live here. */
  dataDir: string;
  /** DATABASE_URL: postgres://… selects PostgreSQL; unset means SQLite in the data folder. */
  databaseUrl: string | undefined;
  /** KEYWARD_ISSUER (http://localhost:$PORT): the `iss` of every token and base of every advertised endpoint. */
  issuer: string;
  /** KEYWARD_BOOTSTRAP_CLIENT_ID / _SECRET: on start, create this super-admin client if it does not exist. */
  bootstrap: { clientId: string; clientSecret: string } | undefined;
  /**
   * KEYWARD_PEPPER: the server-side key for hashing client secrets (≥ 32 characters). When
   * unset, one is generated into $KEYWARD_DATA_DIR/pepper (mode 0600). Several hosts must share it.
   */
  pepper: string | undefined;
  /**
   * KEYWARD_KEK: the key-encryption key for private signing keys at rest (≥ 32 characters).
   * When unset, one is generated into $KEYWARD_DATA_DIR/kek (mode 0600).
   */
  keyEncryptionKey: string | undefined;
  /** KEYWARD_SIGNING_ALG (ES256): algorithm of new signing keys; ES256, EdDSA or RS256. */
  signingAlg: SigningAlg;
  /** KEYWARD_TOKEN_LIFETIME (3600): default access-token lifetime in seconds; a client may set its own. */
  tokenLifetime: number;
  /** KEYWARD_MAX_TOKEN_LIFETIME (86400): the longest lifetime a client may choose. */
  maxTokenLifetime: number;
  /** KEYWARD_WORKERS (1): processes serving HTTP on this host (node:cluster). */
  workers: number;
  /** KEYWARD_WEBHOOKS_ALLOW_PRIVATE (false): let outbound calls reach loopback/private addresses (tests, development). */
  allowPrivateNetwork: boolean;
  /** KEYWARD_TRUST_PROXY (unset): addresses/CIDRs of proxies whose X-Forwarded-* headers are believed. */
  trustProxy: string | undefined;
  /** KEYWARD_RATE_LIMIT_FAILURES (20): failed client authentications per address per minute before 429. */
  failedAuthPerMinute: number;
  /** KEYWARD_RATE_LIMIT_TOKENS (6000): tokens one client may obtain per minute before 429. */
  tokensPerClientPerMinute: number;
  /** KEYWARD_BODY_LIMIT (65536): largest accepted request body in bytes (413 above). */
  bodyLimit: number;
  /** LOG_LEVEL (info): pino level; secrets are redacted whatever the level. */
  logLevel: string;
  /** KEYWARD_DOCS (true): serve the reference UI at /docs. */
  docs: boolean;
}

export type SigningAlg = 'ES256' | 'EdDSA' | 'RS256';

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number between ${min} and ${max} (got "${raw}").`);
  }
  return value;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false (got "${env[name]}").`);
}

function secretSetting(env: Env, name: string): string | undefined {
  const value = env[name];
  if (value === undefined || value === '') return undefined;
  if (value.length < 32) throw new ConfigError(`${name} must be at least 32 characters long.`);
  return value;
}

export function loadConfig(env: Env = process.env): Config {
  const port = int(env, 'PORT', 8080, 0, 65535);
  const issuer = (env.KEYWARD_ISSUER || `http://localhost:${port}`).replace(/\/+$/, '');
  try {
    const url = new URL(issuer);
    if (url.search || url.hash) throw new Error();
  } catch {
    throw new ConfigError(`KEYWARD_ISSUER must be an absolute http(s) URL without query or fragment (got "${issuer}").`);
  }

  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must be a postgres:// URL; leave it unset for SQLite.');
  }

  let bootstrap: Config['bootstrap'];
  const bootstrapId = env.KEYWARD_BOOTSTRAP_CLIENT_ID;
  const bootstrapSecret = env.KEYWARD_BOOTSTRAP_CLIENT_SECRET;
  if (bootstrapId || bootstrapSecret) {
    if (!bootstrapId || !bootstrapSecret) {
      throw new ConfigError('Set both KEYWARD_BOOTSTRAP_CLIENT_ID and KEYWARD_BOOTSTRAP_CLIENT_SECRET, or neither.');
    }
    if (bootstrapSecret.length < 32) {
      throw new ConfigError('KEYWARD_BOOTSTRAP_CLIENT_SECRET must be at least 32 characters long; generate one with `openssl rand -base64 32`.');
    }
    bootstrap = { clientId: bootstrapId, clientSecret: bootstrapSecret };
  }

  const signingAlg = (env.KEYWARD_SIGNING_ALG || 'ES256') as SigningAlg;
  if (!['ES256', 'EdDSA', 'RS256'].includes(signingAlg)) {
    throw new ConfigError(`KEYWARD_SIGNING_ALG must be ES256, EdDSA or RS256 (got "${signingAlg}").`);
  }

  const maxTokenLifetime = int(env, 'KEYWARD_MAX_TOKEN_LIFETIME', 86400, 60, 31 * 86400);
  return {
    port,
    host: env.HOST || '0.0.0.0',
    dataDir: resolve(env.KEYWARD_DATA_DIR || './data'),
    databaseUrl,
    issuer,
    bootstrap,
    pepper: secretSetting(env, 'KEYWARD_PEPPER'),
    keyEncryptionKey: secretSetting(env, 'KEYWARD_KEK'),
    signingAlg,
    tokenLifetime: int(env, 'KEYWARD_TOKEN_LIFETIME', 3600, 30, maxTokenLifetime),
    maxTokenLifetime,
    workers: int(env, 'KEYWARD_WORKERS', 1, 1, 64),
    allowPrivateNetwork: bool(env, 'KEYWARD_WEBHOOKS_ALLOW_PRIVATE', false),
    trustProxy: env.KEYWARD_TRUST_PROXY || undefined,
    failedAuthPerMinute: int(env, 'KEYWARD_RATE_LIMIT_FAILURES', 20, 1, 1_000_000),
    tokensPerClientPerMinute: int(env, 'KEYWARD_RATE_LIMIT_TOKENS', 6000, 1, 100_000_000),
    bodyLimit: int(env, 'KEYWARD_BODY_LIMIT', 65536, 1024, 10 * 1024 * 1024),
    logLevel: env.LOG_LEVEL || 'info',
    docs: bool(env, 'KEYWARD_DOCS', true),
  };
}
