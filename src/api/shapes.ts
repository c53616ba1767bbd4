import { Type, type Static, type TObject } from '@sinclair/typebox';
import { invalidArgument } from '../domain/errors.js';
import { withRfc3339Times } from '../domain/event-times.js';
import { policyBreaches } from '../domain/credential-policy.js';
import type { ApiClient, AuditEvent, Credential, CredentialPolicy, Organization, Role, Workspace } from '../domain/model.js';

/**
 * The canonical resource shapes (AIP style, camelCase, RFC 3339 times) and the mapping from the
 * model. The OpenAPI document is generated from these schemas.
 */
export const rfc3339 = (ms: number | null | undefined) => (ms === null || ms === undefined ? undefined : new Date(ms).toISOString());

export function parseTime(field: string, value: string | undefined | null): number | null | undefined {
  if (value === undefined || value === null) return value;
  const ms = Date.parse(value);
  if (Number.isNaN(ms) || !/^\d{4}-\d{2}-\d{2}T/.test(value)) {
    throw invalidArgument(`${field} must be an RFC 3339 time such as 2030-01-31T12:00:00Z.`, [{ field, description: 'an RFC 3339 time' }]);
  }
  return ms;
}

/** google.protobuf.Duration in JSON: "3600s"; plain seconds are accepted too. */
export function parseDuration(field: string, value: string | number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number') return value;
  const match = /^(\d+)(?:\.\d+)?s$/.exec(value.trim());
  if (!match) throw invalidArgument(`${field} must be a duration such as "3600s".`, [{ field, description: 'seconds followed by "s"' }]);
  return Number(match[1]);
}

export const Labels = Type.Record(Type.String(), Type.String(), { description: 'Free-form key/value labels.' });

/**
 * The problem document every /v1 error is (src/http/errors.ts problemBody). It stays open: a
 * response schema filters output, and a member added there later must not vanish silently.
 */
export const Problem = Type.Object(
  {
    type: Type.String({ examples: ['https://keyward.dev/errors/not_found'] }),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    instance: Type.String(),
    code: Type.String({ description: 'The error code, also the last segment of `type`.' }),
    errors: Type.Optional(
      Type.Array(Type.Object({ field: Type.String(), description: Type.String() }, { additionalProperties: true }), {
        description: 'The fields at fault, for 400 invalid_argument.',
      }),
    ),
    requestId: Type.String(),
  },
  { additionalProperties: true, description: 'RFC 9457 problem details' },
);
export const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: Problem } } });
/** The error responses of the /v1 API, declared as RFC 9457 problem documents. */
export const errors = {
  400: problem('The request is invalid: `detail` says what is wrong, `errors` lists the fields.'),
  401: problem('No valid bearer token.'),
  403: problem('The token lacks the permission, or the resource belongs to another organization.'),
  404: problem('No such resource.'),
  409: problem('The change conflicts with the current state (a duplicate, or a resource still in use).'),
};

export const OrganizationShape = Type.Object({
  name: Type.String({ examples: ['organizations/org_x'] }),
  id: Type.String(),
  displayName: Type.String(),
  defaultWorkspace: Type.String(),
  createTime: Type.String(),
  updateTime: Type.String(),
});
export const toOrganizationShape = (o: Organization): Static<typeof OrganizationShape> => ({
  name: `organizations/${o.id}`,
  id: o.id,
  displayName: o.displayName,
  defaultWorkspace: `workspaces/${o.defaultWorkspaceId}`,
  createTime: rfc3339(o.createTime)!,
  updateTime: rfc3339(o.updateTime)!,
});

export const CredentialPolicyShape = Type.Object(
  {
    maxSecretLifetime: Type.Optional(Type.String({ description: 'The longest lifetime of a new secret, as a duration such as "7776000s" (90 days); a secret made without expireTime gets this lifetime.' })),
    requireExpiry: Type.Optional(Type.Boolean({ description: 'Every new credential must have an expireTime.' })),
    allowSecrets: Type.Optional(Type.Boolean({ description: 'false: no new secrets; clients authenticate by PUBLIC_KEY or FEDERATED credentials only.' })),
  },
  {
    additionalProperties: false,
    description: 'Rules for new credentials of the workspace\'s clients: a request against them is a 400 naming the rule. Existing credentials that break a tightened policy keep working and are listed (policyViolations, filter policyViolated = true).',
  },
);

export const WorkspaceShape = Type.Object({
  name: Type.String({ examples: ['workspaces/ws_x'] }),
  id: Type.String(),
  displayName: Type.String(),
  extRef: Type.Union([Type.String(), Type.Null()]),
  credentialPolicy: Type.Optional(CredentialPolicyShape),
  createTime: Type.String(),
  updateTime: Type.String(),
});
export const toWorkspaceShape = (w: Workspace): Static<typeof WorkspaceShape> => ({
  name: `workspaces/${w.id}`,
  id: w.id,
  displayName: w.displayName,
  extRef: w.extRef,
  ...(w.credentialPolicy ? { credentialPolicy: toCredentialPolicyShape(w.credentialPolicy) } : {}),
  createTime: rfc3339(w.createTime)!,
  updateTime: rfc3339(w.updateTime)!,
});

const delegationMembers = {
  allowed: Type.Boolean({ description: 'Whether the client may act for a subject at all (RFC 8693 actor_token).' }),
  providers: Type.Array(Type.String({ examples: ['providers/prv_x'] }), { maxItems: 50, description: "Providers whose users' tokens the client may act for." }),
  subjects: Type.Array(Type.String({ maxLength: 255 }), { maxItems: 100, description: 'The subjects (sub) it may act for; empty: any subject of those providers or of its workspace.' }),
  maxScope: Type.Array(Type.String(), { maxItems: 200, description: 'The widest scope a delegated token may carry; empty: the client\'s own grants are the limit.' }),
};

/** RFC 8693 delegation policy, as a client shows it. */
export const DelegationShape = Type.Object(delegationMembers, { description: 'RFC 8693: whether and for whom the client may act, up to which scope.' });

/** The same, as a request sets it: members left out are empty (and allowed false). */
export const DelegationBody = Type.Partial(Type.Object(delegationMembers), { additionalProperties: false });
const toCredentialPolicyShape = (p: CredentialPolicy): Static<typeof CredentialPolicyShape> => ({
  ...(p.maxSecretLifetime !== undefined ? { maxSecretLifetime: `${p.maxSecretLifetime}s` } : {}),
  ...(p.requireExpiry !== undefined ? { requireExpiry: p.requireExpiry } : {}),
  ...(p.allowSecrets !== undefined ? { allowSecrets: p.allowSecrets } : {}),
});

/** A policy from a request body; the duration follows the API's one rule (parseDuration), the service checks the values. */
export function parseCredentialPolicy(body: Static<typeof CredentialPolicyShape> | null | undefined): CredentialPolicy | null | undefined {
  if (body === undefined || body === null) return body;
  return {
    ...(body.maxSecretLifetime !== undefined ? { maxSecretLifetime: parseDuration('credentialPolicy.maxSecretLifetime', body.maxSecretLifetime, 0) } : {}),
    ...(body.requireExpiry !== undefined ? { requireExpiry: body.requireExpiry } : {}),
    ...(body.allowSecrets !== undefined ? { allowSecrets: body.allowSecrets } : {}),
  };
}

export const ApiClientShape = Type.Object({
  name: Type.String({ examples: ['apiClients/ac_donlangsbyz6iiksdt4c'] }),
  displayName: Type.String(),
  description: Type.String(),
  clientId: Type.String(),
  clientSecret: Type.Optional(Type.String({ description: 'Only in the create response; never retrievable again.' })),
  permissions: Type.Array(Type.String()),
  roles: Type.Array(Type.String()),
  labels: Labels,
  audiences: Type.Array(Type.String()),
  workspace: Type.String(),
  tokenLifetime: Type.Union([Type.Integer(), Type.Null()], { description: 'Access-token lifetime in seconds; null uses the default.' }),
  dpopBoundAccessTokens: Type.Boolean({ description: 'RFC 9449 §5.2: tokens are issued only with a DPoP proof, each bound to the proof\'s key.' }),
  delegation: DelegationShape,
  state: Type.Union([Type.Literal('ENABLED'), Type.Literal('DISABLED')]),
  createdBy: Type.String(),
  updatedBy: Type.String(),
  createTime: Type.String(),
  updateTime: Type.String(),
});
export const toApiClientShape = (c: ApiClient, secret?: string): Static<typeof ApiClientShape> => ({
  name: `apiClients/${c.id}`,
  displayName: c.displayName,
  description: c.description,
  clientId: c.clientId,
  ...(secret ? { clientSecret: secret } : {}),
  permissions: c.permissions,
  roles: c.roles.map((r) => `roles/${r}`),
  labels: c.labels,
  audiences: c.audiences,
  workspace: `workspaces/${c.workspaceId}`,
  tokenLifetime: c.tokenLifetime,
  dpopBoundAccessTokens: c.dpopBoundAccessTokens,
  delegation: c.delegation,
  state: c.enabled ? 'ENABLED' : 'DISABLED',
  createdBy: c.createdBy,
  updatedBy: c.updatedBy,
  createTime: rfc3339(c.createTime)!,
  updateTime: rfc3339(c.updateTime)!,
});

/** The fences a credential of any type may carry (domain/credential-fences.ts checks their values). */
export const AllowedCidrs = Type.Array(Type.String(), {
  description: 'IPv4/IPv6 CIDR blocks (e.g. "10.0.0.0/8", "2001:db8::/32") the credential may authenticate from, after KEYWARD_TRUST_PROXY resolution; left out or empty: any address.',
});
export const MaxUses = Type.Integer({ description: 'How many times the credential may authenticate (at least 1); left out: no limit.' });

export const CredentialShape = Type.Object({
  name: Type.String({ examples: ['apiClients/ac_x/credentials/cred_y'] }),
  type: Type.String({ description: 'SECRET, PUBLIC_KEY or FEDERATED' }),
  displayName: Type.String(),
  secret: Type.Optional(Type.String({ description: 'Only in the response that created it.' })),
  secretHint: Type.Optional(Type.String()),
  jwksUri: Type.Optional(Type.String()),
  jwks: Type.Optional(Type.Object({ keys: Type.Array(Type.Object({}, { additionalProperties: true })) })),
  provider: Type.Optional(Type.String()),
  subject: Type.Optional(Type.String()),
  claimConditions: Type.Optional(Type.Record(Type.String(), Type.Union([Type.String(), Type.Array(Type.String())]), { description: 'FEDERATED: exact values a claim must hold (one of a list).' })),
  claimPatterns: Type.Optional(Type.Record(Type.String(), Type.Union([Type.String(), Type.Array(Type.String())]), { description: 'FEDERATED: globs a claim must match (* within a path segment, ** across).' })),
  audience: Type.Optional(Type.String({ description: "FEDERATED: a value the token's aud must also include." })),
  expireTime: Type.Optional(Type.String()),
  lastUseTime: Type.Optional(Type.String()),
  allowedCidrs: Type.Optional(AllowedCidrs),
  maxUses: Type.Optional(MaxUses),
  useCount: Type.Optional(Type.Integer({ description: 'Output only: how many times it has authenticated, shown while maxUses is set.' })),
  policyViolations: Type.Optional(Type.Array(Type.Object({ rule: Type.String(), description: Type.String() }), {
    description: "Output only: the rules of the workspace's credentialPolicy this credential breaks (it was made before the policy was tightened); left out when it keeps them all.",
  })),
  state: Type.Union([Type.Literal('ENABLED'), Type.Literal('DISABLED')], {
    description: 'DISABLED: the credential authenticates nothing and its tokens are inactive; it is kept for the audit trail (see disabledReason).',
  }),
  disableTime: Type.Optional(Type.String({ description: 'When the credential was disabled (RFC 3339).' })),
  disabledReason: Type.Optional(Type.String({ description: 'LEAKED: the secret was reported found in public (POST /v1/credentials:reportLeaked, or a secret scanner).' })),
  createdBy: Type.String(),
  createTime: Type.String(),
});
/** `policy`: the workspace's, when the response reports the credential's policyViolations. */
export const toCredentialShape = (c: Credential, secret?: string, policy?: CredentialPolicy | null): Static<typeof CredentialShape> => ({
  name: `apiClients/${c.apiClientId}/credentials/${c.id}`,
  type: c.type.toUpperCase(),
  displayName: c.displayName,
  ...(secret ? { secret } : {}),
  ...(c.secretHint ? { secretHint: c.secretHint } : {}),
  ...(c.jwksUri ? { jwksUri: c.jwksUri } : {}),
  ...(c.jwks ? { jwks: c.jwks } : {}),
  ...(c.providerId ? { provider: `providers/${c.providerId}` } : {}),
  ...(c.subject ? { subject: c.subject } : {}),
  ...(c.match && Object.keys(c.match.claims).length > 0 ? { claimConditions: c.match.claims } : {}),
  ...(c.match && Object.keys(c.match.patterns).length > 0 ? { claimPatterns: c.match.patterns } : {}),
  ...(c.match?.audience ? { audience: c.match.audience } : {}),
  ...(c.expireTime ? { expireTime: rfc3339(c.expireTime) } : {}),
  ...(c.lastUseTime ? { lastUseTime: rfc3339(c.lastUseTime) } : {}),
  ...(c.allowedCidrs.length > 0 ? { allowedCidrs: c.allowedCidrs } : {}),
  ...(c.maxUses !== null ? { maxUses: c.maxUses, useCount: c.useCount } : {}),
  ...violationsOf(c, policy),
  state: c.disableTime === null ? 'ENABLED' : 'DISABLED',
  ...(c.disableTime !== null ? { disableTime: rfc3339(c.disableTime) } : {}),
  ...(c.disabledReason ? { disabledReason: c.disabledReason.toUpperCase() } : {}),
  createdBy: c.createdBy,
  createTime: rfc3339(c.createTime)!,
});

function violationsOf(c: Credential, policy: CredentialPolicy | null | undefined) {
  const breaches = policy ? policyBreaches(policy, c) : [];
  return breaches.length > 0 ? { policyViolations: breaches } : {};
}

export const RoleShape = Type.Object({
  name: Type.String({ examples: ['roles/726f6c5f68386b6c46596c4a335350384e6a7377'] }),
  displayName: Type.String(),
  description: Type.String(),
  permissions: Type.Array(Type.String()),
  labels: Labels,
  createdBy: Type.String(),
  updatedBy: Type.String(),
  createTime: Type.String(),
  updateTime: Type.String(),
});
export const toRoleShape = (r: Role): Static<typeof RoleShape> => ({
  name: `roles/${r.id}`,
  displayName: r.displayName,
  description: r.description,
  permissions: r.permissions,
  labels: r.labels,
  createdBy: r.createdBy,
  updatedBy: r.updatedBy,
  createTime: rfc3339(r.createTime)!,
  updateTime: rfc3339(r.updateTime)!,
});

export const AuditEventShape = Type.Object({
  name: Type.String(),
  sequence: Type.String({ description: 'Strictly increasing; a string because it is a 64-bit integer.' }),
  type: Type.String(),
  resource: Type.String(),
  actor: Type.String(),
  time: Type.String(),
  data: Type.Object({}, { additionalProperties: true }),
});
export const toAuditEventShape = (e: AuditEvent): Static<typeof AuditEventShape> => ({
  name: `auditEvents/${e.id}`,
  sequence: String(e.sequence),
  type: e.type,
  resource: e.resource,
  actor: e.actor,
  time: rfc3339(e.time)!,
  data: withRfc3339Times(e.data),
});

export const PageQuery = Type.Object({
  pageSize: Type.Optional(Type.Integer({ minimum: 0, description: 'At most 1000; default 50.' })),
  pageToken: Type.Optional(Type.String({ maxLength: 2000 })),
});

/**
 * A /v1 request body. A field it does not know is refused: a misspelt field would otherwise be
 * dropped and the request succeed without doing what was asked. The resource's output-only
 * fields (name, createTime, …) are accepted and ignored, as AIP-203 asks, so that a resource read
 * with GET can be changed and sent back whole. Several objects are merged into one, since JSON
 * Schema cannot close an allOf over the union of its parts' properties. The dialects' bodies
 * stay open: their vendors' clients send fields Keyward has no use for.
 */
export function RequestBody<T extends TObject[]>(parts: [...T], resource?: TObject) {
  const writable = new Set(parts.flatMap((part) => Object.keys(part.properties)));
  const outputOnly = Object.keys(resource?.properties ?? {})
    .filter((field) => !writable.has(field))
    .map((field) => [field, Type.Optional(Type.Unknown({ readOnly: true, description: 'Output only; ignored in requests.' }))]);
  // Typed as empty, so that no handler reads an output-only field as input.
  const ignored = Type.Object(Object.fromEntries(outputOnly)) as unknown as TObject<Record<never, never>>;
  return Type.Composite([...parts, ignored], { additionalProperties: false });
}

/** `updateMask=displayName,description` (AIP-134); snake_case names are accepted too. */
export function parseUpdateMask(mask: string | undefined): string[] {
  if (!mask) return [];
  return mask
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean)
    .map((f) => {
      // Only the field's name is camel-cased: in `labels.{key}` the key is the label's own, verbatim.
      const dot = f.indexOf('.');
      const name = dot === -1 ? f : f.slice(0, dot);
      return name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()) + (dot === -1 ? '' : f.slice(dot));
    });
}

/** Accepts `apiClients/x` or `x` in a path segment that AIP clients may send either way. */
export const bareId = (value: string, collection: string) => value.replace(new RegExp(`^${collection}/`), '');
