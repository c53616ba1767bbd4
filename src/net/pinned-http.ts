import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { performance } from 'node:perf_hooks';
import { resolvePinnedTarget, SsrfRefusedError, type PinnedTarget, type ResolveHost } from './ssrf-guard.js';

export type TransportFailureKind = 'timeout' | 'connection' | 'ssrf_refused' | 'invalid_request';

export interface PinnedRequest {
  url: string;
  method: 'GET' | 'POST';
  headers: Readonly<Record<string, string>>;
  body?: string;
  /** One deadline for DNS, connect, TLS, headers and body together. */
  timeoutMs: number;
  /** Reading stops here, so a receiver cannot make Keyward buffer an unbounded body. */
  maxBodyBytes: number;
  allowPrivate?: boolean;
  resolveHost?: ResolveHost;
  /** Names the host in an SSRF refusal; see GuardOptions.purpose. */
  purpose?: string;
}

export interface PinnedResponse {
  ok: true;
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  truncated: boolean;
  durationMs: number;
}

export interface TransportFailure {
  ok: false;
  kind: TransportFailureKind;
  message: string;
  durationMs: number;
}

// Caller-supplied headers (a webhook's static header config) must not change where the request
// lands or how it is framed: Host picks the virtual host on the checked address, and the
// framing headers would allow request smuggling.
const RESERVED_HEADERS = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'upgrade', 'te']);

const USER_AGENT = 'Keyward-Webhooks/1';

/**
 * One HTTP exchange with the SSRF guard applied: the host is resolved and checked once, and
 * the socket connects to exactly that address, so a DNS answer that changes between check and
 * connect (rebinding) has no effect. Redirects are returned, never followed.
 */
export async function pinnedRequest(request: PinnedRequest): Promise<PinnedResponse | TransportFailure> {
  const started = performance.now();
  const fail = (kind: TransportFailureKind, message: string): TransportFailure => ({
    ok: false,
    kind,
    message,
    durationMs: Math.round(performance.now() - started),
  });
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), request.timeoutMs);
  const timedOut = () => fail('timeout', `no complete response within ${request.timeoutMs} ms`);
  try {
    let target: PinnedTarget;
    try {
      target = await untilAborted(
        resolvePinnedTarget(request.url, { allowPrivate: request.allowPrivate, resolveHost: request.resolveHost, purpose: request.purpose }),
        deadline.signal,
      );
    } catch (error) {
      if (error instanceof SsrfRefusedError) return fail('ssrf_refused', error.message);
      if (deadline.signal.aborted) return timedOut();
      return fail('connection', `could not resolve the host: ${messageOf(error)}`);
    }
    return await exchange(target, request, deadline.signal, started, fail, timedOut);
  } finally {
    clearTimeout(timer);
  }
}

function exchange(
  target: PinnedTarget,
  request: PinnedRequest,
  deadline: AbortSignal,
  started: number,
  fail: (kind: TransportFailureKind, message: string) => TransportFailure,
  timedOut: () => TransportFailure,
): Promise<PinnedResponse | TransportFailure> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (outcome: PinnedResponse | TransportFailure): void => {
      if (!settled) {
        settled = true;
        resolve(outcome);
      }
    };
    const body = request.body === undefined ? undefined : Buffer.from(request.body, 'utf8');
    const headers: Record<string, string> = { 'user-agent': USER_AGENT };
    for (const [name, value] of Object.entries(request.headers)) {
      if (!RESERVED_HEADERS.has(name.toLowerCase())) headers[name] = value;
    }
    if (body !== undefined) headers['content-length'] = String(body.length);

    // Node calls lookup with `all: true` when it races address families; both shapes return
    // only the checked address.
    const lookup: LookupFunction = (_hostname, options, callback) => {
      if (options.all) callback(null, [{ address: target.address, family: target.family }]);
      else callback(null, target.address, target.family);
    };
    const options: https.RequestOptions = {
      hostname: target.hostname,
      port: target.port,
      path: `${target.url.pathname}${target.url.search}`,
      method: request.method,
      headers,
      lookup,
      family: target.family,
      // A private agent: a pooled keep-alive socket opened by other code to the same name
      // would bypass the check entirely.
      agent: false,
      // SNI and certificate verification must name the original host, not the pinned address.
      servername: isIP(target.hostname) ? undefined : target.hostname,
    };

    if (deadline.aborted) {
      settle(timedOut());
      return;
    }
    let outgoing: http.ClientRequest;
    try {
      outgoing = target.url.protocol === 'https:' ? https.request(options) : http.request(options);
    } catch (error) {
      // Node validates header names and values synchronously (e.g. CR/LF in a configured header).
      settle(fail('invalid_request', messageOf(error)));
      return;
    }
    deadline.addEventListener('abort', () => outgoing.destroy(), { once: true });
    outgoing.on('error', (error) => settle(deadline.aborted ? timedOut() : fail('connection', messageOf(error))));
    outgoing.on('response', (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let truncated = false;
      const finish = (): void =>
        settle({
          ok: true,
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks),
          truncated,
          durationMs: Math.round(performance.now() - started),
        });
      response.on('data', (chunk: Buffer) => {
        const room = request.maxBodyBytes - size;
        if (chunk.length > room) {
          chunks.push(chunk.subarray(0, room));
          size += room;
          truncated = true;
          finish();
          response.destroy();
          return;
        }
        chunks.push(chunk);
        size += chunk.length;
      });
      response.on('end', finish);
      // A reset mid-body also emits 'close', which reports it; an unheard 'error' would crash.
      response.on('error', () => undefined);
      response.on('close', () => {
        if (!response.complete) {
          settle(deadline.aborted ? timedOut() : fail('connection', 'connection closed before the response was complete'));
        }
      });
    });
    outgoing.end(body);
  });
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const onAbort = (): void => reject(new Error('aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
