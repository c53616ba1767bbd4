import type { AuditEvent, Provider } from '../domain/model.js';
import { ANY_SUBJECT, matchingBinding, type MatchingBinding } from '../domain/federation.js';
import type { Store } from '../store/index.js';
import { ReadThroughCache } from './cache.js';

/**
 * What the token endpoint and admin sign-in need to know about one issuer, across every
 * organization that trusts it: the providers, the federated credentials that name them, and the
 * admin permissions of the users they sign in. Kept in memory per issuer, so a federated token
 * costs no database read on a hit; dropped whenever an event touches providers, federated
 * credentials, role bindings or roles (in this process at once, in others through the ChangeFeed).
 */
export interface IssuerEntry {
  issuer: string;
  providers: Provider[];
  /** Federated credentials of those providers, by provider id, their conditions compiled. */
  bindings: Map<string, MatchingBinding[]>;
  /** Admin sign-in: provider id → subject (or *) → permissions of the roles bound to it. */
  userPermissions: Map<string, Map<string, string[]>>;
}

export class FederationDirectory {
  readonly #store: Store;
  readonly #issuers: ReadThroughCache<IssuerEntry>;

  constructor(store: Store, options: { maxEntries?: number; negativeTtlMs?: number } = {}) {
    this.#store = store;
    this.#issuers = new ReadThroughCache((issuer) => this.#read(issuer), {
      maxEntries: options.maxEntries ?? 5_000,
      negativeTtlMs: options.negativeTtlMs ?? 10_000,
    });
  }

  /** The issuer's entry; null when no organization trusts it. Unknown issuers are remembered briefly. */
  lookup(issuer: string): IssuerEntry | null | Promise<IssuerEntry | null> {
    return this.#issuers.get(issuer);
  }

  async #read(issuer: string): Promise<IssuerEntry | null> {
    if (issuer.length === 0 || issuer.length > 2000) return null;
    const repos = this.#store.read;
    const providers = await repos.providers.listProvidersByIssuer(issuer);
    if (providers.length === 0) return null;
    const bindings = new Map<string, MatchingBinding[]>();
    for (const binding of await repos.credentialLookups.listFederatedBindingsByProviders(providers.map((p) => p.id))) {
      const list = bindings.get(binding.providerId) ?? [];
      list.push(matchingBinding(binding));
      bindings.set(binding.providerId, list);
    }
    const userPermissions = new Map<string, Map<string, string[]>>();
    for (const provider of providers.filter((p) => p.adminSignIn)) {
      const roleBindings = await repos.roleBindings.listRoleBindingsByProvider(provider.orgId, provider.id);
      const roles = await repos.roles.findRolesByIds(provider.orgId, [...new Set(roleBindings.map((b) => b.roleId))]);
      const bySubject = new Map<string, string[]>();
      for (const binding of roleBindings) {
        const permissions = roles.find((r) => r.id === binding.roleId)?.permissions ?? [];
        bySubject.set(binding.subject, [...(bySubject.get(binding.subject) ?? []), ...permissions]);
      }
      userPermissions.set(provider.id, bySubject);
    }
    return { issuer, providers, bindings, userPermissions };
  }

  clear() {
    this.#issuers.clear();
  }

  /** Admin changes to trust are rare; dropping everything keeps the rules simple and certainly fresh. */
  handleEvent(event: AuditEvent) {
    const type = event.type;
    if (type.startsWith('provider.') || type.startsWith('roleBinding.') || type.startsWith('role.') || type === 'client.deleted') {
      return this.clear();
    }
    if (type.startsWith('credential.')) {
      const data = event.data as { before?: { type?: string }; after?: { type?: string } };
      if (data.before?.type === 'federated' || data.after?.type === 'federated') this.clear();
    }
  }
}

/** Permissions a user holds through a provider: the roles bound to the subject and to `*`. */
export function userPermissionsOf(entry: IssuerEntry, providerId: string, subject: string): string[] {
  const bySubject = entry.userPermissions.get(providerId);
  if (!bySubject) return [];
  return [...new Set([...(bySubject.get(subject) ?? []), ...(bySubject.get(ANY_SUBJECT) ?? [])])];
}
