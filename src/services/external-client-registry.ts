/**
 * Where agent clients are made when Keyward does not hold them itself: Docpier's deployments
 * with a Keycloak admin connection (compat/docpier/keycloak-admin.ts implements it). The
 * service records and grants what the registry made, and takes it back if that fails.
 */
export interface ExternalClient {
  /** The registry's own id of the client (Keycloak's internal UUID). */
  id: string;
  clientId: string;
  secret: string;
}

export interface ExternalClientRegistry {
  /** Names the registry in access rows and events. */
  readonly provider: 'keycloak';
  /** Recorded with the provisioning event. */
  readonly realm: string;
  /** A confidential client with a service account and a secret; `already_exists` when the id is taken. */
  createConfidentialClient(clientId: string): Promise<ExternalClient>;
  /** Undoes a creation whose Keyward side failed; an unknown id counts as done. */
  deleteClient(id: string): Promise<void>;
}
