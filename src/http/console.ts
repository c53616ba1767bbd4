import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { readFile } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where `scripts/build.mjs` leaves the built console, from src/http or dist/http alike. */
export const CONSOLE_BUILD_DIR = fileURLToPath(new URL('../../packages/console/dist/', import.meta.url));

export interface ConsoleOptions {
  /** The built console: index.html and assets/. */
  root?: string;
  /**
   * Origins besides the console's own that its pages may call (connect-src): the identity
   * providers an admin signs in with, for example. A function is asked on every page, so
   * that providers added at runtime are allowed at once.
   */
  connectSources?: readonly string[] | (() => Promise<readonly string[]>);
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The console's policy: its own scripts and styles only (no inline script or style, no CDN),
 * calls to its own origin (and the given ones), never framed.
 */
export function consoleContentSecurityPolicy(connectSources: readonly string[] = []): string {
  for (const origin of connectSources) {
    if (!/^https?:\/\/[^\s;,'"]+$/.test(origin)) throw new TypeError(`connect-src origin ${JSON.stringify(origin)} is not an http(s) origin`);
  }
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    ['connect-src', "'self'", ...connectSources].join(' '),
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; ');
}

/**
 * Serves the admin console at /console on the admin surface: the built files, index.html for
 * every other path under it (the console routes on the client), hashed assets cached for a year
 * and index.html never, each with the console's Content-Security-Policy.
 */
export async function consoleRoutes(app: FastifyInstance, options: ConsoleOptions = {}) {
  const root = resolve(options.root ?? CONSOLE_BUILD_DIR);
  const sources = options.connectSources;
  const fixedPolicy = typeof sources === 'function' ? undefined : consoleContentSecurityPolicy(sources);
  // Assets load no further resource, so they keep the fixed policy; index.html gets the current origins.
  const assetPolicy = fixedPolicy ?? consoleContentSecurityPolicy();
  async function pagePolicy(log: FastifyRequest['log']) {
    if (fixedPolicy || typeof sources !== 'function') return assetPolicy;
    try {
      return consoleContentSecurityPolicy(await sources());
    } catch (error) {
      // The page still loads; only sign-in through a provider is blocked until the list reads again.
      log.warn({ err: error }, 'console: the sign-in providers could not be read for connect-src');
      return assetPolicy;
    }
  }

  const secure = (reply: FastifyReply, policy = assetPolicy) =>
    reply.header('content-security-policy', policy).header('x-content-type-options', 'nosniff').header('referrer-policy', 'no-referrer').header('x-frame-options', 'DENY');

  async function index(request: FastifyRequest, reply: FastifyReply) {
    secure(reply, await pagePolicy(request.log)).header('cache-control', 'no-cache');
    try {
      const html = await readFile(join(root, 'index.html'));
      return reply.type(TYPES['.html']).send(html);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      return reply.code(503).type(TYPES['.html']).send(NOT_BUILT);
    }
  }

  const hidden = { schema: { hide: true } };
  app.get('/console', hidden, (_request, reply) => reply.redirect('/console/', 308));
  app.get('/console/', hidden, (request, reply) => index(request, reply));
  app.get<{ Params: { '*': string } }>('/console/*', hidden, async (request, reply) => {
    const path = request.params['*'];
    if (!path.startsWith('assets/')) return index(request, reply);
    const file = resolve(root, path);
    // Only files of the build's assets folder, and none whose name starts with a dot.
    if (!file.startsWith(join(root, 'assets') + sep) || /(^|[\\/])\./.test(path)) return notFound(reply);
    const type = TYPES[extname(file)];
    if (!type) return notFound(reply);
    try {
      const body = await readFile(file);
      // Vite names assets by a hash of their content: a name never changes content.
      return secure(reply).header('cache-control', 'public, max-age=31536000, immutable').type(type).send(body);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'EISDIR') return notFound(reply);
      throw error;
    }
  });
}

function notFound(reply: FastifyReply) {
  return reply.code(404).header('cache-control', 'no-cache').type('text/plain; charset=utf-8').send('Not found: this console asset does not exist (an old page? reload it).\n');
}

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Keyward console: not built</title></head>
<body>
<h1>The Keyward console is not built</h1>
<p>Keyward serves the console from <code>packages/console/dist/</code>, which is built at install time.
Run <code>npm run build</code> (or <code>npm ci</code>, with devDependencies) in Keyward's folder, then reload this page.</p>
<p>The admin API at <code>/v1</code> works without it.</p>
</body></html>
`;
