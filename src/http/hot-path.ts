import proxyAddr from '@fastify/proxy-addr';
import { parse as parseForm } from 'fast-querystring';
import type { FastifyBaseLogger } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import type { AccessLineWriter, AccessLog } from '../logger.js';
import { NO_STORE, type OAuthAnswer } from '../oauth/deps.js';
import type { OAuthRequest } from '../oauth/params.js';
import { readOAuthRequest } from '../oauth/token.js';
import { errorHeaders, oauthError, recognize } from './errors.js';
import { lazyChildLogger } from './lazy-logger.js';
import type { Metrics, RouteDurations } from './metrics.js';

/**
 * An OAuth endpoint the hot path answers: its exact path, and its answer, the same function its
 * Fastify route calls (src/oauth), so the two cannot drift apart.
 */
export type HotRoute =
  | { method: 'GET'; path: string; answer: () => OAuthAnswer }
  | { method: 'POST'; path: string; answer: (req: OAuthRequest) => Promise<OAuthAnswer> };

export interface HotPathDeps {
  bodyLimit: number;
  trustProxy: string | undefined;
  logger: Logger;
  metrics: Metrics;
  accessLog: AccessLog | undefined;
}

export interface HotPath {
  /** Answers the request and returns true, or returns false without touching it (Fastify answers it). */
  take(req: IncomingMessage, res: ServerResponse): boolean;
  /** From now on every request goes to Fastify, which refuses new ones while the app closes. */
  close(): void;
}

interface Prepared {
  route: HotRoute;
  durations: RouteDurations;
  access: AccessLineWriter | undefined;
  /** The last document this route answered already serialized (the JWKS), and its bytes: it changes only when the keys do. */
  document?: string;
  encoded?: Buffer;
}

const JSON_TYPE = 'application/json; charset=utf-8';

/** The one rule for a request id, shared with the Fastify app: the caller's, when it is a plain token, or a new one. */
export function requestIdOf(given: string | string[] | undefined, fresh: () => string): string {
  return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : fresh();
}

/**
 * The token, introspection and JWKS endpoints answered straight from node:http. They take most
 * of an installation's requests, and Fastify's generic work per request (routing, the request and
 * reply objects, hooks, content-type dispatch, serializer lookup) cost the token request about
 * 60,000 of its 577,000 instructions (docs/performance.md, "The hot path"). The hot path keeps
 * what a user sees of that work: the request id, the access-log line, the duration histogram,
 * the body limit, the trusted-proxy address, the same errors, and the same answer, computed by
 * the same function as the Fastify route.
 *
 * It takes only requests whose handling it can finish alone: the exact path without a query, and
 * for a POST a form body of declared length within the limit. Anything else (a query string, a
 * chunked or oversized body, another content type, HEAD) goes to Fastify, which answers it as
 * before, so every refusal keeps one wording.
 */
export function hotPath(routes: readonly HotRoute[], deps: HotPathDeps, newRequestId: () => string): HotPath {
  const byMethod = { GET: new Map<string, Prepared>(), POST: new Map<string, Prepared>() };
  for (const route of routes) {
    byMethod[route.method].set(route.path, { route, durations: deps.metrics.requestDurations(route.path), access: deps.accessLog?.(route.path) });
  }
  // Fastify's reading of KEYWARD_TRUST_PROXY, so both give a request the same address.
  const trusted = deps.trustProxy === undefined ? undefined : proxyAddr.compile(deps.trustProxy.split(',').map((value) => value.trim()));
  const addressOf = (req: IncomingMessage) => (trusted ? proxyAddr(req, trusted) : req.socket.remoteAddress!);
  let closing = false;

  function finish(prepared: Prepared, req: IncomingMessage, res: ServerResponse, id: string, started: number, status: number, headers: Readonly<Record<string, string>>, body: object | string, client: string | undefined) {
    let payload: string | Buffer;
    const head: Record<string, string | number> = { 'x-request-id': id };
    if (typeof body === 'string') {
      if (prepared.document !== body) prepared.encoded = Buffer.from((prepared.document = body));
      payload = prepared.encoded!;
    } else {
      payload = JSON.stringify(body);
      head['content-type'] = JSON_TYPE;
    }
    for (const name in headers) head[name] = headers[name]!;
    head['content-length'] = typeof payload === 'string' ? Buffer.byteLength(payload) : payload.length;
    res.writeHead(status, head);
    res.end(payload);
    const ms = performance.now() - started;
    prepared.durations.observe(req.method!, status, ms / 1000);
    if (prepared.access) prepared.access(id, req.method!, status, Math.round(ms * 100) / 100, client);
    else if (status >= 500) logOf(id).warn({ req: { method: req.method, url: req.url }, statusCode: status }, 'request failed');
    else if (deps.logger.isLevelEnabled('debug')) logOf(id).debug({ req: { method: req.method, url: req.url }, statusCode: status, ms }, 'request');
  }

  const logOf = (id: string) => lazyChildLogger(deps.logger as FastifyBaseLogger, { reqId: id }, {});

  async function answerForm(prepared: Prepared, req: IncomingMessage, res: ServerResponse, id: string, started: number, form: string) {
    let oauth: OAuthRequest | undefined;
    let answer: OAuthAnswer;
    try {
      oauth = readOAuthRequest({ headers: req.headers, body: form.length === 0 ? undefined : parseForm(form), ip: addressOf(req), url: req.url! });
      answer = await (prepared.route as Extract<HotRoute, { method: 'POST' }>).answer(oauth);
    } catch (error) {
      const known = recognize(error, logOf(id), id);
      const { status, body } = oauthError(known);
      finish(prepared, req, res, id, started, status, { ...errorHeaders(known, req.headers.authorization, true), ...NO_STORE }, body, oauth?.clientId);
      return;
    }
    finish(prepared, req, res, id, started, 200, answer.headers, answer.body, oauth.clientId);
  }

  return {
    close() {
      closing = true;
    },
    take(req, res) {
      if (closing) return false;
      const prepared = req.method === 'POST' ? byMethod.POST.get(req.url!) : req.method === 'GET' ? byMethod.GET.get(req.url!) : undefined;
      if (prepared === undefined) return false;
      if (prepared.route.method === 'GET') {
        const started = performance.now();
        const answer = prepared.route.answer();
        finish(prepared, req, res, requestIdOf(req.headers['x-request-id'], newRequestId), started, 200, answer.headers, answer.body, undefined);
        return true;
      }
      if (!declaresFormWithin(req, deps.bodyLimit)) return false;
      const started = performance.now();
      const id = requestIdOf(req.headers['x-request-id'], newRequestId);
      let form = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => {
        form += chunk;
      });
      req.on('end', () => {
        answerForm(prepared, req, res, id, started, form).catch((error: unknown) => {
          // Writing the answer itself failed (the headers were refused, say): nothing more can be sent.
          logOf(id).error({ err: error }, 'unexpected error');
          res.destroy();
        });
      });
      // The caller went away before its body arrived: there is no one to answer.
      req.on('error', () => res.destroy());
      return true;
    },
  };
}

/**
 * A form body whose length is declared and within the limit, so that reading it cannot fail
 * in a way Fastify would answer (413, 415, a chunked body's framing).
 */
function declaresFormWithin(req: IncomingMessage, limit: number): boolean {
  const { headers } = req;
  if (headers['transfer-encoding'] !== undefined) return false;
  const length = headers['content-length'];
  if (length === undefined || !/^\d{1,9}$/.test(length) || Number(length) > limit) return false;
  const type = headers['content-type'];
  if (type === undefined) return false;
  const semicolon = type.indexOf(';');
  if ((semicolon === -1 ? type : type.slice(0, semicolon)).trim().toLowerCase() !== 'application/x-www-form-urlencoded') return false;
  return semicolon === -1 || /^\s*charset\s*=\s*"?utf-8"?\s*$/i.test(type.slice(semicolon + 1));
}
