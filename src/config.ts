import { resolve } from 'node:path';
import type { SigningAlg } from './crypto/jwt.js';

/**
 * Every setting of Keyward, read from the environment once and validated here. Nothing else
 * reads process.env. The settings table of docs/operations.md is rendered from these comments
 * (`npm run docs:gen`; scripts/settings-table.ts), so each field's comment reads
 * `NAME (default): what it does`.
 */
export interface Config {
  /** PORT (8080): the HTTP port. */
  port: number;
  /** HOST (0.0.0.0): the listen address. */
  host: string;
  /**
   * KEYWARD_ADMIN_PORT (unset): a second listener for the admin API (/v1, the dialects' admin
   * APIs, /docs), which PORT then no longer serves: keep it off the internet. It also answers the
   * OAuth endpoints, so admins sign in on it. Unset, PORT serves everything.
   */
  adminPort: number | undefined;
  /** KEYWARD_ADMIN_HOST (127.0.0.1): the admin listener's address, when KEYWARD_ADMIN_PORT is set. */
  adminHost: string;
  /** KEYWARD_DATA_DIR (./data): the SQLite file and generated key files live here. */
  dataDir: string;
  /** DATABASE_URL: postgres://… selects PostgreSQL; unset means SQLite in the data folder. */
  databaseUrl: string | undefined;
  /**
   * KEYWARD_ISSUER (http://localhost:$PORT): the `iss` of every token and base of every advertised
   * endpoint. Every instance of one installation must use the same public URL.
   */
  issuer: string;
  /**
   * KEYWARD_BOOTSTRAP_CLIENT_ID, KEYWARD_BOOTSTRAP_CLIENT_SECRET: on start, create this super-admin
   * client if it does not exist. Set both or neither; the secret is at least 32 characters.
   */
  bootstrap: { clientId: string; clientSecret: string } | undefined;
  /**
   * KEYWARD_PEPPER: the server-side key for hashing client secrets (≥ 32 characters). When
   * unset, one is generated into $KEYWARD_DATA_DIR/pepper (mode 0600). Several hosts must share it.
   */
  pepper: string | undefined;
  /**
   * KEYWARD_KEK: the key-encryption key for private signing keys at rest (≥ 32 characters).
   * When unset, one is generated into $KEYWARD_DATA_DIR/kek (mode 0600). Several hosts must share it.
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
  /** KEYWARD_RATE_LIMIT_REGISTRATIONS (30): client registrations (POST /oauth/register) per address per minute before 429, refused ones included. */
  registrationsPerMinute: number;
  /** KEYWARD_BODY_LIMIT (65536): largest accepted request body in bytes (413 above). */
  bodyLimit: number;
  /** LOG_LEVEL (info): pino level; secrets are redacted whatever the level. */
  logLevel: string;
  /**
   * KEYWARD_ACCESS_LOG (true): one `info` line per request: method, route pattern, status,
   * duration and the calling client; never the query string, a header or a body.
   */
  accessLog: boolean;
  /**
   * KEYWARD_USAGE_COUNTING (true): count tokens issued and failed client authentications at the
   * token endpoint per client and hour (GET /v1/apiClients/{id}/usage), in memory, written every
   * few seconds and kept 30 days. `false` counts nothing.
   */
  usageCounting: boolean;
  /**
   * KEYWARD_DPOP_NONCES (false): ask DPoP proofs at the token endpoint for a server nonce (RFC
   * 9449 §8); spent proofs are then remembered per instance for the nonce's life instead of
   * written to the ledger. See docs/dpop.md.
   */
  dpopNonces: boolean;
  /** KEYWARD_DOCS (true): serve the reference UI at /docs. */
  docs: boolean;
  /**
   * KEYCLOAK_URL, KEYCLOAK_REALM, KEYCLOAK_ADMIN_CLIENT_ID, KEYCLOAK_ADMIN_CLIENT_SECRET,
   * KEYCLOAK_ADMIN_REALM: with the first four set, Docpier agent clients are created in
   * KEYCLOAK_REALM through Keycloak's Admin REST API instead of as Keyward clients. The admin
   * client signs in with client_credentials in KEYCLOAK_ADMIN_REALM (default master) and needs the
   * realm-management `manage-clients` role for KEYCLOAK_REALM.
   */
  keycloak: KeycloakConfig | undefined;
  /**
   * KEYWARD_AGENT_DEFAULT_SCOPE (idp.capture): the permissions a new agent client receives when
   * its workspace has no `default_scope` setting. Docpier's agents ask for `idp.capture`.
   */
  agentDefaultScope: string[];
  /** KEYWARD_DOCUMENT_TYPES (Docpier's list): comma-separated catalogue served by GET /admin/meta/document-types. */
  documentTypes: string[];
  /** KEYWARD_WEBHOOK_TIMEOUT (15): seconds one delivery attempt may take, DNS to last byte (Standard Webhooks: 15–30). */
  webhookTimeout: number;
  /** KEYWARD_WEBHOOK_CONCURRENCY (16): deliveries in flight per process; one webhook never holds more than a quarter of them. */
  webhookConcurrency: number;
  /** KEYWARD_CREDENTIAL_EXPIRY_NOTICE (604800, 7 days): how many seconds ahead of a credential's expiry `credential.expiring` is announced. */
  credentialExpiryNotice: number;
  /**
   * KEYWARD_ASSERTION_MAX_LIFETIME (300): how far ahead of now a private_key_jwt assertion's
   * `exp` may lie, in seconds. Used assertion ids are kept until `exp`, so the cap bounds that
   * table. Clients that sign hour-long assertions (Zitadel key files do) need 3600.
   */
  assertionMaxLifetime: number;
  /** KEYWARD_JWKS_CACHE_TTL (600): seconds a fetched jwks_uri or provider discovery document is reused. */
  jwksCacheTtl: number;
  /**
   * KEYWARD_JWKS_MIN_REFETCH (30): an unknown `kid` refetches a JWKS before its TTL ends, at most
   * once per this many seconds, so made-up kids cannot turn Keyward into a request amplifier.
   */
  jwksMinRefetch: number;
  /**
   * KEYWARD_SECRET_SCANNING_KEYS_URL, KEYWARD_SECRET_SCANNING_KEYS_FILE (unset): where the public
   * keys of a secret scanner are published, in GitHub's shape (`{"public_keys": [{"key_identifier",
   * "key", "is_current"}]}`; GitHub's are at https://api.github.com/meta/public_keys/secret_scanning).
   * With one of them set, POST /secret-scanning/github takes signed leak reports and disables every
   * reported Keyward secret. The URL is fetched through the SSRF guard (https unless
   * KEYWARD_WEBHOOKS_ALLOW_PRIVATE) and reused as KEYWARD_JWKS_CACHE_TTL says; the file is read the
   * same way, so a rotated key is picked up without a restart. Set one or neither.
   */
  secretScanningKeys: { url: string } | { file: string } | undefined;
}

export interface KeycloakConfig {
  /** Base URL without a trailing slash, e.g. https://auth.example.com (or …/auth on Keycloak < 17). */
  url: string;
  realm: string;
  adminRealm: string;
  adminClientId: string;
  adminClientSecret: string;
}

/** Docpier's document types (docs.docpier.com schema pages), the default catalogue. */
export const DOCPIER_DOCUMENT_TYPES = [
  'UNKNOWN',
  'INVOICE',
  'REMINDER',
  'RECEIPT',
  'CREDIT_NOTE',
  'ACCOUNT_STATEMENT',
  'CREDIT_CARD_STATEMENT',
  'INSURANCE_POLICY',
  'POLICY_ADJUSTMENT',
];

export class ConfigError extends Error {}

/**
 * A setting that is valid by itself but disagrees with the installation the database belongs to
 * (another instance's KEYWARD_KEK or KEYWARD_PEPPER). The message names the setting; the start
 * stops with it and exit code 1.
 */
export class StartupError extends Error {}

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

function keycloakSettings(env: Env): KeycloakConfig | undefined {
  const names = ['KEYCLOAK_URL', 'KEYCLOAK_REALM', 'KEYCLOAK_ADMIN_CLIENT_ID', 'KEYCLOAK_ADMIN_CLIENT_SECRET'] as const;
  const set = names.filter((n) => env[n]);
  if (set.length === 0) return undefined;
  if (set.length < names.length) {
    throw new ConfigError(`Keycloak mode needs ${names.join(', ')}; missing: ${names.filter((n) => !env[n]).join(', ')}.`);
  }
  const url = env.KEYCLOAK_URL!.replace(/\/+$/, '');
  try {
    const parsed = new URL(url);
    if (!['http:', 'https:'].includes(parsed.protocol) || parsed.search || parsed.hash || parsed.username) throw new Error();
  } catch {
    throw new ConfigError(`KEYCLOAK_URL must be an absolute http(s) URL without query, fragment or credentials (got "${url}").`);
  }
  const realmName = /^[A-Za-z0-9._-]{1,255}$/;
  for (const name of ['KEYCLOAK_REALM', 'KEYCLOAK_ADMIN_REALM'] as const) {
    if (env[name] && !realmName.test(env[name]!)) throw new ConfigError(`${name} must be a realm name: letters, digits, . _ - (got "${env[name]}").`);
  }
  return {
    url,
    realm: env.KEYCLOAK_REALM!,
    adminRealm: env.KEYCLOAK_ADMIN_REALM || 'master',
    adminClientId: env.KEYCLOAK_ADMIN_CLIENT_ID!,
    adminClientSecret: env.KEYCLOAK_ADMIN_CLIENT_SECRET!,
  };
}

/** A comma- or space-separated list; each item must match `pattern`. */
function list(env: Env, name: string, fallback: string[], pattern: RegExp, what: string): string[] {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const items = [...new Set(raw.split(/[\s,]+/).filter(Boolean))];
  const bad = items.find((item) => !pattern.test(item));
  if (bad !== undefined) throw new ConfigError(`${name} must list ${what} (got "${bad}").`);
  return items;
}

function secretScanningSettings(env: Env, allowPrivate: boolean): Config['secretScanningKeys'] {
  const url = env.KEYWARD_SECRET_SCANNING_KEYS_URL || undefined;
  const file = env.KEYWARD_SECRET_SCANNING_KEYS_FILE || undefined;
  if (url && file) throw new ConfigError('Set KEYWARD_SECRET_SCANNING_KEYS_URL or KEYWARD_SECRET_SCANNING_KEYS_FILE, not both.');
  if (file) return { file: resolve(file) };
  if (!url) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError(`KEYWARD_SECRET_SCANNING_KEYS_URL must be an absolute URL (got "${url}").`);
  }
  if (parsed.protocol !== 'https:' && !(allowPrivate && parsed.protocol === 'http:')) {
    throw new ConfigError(`KEYWARD_SECRET_SCANNING_KEYS_URL must be an https URL (got "${url}"); http is allowed only with KEYWARD_WEBHOOKS_ALLOW_PRIVATE=true, for tests.`);
  }
  return { url: parsed.toString() };
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
      throw new ConfigError('KEYWARD_BOOTSTRAP_CLIENT_SECRET must be at least 32 characters long; generate one with `openssl rand -hex 32` (hex, not base64: a `+` sent by `curl -u` arrives as a space).');
    }
    bootstrap = { clientId: bootstrapId, clientSecret: bootstrapSecret };
  }

  const signingAlg = (env.KEYWARD_SIGNING_ALG || 'ES256') as SigningAlg;
  if (!['ES256', 'EdDSA', 'RS256'].includes(signingAlg)) {
    throw new ConfigError(`KEYWARD_SIGNING_ALG must be ES256, EdDSA or RS256 (got "${signingAlg}").`);
  }

  const host = env.HOST || '0.0.0.0';
  const adminPort = env.KEYWARD_ADMIN_PORT ? int(env, 'KEYWARD_ADMIN_PORT', 0, 0, 65535) : undefined;
  const adminHost = env.KEYWARD_ADMIN_HOST || '127.0.0.1';
  // A wildcard address holds the port on every address, the loopback one included.
  const wildcard = (address: string) => address === '0.0.0.0' || address === '::';
  if (adminPort !== undefined && adminPort !== 0 && adminPort === port && (adminHost === host || wildcard(host) || wildcard(adminHost))) {
    throw new ConfigError(
      `KEYWARD_ADMIN_PORT must differ from PORT (both are ${port}): the admin listener needs a port of its own; ` +
        'choose another, or leave KEYWARD_ADMIN_PORT unset to serve everything on PORT.',
    );
  }

  const maxTokenLifetime = int(env, 'KEYWARD_MAX_TOKEN_LIFETIME', 86400, 60, 31 * 86400);
  return {
    port,
    host,
    adminPort,
    adminHost,
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
    registrationsPerMinute: int(env, 'KEYWARD_RATE_LIMIT_REGISTRATIONS', 30, 1, 1_000_000),
    bodyLimit: int(env, 'KEYWARD_BODY_LIMIT', 65536, 1024, 10 * 1024 * 1024),
    logLevel: env.LOG_LEVEL || 'info',
    accessLog: bool(env, 'KEYWARD_ACCESS_LOG', true),
    usageCounting: bool(env, 'KEYWARD_USAGE_COUNTING', true),
    dpopNonces: bool(env, 'KEYWARD_DPOP_NONCES', false),
    docs: bool(env, 'KEYWARD_DOCS', true),
    keycloak: keycloakSettings(env),
    // RFC 6749 §3.3 scope-token characters.
    agentDefaultScope: list(env, 'KEYWARD_AGENT_DEFAULT_SCOPE', ['idp.capture'], /^[\x21\x23-\x2B\x2D-\x5B\x5D-\x7E]{1,200}$/, 'permissions (scope tokens)'),
    documentTypes: list(env, 'KEYWARD_DOCUMENT_TYPES', DOCPIER_DOCUMENT_TYPES, /^[A-Za-z0-9_.-]{1,100}$/, 'document type names (letters, digits, _ . -)'),
    webhookTimeout: int(env, 'KEYWARD_WEBHOOK_TIMEOUT', 15, 1, 30),
    webhookConcurrency: int(env, 'KEYWARD_WEBHOOK_CONCURRENCY', 16, 1, 1000),
    credentialExpiryNotice: int(env, 'KEYWARD_CREDENTIAL_EXPIRY_NOTICE', 7 * 86400, 60, 365 * 86400),
    assertionMaxLifetime: int(env, 'KEYWARD_ASSERTION_MAX_LIFETIME', 300, 30, 3600),
    jwksCacheTtl: int(env, 'KEYWARD_JWKS_CACHE_TTL', 600, 0, 86400),
    jwksMinRefetch: int(env, 'KEYWARD_JWKS_MIN_REFETCH', 30, 0, 3600),
    secretScanningKeys: secretScanningSettings(env, bool(env, 'KEYWARD_WEBHOOKS_ALLOW_PRIVATE', false)),
  };
}
