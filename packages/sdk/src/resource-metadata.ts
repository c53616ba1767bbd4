import { wellKnownUrl } from './http.js';
import type { NodeLikeRequest, NodeLikeResponse } from './adapters.js';

export interface ProtectedResourceMetadataOptions {
  /** The resource identifier (RFC 9728 §2 `resource`): an https URL, usually the API's base URL, and the tokens' `aud`. */
  resource: string;
  /** Issuers of the authorization servers whose tokens the resource accepts (`authorization_servers`). */
  authorizationServers: readonly string[];
  /** Scopes the resource understands (`scopes_supported`). */
  scopesSupported?: readonly string[];
  /** How tokens may be sent (`bearer_methods_supported`). Default `["header"]`, the only way the adapters read. */
  bearerMethodsSupported?: readonly string[];
  /** A human-readable name (`resource_name`). */
  resourceName?: string;
  /** A documentation URL (`resource_documentation`). */
  resourceDocumentation?: string;
  /** DPoP proof algorithms accepted (`dpop_signing_alg_values_supported`), e.g. `DPOP_ALGORITHMS`. */
  dpopSigningAlgValuesSupported?: readonly string[];
  /** Whether only DPoP-bound tokens are accepted (`dpop_bound_access_tokens_required`): the verifier's `requireDpop`. */
  dpopBoundAccessTokensRequired?: boolean;
  /** Any other RFC 9728 member, as is. */
  extra?: Record<string, unknown>;
}

/** The RFC 9728 §2 metadata document. */
export function protectedResourceMetadata(o: ProtectedResourceMetadataOptions): Record<string, unknown> {
  return {
    resource: o.resource,
    authorization_servers: [...o.authorizationServers],
    ...(o.scopesSupported ? { scopes_supported: [...o.scopesSupported] } : {}),
    bearer_methods_supported: [...(o.bearerMethodsSupported ?? ['header'])],
    ...(o.resourceName ? { resource_name: o.resourceName } : {}),
    ...(o.resourceDocumentation ? { resource_documentation: o.resourceDocumentation } : {}),
    ...(o.dpopSigningAlgValuesSupported ? { dpop_signing_alg_values_supported: [...o.dpopSigningAlgValuesSupported] } : {}),
    ...(o.dpopBoundAccessTokensRequired !== undefined ? { dpop_bound_access_tokens_required: o.dpopBoundAccessTokensRequired } : {}),
    ...o.extra,
  };
}

/**
 * Where the metadata lives (RFC 9728 §3.1): `/.well-known/oauth-protected-resource` inserted
 * between the host and the resource's path. This is the `resource_metadata` URL for challenges.
 */
export function resourceMetadataUrl(resource: string): string {
  return wellKnownUrl(resource, 'oauth-protected-resource');
}

/** The path part of `resourceMetadataUrl`, for registering a route. */
export function resourceMetadataPath(resource: string): string {
  return new URL(resourceMetadataUrl(resource)).pathname;
}

/**
 * A node:http / Express handler for the metadata: answers `GET` of the well-known path and
 * returns true, or returns false for any other request. In Fastify, register the document
 * instead: `app.get(resourceMetadataPath(resource), () => protectedResourceMetadata(o))`.
 */
export function serveResourceMetadata(o: ProtectedResourceMetadataOptions) {
  const path = resourceMetadataPath(o.resource);
  const body = JSON.stringify(protectedResourceMetadata(o));
  return (req: NodeLikeRequest & { method?: string; url?: string }, res: NodeLikeResponse): boolean => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || req.url?.split('?')[0] !== path) return false;
    res.statusCode = 200;
    res.setHeader('content-type', 'application/json');
    res.setHeader('cache-control', 'public, max-age=3600');
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  };
}
