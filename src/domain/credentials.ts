import { newId } from './ids.js';
import type { ApiClient, Credential } from './model.js';

/**
 * A new credential of a client with every type-specific field empty; each credential type fills
 * in its own fields (a secret's hash and hint, a key set, a provider and subject).
 */
export function draftCredential(
  client: Pick<ApiClient, 'id' | 'orgId'>,
  createdBy: string,
  fields: Partial<Credential> & Pick<Credential, 'type'>,
): Credential {
  return {
    id: newId('credential'),
    orgId: client.orgId,
    apiClientId: client.id,
    displayName: '',
    secretHash: null,
    secretHint: null,
    jwks: null,
    jwksUri: null,
    providerId: null,
    subject: null,
    match: null,
    expireTime: null,
    lastUseTime: null,
    allowedCidrs: [],
    maxUses: null,
    useCount: 0,
    createdBy,
    createTime: Date.now(),
    disableTime: null,
    disabledReason: null,
    ...fields,
  };
}
