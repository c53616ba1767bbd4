/**
 * Workspace access (Docpier's access rows): who may work in a workspace. The subject is a USER
 * (an external identity's subject, e.g. a Keycloak user id) or a CLIENT (an OAuth client id,
 * Keyward's own or one held in Keycloak). Keyward records the grant; the product that owns the
 * workspace enforces it.
 */
export const SUBJECT_TYPES = ['USER', 'CLIENT'] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

/** Docpier grants carry no role; one is needed to say what the subject may do, so rows default to it. */
export const DEFAULT_ACCESS_ROLE = 'member';

/** Roles are short names, the same character set as label keys. */
export const ACCESS_ROLE_PATTERN = /^[a-z][a-z0-9_.-]{0,62}$/;

export interface AccessGrantDetails {
  /** Set when the CLIENT lives in an external identity provider, not in Keyward. */
  provider?: 'keycloak';
  /** The provider's internal id of the client (Keycloak's UUID), for later administration. */
  externalId?: string;
  /** The first and last characters of the client secret that was handed out, never the secret. */
  secretHint?: string;
}

export interface AccessGrant {
  id: string;
  orgId: string;
  workspaceId: string;
  subjectType: SubjectType;
  subjectId: string;
  role: string;
  details: AccessGrantDetails;
  createTime: number;
  updateTime: number;
}

export const isSubjectType = (value: string): value is SubjectType => (SUBJECT_TYPES as readonly string[]).includes(value);
