export { TokenSource, type TokenSourceOptions, type TokenSet, type RetryOptions, type TokenEndpointAuthMethod } from './token-source.js';
export { createVerifier, type Verifier, type VerifierOptions, type VerifyOptions, type IntrospectionOptions, type AccessTokenClaims } from './verifier.js';
export { accessTokenHash, DPOP_PROOF_MAX_AGE_SECONDS, type DpopKeyOptions, type DpopRequest } from './dpop.js';
export { DPOP_ALGORITHMS, type DpopAlgorithm } from './http.js';
export {
  authenticate,
  bearerToken,
  dpopToken,
  requestUrl,
  type AuthenticateOptions,
  type RequestLike,
  expressAuth,
  fastifyAuth,
  nodeAuth,
  refusal,
  type FastifyLikeReply,
  type FastifyLikeRequest,
  type HeaderBag,
  type NodeLikeRequest,
  type NodeLikeResponse,
  type ProtectOptions,
} from './adapters.js';
export {
  protectedResourceMetadata,
  resourceMetadataPath,
  resourceMetadataUrl,
  serveResourceMetadata,
  type ProtectedResourceMetadataOptions,
} from './resource-metadata.js';
export { AccessTokenError, TokenEndpointError, VerifierUnavailableError, wwwAuthenticate, type AuthScheme, type BearerErrorCode, type ChallengeOptions } from './errors.js';
export type { FetchLike } from './http.js';
export {
  createAdminClient,
  KeywardProblemError,
  paginate,
  unwrap,
  type AdminClient,
  type AdminClientOptions,
  type AdminPaths,
  type AdminTokenProvider,
  type FieldViolation,
  type ListItem,
  type ListPath,
  type Problem,
} from './admin-client.js';
