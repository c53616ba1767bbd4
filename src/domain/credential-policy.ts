import { invalidArgument, type FieldViolation } from './errors.js';
import type { Credential, CredentialPolicy } from './model.js';

/**
 * A workspace's credential policy (`credentialPolicy`): rules every new credential of its
 * clients must keep. A tightened policy governs what is made from then on; credentials made
 * before that break it are reported (`policyViolations`), never disabled.
 */
export const POLICY_RULES = ['maxSecretLifetime', 'requireExpiry', 'allowSecrets'] as const;
export type PolicyRule = (typeof POLICY_RULES)[number];

/** Ten years: longer is no lifetime limit at all. */
const MAX_LIFETIME_SECONDS = 10 * 366 * 86_400;

/** The one rule for a policy's own values. */
export function checkCredentialPolicy(field: string, policy: CredentialPolicy, violations: FieldViolation[]): void {
  const lifetime = policy.maxSecretLifetime;
  if (lifetime !== undefined && (!Number.isSafeInteger(lifetime) || lifetime < 1 || lifetime > MAX_LIFETIME_SECONDS)) {
    violations.push({ field: `${field}.maxSecretLifetime`, description: `a duration from "1s" to "${MAX_LIFETIME_SECONDS}s" (ten years), such as "7776000s" for 90 days` });
  }
  for (const flag of ['requireExpiry', 'allowSecrets'] as const) {
    if (policy[flag] !== undefined && typeof policy[flag] !== 'boolean') violations.push({ field: `${field}.${flag}`, description: 'true or false' });
  }
}

/** A policy that sets no rule is no policy. */
export const isEmptyPolicy = (policy: CredentialPolicy) => POLICY_RULES.every((rule) => policy[rule] === undefined);

export interface PolicyBreach {
  rule: PolicyRule;
  /** What the credential does against it, in words an operator acts on. */
  description: string;
}

type Judged = Pick<Credential, 'type' | 'expireTime' | 'createTime'>;

/** The rules of the policy the credential breaks; empty when it keeps them all. */
export function policyBreaches(policy: CredentialPolicy | null, credential: Judged): PolicyBreach[] {
  if (policy === null) return [];
  const breaches: PolicyBreach[] = [];
  const isSecret = credential.type === 'secret';
  if (isSecret && policy.allowSecrets === false) {
    breaches.push({
      rule: 'allowSecrets',
      description: 'the workspace allows no secrets: use a PUBLIC_KEY or FEDERATED credential (POST /v1/apiClients?withoutSecret=true creates a client without one)',
    });
  }
  if (isSecret && policy.maxSecretLifetime !== undefined) {
    const max = policy.maxSecretLifetime;
    if (credential.expireTime === null) {
      breaches.push({ rule: 'maxSecretLifetime', description: `a secret may live at most ${max}s, and this one never expires` });
    } else if (credential.expireTime - credential.createTime > max * 1000) {
      const lifetime = Math.ceil((credential.expireTime - credential.createTime) / 1000);
      breaches.push({ rule: 'maxSecretLifetime', description: `a secret may live at most ${max}s, and this one lives ${lifetime}s` });
    }
  }
  if (policy.requireExpiry === true && credential.expireTime === null) {
    breaches.push({ rule: 'requireExpiry', description: 'every credential must have an expireTime' });
  }
  return breaches;
}

/**
 * A new credential under the policy: a secret made without expireTime under maxSecretLifetime
 * gets the longest lifetime allowed (so a client created with its first secret keeps working);
 * anything else against the policy is a 400 that names the workspace's policy and each rule.
 */
export function applyCredentialPolicy<C extends Judged>(policy: CredentialPolicy | null, workspaceId: string, credential: C): C {
  if (policy === null) return credential;
  let judged = credential;
  if (credential.type === 'secret' && credential.expireTime === null && policy.maxSecretLifetime !== undefined) {
    judged = { ...credential, expireTime: credential.createTime + policy.maxSecretLifetime * 1000 };
  }
  const breaches = policyBreaches(policy, judged);
  if (breaches.length === 0) return judged;
  const field = (rule: PolicyRule) => (rule === 'allowSecrets' ? 'type' : 'expireTime');
  throw invalidArgument(
    `The credential policy of workspaces/${workspaceId} refuses this credential: ${breaches.map((b) => `${b.rule}: ${b.description}`).join('; ')}.`,
    breaches.map((b) => ({ field: field(b.rule), description: `credentialPolicy.${b.rule}: ${b.description}` })),
  );
}
