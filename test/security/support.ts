import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { createHmac, sign as cryptoSign, type KeyObject } from 'node:crypto';
import { Writable } from 'node:stream';
import type { Harness, Parsed } from '../helpers/harness.js';

/**
 * Helpers shared by the security battery (test/security). Everything goes through the real HTTP
 * stack (app.inject); the store is read directly only to prove that nothing changed.
 */

export const FORM = 'application/x-www-form-urlencoded';

export function basic(clientId: string, secret: string): string {
  return `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64')}`;
}

export function parse(res: LightMyRequestResponse): Parsed {
  let body: any = res.body; // eslint-disable-line @typescript-eslint/no-explicit-any
  try {
    body = res.body ? JSON.parse(res.body) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.statusCode, body, headers: res.headers as Record<string, unknown> };
}

/** Form POST to an OAuth endpoint; `payload` may be a raw string to send malformed forms. */
export async function oauthPost(
  h: Harness,
  url: string,
  payload: Record<string, string> | string,
  options: { authorization?: string; remoteAddress?: string; headers?: Record<string, string> } = {},
): Promise<Parsed & { raw: string }> {
  const res = await h.inject({
    method: 'POST',
    url,
    remoteAddress: options.remoteAddress,
    headers: {
      'content-type': FORM,
      ...(options.authorization ? { authorization: options.authorization } : {}),
      ...options.headers,
    },
    payload: typeof payload === 'string' ? payload : new URLSearchParams(payload).toString(),
  } as InjectOptions);
  return { ...parse(res), raw: res.body };
}

export const introspect = (h: Harness, token: string, clientId: string, secret: string, extra: Record<string, string> = {}) =>
  oauthPost(h, '/oauth/introspect', { token, ...extra }, { authorization: basic(clientId, secret) });

export const revoke = (h: Harness, token: string, clientId: string, secret: string, extra: Record<string, string> = {}) =>
  oauthPost(h, '/oauth/revoke', { token, ...extra }, { authorization: basic(clientId, secret) });

/** A JSON admin call with an explicit bearer token (or none). */
export async function adminCall(h: Harness, method: string, url: string, token: string | null, body?: unknown, headers: Record<string, string> = {}) {
  return parse(
    await h.inject({
      method: method as InjectOptions['method'],
      url,
      headers: {
        ...(token !== null ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
    }),
  );
}

export interface TestClient {
  id: string;
  name: string;
  clientId: string;
  secret: string;
}

/** Creates an API client (as the super-admin, in `orgId` when given) and returns its secret. */
export async function createClient(h: Harness, body: Record<string, unknown> = {}, orgId?: string, token?: string): Promise<TestClient> {
  const res = await h.call('POST', '/v1/apiClients', { displayName: 'svc', ...body }, {
    ...(orgId ? { 'x-keyward-org': orgId } : {}),
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  });
  if (res.status !== 200) throw new Error(`create client failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: String(res.body.name).split('/')[1], name: res.body.name, clientId: res.body.clientId, secret: res.body.clientSecret };
}

export async function tokenFor(h: Harness, client: { clientId: string; secret: string }, params: Record<string, string> = {}): Promise<string> {
  const res = await h.token(client.clientId, client.secret, params);
  if (res.status !== 200) throw new Error(`token failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.access_token;
}

/** The installation-wide event sequence: any committed mutation moves it. */
export const lastSequence = (h: Harness) => h.runtime.store.read.events.lastSequence();

/** A snapshot of every row an admin request could change, for "no side effect" checks. */
export async function snapshotRows(h: Harness): Promise<string> {
  const db = h.runtime.store.db.kysely;
  const tables = ['organizations', 'workspaces', 'api_clients', 'credentials', 'roles', 'events', 'signing_keys', 'revoked_tokens', 'registration_tokens'] as const;
  const out: Record<string, unknown[]> = {};
  for (const table of tables) {
    // last_use_time is written in batches off the request path; it is not a side effect of a request.
    const rows = (await db.selectFrom(table).selectAll().execute()) as Record<string, unknown>[];
    out[table] = rows
      .map((row) => {
        const { last_use_time: _ignored, ...rest } = row;
        return JSON.stringify(rest);
      })
      .sort();
  }
  return JSON.stringify(out);
}

// ── JWTs ──────────────────────────────────────────────────────────────────────────────────────

export const b64url = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** Signs `header.claims` with one of Keyward's own keys (the real signature), for claim-level attacks. */
export function signWith(key: { alg: string; privateKey: KeyObject }, header: Record<string, unknown>, claims: Record<string, unknown>): string {
  const input = `${b64url(header)}.${b64url(claims)}`;
  const digest = key.alg === 'EdDSA' ? null : 'sha256';
  const signature = cryptoSign(digest, Buffer.from(input), { key: key.privateKey, dsaEncoding: 'ieee-p1363' });
  return `${input}.${signature.toString('base64url')}`;
}

export function hs256(header: Record<string, unknown>, claims: Record<string, unknown>, secret: string | Buffer): string {
  const input = `${b64url(header)}.${b64url(claims)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

/** Claims exactly like the ones Keyward issues to `client`, so a single change makes a single defect. */
export function claimsLike(h: Harness, token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
}

export function headerOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString('utf8'));
}

// ── Capture ───────────────────────────────────────────────────────────────────────────────────

/** A pino destination that keeps every line, for canary searches. */
export class LogCapture extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _encoding: string, callback: () => void) {
    this.lines.push(chunk.toString('utf8'));
    callback();
  }
  get text() {
    return this.lines.join('');
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `check` passes or `ms` elapse; returns the elapsed time, throws the last failure. */
export async function eventually(check: () => Promise<void>, ms: number, interval = 25): Promise<number> {
  const start = Date.now();
  for (;;) {
    try {
      await check();
      return Date.now() - start;
    } catch (error) {
      if (Date.now() - start > ms) throw error;
      await sleep(interval);
    }
  }
}

/** The RFC 6749 §5.2 charset of error_description. */
export const OAUTH_DESCRIPTION_CHARSET = /^[\x20\x21\x23-\x5B\x5D-\x7E]*$/;
