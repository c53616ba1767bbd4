import type { PublicJwk } from '../../crypto/client-keys.js';
import { isMetadataDocumentUrl, metadataDocumentUrlProblem, readMetadataDocument } from '../../domain/client-metadata-document.js';
import { KeywardError } from '../../domain/errors.js';
import type { ClientMetadata } from '../../domain/registration.js';
import { WORKSPACE_SETTING, type RegistrationPolicy } from '../../domain/workspace-settings.js';
import type { MetadataDocumentWorkspace, MetadataDocumentWorkspaces } from '../../runtime/metadata-document-workspaces.js';
import type { CheckedPublicKey } from '../../services/credentials.js';
import type { RegistrationService } from '../../services/registrations.js';
import { audiences, decodeForeignJwt, timeProblem, verifySignature } from '../foreign-jwt.js';
import type { OAuthRequest } from '../params.js';
import type { ClientAuthMethod } from './index.js';
import { ASSERTION_TYPS, audiencesFor, JWT_BEARER_ASSERTION, verifyKeyAssertion, type PrivateKeyJwtDeps } from './private-key-jwt.js';

export interface MetadataDocumentDeps extends PrivateKeyJwtDeps {
  workspaces: MetadataDocumentWorkspaces;
  registrations: Pick<RegistrationService, 'metadataDocumentKey' | 'metadataDocumentClientCurrent' | 'syncMetadataDocumentClient'>;
  /** KEYWARD_WEBHOOKS_ALLOW_PRIVATE: http client_id URLs, for development and tests. */
  allowHttp: boolean;
}

/**
 * private_key_jwt by a client whose client_id is a URL: iss = sub = an http(s) URL. A provider's
 * token (federated-assertion.ts) also names its issuer by URL, but its subject is someone the
 * issuer vouches for, never the issuer itself, so the two methods never claim the same request.
 */
export function isMetadataDocumentAssertion(req: OAuthRequest): boolean {
  if (req.params.client_assertion === undefined || req.params.client_assertion_type !== JWT_BEARER_ASSERTION) return false;
  const claims = decodeForeignJwt(req.params.client_assertion)?.claims;
  return typeof claims?.iss === 'string' && isMetadataDocumentUrl(claims.iss) && claims.sub === claims.iss;
}

interface ReadDocument {
  policy: RegistrationPolicy;
  metadata: ClientMetadata;
  key: CheckedPublicKey;
}

const fail = (reason: string) => new KeywardError('invalid_client', `Client authentication failed: ${reason}.`);

/**
 * OAuth Client ID Metadata Documents at the token endpoint (docs/registration.md). The URL must
 * fall under a prefix a workspace lists in `client_id_metadata_document_prefixes` (nothing is
 * fetched otherwise); the document is fetched through the SSRF guard, at most 5 KB, reused as
 * its caching headers allow, and read as RFC 7591 metadata under the workspace registration
 * policy. The client becomes an ordinary stored client on first use, and is rewritten only when
 * its document changes: a use with a cached, unchanged document writes nothing. The assertion
 * is then judged exactly as any private_key_jwt, against the stored client.
 */
export function metadataDocumentClient(deps: MetadataDocumentDeps): ClientAuthMethod {
  // The document object stays the same while it is cached, and so does the reading of it.
  const readings = new WeakMap<Record<string, unknown>, ReadDocument>();
  const read = (url: string, body: Record<string, unknown>, policy: RegistrationPolicy): ReadDocument => {
    const known = readings.get(body);
    if (known?.policy === policy) return known;
    const metadata = readMetadataDocument(url, body, policy);
    let key: CheckedPublicKey;
    try {
      key = deps.registrations.metadataDocumentKey(metadata);
    } catch (error) {
      if (error instanceof KeywardError) throw new KeywardError('invalid_client', `The client ID metadata document was refused: ${error.message.replace(/\.$/, '')}.`);
      throw error;
    }
    const reading = { policy, metadata, key };
    readings.set(body, reading);
    return reading;
  };

  /** Before a write: the assertion must be genuine by the document's own keys, so a forged one cannot create or change a client. */
  const verifyByDocument = async (req: OAuthRequest, assertion: string, reading: ReadDocument) => {
    const decoded = decodeForeignJwt(assertion)!;
    const keys: PublicJwk[] = reading.key.checkedJwks?.keys ?? (await deps.remote.keys(reading.key.jwksUri!));
    const outcome = verifySignature(decoded, keys.map((key) => ({ key, source: 'document' })));
    if (outcome.verified === null) throw fail('the assertion does not verify with the keys its client ID metadata document names');
    const accepted = audiencesFor(deps, req);
    const aud = audiences(outcome.claims);
    if (aud.length === 0 || aud.some((a) => !accepted.includes(a))) throw fail(`aud must be ${accepted.join(' or ')}, and nothing else`);
    const timeIssue = timeProblem(outcome.claims, deps.maxLifetime);
    if (timeIssue) throw fail(timeIssue);
  };

  return {
    method: 'private_key_jwt',
    // Advertised already, by the private_key_jwt of stored clients.
    advertised: false,
    applies: isMetadataDocumentAssertion,
    async authenticate(req) {
      const assertion = req.params.client_assertion!;
      const url = decodeForeignJwt(assertion)!.claims.iss as string;
      const problem = metadataDocumentUrlProblem(url, deps.allowHttp);
      if (problem) throw fail(`${url.slice(0, 300)} cannot be a client ID metadata document URL: ${problem}`);
      if (req.params.client_id !== undefined && req.params.client_id !== url) throw fail("client_id differs from the assertion's iss and sub");

      // Which workspace, before anything is fetched: Keyward never fetches a URL no workspace asked for.
      const admitting = await deps.workspaces.admitting(url);
      const entry = await deps.directory.lookup(url);
      let workspace: MetadataDocumentWorkspace | undefined;
      if (entry) {
        workspace = admitting.find((ws) => ws.orgId === entry.client.orgId && ws.workspaceId === entry.client.workspaceId);
      } else if (admitting.length > 1) {
        throw fail(`more than one workspace accepts client ID metadata documents under ${url.slice(0, 300)}; narrow ${WORKSPACE_SETTING.metadataDocumentPrefixes} so that one does`);
      } else {
        workspace = admitting[0];
      }
      if (!workspace) {
        throw fail(
          `no workspace accepts client ID metadata documents from ${url.slice(0, 300)}; an admin lists a prefix of it in the workspace setting ${WORKSPACE_SETTING.metadataDocumentPrefixes}`,
        );
      }

      const document = await deps.remote.metadataDocument(url);
      const reading = read(url, document.body, workspace.policy);
      if (!entry || !deps.registrations.metadataDocumentClientCurrent(entry.client, entry.credentials, reading.metadata, reading.key)) {
        await verifyByDocument(req, assertion, reading);
        await deps.registrations.syncMetadataDocumentClient(workspace.orgId, workspace.workspaceId, url, reading.metadata, reading.key);
        deps.directory.invalidate(url);
      }
      return verifyKeyAssertion(deps, assertion, {
        method: 'private_key_jwt',
        parameter: 'client_assertion',
        clientId: url,
        alias: undefined,
        requireJti: true,
        audiences: audiencesFor(deps, req),
        typs: ASSERTION_TYPS,
        fail,
      });
    },
  };
}
