/**
 * The layers of src/, lowest first, and what each may import (docs/operations.md, "Development").
 * An import may only point down: a module may use its own folder and the layers listed for it,
 * never one above. `npm run lint` runs these rules; a wrong-way import fails it.
 *
 *   domain                      rules and shapes; no I/O, nothing of ours but itself
 *   crypto, net                 keys and signatures; outbound HTTP behind the SSRF guard
 *   store                       persistence over Kysely; throws domain errors
 *   config.ts, logger.ts        settings and the logger, for the layers above that need them
 *   runtime                     the token path's in-memory state (caches, key ring, counters), its workers, the event bus
 *   services                    admin use cases: units of work (transaction + audit events), authorization
 *   oauth, webhooks             the token path; webhook delivery
 *   api                         canonical routes
 *   http                        the Fastify app, admin authentication, the one error handler
 *   compat                      vendor dialects: shapes over the layers below, and their vendors' outbound clients
 *   compose.ts, server.ts, main.ts, cli/   composition: wires everything, imported by nothing below
 *
 * Type-only imports count: a type from a layer above ties a module to it as much as a value does.
 */
const SRC = '^src/';
const folder = (name) => `^src/${name}/`;
const file = (name) => `^src/${name.replace('.', '[.]')}$`;

const DOMAIN = [folder('domain')];
const CRYPTO = [folder('crypto')];
const NET = [folder('net')];
const STORE = [folder('store')];
const SETTINGS = [file('config.ts'), file('logger.ts')];
const SERVICES = [folder('services')];
const RUNTIME = [folder('runtime')];
const OAUTH = [folder('oauth')];
const WEBHOOKS = [folder('webhooks')];
const API = [folder('api')];
const HTTP = [folder('http')];
const COMPAT = [folder('compat')];
const COMPOSITION = [file('compose.ts'), file('server.ts'), file('main.ts'), file('routes.ts'), file('tick-object-shape.ts'), folder('cli')];

/** A layer may import itself and the layers it names; any other module of src/ is off limits. */
function layer(name, comment, own, allowed) {
  return {
    name,
    comment,
    severity: 'error',
    from: { path: own },
    to: { path: SRC, pathNot: [...own, ...allowed] },
  };
}

module.exports = {
  forbidden: [
    layer('domain-imports-only-domain', 'The domain knows no I/O and no outer layer.', DOMAIN, []),
    layer('crypto-imports-only-domain', 'Keys and signatures rest on the domain alone.', CRYPTO, DOMAIN),
    layer('net-imports-only-domain', 'Outbound HTTP and its SSRF guard know nothing of their callers.', NET, DOMAIN),
    layer('store-imports-only-domain', 'The store persists domain shapes and throws domain errors; it calls no use case.', STORE, DOMAIN),
    layer('settings-import-only-domain-and-crypto', 'Configuration names crypto choices (the signing algorithm) and nothing above.', SETTINGS, [
      ...DOMAIN,
      ...CRYPTO,
      ...SETTINGS,
    ]),
    layer('services-import-down-only', 'Use cases sit on the store, crypto, net and the runtime; routes, the token path and delivery sit on them.', SERVICES, [
      ...DOMAIN,
      ...CRYPTO,
      ...NET,
      ...STORE,
      ...SETTINGS,
      ...RUNTIME,
    ]),
    layer('runtime-imports-down-only', "The token path's caches and workers sit on the store; services, the token path and admin authentication use them, routes do not.", RUNTIME, [
      ...DOMAIN,
      ...CRYPTO,
      ...NET,
      ...STORE,
      ...SETTINGS,
    ]),
    layer('oauth-imports-services-not-store', 'The token path reaches data through services and its runtime, never the store.', OAUTH, [
      ...DOMAIN,
      ...CRYPTO,
      ...NET,
      ...SETTINGS,
      ...SERVICES,
      ...RUNTIME,
    ]),
    layer('webhooks-import-down-only', 'Delivery uses services, the store and net; nothing but composition uses delivery.', WEBHOOKS, [
      ...DOMAIN,
      ...CRYPTO,
      ...NET,
      ...STORE,
      ...SETTINGS,
      ...SERVICES,
    ]),
    layer('api-imports-services-not-store', 'Routes call services (route -> service -> store).', API, [...DOMAIN, ...SERVICES]),
    layer('http-imports-down-only', "The app mounts routes and the token endpoints; admin authentication reads the token path's caches; it never reaches the store or a dialect.", HTTP, [
      ...DOMAIN,
      ...SETTINGS,
      ...SERVICES,
      ...RUNTIME,
      ...OAUTH,
      ...API,
    ]),
    layer('compat-imports-down-only', "Dialects map shapes over services, the token path and the error handler, and hold their vendor's outbound clients (Docpier's Keycloak, configured in settings); never the store.", COMPAT, [
      ...DOMAIN,
      ...SETTINGS,
      ...SERVICES,
      ...OAUTH,
      ...HTTP,
    ]),
    {
      name: 'nothing-imports-composition',
      comment: 'Composition only wires; no layer may depend on it.',
      severity: 'error',
      from: { path: SRC, pathNot: COMPOSITION },
      to: { path: COMPOSITION },
    },
    {
      name: 'no-circular',
      comment: 'A cycle between modules makes their order of loading, and of reading, a guess.',
      severity: 'error',
      from: { path: SRC },
      to: { circular: true },
    },
    {
      name: 'no-orphans',
      comment: 'A module nothing imports is dead code (or an entry point, listed here).',
      severity: 'error',
      from: { orphan: true, path: SRC, pathNot: ['[.]d[.]ts$', file('main.ts'), '^src/cli/main[.]ts$'] },
      to: {},
    },
    {
      name: 'no-dev-dependencies-in-src',
      comment: 'What ships may not need a devDependency at run time (jose, for one, only checks tokens in tests).',
      severity: 'error',
      from: { path: SRC },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that resolves to nothing is a typo or a missing package.',
      severity: 'error',
      from: { path: SRC },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|test|bench|scripts|packages)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
