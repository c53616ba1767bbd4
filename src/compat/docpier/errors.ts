import type { ErrorWriter } from '../../http/errors.js';
import { vendorMessage, type VendorWords } from '../words.js';

/**
 * Docpier's admin API is FastAPI-generated, so its errors are FastAPI's: `{"detail": "…"}`, and
 * for invalid input 422 with `{"detail": [{"loc": [...], "msg": "...", "type": "..."}]}`.
 */

/** Keyward's resources in Docpier's words; a workspace is named by its bare id, as in its paths. */
const DOCPIER_WORDS: VendorWords = {
  nouns: { organization: 'Organization', workspace: 'Workspace', apiClient: 'Agent client', webhook: 'Webhook' },
  fields: { clientId: 'client_id' },
  generated: ['clientId'],
};

/** Canonical field names, as services report them, in Docpier's words. */
const FIELD_NAMES: Record<string, string> = {
  displayName: 'name',
  extRef: 'ext_ref',
  subjectType: 'subject_type',
  subjectId: 'subject_id',
  clientId: 'client_id',
  authType: 'auth_type',
  authUrl: 'auth_url',
  tokenRequestConfig: 'token_request_config',
  headers: 'webhook_headers_config',
  eventTypes: 'event_types',
};

// Fastify names where validation failed; `headers` is left out because no Docpier route declares
// a header schema, and services use that word for a webhook's static headers.
const LOCATION: Record<string, string> = { body: 'body', querystring: 'query', params: 'path' };

function loc(field: string): (string | number)[] {
  const parts = field.split('.').filter(Boolean);
  const where = parts[0] !== undefined ? LOCATION[parts[0]] : undefined;
  const path = where ? parts.slice(1) : parts;
  if (path.length > 0) path[0] = FIELD_NAMES[path[0]] ?? path[0];
  return [where ?? 'body', ...path.map((p) => (/^\d+$/.test(p) ? Number(p) : p))];
}

export const writeDocpierError: ErrorWriter = (error, _request, reply) => {
  if (error.code === 'invalid_argument') {
    const detail =
      error.violations.length > 0
        ? error.violations.map((v) => ({
            loc: loc(v.field),
            msg: v.description,
            type: /required property/.test(v.description) ? 'missing' : 'value_error',
          }))
        : [{ loc: ['body'], msg: error.message, type: 'value_error' }];
    return reply.code(422).type('application/json').send({ detail });
  }
  return reply.code(error.status).type('application/json').send({ detail: vendorMessage(error, DOCPIER_WORDS) });
};
