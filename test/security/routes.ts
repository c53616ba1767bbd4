import type { FastifyInstance } from 'fastify';

/**
 * The routes an app serves, read from Fastify's route tree, so that the tenant-isolation matrix
 * can prove it covers every admin route with an id in its path: a route added later (a new
 * resource, a vendor dialect) fails the coverage check until it gets its row in the matrix.
 */
export interface RouteInfo {
  method: string;
  /** The path as registered, with regex constraints dropped: /v1/apiClients/:id:disable */
  path: string;
}

export function listRoutes(app: FastifyInstance): RouteInfo[] {
  const tree = app.printRoutes({ commonPrefix: false });
  const stack: string[] = [];
  const routes: RouteInfo[] = [];
  for (const line of tree.split('\n')) {
    const match = /^((?:[│ ] {3})*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = match[1].length / 4;
    const path = `${stack[depth - 1] ?? ''}${match[2]}`;
    stack[depth] = path;
    stack.length = depth + 1;
    for (const method of (match[3] ?? '').split(', ').filter(Boolean)) {
      if (method === 'HEAD') continue;
      routes.push({ method, path: normalise(path) });
    }
  }
  return routes;
}

/** `/:id(^[^:]+)::disable` → `/:id:disable` (Fastify prints the constraint and the escaped colon). */
export function normalise(path: string): string {
  return path.replace(/\([^)]*\)/g, '').replace(/::/g, ':');
}

/** Surfaces with no admin authentication: OAuth endpoints, discovery, operations, docs, the console's list of sign-in providers, secret scanners' signed leak reports. */
export const PUBLIC_PREFIXES = ['/oauth/', '/realms/', '/.well-known/', '/docs', '/healthz', '/readyz', '/metrics', '/openapi.json', '/v1/oauth/', '/v1/signInProviders', '/secret-scanning/'];

export const isPublic = (path: string) => PUBLIC_PREFIXES.some((p) => path === p.replace(/\/$/, '') || path.startsWith(p));
