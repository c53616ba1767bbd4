import type { FastifyBaseLogger, FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { KeywardError, type ErrorCode } from '../domain/errors.js';
import { NO_STORE } from '../oauth/deps.js';
import { DPOP_ALGS } from '../oauth/dpop.js';

/**
 * The one place where errors become responses. A KeywardError carries a public message (the store
 * translates its driver's errors into KeywardErrors itself); Fastify's own errors (validation,
 * body size, content type) are translated to KeywardErrors here; anything else is logged and
 * answered as a generic 500 that reveals nothing.
 */
export type ErrorWriter = (error: KeywardError, request: FastifyRequest, reply: FastifyReply) => unknown;

/**
 * How a dialect writes its vendor's error body: `name` is the `errorFormat` its routes carry, and
 * `ownedPrefixes` the paths it owns (`/management/v1/`), so that a vendor client calling an
 * operation Keyward does not serve reads a 404 it can parse.
 */
export interface ErrorDialect {
  readonly name: string;
  readonly writeError: ErrorWriter;
  readonly ownedPrefixes?: readonly string[];
}

type Violation = NonNullable<FastifyError['validation']>[number];

/** What one schema branch accepts, when it can be said in a word: a type or a fixed value. */
function accepted(v: Violation): string[] | undefined {
  const params = v.params as { type?: string; allowedValue?: unknown; allowedValues?: unknown[] };
  if (v.keyword === 'type' && params.type) return [params.type];
  if (v.keyword === 'const') return [JSON.stringify(params.allowedValue)];
  if (v.keyword === 'enum' && params.allowedValues) return params.allowedValues.map((value) => JSON.stringify(value));
  return undefined;
}

/**
 * Ajv answers a value that fits no branch of an anyOf with one error per branch and then
 * "must match a schema in anyOf"; a caller needs one line that names what would do.
 */
function mergeAlternatives(validation: Violation[]): Violation[] {
  const merged: Violation[] = [];
  for (const v of validation) {
    if (v.keyword !== 'anyOf') {
      const values = v.keyword === 'enum' || v.keyword === 'const' ? accepted(v) : undefined;
      merged.push(values ? { ...v, message: `must be one of: ${values.join(', ')}` } : v);
      continue;
    }
    const branches = merged.filter((b) => b.instancePath === v.instancePath && b.schemaPath.startsWith(`${v.schemaPath}/`));
    const alternatives = branches.map(accepted);
    const words = alternatives.every(Boolean) ? [...new Set(alternatives.flat() as string[])] : undefined;
    for (const branch of branches) merged.splice(merged.indexOf(branch), 1);
    // A value of one branch's type that fails inside it (an object without a required field, or
    // with a field it does not know): that branch's own errors say what to fix.
    const inside = branches.filter((b) => b.keyword !== 'type');
    const branchOf = (b: Violation) => b.schemaPath.slice(v.schemaPath.length + 1).split('/')[0];
    if (inside.length > 0 && new Set(inside.map(branchOf)).size === 1) {
      merged.push(...inside);
      continue;
    }
    merged.push({ ...v, message: words ? `must be one of: ${words.join(', ')}` : 'does not match any accepted form; see the API reference (/openapi.json)' });
  }
  return merged;
}

export function toKeywardError(error: unknown): KeywardError | undefined {
  if (error instanceof KeywardError) return error;
  const fe = error as FastifyError;
  if (fe?.validation) {
    const violations = mergeAlternatives(fe.validation).map((v) => ({
      field: [fe.validationContext, ...(v.instancePath ? v.instancePath.split('/').filter(Boolean) : []), ...(v.params && 'missingProperty' in v.params ? [String(v.params.missingProperty)] : []), ...(v.params && 'additionalProperty' in v.params ? [String(v.params.additionalProperty).slice(0, 100)] : [])].filter(Boolean).join('.'),
      description: v.keyword === 'additionalProperties' ? 'is not a field of this request; check its spelling against the API reference (/openapi.json)' : (v.message ?? 'is invalid'),
    }));
    const first = violations[0];
    return new KeywardError('invalid_argument', first ? `${first.field} ${first.description}.` : 'The request is invalid.', { violations });
  }
  switch (fe?.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new KeywardError('payload_too_large', 'The request body is too large.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new KeywardError('unsupported_media_type', `Content-Type ${fe.message.split(': ').pop() ?? ''} is not supported; send application/json.`);
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new KeywardError('invalid_argument', 'The request body is empty; send a JSON object.');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new KeywardError('invalid_argument', 'Content-Length does not match the body.');
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new KeywardError('invalid_argument', 'A path segment of the URL is too long.');
    case 'FST_ERR_BAD_URL':
      return new KeywardError('invalid_argument', 'The URL is malformed.');
  }
  if (fe?.statusCode === 400 && /JSON/i.test(fe.message)) return new KeywardError('invalid_argument', 'The request body is not valid JSON.');
  if (fe?.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return new KeywardError(fe.statusCode === 404 ? 'not_found' : 'invalid_argument', fe.message);
  }
  return undefined;
}

/** RFC 6749 §5.2 names; the admin-style codes an OAuth endpoint can meet are mapped onto them. */
const OAUTH_NAME: Partial<Record<ErrorCode, string>> = {
  invalid_argument: 'invalid_request',
  unsupported_media_type: 'invalid_request',
  payload_too_large: 'invalid_request',
  resource_exhausted: 'slow_down',
  unavailable: 'temporarily_unavailable',
  not_found: 'invalid_request',
  internal: 'server_error',
};

/** error_description may only use %x20-21 / %x23-5B / %x5D-7E (RFC 6749 §5.2). */
const oauthText = (text: string) => text.replace(/[^\x20\x21\x23-\x5B\x5D-\x7E]/g, "'");

/** An error of an OAuth endpoint as RFC 6749 §5.2 writes it, whichever front end sends it (Fastify's routes or the hot path). */
export function oauthError(error: KeywardError) {
  const status =
    error.code === 'invalid_client' || error.code === 'invalid_token' ? 401 : error.status === 403 || error.code === 'invalid_dpop_proof' || error.code === 'use_dpop_nonce' ? 400 : error.status;
  return { status, body: { error: OAUTH_NAME[error.code] ?? error.code, error_description: oauthText(error.message) } };
}

function writeOAuth(error: KeywardError, _request: FastifyRequest, reply: FastifyReply) {
  const { status, body } = oauthError(error);
  return reply.code(status).headers(NO_STORE).send(body);
}

/** RFC 9457 problem details; `type` points at the code's documentation. */
export function problemBody(error: KeywardError, request: FastifyRequest) {
  return {
    type: `https://keyward.dev/errors/${error.code}`,
    title: error.code.replace(/_/g, ' '),
    status: error.status,
    detail: error.message,
    instance: request.url.split('?')[0],
    code: error.code,
    ...(error.violations.length > 0 ? { errors: error.violations } : {}),
    requestId: request.id,
  };
}

function writeProblem(error: KeywardError, request: FastifyRequest, reply: FastifyReply) {
  return reply.code(error.status).type('application/problem+json').send(problemBody(error, request));
}

/** RFC 9449 §7.1: a request that presented a token with the DPoP scheme is answered in that scheme. */
function dpopChallenge(error: KeywardError): string | undefined {
  const algs = `algs="${DPOP_ALGS.join(' ')}"`;
  if (error.code === 'invalid_token' || error.code === 'invalid_dpop_proof' || error.code === 'use_dpop_nonce') {
    return `DPoP realm="keyward", error="${error.code}", error_description="${oauthText(error.message).replace(/"/g, "'")}", ${algs}`;
  }
  if (error.code === 'insufficient_scope') return `DPoP realm="keyward", error="insufficient_scope", ${algs}`;
  return undefined;
}

/** RFC 6750 §3: the Bearer challenge, with the error only when credentials were presented. */
function bearerChallenge(error: KeywardError, authorization: string | undefined, oauthRoute: boolean): string | undefined {
  if (!oauthRoute && /^DPoP\s/i.test(authorization ?? '')) return dpopChallenge(error);
  if (error.code === 'invalid_token') {
    const presented = authorization !== undefined;
    return presented ? `Bearer realm="keyward", error="invalid_token", error_description="${oauthText(error.message).replace(/"/g, "'")}"` : 'Bearer realm="keyward"';
  }
  if (error.code === 'insufficient_scope') {
    const scope = /"([^"]+)"/.exec(error.message)?.[1];
    return `Bearer realm="keyward", error="insufficient_scope"${scope ? `, scope="${scope}"` : ''}`;
  }
  return undefined;
}

/**
 * The error as Keyward answers it, logged as it deserves: anything not a KeywardError (nor one
 * of Fastify's, translated) is logged whole and answered as a generic 500 that reveals nothing.
 */
export function recognize(error: unknown, log: Pick<FastifyBaseLogger, 'error' | 'warn' | 'info'>, requestId: string): KeywardError {
  const known = toKeywardError(error);
  if (!known) {
    log.error({ err: error }, 'unexpected error');
    return new KeywardError('internal', `An unexpected error occurred; it has been logged under request id ${requestId}.`);
  }
  if (known.status >= 500) log.warn({ err: known.cause ?? known }, known.message);
  // An operator asking why a workload's token was refused finds the same reason the workload got (it names no secret).
  if (known.reason === 'federated_refused') log.info({ code: known.code, reason: known.message }, 'federated authentication refused');
  return known;
}

/** The headers an error carries in every format: when to retry, its own, and the authentication challenge. */
export function errorHeaders(known: KeywardError, authorization: string | undefined, oauthRoute: boolean): Record<string, string> {
  const headers: Record<string, string> = {};
  if (known.retryAfter) headers['retry-after'] = String(known.retryAfter);
  if (known.headers) Object.assign(headers, known.headers);
  if (known.challenge === 'Basic') headers['www-authenticate'] = 'Basic realm="keyward", charset="UTF-8"';
  const bearer = bearerChallenge(known, authorization, oauthRoute);
  if (bearer) headers['www-authenticate'] = bearer;
  return headers;
}

/**
 * The app's error and not-found handlers, writing each error in the format of the route that
 * failed: RFC 6749 on OAuth endpoints, a dialect's body on its routes, RFC 9457 elsewhere.
 */
export function errorHandlers(dialects: readonly ErrorDialect[]) {
  const writers = new Map<string, ErrorWriter>(dialects.map((d) => [d.name, d.writeError]));
  const owners = dialects.flatMap((d) => (d.ownedPrefixes ?? []).map((prefix) => ({ prefix, writer: d.writeError })));

  const writeFor = (request: FastifyRequest): ErrorWriter => {
    const format = request.routeOptions?.config?.errorFormat;
    if (format === 'oauth') return writeOAuth;
    return (format && writers.get(format)) || writeProblem;
  };

  function errorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply) {
    const known = recognize(error, request.log, request.id);
    reply.headers(errorHeaders(known, request.headers.authorization, request.routeOptions?.config?.errorFormat === 'oauth'));
    return writeFor(request)(known, request, reply);
  }

  function notFoundHandler(request: FastifyRequest, reply: FastifyReply) {
    const path = request.url.split('?')[0];
    const error = new KeywardError('not_found', `No route ${request.method} ${path.slice(0, 200)}; see /docs for the operations Keyward serves.`);
    const owner = owners.find((w) => path === w.prefix.replace(/\/$/, '') || path.startsWith(w.prefix));
    return (owner?.writer ?? writeProblem)(error, request, reply);
  }

  return { errorHandler, notFoundHandler };
}
