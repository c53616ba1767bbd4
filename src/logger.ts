import pino, { type Logger } from 'pino';

/**
 * Structured logs with secrets redacted whatever the level: authorization headers, cookies and
 * every field that can carry a secret or a token in a request or response body.
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  '*.client_secret',
  '*.clientSecret',
  '*.client_assertion',
  '*.subject_token',
  '*.secret',
  '*.password',
  '*.token',
  '*.access_token',
  '*.accessToken',
  '*.signing_secret',
  '*.secrets',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      serializers: {
        req: (req: { method?: string; url?: string; id?: string; ip?: string }) => ({
          method: req.method,
          // Query strings may carry tokens despite RFC 6750 §2.3; log the path only.
          url: req.url?.split('?')[0],
          id: req.id,
          ip: req.ip,
        }),
        err: pino.stdSerializers.err,
      },
    },
    destination,
  );
}
