import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { CliError, EXIT } from './exit.js';

/** One saved login: where the server is and the admin client that acts there. */
export interface Profile {
  server: string;
  clientId: string;
  clientSecret: string;
  /** A super-admin's organization to act in (the `x-keyward-org` header); absent: its own. */
  org?: string;
}

interface ProfilesFile {
  /** The profile used when neither --profile nor KEYWARD_PROFILE names one. */
  default?: string;
  profiles: Record<string, Profile>;
}

export const DEFAULT_PROFILE = 'default';

/** `$XDG_CONFIG_HOME/keyward/profiles.json`, else `~/.config/keyward/profiles.json`, as gh and most CLIs do. */
export function profilesPath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.startsWith('/') ? env.XDG_CONFIG_HOME : join(homedir(), '.config');
  return join(base, 'keyward', 'profiles.json');
}

/**
 * Reads the profiles. The file holds client secrets, so one that others can read or write is
 * refused rather than used: the secret in it may already be known to someone else.
 */
export function readProfiles(path = profilesPath()): ProfilesFile {
  if (!existsSync(path)) return { profiles: {} };
  const mode = statSync(path).mode & 0o777;
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    throw new CliError(`${path} is open to others (mode ${mode.toString(8)}); it holds client secrets. Run: chmod 600 ${path}, and rotate the secrets in it if others may have read them.`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new CliError(`${path} is not valid JSON (${(error as Error).message}); fix it or remove it and run keyward login again.`);
  }
  const file = parsed as Partial<ProfilesFile>;
  if (typeof file !== 'object' || file === null || typeof file.profiles !== 'object' || file.profiles === null) {
    throw new CliError(`${path} has no "profiles" object; remove it and run keyward login again.`);
  }
  return { default: file.default, profiles: file.profiles };
}

/** Saves one profile, keeping the others, and checks the file's mode afterwards. */
export function saveProfile(name: string, profile: Profile, path = profilesPath()): void {
  const file = readProfiles(path);
  file.profiles[name] = profile;
  file.default ??= name;
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeProfiles(file, path);
  const mode = statSync(path).mode & 0o777;
  if (process.platform !== 'win32' && mode !== 0o600) throw new CliError(`${path} was written with mode ${mode.toString(8)}, not 600; check the file system it is on.`);
}

/** Removes one profile; answers whether it existed. */
export function removeProfile(name: string, path = profilesPath()): boolean {
  const file = readProfiles(path);
  if (!file.profiles[name]) return false;
  delete file.profiles[name];
  if (file.default === name) file.default = Object.keys(file.profiles)[0];
  writeProfiles(file, path);
  return true;
}

/** Written to a 0600 temporary file and renamed, so no reader sees half a file. */
function writeProfiles(file: ProfilesFile, path: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  // The mode given to writeFileSync is masked by the umask, and an existing file keeps its own.
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
}

/** The profile name chosen by --profile, then KEYWARD_PROFILE, then the file's default. */
export function chosenProfileName(option: string | undefined, env: NodeJS.ProcessEnv = process.env, file?: ProfilesFile): string {
  return option ?? env.KEYWARD_PROFILE ?? file?.default ?? DEFAULT_PROFILE;
}

export interface Connection {
  server: string;
  clientId: string;
  clientSecret: string;
  org?: string;
  /** Where the settings came from, for messages: a profile's name or "the environment". */
  source: string;
}

/**
 * The server and credentials to use: the profile, with KEYWARD_SERVER, KEYWARD_CLIENT_ID and
 * KEYWARD_CLIENT_SECRET taking precedence one by one (CI sets them without any profile).
 */
export function resolveConnection(options: { profile?: string; org?: string }, env: NodeJS.ProcessEnv = process.env): Connection {
  const file = readProfiles(profilesPath(env));
  const name = chosenProfileName(options.profile, env, file);
  const profile = file.profiles[name];
  if (options.profile && !profile) throw new CliError(`no profile named "${name}" in ${profilesPath(env)}; run: keyward login --profile ${name} --server URL --client-id ID --client-secret-stdin`, EXIT.usage);
  const server = env.KEYWARD_SERVER || profile?.server;
  const clientId = env.KEYWARD_CLIENT_ID || profile?.clientId;
  const clientSecret = env.KEYWARD_CLIENT_SECRET || profile?.clientSecret;
  if (!server || !clientId || !clientSecret) {
    throw new CliError(
      'not logged in: run keyward login --server URL --client-id ID --client-secret-stdin, or set KEYWARD_SERVER, KEYWARD_CLIENT_ID and KEYWARD_CLIENT_SECRET',
      EXIT.usage,
    );
  }
  const fromEnv = Boolean(env.KEYWARD_SERVER || env.KEYWARD_CLIENT_ID || env.KEYWARD_CLIENT_SECRET);
  return { server, clientId, clientSecret, org: options.org ?? env.KEYWARD_ORG ?? profile?.org, source: profile ? `profile "${name}"${fromEnv ? ' and the environment' : ''}` : 'the environment' };
}
