import createClient, { type Client, type HeadersOptions, type MaybeOptionalInit } from 'openapi-fetch';
import type { paths } from './generated/keyward-api.js';
import { parseRetryAfter, type FetchLike } from './http.js';

/** The Keyward admin API's `/v1` paths, generated from docs/openapi.json. */
export type AdminPaths = paths;

/**
 * An openapi-fetch client over the `/v1` operations: `GET`, `POST`, `PATCH`, `DELETE` take a
 * path of the API, and its parameters and body are checked against the operation's schema.
 * Each call resolves to `{ data, error, response }`; `unwrap()` turns that into the data or a
 * thrown `KeywardProblemError`.
 */
export type AdminClient = Client<paths, 'application/json'>;

/** What the client needs of a token source: the SDK's `TokenSource` fits. */
export interface AdminTokenProvider {
  getToken(): Promise<string>;
  /** Called when the server refused the token as `invalid_token`, so the next call gets another. */
  invalidate?(): void;
  /**
   * The headers that present the token to one request, when a bearer header is not enough: a
   * `TokenSource` with `dpop` sends its bound token in the DPoP scheme with a proof.
   */
  authorizationHeaders?(method: string, url: string): Promise<Record<string, string>>;
}

export interface AdminClientOptions {
  /** Keyward's base URL (its issuer), e.g. `https://keyward.example`. */
  baseUrl: string;
  /**
   * Where bearer tokens come from: a `TokenSource` for an admin client (client_credentials
   * with the `keyward:admin` permission), or anything with `getToken()`. Give this or `getToken`.
   */
  tokenSource?: AdminTokenProvider;
  /** A function that answers a bearer token, when no token source is used. */
  getToken?: () => Promise<string>;
  /** Headers sent with every request, e.g. `x-keyward-org` for a super-admin acting in one organization. */
  headers?: HeadersOptions;
  /** Another `fetch` (a proxy agent, instrumentation, tests). Default: the global one. */
  fetch?: FetchLike;
}

/** One field at fault in a 400 `invalid_argument` problem. */
export interface FieldViolation {
  field: string;
  description: string;
}

/** An RFC 9457 problem as Keyward writes it (`application/problem+json`). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  /** The error code, also the last segment of `type`: `invalid_argument`, `not_found`, `already_exists`, … */
  code: string;
  /** For `invalid_argument`: the fields at fault. */
  errors?: FieldViolation[];
  requestId?: string;
  [extension: string]: unknown;
}

/**
 * A failed admin call: the server's problem details, typed. An answer that is not a problem
 * document (a proxy's 502 page, say) still becomes one, with `type` `about:blank` and the HTTP
 * status as its title (RFC 9457 §4.2.1) and `code` `unknown`.
 */
export class KeywardProblemError extends Error {
  override name = 'KeywardProblemError';
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail: string;
  readonly code: string;
  readonly instance: string | undefined;
  readonly requestId: string | undefined;
  /** The fields at fault (400 `invalid_argument`); empty otherwise. */
  readonly errors: readonly FieldViolation[];
  /** Seconds the server asked to wait (`Retry-After`, with 429 and 503), when it sent that header. */
  readonly retryAfter: number | undefined;
  /** The whole problem body, extension members included. */
  readonly problem: Problem;

  constructor(problem: Problem, retryAfter?: number) {
    super(`${problem.status} ${problem.code}: ${problem.detail}`);
    this.problem = problem;
    this.status = problem.status;
    this.type = problem.type;
    this.title = problem.title;
    this.detail = problem.detail;
    this.code = problem.code;
    this.instance = problem.instance;
    this.requestId = problem.requestId;
    this.errors = problem.errors ?? [];
    this.retryAfter = retryAfter;
  }

  /** The problem of a non-2xx answer, from its parsed body (openapi-fetch's `error`). */
  static from(response: Response, body: unknown): KeywardProblemError {
    const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
    const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    const text = (key: string) => (typeof b[key] === 'string' ? (b[key] as string) : undefined);
    const title = text('title') ?? (response.statusText || `HTTP ${response.status}`);
    const detail = text('detail') ?? text('error_description') ?? (typeof body === 'string' && body ? body.slice(0, 500) : title);
    const errors = Array.isArray(b.errors) ? (b.errors as unknown[]).filter(isViolation) : undefined;
    return new KeywardProblemError(
      {
        ...b,
        type: text('type') ?? 'about:blank',
        title,
        status: typeof b.status === 'number' ? b.status : response.status,
        detail,
        code: text('code') ?? text('error') ?? 'unknown',
        ...(errors ? { errors } : {}),
      },
      retryAfter,
    );
  }
}

const isViolation = (v: unknown): v is FieldViolation =>
  typeof v === 'object' && v !== null && typeof (v as FieldViolation).field === 'string' && typeof (v as FieldViolation).description === 'string';

/**
 * The data of an admin call, or a `KeywardProblemError` for any non-2xx answer.
 *
 * ```ts
 * const client = await unwrap(admin.GET('/v1/apiClients/{id}', { params: { path: { id } } }));
 * ```
 */
export async function unwrap<Data>(call: Promise<{ data?: Data; error?: unknown; response: Response }>): Promise<Data> {
  const { data, error, response } = await call;
  if (!response.ok) throw KeywardProblemError.from(response, error);
  return data as Data;
}

/** Creates the admin client. No request is made until the first call. */
export function createAdminClient(options: AdminClientOptions): AdminClient {
  if (!options.baseUrl) throw new TypeError('createAdminClient: baseUrl is required');
  const source: AdminTokenProvider | undefined = options.tokenSource ?? (options.getToken ? { getToken: options.getToken } : undefined);
  if (!source) throw new TypeError('createAdminClient: give tokenSource or getToken');
  const custom = options.fetch;
  const client = createClient<paths, 'application/json'>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    headers: options.headers,
    fetch: custom ? (request) => forward(custom, request) : undefined,
  });
  client.use({
    async onRequest({ request }) {
      if (source.authorizationHeaders) {
        for (const [name, value] of Object.entries(await source.authorizationHeaders(request.method, request.url))) request.headers.set(name, value);
      } else request.headers.set('authorization', `Bearer ${await source.getToken()}`);
      return request;
    },
    onResponse({ response }) {
      // The request is not repeated (its body is spent); the next call fetches a new token.
      if (response.status === 401 && /error="?invalid_token/.test(response.headers.get('www-authenticate') ?? '')) source.invalidate?.();
      return undefined;
    },
  });
  return client;
}

/** openapi-fetch hands over a Request; the SDK's `fetch` option takes a URL and an init. */
async function forward(doFetch: FetchLike, request: Request): Promise<Response> {
  const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.arrayBuffer();
  return doFetch(request.url, { method: request.method, headers: request.headers, body, signal: request.signal });
}

/** The `/v1` paths whose GET takes a `pageToken`: the list operations. */
export type ListPath = {
  [P in keyof paths]: paths[P] extends { get: { parameters: { query?: infer Q } } } ? ([NonNullable<Q>] extends [never] ? never : 'pageToken' extends keyof NonNullable<Q> ? P : never) : never;
}[keyof paths];

type ListPage<P extends ListPath> = paths[P] extends { get: { responses: { 200: { content: { 'application/json': infer Page } } } } } ? Page : never;

/** The element type of a list operation's one array (`apiClients`, `workspaces`, …). */
export type ListItem<P extends ListPath> = {
  [K in Exclude<keyof ListPage<P>, 'nextPageToken'>]: ListPage<P>[K] extends readonly (infer Item)[] ? Item : never;
}[Exclude<keyof ListPage<P>, 'nextPageToken'>];

type ListInit<P extends ListPath> = MaybeOptionalInit<paths[P], 'get'>;

/**
 * Every item of a list operation, page after page: it sends `pageToken` from each answer's
 * `nextPageToken` until that is empty. The request's other parameters (`pageSize`, `filter`,
 * path parameters) are kept for every page. A failed page throws `KeywardProblemError`.
 *
 * ```ts
 * for await (const client of paginate(admin, '/v1/apiClients', { params: { query: { pageSize: 100 } } })) console.log(client.clientId);
 * ```
 */
export async function* paginate<P extends ListPath>(client: AdminClient, path: P, ...init: undefined extends ListInit<P> ? [init?: ListInit<P>] : [init: ListInit<P>]): AsyncGenerator<ListItem<P>, void, undefined> {
  // Generic over the path, the call cannot be checked against one operation: the signature above is.
  const get = client.GET as unknown as (path: string, init: { params?: { query?: Record<string, unknown> } }) => Promise<{ data?: Record<string, unknown>; error?: unknown; response: Response }>;
  const base = (init[0] ?? {}) as { params?: { query?: Record<string, unknown> } };
  let pageToken: string | undefined;
  do {
    const query = { ...base.params?.query, ...(pageToken ? { pageToken } : {}) };
    const page = await unwrap(get(path, { ...base, params: { ...base.params, query } }));
    const lists = Object.entries(page ?? {}).filter(([, value]) => Array.isArray(value));
    if (lists.length !== 1) throw new TypeError(`paginate: ${path} answered ${lists.length} lists; expected one`);
    yield* lists[0][1] as ListItem<P>[];
    pageToken = typeof page?.nextPageToken === 'string' && page.nextPageToken ? page.nextPageToken : undefined;
  } while (pageToken);
}
