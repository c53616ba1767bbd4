import type { FastifyBaseLogger } from 'fastify';
import type { Bindings, ChildLoggerOptions } from 'pino';

type LogArgs = Parameters<FastifyBaseLogger['info']>;

/**
 * Fastify gives every request a child logger. Building a pino child (bindings, redaction,
 * level) costs more than serving the JWKS itself, and most requests never log; this child is
 * built on first use only.
 */
class LazyChildLogger {
  #real: FastifyBaseLogger | undefined;

  constructor(
    private readonly parent: FastifyBaseLogger,
    private readonly bindings: Bindings,
    private readonly options: ChildLoggerOptions,
  ) {}

  get #logger(): FastifyBaseLogger {
    this.#real ??= this.parent.child(this.bindings, this.options);
    return this.#real;
  }

  get level() {
    return this.#real?.level ?? this.parent.level;
  }

  set level(level: string) {
    this.#logger.level = level;
  }

  // Methods on the prototype, not arrow properties: nine allocations per request otherwise.
  fatal(...args: LogArgs) {
    this.#logger.fatal(...args);
  }
  error(...args: LogArgs) {
    this.#logger.error(...args);
  }
  warn(...args: LogArgs) {
    this.#logger.warn(...args);
  }
  info(...args: LogArgs) {
    this.#logger.info(...args);
  }
  debug(...args: LogArgs) {
    this.#logger.debug(...args);
  }
  trace(...args: LogArgs) {
    this.#logger.trace(...args);
  }
  silent(...args: LogArgs) {
    this.#logger.silent(...args);
  }
  child(bindings: Bindings, options?: ChildLoggerOptions) {
    return this.#logger.child(bindings, options);
  }
}

export function lazyChildLogger(parent: FastifyBaseLogger, bindings: Bindings, options: ChildLoggerOptions): FastifyBaseLogger {
  return new LazyChildLogger(parent, bindings, options) as unknown as FastifyBaseLogger;
}
