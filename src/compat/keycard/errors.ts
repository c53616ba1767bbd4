import type { ErrorWriter } from '../../http/errors.js';
import { vendorMessage, type VendorWords } from '../words.js';

/** Keyward's resources in Keycard's words. */
const KEYCARD_WORDS: VendorWords = {
  nouns: { organization: 'Organization', workspace: 'Zone', apiClient: 'Application', credential: 'Application credential', provider: 'Provider' },
  fields: { clientId: 'identifier' },
};

/** Keycard's errors are `{code, message, status}`. */
export const writeKeycardError: ErrorWriter = (error, _request, reply) => {
  const status = error.code === 'invalid_token' ? 401 : error.status;
  // In Keycard's words: zones, not workspaces; the cursor travels as `after` (or `cursor`).
  const message = error.reason === 'page_token'
    ? 'The after cursor is not one this list gave; pass pagination.after_cursor of the previous page, with the same filters.'
    : vendorMessage(error, KEYCARD_WORDS);
  return reply.code(status).send({ code: error.code, message, status });
};
