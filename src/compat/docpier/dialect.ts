import type { Dialect } from '../../http/dialect.js';
import { writeDocpierError } from './errors.js';
import { docpierAdminRoutes } from './routes.js';

/** Docpier's admin-workspaces API, with FastAPI's `{"detail": …}` errors. */
export const docpierDialect: Dialect = {
  name: 'docpier',
  writeError: writeDocpierError,
  // Not all of /admin/: Zitadel's admin API lives under /admin/v1/.
  ownedPrefixes: ['/admin/workspaces', '/admin/meta'],
  adminRoutes: (deps) => docpierAdminRoutes({ documentTypes: deps.documentTypes }),
};
