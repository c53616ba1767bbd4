import { createHash, randomUUID } from 'node:crypto';
import {
  createVerifier,
  fastifyAuth,
  protectedResourceMetadata,
  resourceMetadataPath,
  resourceMetadataUrl,
  type AccessTokenClaims,
  type IntrospectionOptions,
} from '@keyward/sdk';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';

/**
 * A small document API in the spirit of Docpier's agent endpoints, protected by Keyward access
 * tokens: each route needs its own scope, and an agent reaches only its own workspace (the
 * token's `workspace_id`). Documents live in memory; "extraction" is a stand-in that reports
 * what it was given.
 */

declare module 'fastify' {
  interface FastifyRequest {
    auth: AccessTokenClaims;
  }
}

/** The scope each route needs. `idp.capture` is Docpier's agent scope; the other two split reading and feedback off it. */
export const SCOPES = { capture: 'idp.capture', read: 'idp.read', feedback: 'idp.feedback' } as const;

export interface DocumentApiOptions {
  /** Keyward's issuer (its base URL). */
  issuer: string;
  /** The tokens' expected `aud`. Default: the issuer, the audience Keyward gives a client without audiences. */
  audience?: string;
  /** This API's own URL, its RFC 9728 resource identifier. */
  resource?: string;
  /** Ask Keyward about every token (RFC 7662), so a revoked token is refused at once. */
  introspection?: IntrospectionOptions;
  logger?: boolean;
}

interface StoredDocument {
  documentId: string;
  workspaceId: string;
  extRef: string | null;
  file: { filename: string; mimeType: string; fileSize: number; fileHash: string };
  createdAt: string;
  uploadedBy: string;
  feedback: { feedbackId: string; overallRating: number; comments: string | null; createdAt: string }[];
}

const MIME_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'image/tiff'];

/** Docpier's ApiError body. */
const apiError = (reply: FastifyReply, status: number, code: string, message: string) => reply.code(status).send({ code, message });

export function buildDocumentApi(options: DocumentApiOptions): FastifyInstance {
  const verifier = createVerifier({
    issuer: options.issuer,
    audience: options.audience ?? options.issuer,
    // cacheTtlMs 0: every request asks, so a revocation counts from the next request on.
    ...(options.introspection ? { introspection: { cacheTtlMs: 0, ...options.introspection } } : {}),
  });
  const resource = options.resource ?? 'http://localhost:4000';
  const challenge = { realm: 'document-api', resourceMetadata: resourceMetadataUrl(resource) };
  const protect = (scope: string) => fastifyAuth(verifier, { ...challenge, scopes: [scope] });
  const documents = new Map<string, StoredDocument>();

  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 10 * 1024 * 1024 });
  app.decorateRequest('auth', null as unknown as AccessTokenClaims);

  app.get(resourceMetadataPath(resource), async () =>
    protectedResourceMetadata({ resource, authorizationServers: [options.issuer], scopesSupported: Object.values(SCOPES), resourceName: 'Document API' }),
  );

  /** An agent works in its own workspace only; the token says which. */
  const inWorkspace = (request: FastifyRequest<{ Params: { workspaceId: string } }>, reply: FastifyReply): boolean => {
    if (request.auth.workspace_id === request.params.workspaceId) return true;
    apiError(reply, 403, 'FORBIDDEN', `This client works in workspace ${request.auth.workspace_id ?? '(none)'}, not ${request.params.workspaceId}.`);
    return false;
  };
  const findDocument = (request: FastifyRequest<{ Params: { workspaceId: string; documentId: string } }>, reply: FastifyReply) => {
    const document = documents.get(request.params.documentId);
    if (document && document.workspaceId === request.params.workspaceId) return document;
    apiError(reply, 404, 'NOT_FOUND', `No document ${request.params.documentId} in this workspace.`);
    return undefined;
  };

  app.post<{ Params: { workspaceId: string }; Body: { filename: string; mimeType: string; content: string; extRef?: string } }>(
    '/v1/workspaces/:workspaceId/documents',
    {
      preHandler: protect(SCOPES.capture),
      schema: {
        body: {
          type: 'object',
          required: ['filename', 'mimeType', 'content'],
          additionalProperties: false,
          properties: {
            filename: { type: 'string', minLength: 1, maxLength: 255 },
            mimeType: { type: 'string', enum: MIME_TYPES },
            content: { type: 'string', minLength: 1, description: 'The file, base64-encoded.' },
            extRef: { type: 'string', maxLength: 200 },
          },
        },
      },
    },
    async (request, reply) => {
      if (!inWorkspace(request, reply)) return reply;
      const bytes = Buffer.from(request.body.content, 'base64');
      const document: StoredDocument = {
        documentId: randomUUID(),
        workspaceId: request.params.workspaceId,
        extRef: request.body.extRef ?? null,
        file: { filename: request.body.filename, mimeType: request.body.mimeType, fileSize: bytes.length, fileHash: `sha256:${createHash('sha256').update(bytes).digest('hex')}` },
        createdAt: new Date().toISOString(),
        uploadedBy: request.auth.client_id,
        feedback: [],
      };
      documents.set(document.documentId, document);
      return reply.code(202).send({ documentId: document.documentId, workspaceId: document.workspaceId, fileName: document.file.filename, fileHash: document.file.fileHash, fileSize: document.file.fileSize, mimeType: document.file.mimeType, uploadedAt: document.createdAt, extRef: document.extRef });
    },
  );

  app.get<{ Params: { workspaceId: string; documentId: string } }>('/v1/workspaces/:workspaceId/documents/:documentId', { preHandler: protect(SCOPES.read) }, async (request, reply) => {
    if (!inWorkspace(request, reply)) return reply;
    const document = findDocument(request, reply);
    if (!document) return reply;
    return {
      workspaceId: document.workspaceId,
      documentId: document.documentId,
      extRef: document.extRef,
      status: 'COMPLETED',
      createdAt: document.createdAt,
      file: { ...document.file, source: 'UPLOAD' },
      documents: [{ documentType: 'UNKNOWN', fields: {} }],
    };
  });

  app.patch<{ Params: { workspaceId: string; documentId: string }; Body: { overallRating: number; comments?: string } }>(
    '/v1/workspaces/:workspaceId/documents/:documentId/feedback',
    {
      preHandler: protect(SCOPES.feedback),
      schema: {
        body: {
          type: 'object',
          required: ['overallRating'],
          properties: { overallRating: { type: 'integer', minimum: 1, maximum: 5 }, comments: { type: 'string', maxLength: 5000 }, fieldCorrections: { type: 'object' } },
        },
      },
    },
    async (request, reply) => {
      if (!inWorkspace(request, reply)) return reply;
      const document = findDocument(request, reply);
      if (!document) return reply;
      const feedback = { feedbackId: randomUUID(), overallRating: request.body.overallRating, comments: request.body.comments ?? null, createdAt: new Date().toISOString() };
      document.feedback.push(feedback);
      return { feedbackId: feedback.feedbackId, documentId: document.documentId, status: 'RECEIVED', message: 'Thank you for the feedback.', timestamp: feedback.createdAt };
    },
  );

  // Validation failures in Docpier's ApiError shape, not Fastify's.
  app.setErrorHandler((error: { validation?: unknown; statusCode?: number; message: string }, _request, reply) => {
    if (error.validation) return apiError(reply, 400, 'INVALID_REQUEST', error.message);
    if (error.statusCode && error.statusCode < 500) return apiError(reply, error.statusCode, 'INVALID_REQUEST', error.message);
    reply.log.error(error);
    return apiError(reply, 500, 'INTERNAL', 'An unexpected error occurred.');
  });

  return app;
}
