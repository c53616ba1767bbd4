import { KeywardError } from './errors.js';
import type { RegisteredAuthMethod } from './model.js';
import { isValidPermission } from './permissions.js';
import { checkAudiences, checkText } from './validation.js';
import { REGISTRATION_AUTH_METHODS, WORKSPACE_SETTING, type RegistrationPolicy } from './workspace-settings.js';

/**
 * RFC 7591 §2 client metadata, as Keyward reads it for a client_credentials client. Members it
 * does not know are ignored (§2: "MUST ignore any client metadata sent by the client that it
 * does not understand"); `audiences` is Keyward's own member, the RFC 8707 resources the client
 * may ask tokens for.
 */
export interface ClientMetadata {
  clientName: string;
  authMethod: RegisteredAuthMethod;
  scope: string[];
  audiences: string[];
  dpopBoundAccessTokens: boolean;
  /** Exactly one of the two for private_key_jwt; neither for the secret methods. */
  jwks?: { keys: unknown[] };
  jwksUri?: string;
}

export const DEFAULT_CLIENT_NAME = 'Self-registered client';

const metadataError = (message: string) => new KeywardError('invalid_client_metadata', message);

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const listed = (values: readonly string[]) => (values.length === 0 ? 'nothing' : values.join(' '));

/**
 * Reads the metadata and holds it against the workspace registration policy; every refusal is
 * an RFC 7591 §3.2.2 error whose description names the member and, for a policy refusal, the
 * workspace setting that decides it.
 */
export function readClientMetadata(body: unknown, policy: RegistrationPolicy): ClientMetadata {
  if (!isObject(body)) throw metadataError('The request body must be a JSON object of client metadata (RFC 7591 §2).');
  if (body.software_statement !== undefined) {
    throw new KeywardError('invalid_software_statement', 'Keyward does not accept software statements; send the client metadata as plain members.');
  }
  const redirectUris = body.redirect_uris;
  if (redirectUris !== undefined && !(Array.isArray(redirectUris) && redirectUris.length === 0)) {
    throw new KeywardError('invalid_redirect_uri', 'redirect_uris must be absent or empty: a client_credentials client has no redirect URIs.');
  }
  const responseTypes = body.response_types;
  if (responseTypes !== undefined && !(Array.isArray(responseTypes) && responseTypes.length === 0)) {
    throw metadataError('response_types must be absent or empty: Keyward registers client_credentials clients only.');
  }
  const grantTypes = body.grant_types ?? ['client_credentials'];
  if (!Array.isArray(grantTypes) || grantTypes.some((g) => g !== 'client_credentials')) {
    throw metadataError('grant_types may only list client_credentials: Keyward registers client_credentials clients only.');
  }

  const clientName = body.client_name ?? DEFAULT_CLIENT_NAME;
  if (typeof clientName !== 'string') throw metadataError('client_name must be a string.');
  const violations: { field: string; description: string }[] = [];
  checkText('client_name', clientName, 200, violations, true);
  if (violations.length > 0) throw metadataError(`client_name ${violations[0].description}.`);

  const authMethod = body.token_endpoint_auth_method ?? 'client_secret_basic';
  if (typeof authMethod !== 'string' || !(REGISTRATION_AUTH_METHODS as readonly string[]).includes(authMethod)) {
    throw metadataError(`token_endpoint_auth_method must be one of ${REGISTRATION_AUTH_METHODS.join(', ')}.`);
  }
  if (!(policy.authMethods as readonly string[]).includes(authMethod)) {
    throw metadataError(
      `token_endpoint_auth_method ${authMethod} is not allowed by the workspace registration policy (${WORKSPACE_SETTING.registrationAuthMethods} allows ${listed(policy.authMethods)}).`,
    );
  }

  const rawScope = body.scope ?? '';
  if (typeof rawScope !== 'string') throw metadataError('scope must be a string of space-separated permissions.');
  const scope = [...new Set(rawScope.split(' ').filter((s) => s !== ''))];
  const invalid = scope.find((s) => !isValidPermission(s));
  if (invalid !== undefined) throw metadataError(`scope ${invalid.slice(0, 40)} is not a valid permission: use printable ASCII without spaces, quotes or backslashes.`);
  const refusedScope = scope.find((s) => !policy.scopes.includes(s));
  if (refusedScope !== undefined) {
    throw metadataError(
      `scope ${refusedScope.slice(0, 100)} is not allowed by the workspace registration policy (${WORKSPACE_SETTING.registrationScopes} allows ${listed(policy.scopes)}).`,
    );
  }

  const audiences = body.audiences ?? [];
  if (!Array.isArray(audiences) || audiences.some((a) => typeof a !== 'string')) throw metadataError('audiences must be an array of strings.');
  checkAudiences('audiences', audiences as string[], violations);
  if (violations.length > 0) throw metadataError(`audiences ${violations[0].description}.`);
  const refusedAudience = (audiences as string[]).find((a) => !policy.audiences.includes(a));
  if (refusedAudience !== undefined) {
    throw metadataError(
      `audience ${refusedAudience.slice(0, 100)} is not allowed by the workspace registration policy (${WORKSPACE_SETTING.registrationAudiences} allows ${listed(policy.audiences)}).`,
    );
  }

  const dpop = body.dpop_bound_access_tokens ?? false;
  if (typeof dpop !== 'boolean') throw metadataError('dpop_bound_access_tokens must be true or false.');

  const metadata: ClientMetadata = { clientName, authMethod: authMethod as RegisteredAuthMethod, scope, audiences: [...new Set(audiences as string[])], dpopBoundAccessTokens: dpop };
  const { jwks, jwks_uri: jwksUri } = body;
  if (authMethod === 'private_key_jwt') {
    if ((jwks === undefined) === (jwksUri === undefined)) throw metadataError('private_key_jwt needs exactly one of jwks or jwks_uri: the keys the client signs its assertions with.');
    if (jwks !== undefined) {
      if (!isObject(jwks) || !Array.isArray(jwks.keys)) throw metadataError('jwks must be a JSON Web Key Set: an object with a keys array.');
      metadata.jwks = { keys: jwks.keys };
    } else {
      if (typeof jwksUri !== 'string') throw metadataError('jwks_uri must be an https URL.');
      metadata.jwksUri = jwksUri;
    }
  } else if (jwks !== undefined || jwksUri !== undefined) {
    throw metadataError(`jwks and jwks_uri are for private_key_jwt; a client using ${authMethod} authenticates with the secret it is issued.`);
  }
  return metadata;
}
