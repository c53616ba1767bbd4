// Constants shared by the orchestrator and the reference servers. The references run as
// separate processes, so they cannot receive generated values other than through the
// environment; fixed values keep them stateless and reproducible.

export const REFERENCE_CLIENT_ID = 'bench-client';

// Same shape and entropy as a Keyward secret (prefix + 256 bits, base64url), so that the
// HMAC and the Basic header cost the same as on the service under test.
export const REFERENCE_CLIENT_SECRET = 'kw_bench_Vq3n8cQy1uXo0pHk6TzJwR2mE5aLsD9fGbNvY7iC4tU';

export const REFERENCE_PEPPER = 'bench-pepper-0b3f1e9a6c2d48f7a5e1c3b9d7f2a6e4';

export const REFERENCE_SCOPE = 'read';
export const REFERENCE_AUDIENCE = 'https://api.bench.example';
export const TOKEN_TTL_SECONDS = 3600;

export const KEYWARD_BOOTSTRAP_CLIENT_ID = 'bench-admin';
