#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../config.js';
import { isKeywardError } from '../domain/errors.js';
import { parse, SHORT_USAGE, USAGE } from './args.js';
import { GROUPS, SINGLE } from './commands/index.js';
import type { Command, CommandContext } from './context.js';
import { describeFailure, EXIT, UsageError } from './exit.js';
import { createOutput } from './output.js';
import { resolveConnection } from './profiles.js';
import { Remote } from './remote.js';

/**
 * The keyward command. Remote commands act on a server through its admin API as a logged-in
 * admin client (see profiles.ts); serve, migrate, bootstrap and backup open this installation's
 * database. Results go to stdout (--json: the API's shape), progress and errors to stderr.
 */
function findCommand(positionals: string[]): { command: Command; args: string[] } {
  const [name, verb, ...rest] = positionals;
  if (!name) throw new UsageError('no command given');
  if (Object.hasOwn(SINGLE, name)) return { command: SINGLE[name], args: positionals.slice(1) };
  const group = Object.hasOwn(GROUPS, name) ? GROUPS[name] : undefined;
  if (!group) throw new UsageError(`unknown command "${name}"`);
  if (!verb) throw new UsageError(`${name} needs a verb: ${Object.keys(group).join(', ')}`);
  if (!Object.hasOwn(group, verb)) throw new UsageError(`unknown verb "${name} ${verb}"; ${name} takes ${Object.keys(group).join(', ')}`);
  return { command: group[verb], args: rest };
}

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  readStdin(): Promise<string>;
  stderrIsTty: boolean;
  interrupted(): Promise<void>;
}

/** Runs one invocation; answers the exit code. Nothing here calls process.exit, so tests can run it in-process. */
export async function run(argv: string[], io: Io): Promise<number> {
  const json = argv.includes('--json');
  const out = createOutput(json, io.stdout, io.stderr);
  let server: string | undefined;
  try {
    const { values, positionals } = parse(argv);
    if (values.help) {
      io.stdout(USAGE);
      return EXIT.ok;
    }
    const { command, args } = findCommand(positionals);
    let remote: Remote | undefined;
    const ctx: CommandContext = {
      values,
      args,
      out,
      remote() {
        if (!remote) {
          const connection = resolveConnection({ profile: values.profile, org: values.org });
          server = connection.server;
          remote = new Remote(connection);
        }
        return remote;
      },
      readStdin: io.readStdin,
      progress(line, done) {
        if (io.stderrIsTty) io.stderr(`\r\x1b[2K${line}${done ? '\n' : ''}`);
        else if (done) io.stderr(`${line}\n`);
      },
      interrupted: io.interrupted,
    };
    await command(ctx);
    return EXIT.ok;
  } catch (error) {
    // Local commands fail with the server's own errors (a bad setting, a domain refusal).
    const failure =
      error instanceof ConfigError || isKeywardError(error) ? { exitCode: EXIT.refused, message: (error as Error).message, showUsage: false, problem: undefined } : describeFailure(error, server);
    if (json && failure.problem) io.stderr(JSON.stringify(failure.problem, null, 2));
    else io.stderr(`keyward: ${failure.message}${failure.showUsage ? `\n${SHORT_USAGE}` : ''}`);
    return failure.exitCode;
  }
}

/** True when this file is the program, however it was reached: npm's bin link, a global install or a path. */
function invokedDirectly(): boolean {
  try {
    return process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('client secret, then Enter and Ctrl-D: ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

if (invokedDirectly()) {
  let interrupted: Promise<void> | undefined;
  process.exitCode = await run(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(`${text}\n`),
    // A progress line starting with \r is rewritten in place; it ends its own line when done.
    stderr: (text) => process.stderr.write(text.startsWith('\r') || text.endsWith('\n') ? text : `${text}\n`),
    readStdin,
    stderrIsTty: process.stderr.isTTY === true,
    interrupted: () => (interrupted ??= new Promise<void>((resolve) => process.once('SIGINT', () => resolve()))),
  });
}
