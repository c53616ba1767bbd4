import { KeywardProblemError, TokenEndpointError } from '@keyward/sdk';

/**
 * The command's exit codes. Scripts branch on them: 1 means the server answered and refused
 * (retrying the same request will not help), 2 means it could not be reached (it may help).
 */
export const EXIT = { ok: 0, refused: 1, unreachable: 2, usage: 64 } as const;

/** Bad usage: a missing argument, an unknown verb or option. Exit 64 (EX_USAGE), with the usage. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A failure the command itself found, with its exit code (a profile that cannot be read, say). */
export class CliError extends Error {
  override name = 'CliError';
  constructor(
    message: string,
    readonly exitCode: number = EXIT.refused,
  ) {
    super(message);
  }
}

/** node:util parseArgs refuses unknown options, missing values and stray arguments with these codes. */
export function isParseError(error: unknown): boolean {
  return /^ERR_PARSE_ARGS_/.test(String((error as { code?: unknown })?.code ?? ''));
}

/** fetch fails with a TypeError carrying the socket's error as its cause; a timeout is an AbortError. */
function isNetworkFailure(error: unknown): boolean {
  if (error instanceof TypeError) return error.message === 'fetch failed' || error.cause !== undefined;
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

/** The innermost cause's code (ECONNREFUSED, ENOTFOUND, …), which says more than "fetch failed". */
function networkReason(error: unknown): string {
  let reason = (error as Error).message;
  for (let e = error as { cause?: unknown; code?: unknown; message?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (typeof e.code === 'string') reason = e.code;
    else if (typeof e.message === 'string' && e !== error) reason = e.message;
  }
  return reason;
}

export interface Failure {
  exitCode: number;
  message: string;
  /** The server's problem document, printed whole with --json. */
  problem?: unknown;
  showUsage: boolean;
}

/** What an error means for the person at the terminal: the message to print and the exit code. */
export function describeFailure(error: unknown, server: string | undefined): Failure {
  if (error instanceof UsageError || isParseError(error)) return { exitCode: EXIT.usage, message: (error as Error).message, showUsage: true };
  if (error instanceof CliError) return { exitCode: error.exitCode, message: error.message, showUsage: false };
  if (error instanceof KeywardProblemError) {
    const fields = error.errors.map((e) => `\n  ${e.field}: ${e.description}`).join('');
    // A gateway's 502/503/504 page is not Keyward refusing: the server is not reachable behind it.
    const exitCode = error.code === 'unknown' && error.status >= 502 && error.status <= 504 ? EXIT.unreachable : EXIT.refused;
    return { exitCode, message: `${error.status} ${error.code}: ${error.detail}${fields}`, problem: error.problem, showUsage: false };
  }
  if (error instanceof TokenEndpointError) {
    if (error.status === undefined) {
      return { exitCode: EXIT.unreachable, message: `cannot reach ${server ?? 'the server'}: ${networkReason(error)}`, showUsage: false };
    }
    return { exitCode: EXIT.refused, message: `the server refused the credentials: ${error.message}`, showUsage: false };
  }
  if (isNetworkFailure(error)) return { exitCode: EXIT.unreachable, message: `cannot reach ${server ?? 'the server'}: ${networkReason(error)}`, showUsage: false };
  return { exitCode: EXIT.refused, message: `unexpected error: ${(error as Error)?.message ?? String(error)}`, showUsage: false };
}
