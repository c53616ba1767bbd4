// The ceiling of the HTTP stack: Fastify answering constant JSON bodies. Nothing here
// parses, hashes or signs, so any server doing real work can only be slower.
import Fastify from 'fastify';
import { generateEs256Key } from '../lib/jwt.mjs';

const port = Number(process.env.PORT ?? 8081);
const host = process.env.HOST ?? '127.0.0.1';

// Bodies of the same size as the real answers, so that the ceiling is not flattered by a
// shorter write.
const tokenBody = JSON.stringify({
  access_token: `eyJ${'x'.repeat(560)}`,
  token_type: 'Bearer',
  expires_in: 3600,
});
const jwksBody = JSON.stringify({ keys: [generateEs256Key().publicJwk] });

const app = Fastify({ logger: false });

// Fastify answers 415 to a form body it has no parser for; reading the body as a string
// and dropping it is the least work that still accepts the request.
app.addContentTypeParser(
  'application/x-www-form-urlencoded',
  { parseAs: 'string' },
  (_request, _body, done) => done(null, null),
);

app.post('/oauth/token', (_request, reply) => {
  reply.header('content-type', 'application/json; charset=utf-8').send(tokenBody);
});

app.get('/oauth/jwks', (_request, reply) => {
  reply.header('content-type', 'application/json; charset=utf-8').send(jwksBody);
});

await app.listen({ port, host });

const stop = () => app.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
