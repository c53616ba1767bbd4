import { Type } from '@sinclair/typebox';
import { invalidArgument } from '../domain/errors.js';
import type { CredentialCreator } from './credentials.js';
import { bareId, parseTime } from './shapes.js';

/**
 * The PUBLIC_KEY and FEDERATED types of `POST /v1/apiClients/{id}/credentials`:
 *   {"type": "PUBLIC_KEY", "jwk": {...}} | {"jwks": {"keys": [...]}} | {"jwksUri": "https://..."}
 *   {"type": "FEDERATED", "provider": "providers/{id}", "subject": "repo:acme/app:ref:refs/heads/main"}
 *     optionally with "claimConditions" (exact values), "claimPatterns" (globs) and "audience"
 * Both take displayName and expireTime like a SECRET.
 */
const optionalString = (body: Record<string, unknown>, field: string): string | undefined => {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalidArgument(`${field} must be a string.`, [{ field, description: 'a string' }]);
  return value;
};

const optionalObject = <T>(body: Record<string, unknown>, field: string): T | undefined => {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidArgument(`${field} must be a JSON object.`, [{ field, description: 'a JSON object' }]);
  return value as T;
};

const common = (body: Record<string, unknown>) => ({
  displayName: optionalString(body, 'displayName'),
  expireTime: parseTime('expireTime', optionalString(body, 'expireTime')),
  // The route's schema has checked their types; the service checks their values.
  allowedCidrs: body.allowedCidrs as string[] | undefined,
  maxUses: body.maxUses as number | undefined,
});

// Typed loosely on purpose: the service checks a JWK's members and says which one is wrong.
const JsonObject = Type.Object({}, { additionalProperties: true });

export const secretlessCredentialCreators: Record<string, CredentialCreator> = {
  PUBLIC_KEY: {
    fields: { jwk: JsonObject, jwks: JsonObject, jwksUri: Type.String({ maxLength: 2000 }) },
    create: async (services, { ctx, apiClientId, body }) => ({
      credential: await services.credentials.addPublicKey(ctx, apiClientId, {
        ...common(body),
        jwk: optionalObject(body, 'jwk'),
        jwks: optionalObject(body, 'jwks'),
        jwksUri: optionalString(body, 'jwksUri'),
      }),
    }),
  },
  FEDERATED: {
    fields: {
      provider: Type.String({ maxLength: 300, description: 'providers/{id}' }),
      subject: Type.String({ maxLength: 255, description: 'The exact sub, or * for every subject; may be left out when claimConditions names an exact claim.' }),
      claimConditions: JsonObject,
      claimPatterns: JsonObject,
      audience: Type.String({ maxLength: 2000 }),
    },
    create: async (services, { ctx, apiClientId, body }) => {
      const provider = optionalString(body, 'provider');
      if (!provider) throw invalidArgument('provider is required: providers/{id} of the trusted issuer.', [{ field: 'provider', description: 'providers/{id}' }]);
      return {
        credential: await services.credentials.addFederated(ctx, apiClientId, {
          ...common(body),
          providerId: bareId(provider, 'providers'),
          subject: optionalString(body, 'subject'),
          claimConditions: optionalObject(body, 'claimConditions'),
          claimPatterns: optionalObject(body, 'claimPatterns'),
          audience: optionalString(body, 'audience'),
        }),
      };
    },
  },
};
