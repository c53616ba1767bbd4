import type { KeywardError } from '../../domain/errors.js';
import type { ErrorWriter } from '../../http/errors.js';
import { vendorMessage, type VendorWords } from '../words.js';

/** Keyward's resources in Zitadel's words; a machine user is named by the routes that serve one. */
const ZITADEL_WORDS: VendorWords = {
  nouns: { organization: 'Organization', workspace: 'Project', apiClient: 'App', credential: 'Key' },
  fields: { clientId: 'userName' },
};

/**
 * Zitadel's v1 REST errors are grpc-gateway `rpcStatus` bodies: a gRPC code, a message ending in
 * an error id, and a zitadel.v1.ErrorDetail. The HTTP status is grpc-gateway's for that code.
 */
const GRPC: Partial<Record<KeywardError['code'], number>> = {
  invalid_argument: 3,
  invalid_request: 3,
  invalid_scope: 3,
  invalid_target: 3,
  unsupported_grant_type: 3,
  unsupported_media_type: 3,
  payload_too_large: 3,
  failed_precondition: 9,
  not_found: 5,
  already_exists: 6,
  permission_denied: 7,
  insufficient_scope: 7,
  unauthenticated: 16,
  invalid_token: 16,
  invalid_client: 16,
  resource_exhausted: 8,
  unavailable: 14,
  bad_gateway: 14,
  internal: 13,
};
const HTTP_BY_GRPC: Record<number, number> = { 3: 400, 9: 400, 5: 404, 6: 409, 7: 403, 16: 401, 8: 429, 14: 503, 13: 500 };

export function rpcStatus(error: KeywardError) {
  const code = GRPC[error.code] ?? 2;
  const id = `KW-${error.code}`;
  const message = vendorMessage(error, ZITADEL_WORDS);
  return {
    status: HTTP_BY_GRPC[code] ?? 500,
    body: {
      code,
      message: `${message} (${id})`,
      details: [{ '@type': 'type.googleapis.com/zitadel.v1.ErrorDetail', id, message }],
    },
  };
}

export const writeZitadelError: ErrorWriter = (error, _request, reply) => {
  const { status, body } = rpcStatus(error);
  return reply.code(status).send(body);
};
