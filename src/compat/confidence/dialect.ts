import type { Dialect } from '../../http/dialect.js';
import { confidenceTokenRoutes, writeConfidenceError } from './token.js';

/** Confidence: its JSON token request, answered with google.rpc.Status errors. */
export const confidenceDialect: Dialect = {
  name: 'confidence',
  writeError: writeConfidenceError,
  publicRoutes: (deps) => confidenceTokenRoutes(deps.oauth),
};
