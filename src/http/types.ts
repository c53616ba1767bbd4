// Type augmentations for Fastify: schema keywords from @fastify/swagger (tags, summary, hide)
// and Keyward's per-route config.
import '@fastify/swagger';
import type { Context } from '../domain/model.js';
import type { OAuthRequest } from '../oauth/params.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** How errors of this route are written: RFC 6749 (`oauth`), RFC 9457 (default), or a dialect's own (its name, set by http/dialect.ts). */
    errorFormat?: string;
  }
  interface FastifyRequest {
    /** Set by the admin authentication hook on admin routes. */
    ctx: Context;
    /** Set by the OAuth endpoints: the parsed request, which names the client once it is authenticated. */
    oauth: OAuthRequest | null;
  }
}
