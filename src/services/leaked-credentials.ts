import { verifyScannerSignature } from '../crypto/scanner-signature.js';
import { hasValidChecksum, secretHint, type SecretHasher } from '../crypto/secrets.js';
import { invalidArgument, KeywardError } from '../domain/errors.js';
import type { Context, Credential } from '../domain/model.js';
import { ADMIN_PERMISSIONS } from '../domain/permissions.js';
import type { ScannerKeys } from '../runtime/scanner-keys.js';
import type { Store } from '../store/index.js';
import { requirePermission } from './authorization.js';
import { credentialSnapshot } from './snapshots.js';
import type { UnitsOfWork } from './unit-of-work.js';

/**
 * What a leak report answers per secret, in GitHub's secret-scanning terms: `true_positive` when
 * it is the secret of a Keyward credential (now disabled), `false_positive` otherwise (not a
 * Keyward secret, a mistyped one whose checksum fails, or one no credential holds).
 */
export type LeakLabel = 'true_positive' | 'false_positive';

/** One secret found in public, as a scanner reports it (GitHub: token, type, url, source). */
export interface LeakFinding {
  secret: string;
  /** Where it was found. */
  url: string | null;
  /** What kind of place (GitHub: content, commit, pull_request, …). */
  source: string | null;
}

export interface LeakOutcome {
  label: LeakLabel;
  /** What the answer may show of the secret: its first and last characters. */
  secretHint: string;
  /** The credentials the secret belonged to (normally one), disabled by this report or an earlier one. */
  credentials: Credential[];
}

/** Who reported it: a scanner through the partner endpoint, or an admin by hand. */
type Reporter = { kind: 'scanner'; name: string } | { kind: 'admin'; ctx: Context };

/** The longest url and source a report may carry into the audit log; the rest is cut. */
const MAX_URL = 2048;
const MAX_SOURCE = 100;
/** Secrets per report: GitHub batches findings, a few hundred at most. */
export const MAX_FINDINGS = 1000;

/**
 * Leaked secrets, revoked without anyone awake: a reported Keyward secret's credential is
 * disabled (kept, not deleted, so the audit trail shows what it was), its tokens become inactive
 * on every instance (the client's cache entry is dropped by the event, here at once and elsewhere
 * through the change feed, and a disabled credential is not in it), and `credential.leaked` goes
 * to the audit log and webhooks with the URL it was found at. A report sent again answers the same
 * labels and records nothing: a credential is disabled once.
 *
 * The secret itself goes nowhere: it is hashed (the same keyed hash the credential stores) to find
 * its credential, and events carry the credential's hint only.
 */
export class LeakedCredentialService {
  constructor(
    private readonly store: Store,
    private readonly units: UnitsOfWork,
    private readonly hasher: SecretHasher,
    private readonly scannerKeys: ScannerKeys | undefined,
  ) {}

  /**
   * Checks a partner report's signature (GitHub's `Github-Public-Key-Identifier` and
   * `Github-Public-Key-Signature`) over the exact bytes received, before anything in it is read.
   */
  async verifyScannerReport(body: Buffer, keyIdentifier: string | undefined, signature: string | undefined): Promise<void> {
    if (!this.scannerKeys) {
      throw new KeywardError(
        'not_found',
        'This installation accepts no secret scanning reports: set KEYWARD_SECRET_SCANNING_KEYS_URL or KEYWARD_SECRET_SCANNING_KEYS_FILE to the scanner\'s public keys.',
      );
    }
    if (!keyIdentifier || !signature) {
      throw new KeywardError(
        'unauthenticated',
        'The report is not signed: send Github-Public-Key-Identifier (the key identifier) and Github-Public-Key-Signature (the base64 ECDSA-SHA256 signature of the raw body, DER-encoded).',
      );
    }
    const key = await this.scannerKeys.find(keyIdentifier);
    if (!key) {
      throw new KeywardError(
        'unauthenticated',
        `Github-Public-Key-Identifier names a key that is not among the scanner's public keys (${this.scannerKeys.origin.slice(0, 300)}); sign with a published key.`,
      );
    }
    if (!verifyScannerSignature(key.key, body, signature)) {
      throw new KeywardError(
        'permission_denied',
        'Github-Public-Key-Signature does not verify: it must be the base64 DER ECDSA-SHA256 signature of the raw request body by the named key.',
      );
    }
  }

  /** The partner endpoint: a report whose signature `verifyScannerReport` has checked. */
  reportFromScanner(scanner: string, findings: LeakFinding[]): Promise<LeakOutcome[]> {
    return this.#report({ kind: 'scanner', name: scanner }, findings);
  }

  /**
   * An admin's report of secrets found by hand (POST /v1/credentials:reportLeaked). Only the
   * caller's organization is searched, as every admin call is: another tenant's secret is
   * `false_positive` to it (its owner's scanners or admins report it there).
   */
  reportByAdmin(ctx: Context, input: { secrets: string[]; url?: string | null }): Promise<LeakOutcome[]> {
    requirePermission(ctx, ADMIN_PERMISSIONS.clientsWrite);
    if (input.secrets.length === 0 || input.secrets.length > MAX_FINDINGS) {
      throw invalidArgument(`secrets lists 1 to ${MAX_FINDINGS} secrets.`, [{ field: 'secrets', description: `1 to ${MAX_FINDINGS} secrets such as "kw_…"` }]);
    }
    return this.#report({ kind: 'admin', ctx }, input.secrets.map((secret) => ({ secret, url: input.url ?? null, source: null })));
  }

  async #report(reporter: Reporter, findings: LeakFinding[]): Promise<LeakOutcome[]> {
    const outcomes: LeakOutcome[] = [];
    for (const finding of findings) outcomes.push(await this.#judge(reporter, finding));
    return outcomes;
  }

  async #judge(reporter: Reporter, finding: LeakFinding): Promise<LeakOutcome> {
    // The checksum answers most strings without a lookup (other vendors' tokens, typos).
    const hint = secretHint(finding.secret);
    if (!hasValidChecksum(finding.secret)) return { label: 'false_positive', secretHint: hint, credentials: [] };
    const orgId = reporter.kind === 'admin' ? reporter.ctx.orgId : undefined;
    const matches = (await this.store.read.credentialLookups.listSecretCredentialsByHash(this.hasher.hash(finding.secret))).filter(
      (m) => orgId === undefined || m.credential.orgId === orgId,
    );
    if (matches.length === 0) return { label: 'false_positive', secretHint: hint, credentials: [] };
    const credentials: Credential[] = [];
    for (const match of matches) credentials.push(await this.#disable(reporter, finding, match));
    return { label: 'true_positive', secretHint: hint, credentials };
  }

  #disable(
    reporter: Reporter,
    finding: LeakFinding,
    { credential, clientId, workspaceId }: { credential: Credential; clientId: string; workspaceId: string },
  ): Promise<Credential> {
    const actor = reporter.kind === 'admin' ? reporter.ctx.actor.name : 'system';
    return this.units.runAs({ orgId: credential.orgId, actor }, async ({ tx, record }) => {
      const now = Date.now();
      // Conditional on the credential still being enabled: a report sent again, or the same one
      // reaching two instances at once, disables it and records the event exactly once.
      if (!(await tx.credentials.disableCredential(credential.orgId, credential.id, now, 'leaked'))) {
        return (await tx.credentials.findCredentialById(credential.orgId, credential.apiClientId, credential.id)) ?? credential;
      }
      const after: Credential = { ...credential, disableTime: now, disabledReason: 'leaked' };
      await record({
        type: 'credential.leaked',
        resource: `apiClients/${credential.apiClientId}/credentials/${credential.id}`,
        data: {
          before: credentialSnapshot(credential),
          after: credentialSnapshot(after),
          clientId,
          workspaceId,
          url: finding.url?.slice(0, MAX_URL) ?? null,
          source: finding.source?.slice(0, MAX_SOURCE) ?? null,
          reportedBy: reporter.kind === 'scanner' ? reporter.name : 'admin',
          secretHint: secretHint(finding.secret),
        },
      });
      return after;
    });
  }
}
