import { filterTime, parseFilter, type FilterOperator } from './filter.js';
import { invalidArgument } from './errors.js';
import { policyBreaches } from './credential-policy.js';
import type { Credential, CredentialPolicy } from './model.js';

/**
 * The AIP-160 filter of credential lists:
 *   lastUseTime < "2026-11-01T00:00:00Z"   not used since then: last used before it, or never
 *                                          used and created before it (pruning candidates)
 *   type = "SECRET"                        one type
 *   policyViolated = true                  breaks the workspace's credentialPolicy
 */
export const CREDENTIAL_FILTER_FIELDS: Record<string, FilterOperator[]> = { lastUseTime: ['<'], type: ['='], policyViolated: ['='] };

export type CredentialPredicate = (credential: Credential, policy: CredentialPolicy | null) => boolean;

export function credentialFilter(filter: string | undefined): CredentialPredicate {
  const tests = parseFilter(filter, CREDENTIAL_FILTER_FIELDS).map((term): CredentialPredicate => {
    if (term.field === 'lastUseTime') {
      const before = filterTime(term);
      return (c) => (c.lastUseTime === null ? c.createTime < before : c.lastUseTime < before);
    }
    if (term.field === 'type') {
      const type = term.value.toLowerCase();
      if (!['secret', 'public_key', 'federated'].includes(type)) throw invalidArgument('filter type must be SECRET, PUBLIC_KEY or FEDERATED.', [{ field: 'filter', description: 'type = "SECRET"' }]);
      return (c) => c.type === type;
    }
    if (term.value !== 'true' && term.value !== 'false') throw invalidArgument('filter policyViolated must be true or false.', [{ field: 'filter', description: 'policyViolated = true' }]);
    const violated = term.value === 'true';
    return (c, policy) => policyBreaches(policy, c).length > 0 === violated;
  });
  return (credential, policy) => tests.every((test) => test(credential, policy));
}
