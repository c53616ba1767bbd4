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

/** Loggers that write to the process's standard output (no destination given). */
const toStandardOutput = new WeakSet<Logger>();

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const logger = pino(
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
  if (!destination) toStandardOutput.add(logger);
  return logger;
}

/**
 * The access log, per route: the writer of one route's lines (`null` for requests no route
 * matched). The route pattern, never the URL; no field can hold a secret.
 */
export type AccessLog = (route: string | null) => AccessLineWriter;
export type AccessLineWriter = (reqId: string, method: string, status: number, ms: number, client: string | undefined) => void;

/**
 * The access log: one line per request, in the shape of the root logger's lines. It formats
 * its own JSON rather than call pino, and writes in blocks, as nginx's `access_log … buffer=
 * flush=` does: through pino, one write(2) per line, it cost the token path 31,600 instructions
 * per request (5.9 %); this way 18,000 to 24,300 in two runs (3.4 to 4.5 %; bench/run.mjs
 * --instructions --only=token-access-log). A block is flushed when it passes 3 KB, so that several workers
 * sharing a pipe never interleave a line (PIPE_BUF is 4 KB), at least once a second, and at
 * exit; a SIGKILL loses at most the last second of lines.
 */
export function createAccessLog(root: Logger): AccessLog | undefined {
  const info = root.isLevelEnabled('info');
  if (!root.isLevelEnabled('warn')) return undefined;
  const internals = root as unknown as Record<symbol, unknown>;
  const out = (toStandardOutput.has(root) ? standardOutputInBlocks() : internals[pino.symbols.streamSym]) as pino.DestinationStream;
  const bindings = internals[pino.symbols.chindingsSym] as string;
  return (route) => {
    const pattern = route === null ? 'null' : JSON.stringify(route);
    return (reqId, method, status, ms, client) => {
      const failed = status >= 500;
      if (!failed && !info) return;
      // The method is an HTTP token (RFC 9110 §5.6.2): nothing in it needs escaping.
      out.write(
        `{"level":${failed ? 40 : 30},"time":${Date.now()}${bindings},"reqId":${JSON.stringify(reqId)},"method":"${method}",`
        + `"route":${pattern},"status":${status},"ms":${ms}`
        + `${client === undefined ? '' : `,"client":${JSON.stringify(client)}`},"msg":"${failed ? 'request failed' : 'request'}"}\n`,
      );
    };
  };
}

let blocks: LineBlocks | undefined;
function standardOutputInBlocks(): LineBlocks {
  blocks ??= new LineBlocks(pino.destination({ fd: 1, sync: true }));
  return blocks;
}

/**
 * Lines gathered into blocks for one write each. Not sonic-boom's own `minLength`: it measures
 * its whole pending buffer on every write, which cost 1.7 µs per line here.
 */
class LineBlocks {
  private pending = '';
  private bytes = 0;

  constructor(private readonly out: pino.DestinationStream, private readonly limit = 3072) {
    setInterval(() => this.flush(), 1000).unref();
    process.once('exit', () => this.flush());
  }

  write(line: string) {
    this.pending += line;
    this.bytes += Buffer.byteLength(line);
    if (this.bytes > this.limit) this.flush();
  }

  flush() {
    if (this.bytes === 0) return;
    const block = this.pending;
    this.pending = '';
    this.bytes = 0;
    this.out.write(block);
  }
}
