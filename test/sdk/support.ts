import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { startHarness, type Harness, type HarnessOptions } from '../helpers/harness.js';

/**
 * A Keyward listening on a real port, its issuer being its own URL, so the SDK discovers,
 * fetches keys and introspects over HTTP exactly as an integrator's service would. The port is
 * chosen before the server is built because the issuer is part of its configuration.
 */
export interface LiveKeyward {
  h: Harness;
  issuer: string;
  /** Creates an API client (permissions, optional fields) and answers its id, secret and resource name. */
  createClient(body?: Record<string, unknown>): Promise<{ clientId: string; clientSecret: string; name: string }>;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export async function startKeyward(env: Record<string, string> = {}, db?: HarnessOptions['db']): Promise<LiveKeyward> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const h = await startHarness(undefined, { env: { KEYWARD_ISSUER: issuer, ...env }, db });
  await h.app.listen({ port, host: '127.0.0.1' });
  return {
    h,
    issuer,
    async createClient(body = {}) {
      const res = await h.call('POST', '/v1/apiClients', { displayName: 'sdk test', permissions: ['reports.read', 'reports.write'], ...body });
      if (res.status !== 200) throw new Error(`create client failed: ${JSON.stringify(res.body)}`);
      return { clientId: res.body.clientId, clientSecret: res.body.clientSecret, name: res.body.name };
    },
    close: () => h.close(),
  };
}

/** A fetch that counts the requests per URL path, so tests can say how many went out. */
export function countingFetch() {
  const counts = new Map<string, number>();
  const wrapped = (input: string | URL, init?: RequestInit) => {
    const path = new URL(input).pathname;
    counts.set(path, (counts.get(path) ?? 0) + 1);
    return fetch(input, init);
  };
  return { fetch: wrapped, count: (path: string) => counts.get(path) ?? 0 };
}
