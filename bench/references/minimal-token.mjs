// The physical limit of a token endpoint on this stack: only the work no token endpoint can
// skip (parse the form, authenticate one client by a keyed hash, sign one ES256 JWT,
// answer), and the same for introspection (authenticate the caller, verify the JWT).
import crypto from 'node:crypto';
import querystring from 'node:querystring';
import Fastify from 'fastify';
import {
  REFERENCE_AUDIENCE,
  REFERENCE_CLIENT_ID,
  REFERENCE_CLIENT_SECRET,
  REFERENCE_PEPPER,
  REFERENCE_SCOPE,
  TOKEN_TTL_SECONDS,
} from '../lib/fixtures.mjs';
import { createEs256Signer, generateEs256Key, verifyEs256 } from '../lib/jwt.mjs';

const port = Number(process.env.PORT ?? 8082);
const host = process.env.HOST ?? '127.0.0.1';
const issuer = `http://${host}:${port}`;

const hashSecret = (secret) => crypto.createHmac('sha256', REFERENCE_PEPPER).update(secret).digest();

// Secrets are stored only as their keyed hash, as the service stores them.
const clients = new Map([
  [REFERENCE_CLIENT_ID, { secretHash: hashSecret(REFERENCE_CLIENT_SECRET), scope: REFERENCE_SCOPE }],
]);

const signingKey = generateEs256Key();
const signToken = createEs256Signer(signingKey, 'at+jwt');

// RFC 6749 Appendix B: client id and secret are form-urlencoded before being joined by ':'.
function formDecode(value) {
  return decodeURIComponent(value.replace(/\+/g, ' '));
}

function parseBasic(header) {
  if (typeof header !== 'string' || header.length < 7 || header.slice(0, 6).toLowerCase() !== 'basic ') {
    return null;
  }
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  try {
    return { clientId: formDecode(decoded.slice(0, colon)), secret: formDecode(decoded.slice(colon + 1)) };
  } catch {
    return null;
  }
}

function authenticate(request) {
  const credentials = parseBasic(request.headers.authorization);
  if (!credentials) return null;
  const client = clients.get(credentials.clientId);
  // Hash even for an unknown client so that timing does not tell which ids exist.
  const presented = hashSecret(credentials.secret);
  if (!client || !crypto.timingSafeEqual(presented, client.secretHash)) return null;
  return { clientId: credentials.clientId, ...client };
}

function invalidClient(reply) {
  return reply
    .code(401)
    .header('www-authenticate', 'Basic realm="token"')
    .header('cache-control', 'no-store')
    .send({ error: 'invalid_client' });
}

const app = Fastify({ logger: false });

app.addContentTypeParser(
  'application/x-www-form-urlencoded',
  { parseAs: 'string' },
  (_request, body, done) => done(null, querystring.parse(body)),
);

app.post('/oauth/token', (request, reply) => {
  const client = authenticate(request);
  if (!client) return invalidClient(reply);
  const body = request.body ?? {};
  if (body.grant_type !== 'client_credentials') {
    return reply.code(400).header('cache-control', 'no-store').send({ error: 'unsupported_grant_type' });
  }
  const now = Math.floor(Date.now() / 1000);
  const accessToken = signToken({
    iss: issuer,
    sub: client.clientId,
    aud: REFERENCE_AUDIENCE,
    exp: now + TOKEN_TTL_SECONDS,
    iat: now,
    jti: crypto.randomUUID(),
    client_id: client.clientId,
    scope: client.scope,
  });
  return reply
    .header('cache-control', 'no-store')
    .header('pragma', 'no-cache')
    .send({ access_token: accessToken, token_type: 'Bearer', expires_in: TOKEN_TTL_SECONDS });
});

app.post('/oauth/introspect', (request, reply) => {
  if (!authenticate(request)) return invalidClient(reply);
  const claims = verifyEs256(signingKey, request.body?.token);
  if (!claims || claims.iss !== issuer) {
    return reply.header('cache-control', 'no-store').send({ active: false });
  }
  return reply.header('cache-control', 'no-store').send({
    active: true,
    client_id: claims.client_id,
    sub: claims.sub,
    aud: claims.aud,
    iss: claims.iss,
    scope: claims.scope,
    exp: claims.exp,
    iat: claims.iat,
    jti: claims.jti,
    token_type: 'Bearer',
  });
});

await app.listen({ port, host });

const stop = () => app.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
