import { randomUUID } from 'node:crypto';
import { decodeJwt, signJwt, verifySignature } from '../crypto/jwt.js';
import { formatScope } from '../domain/permissions.js';
import type { ClientEntry } from '../runtime/client-directory.js';
import { InstallationIssuers } from '../runtime/installation-issuers.js';
import type { KeyRing } from '../runtime/key-ring.js';
import type { RevocationList } from '../runtime/revocation-list.js';
import { isRealmIssuerOf, REALM_SEGMENT } from './realm.js';

/**
 * RFC 9068 access tokens: `typ: at+jwt`, iss, sub, aud, exp, iat, jti, client_id, scope, plus
 * `org_id`, `workspace_id` and `cred` (the credential that authenticated, so deleting it
 * deactivates its tokens at introspection).
 */
export interface AccessTokenClaims {
  iss: string;
  sub: string;
  aud: string | string[];
  exp: number;
  iat: number;
  nbf: number;
  jti: string;
  client_id: string;
  scope: string;
  org_id: string;
  workspace_id: string;
  cred: string;
  [extra: string]: unknown;
}

export interface IssueRequest {
  entry: ClientEntry;
  credentialId: string;
  scope: string[];
  audience: string[];
  lifetime: number;
  /** The token's `iss`: a realm's issuer (realm.ts); the installation's when left out. */
  issuer?: string;
  /** RFC 9449: the thumbprint of the key the token is bound to (`cnf.jkt`). */
  jkt?: string;
  /** RFC 8693: the federated subject an exchanged token acts for. */
  extraClaims?: Record<string, unknown>;
}

export class AccessTokens {
  /** Tokens whose signatures checked out, by their signature segment (see verifyRepeated). */
  readonly #signatureChecked = new Map<string, SignedToken & { token: string }>();

  /** The issuers whose tokens this instance accepts: its own and those of the other instances. */
  readonly issuers: InstallationIssuers;

  constructor(
    private readonly issuer: string,
    private readonly keys: KeyRing,
    private readonly revocations: RevocationList,
    issuers?: InstallationIssuers,
  ) {
    this.issuers = issuers ?? new InstallationIssuers(issuer);
  }

  issue(request: IssueRequest): { token: string; claims: AccessTokenClaims } {
    const now = Math.floor(Date.now() / 1000);
    const { client } = request.entry;
    const claims: AccessTokenClaims = {
      iss: request.issuer ?? this.issuer,
      sub: client.clientId,
      aud: request.audience.length === 1 ? request.audience[0] : request.audience,
      exp: now + request.lifetime,
      iat: now,
      nbf: now,
      jti: randomUUID(),
      client_id: client.clientId,
      scope: formatScope(request.scope),
      org_id: client.orgId,
      workspace_id: client.workspaceId,
      cred: request.credentialId,
      ...request.extraClaims,
    };
    if (request.jkt !== undefined) claims.cnf = { jkt: request.jkt };
    return { token: signJwt(this.keys.active, claims), claims };
  }

  /**
   * Verifies a token Keyward issued: signature by a published key with that key's algorithm,
   * `typ`, issuer, expiry, and the revocation list. Whether its client and credential still
   * exist is the caller's question (introspection and admin auth both ask it).
   */
  verify(token: string): AccessTokenClaims | null {
    const signed = this.#checkSignature(token);
    return signed && this.#current(signed);
  }

  /**
   * The same verdict as `verify`, for a token presented again and again: an admin client sends
   * one token on every request for the token's lifetime, a resource server introspects the
   * token of every call it serves, and checking an ES256 signature costs more than all the rest
   * of either. A signature that checked out is remembered with the token's exact text, which
   * must match in full; what can change (the issuers known, expiry, revocation, the key still
   * being published) is checked on every use. The map's key is the signature segment alone: every presented token
   * is a new string, and hashing all of it for the lookup cost about 4 % of an introspection
   * that finds it.
   */
  verifyRepeated(token: string): AccessTokenClaims | null {
    const signed = this.#rememberedSignature(token);
    return signed && this.#currentOrForget(token, signed);
  }

  /**
   * `verify` (or `verifyRepeated`), for callers that can wait: a token signed by one of the
   * installation's keys under an issuer this instance has not heard of (an instance that
   * started after it) reloads the installation's issuers once before the verdict. Only a
   * genuine signature gets that far, so made-up tokens cannot make it read the store. A known
   * issuer answers without a promise, as fast as `verifyRepeated`.
   */
  verifyFromAnyInstance(token: string, options: { repeated?: boolean } = {}): AccessTokenClaims | null | Promise<AccessTokenClaims | null> {
    const signed = options.repeated ? this.#rememberedSignature(token) : this.#checkSignature(token);
    if (!signed) return null;
    const verdict = () => (options.repeated ? this.#currentOrForget(token, signed) : this.#current(signed));
    return this.#acceptsIssuer(signed.claims.iss) ? verdict() : this.issuers.reload().then(verdict);
  }

  /** Whether a token naming this issuer would be one of the installation's (its own, another instance's, or a realm's). */
  issuedHere(iss: string): boolean {
    return this.#acceptsIssuer(iss);
  }

  #rememberedSignature(token: string): SignedToken | null {
    const key = token.slice(token.lastIndexOf('.') + 1);
    const signed = this.#signatureChecked.get(key);
    if (signed?.token === token) return signed;
    const checked = this.#checkSignature(token);
    if (!checked) return null;
    if (this.#signatureChecked.size >= SIGNATURE_CACHE_SIZE) this.#signatureChecked.delete(this.#signatureChecked.keys().next().value!);
    this.#signatureChecked.set(key, { ...checked, token });
    return checked;
  }

  #currentOrForget(token: string, signed: SignedToken): AccessTokenClaims | null {
    const claims = this.#current(signed);
    if (!claims) this.#signatureChecked.delete(token.slice(token.lastIndexOf('.') + 1));
    return claims;
  }

  /**
   * A token's issuer belongs to the installation, not the process: this instance's own, one
   * another instance on the same store registered (a Set lookup; see InstallationIssuers), or a
   * realm path's issuer under one of them (`{issuer}/realms/{name}`), all signed by the same keys.
   */
  #acceptsIssuer(iss: unknown): boolean {
    if (this.issuers.has(iss)) return true;
    if (typeof iss !== 'string') return false;
    const realm = iss.lastIndexOf(REALM_SEGMENT);
    return realm > 0 && this.issuers.has(iss.slice(0, realm)) && isRealmIssuerOf(iss.slice(0, realm), iss);
  }

  /** What never changes for a given token text: signature, typ, claim types. */
  #checkSignature(token: string): SignedToken | null {
    const decoded = decodeJwt(token);
    if (!decoded) return null;
    const key = this.keys.verifier(decoded.header.kid);
    if (!key || decoded.header.typ !== 'at+jwt' || !verifySignature(decoded, key)) return null;
    const claims = decoded.claims as Partial<AccessTokenClaims>;
    if (typeof claims.iss !== 'string' || typeof claims.exp !== 'number') return null;
    if (claims.iat !== undefined && typeof claims.iat !== 'number') return null;
    if (claims.nbf !== undefined && typeof claims.nbf !== 'number') return null;
    if (typeof claims.client_id !== 'string' || typeof claims.org_id !== 'string' || claims.aud === undefined) return null;
    return { kid: decoded.header.kid as string, claims: claims as AccessTokenClaims };
  }

  /**
   * What time and other instances change: the issuers known, expiry, issue and not-before times,
   * the denylist, the key.
   */
  #current({ kid, claims }: SignedToken): AccessTokenClaims | null {
    if (!this.#acceptsIssuer(claims.iss)) return null;
    const now = Math.floor(Date.now() / 1000);
    if (claims.exp <= now) return null;
    // RFC 7519 §4.1.5, with the same minute of leeway for clocks of other instances.
    if (claims.iat > now + 60 || claims.nbf > now + 60) return null;
    if (this.revocations.isRevoked(claims.jti)) return null;
    // A key removed from the ring (retired past its tokens' lifetime, or deleted) no longer vouches.
    if (!this.keys.verifier(kid)) return null;
    return claims;
  }
}

/** Tokens whose signatures are remembered; beyond this, the oldest are checked again. */
const SIGNATURE_CACHE_SIZE = 10_000;

interface SignedToken {
  kid: string;
  claims: AccessTokenClaims;
}

/**
 * Is the token's client still enabled, its credential still there, and the token issued after
 * the client's latest disable? `iat` counts seconds, so a token issued in the second of the
 * disable is taken for one issued before it (see `issuableAfter` for the other side).
 */
export function stillValid(claims: AccessTokenClaims, entry: ClientEntry | null): entry is ClientEntry {
  return (
    entry !== null &&
    entry.client.enabled &&
    entry.client.orgId === claims.org_id &&
    (entry.client.tokensNotBefore === null || claims.iat > Math.floor(entry.client.tokensNotBefore / 1000)) &&
    entry.credentials.some((c) => c.id === claims.cred)
  );
}

/**
 * Milliseconds to wait before issuing a token to this client, so that its `iat` falls after the
 * second of the client's latest disable: a client enabled again within that second would
 * otherwise get tokens `stillValid` refuses for their whole life. Zero but for that second.
 */
export function issuableAfter(entry: ClientEntry, now = Date.now()): number {
  const notBefore = entry.client.tokensNotBefore;
  if (notBefore === null) return 0;
  const firstValid = (Math.floor(notBefore / 1000) + 1) * 1000;
  // Longer only when this instance's clock lags the one that disabled the client; holding the
  // request for the lag would not make the token valid sooner than the clocks agree.
  return Math.min(1000, Math.max(0, firstValid - now));
}
