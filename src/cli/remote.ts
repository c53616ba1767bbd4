import { createAdminClient, TokenSource, unwrap, type AdminClient } from '@keyward/sdk';
import type { Connection } from './profiles.js';

type Query = Record<string, string | number | boolean | undefined>;

/**
 * The admin API as the command uses it: the SDK's typed client underneath, reached through a
 * path and a method chosen at run time (the verbs are a table, not one call site each).
 */
export class Remote {
  readonly server: string;
  readonly #client: AdminClient;
  readonly #tokens: TokenSource;

  constructor(connection: Connection) {
    this.server = connection.server.replace(/\/+$/, '');
    // The token endpoint is named rather than discovered: the server's issuer may be a public
    // URL that differs from the address the operator reaches it by (a tunnel, localhost).
    this.#tokens = new TokenSource({
      tokenEndpoint: `${this.server}/oauth/token`,
      clientId: connection.clientId,
      clientSecret: connection.clientSecret,
      retry: { attempts: 2, baseDelayMs: 200 },
    });
    this.#client = createAdminClient({
      baseUrl: this.server,
      tokenSource: this.#tokens,
      headers: connection.org ? { 'x-keyward-org': connection.org } : undefined,
    });
  }

  /** Obtains a token, proving the server is there and takes these credentials. */
  async verify(): Promise<{ scope: string | undefined }> {
    const set = await this.#tokens.getTokenSet({ forceRefresh: true });
    return { scope: set.scope };
  }

  async call<T = Record<string, unknown>>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, options: { query?: Query; body?: unknown } = {}): Promise<T> {
    const query = Object.fromEntries(Object.entries(options.query ?? {}).filter(([, v]) => v !== undefined && v !== ''));
    // The typed client checks a literal path against its operation; a path built at run time
    // (from the verb table) goes through the same client, loosely typed.
    const send = this.#client[method] as unknown as (path: string, init: Record<string, unknown>) => Promise<{ data?: T; error?: unknown; response: Response }>;
    const init: Record<string, unknown> = { params: { query } };
    if (options.body !== undefined) init.body = options.body;
    return unwrap(send(path, init));
  }

  /** Every item of a list, following nextPageToken. */
  async *all<T = Record<string, unknown>>(path: string, key: string, query: Query = {}): AsyncGenerator<T> {
    let pageToken: string | undefined;
    do {
      const page = await this.call<Record<string, unknown>>('GET', path, { query: { ...query, pageToken } });
      yield* ((page[key] as T[] | undefined) ?? []);
      pageToken = typeof page.nextPageToken === 'string' && page.nextPageToken ? page.nextPageToken : undefined;
    } while (pageToken);
  }
}
