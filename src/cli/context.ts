import type { Values } from './args.js';
import type { Output } from './output.js';
import type { Remote } from './remote.js';

/** What a verb is given: its options, its arguments after the verb, the output, and the server. */
export interface CommandContext {
  values: Values;
  args: string[];
  out: Output;
  /** The admin API, connected on first use (a usage error is reported before any login is needed). */
  remote(): Remote;
  /** Standard input, read whole (secrets arrive this way). */
  readStdin(): Promise<string>;
  /** Written to stderr; in place when stderr is a terminal. */
  progress(line: string, done: boolean): void;
  /**
   * Resolves when the user interrupts (SIGINT), for commands that run until then. Only a
   * command that asks takes over Ctrl-C; for the others it ends the process as usual.
   */
  interrupted(): Promise<void>;
}

export type Command = (ctx: CommandContext) => Promise<void>;

/** A path segment from an id or a resource name: `idOf('roles/r_1', 'roles')` and `idOf('r_1', 'roles')` give `r_1`. */
export function idOf(reference: string, collection: string): string {
  const prefix = `${collection}/`;
  const rest = reference.startsWith(prefix) ? reference.slice(prefix.length) : reference;
  return encodeURIComponent(rest);
}

/** `apiClients/ac_1` → `ac_1`, for the ID column. */
export const lastSegment = (name: unknown) => (typeof name === 'string' ? name.slice(name.lastIndexOf('/') + 1) : name);
