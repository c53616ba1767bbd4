import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { invalidArgument, KeywardError } from '../domain/errors.js';
import type { Services } from '../services/index.js';
import { MAX_FINDINGS, type LeakOutcome } from '../services/leaked-credentials.js';
import { errors, problem, RequestBody } from './shapes.js';

const Label = Type.Union([Type.Literal('true_positive'), Type.Literal('false_positive')], {
  description: 'true_positive: a Keyward secret of a credential, now disabled (or disabled by an earlier report). false_positive: anything else.',
});

/** GitHub's secret-scanning partner programme: what its scanner sends, one entry per secret found. */
const ScannerFinding = Type.Object({
  token: Type.String({ maxLength: 1000, description: 'The secret found.' }),
  type: Type.String({ maxLength: 200, description: 'The pattern name the partner registered.' }),
  url: Type.Optional(Type.String({ maxLength: 4096, description: 'Where it was found.' })),
  source: Type.Optional(Type.String({ maxLength: 200, description: 'content, commit, pull_request, …' })),
});

const ScannerLabel = Type.Object({ token_raw: Type.String(), token_type: Type.String(), label: Label });

const SIGNATURE_HEADERS = Type.Object({
  'github-public-key-identifier': Type.Optional(Type.String({ maxLength: 200, description: "The id of the scanner's key that signed the body." })),
  'github-public-key-signature': Type.Optional(Type.String({ maxLength: 500, description: 'Base64 ECDSA-SHA256 signature (DER) of the raw body.' })),
});

const header = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * POST /secret-scanning/github, on the public surface: a secret scanner reaches it from the
 * internet, as it reaches /oauth/token. The signature is over the exact bytes received, so this
 * scope keeps the body as bytes and checks it before parsing anything (a report is trusted
 * for nothing until its signature holds); the body limit of the installation applies (413).
 */
export const secretScanningRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  app.post(
    '/secret-scanning/github',
    {
      preValidation: async (request) => {
        const raw = request.body as unknown as Buffer | undefined;
        if (raw !== undefined && !Buffer.isBuffer(raw)) {
          throw new KeywardError('unsupported_media_type', `Content-Type ${String(request.headers['content-type']).slice(0, 100)} is not supported; send application/json.`);
        }
        await services.leakedCredentials.verifyScannerReport(
          raw ?? Buffer.alloc(0),
          header(request.headers['github-public-key-identifier']),
          header(request.headers['github-public-key-signature']),
        );
        if (!raw || raw.length === 0) throw invalidArgument('The report is empty; send a JSON array of {token, type, url, source}.');
        try {
          request.body = JSON.parse(raw.toString('utf8')) as typeof request.body;
        } catch {
          throw invalidArgument('The report is not valid JSON; send a JSON array of {token, type, url, source}.');
        }
      },
      schema: {
        tags: ['Secret scanning'],
        operationId: 'reportLeakedSecretsByScanner',
        summary: "Receive a secret scanner's leak report (GitHub secret scanning partner programme)",
        description:
          "Signed by the scanner (ECDSA over the raw body, checked against the public keys at KEYWARD_SECRET_SCANNING_KEYS_URL or _FILE). Every reported Keyward secret's credential is disabled at once, " +
          'its tokens become inactive and credential.leaked goes to the audit log and webhooks with the url. A report sent again answers the same labels and records nothing. ' +
          '401: unsigned, or signed by an unknown key; 403: the signature does not verify; 404: no keys configured; 413: body over KEYWARD_BODY_LIMIT.',
        security: [],
        headers: SIGNATURE_HEADERS,
        body: Type.Array(ScannerFinding, { minItems: 1, maxItems: MAX_FINDINGS }),
        response: {
          200: Type.Array(ScannerLabel),
          ...errors,
          401: problem('Unsigned, or signed by a key the scanner does not publish.'),
          403: problem('The signature does not verify against the named key.'),
          404: problem('This installation accepts no secret scanning reports (no public keys configured).'),
          413: problem('The body is larger than KEYWARD_BODY_LIMIT.'),
          503: problem("The scanner's public keys could not be read; retry later (Retry-After)."),
        },
      },
    },
    async (request) => {
      const findings = request.body;
      const outcomes = await services.leakedCredentials.reportFromScanner(
        'github',
        findings.map((f) => ({ secret: f.token, url: f.url ?? null, source: f.source ?? null })),
      );
      return findings.map((f, i) => ({ token_raw: f.token, token_type: f.type, label: outcomes[i].label }));
    },
  );
};

const AdminLabel = Type.Object({
  secretHint: Type.String({ description: 'The first and last characters of the reported secret, to tell the answers apart.' }),
  label: Label,
  credentials: Type.Array(Type.String({ examples: ['apiClients/ac_x/credentials/cred_y'] }), { description: 'The disabled credentials the secret belonged to.' }),
});

const namesOf = (outcome: LeakOutcome) => outcome.credentials.map((c) => `apiClients/${c.apiClientId}/credentials/${c.id}`);

/** POST /v1/credentials:reportLeaked: the same, for secrets an admin found by hand. */
export const leakedCredentialRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  app.post(
    '/v1/credentials::reportLeaked',
    {
      schema: {
        tags: ['Credentials'],
        operationId: 'reportLeakedCredentials',
        summary: 'Report secrets found in public',
        description:
          "Every listed Keyward secret of a credential of the caller's organization is disabled at once (kept, with state DISABLED and disabledReason LEAKED), its tokens " +
          'become inactive on every instance and credential.leaked goes to the audit log and webhooks with the url. The answer labels each secret, in order, as a secret ' +
          'scanner would be answered; reporting a secret again answers the same label and records nothing.',
        body: RequestBody([
          Type.Object({
            secrets: Type.Array(Type.String({ maxLength: 1000 }), { minItems: 1, maxItems: MAX_FINDINGS, description: 'The secrets found (kw_…).' }),
            url: Type.Optional(Type.String({ maxLength: 2048, description: 'Where they were found.' })),
          }),
        ]),
        response: { 200: Type.Object({ results: Type.Array(AdminLabel) }), ...errors },
      },
    },
    async (request) => {
      const { secrets, url } = request.body;
      const outcomes = await services.leakedCredentials.reportByAdmin(request.ctx, { secrets, url });
      return { results: outcomes.map((outcome) => ({ secretHint: outcome.secretHint, label: outcome.label, credentials: namesOf(outcome) })) };
    },
  );
};
