import type { Dialect } from '../../http/dialect.js';
import { writeKeycardError } from './errors.js';
import { keycardRoutes } from './routes.js';

/** Keycard's zone API, with `{code, message, status}` errors. */
export const keycardDialect: Dialect = {
  name: 'keycard',
  writeError: writeKeycardError,
  ownedPrefixes: ['/zones/'],
  adminRoutes: (deps) => keycardRoutes(deps.issuer),
};
