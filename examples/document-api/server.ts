// Starts the document API: `npm run example:document-api` with KEYWARD_ISSUER set.
import { buildDocumentApi } from './app.js';

const issuer = process.env.KEYWARD_ISSUER;
if (!issuer) {
  console.error('Set KEYWARD_ISSUER to Keyward’s base URL, e.g. KEYWARD_ISSUER=http://localhost:8080');
  process.exit(1);
}
const port = Number(process.env.PORT ?? 4000);
const introspectionId = process.env.INTROSPECTION_CLIENT_ID;
const introspectionSecret = process.env.INTROSPECTION_CLIENT_SECRET;
if (Boolean(introspectionId) !== Boolean(introspectionSecret)) {
  console.error('Set both INTROSPECTION_CLIENT_ID and INTROSPECTION_CLIENT_SECRET, or neither.');
  process.exit(1);
}

const app = buildDocumentApi({
  issuer,
  audience: process.env.DOCUMENT_API_AUDIENCE || undefined,
  resource: process.env.DOCUMENT_API_URL || `http://localhost:${port}`,
  ...(introspectionId && introspectionSecret ? { introspection: { clientId: introspectionId, clientSecret: introspectionSecret } } : {}),
  logger: true,
});
await app.listen({ port, host: process.env.HOST ?? '127.0.0.1' });
