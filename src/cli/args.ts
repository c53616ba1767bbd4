import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './exit.js';

/** Every option of every verb; a verb reads the ones it knows (`usage` lists which). */
export const OPTIONS = {
  help: { type: 'boolean', short: 'h', default: false },
  json: { type: 'boolean', default: false },
  profile: { type: 'string' },
  org: { type: 'string' },
  // login
  server: { type: 'string' },
  'client-id': { type: 'string' },
  'client-secret-stdin': { type: 'boolean', default: false },
  // lists
  'page-size': { type: 'string' },
  'page-token': { type: 'string' },
  all: { type: 'boolean', default: false },
  filter: { type: 'string' },
  'order-by': { type: 'string' },
  // resource fields
  name: { type: 'string' },
  description: { type: 'string' },
  permissions: { type: 'string' },
  roles: { type: 'string' },
  audiences: { type: 'string' },
  label: { type: 'string', multiple: true },
  workspace: { type: 'string' },
  'token-lifetime': { type: 'string' },
  'ext-ref': { type: 'string' },
  id: { type: 'string' },
  // credentials
  overlap: { type: 'string' },
  'expire-time': { type: 'string' },
  jwk: { type: 'string' },
  'jwks-uri': { type: 'string' },
  jwks: { type: 'string' },
  provider: { type: 'string' },
  subject: { type: 'string' },
  'allowed-cidrs': { type: 'string' },
  'max-uses': { type: 'string' },
  'unused-for': { type: 'string' },
  claim: { type: 'string', multiple: true },
  'claim-pattern': { type: 'string', multiple: true },
  // delegation
  allowed: { type: 'string' },
  providers: { type: 'string' },
  subjects: { type: 'string' },
  'max-scope': { type: 'string' },
  // registration tokens
  uses: { type: 'string' },
  // providers, webhooks
  issuer: { type: 'string' },
  audience: { type: 'string' },
  url: { type: 'string' },
  'event-types': { type: 'string' },
  state: { type: 'string' },
  // workspace settings
  set: { type: 'string', multiple: true },
  unset: { type: 'string', multiple: true },
  // audit
  type: { type: 'string' },
  resource: { type: 'string' },
  actor: { type: 'string' },
  since: { type: 'string' },
  follow: { type: 'boolean', default: false },
  interval: { type: 'string' },
  // clients import
  'secrets-out': { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

export type Values = ReturnType<typeof parse>['values'];

export function parse(argv: string[]) {
  // A secret in argv is visible to every user of the machine (ps, /proc) and lands in shell history.
  const secretOption = argv.find((a) => /^--client-secret(=|$)/.test(a));
  if (secretOption) {
    throw new UsageError('a secret is never given on the command line (other users see it in ps, and it stays in the shell history): pipe it with --client-secret-stdin, or set KEYWARD_CLIENT_SECRET');
  }
  return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
}

/** "30d", "12h", "90m", "3600s" → milliseconds. */
export function duration(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d+)([smhd])$/.exec(value.trim());
  if (!match) throw new UsageError(`--${name} takes a duration such as 30d, 12h, 90m or 3600s, not "${value}"`);
  return Number(match[1]) * { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] as 's' | 'm' | 'h' | 'd'];
}

/** "a,b c" → ["a", "b", "c"]; undefined stays undefined (the server's default). */
export function list(value: string | undefined): string[] | undefined {
  return value === undefined ? undefined : value.split(/[\s,;]+/).filter(Boolean);
}

export function integer(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--${name} takes a whole number, not "${value}"`);
  return Number(value);
}

export function need<T>(value: T | undefined, what: string): T {
  if (value === undefined || value === '') throw new UsageError(`missing ${what}`);
  return value;
}

export const SHORT_USAGE = 'Usage: keyward <command> [arguments] [options]   (keyward --help lists the commands)';

export const USAGE = `Usage: keyward <command> [arguments] [options]

Remote commands act on a Keyward server through its admin API (/v1), as the logged-in client:
  login --server URL --client-id ID --client-secret-stdin [--profile NAME] [--org ORG]
  logout [--profile NAME]
  whoami
  clients list [--filter EXPR] [--order-by F] [--all]
  clients get|disable|enable|delete CLIENT
  clients create --name NAME [--permissions a,b] [--roles r1,r2] [--audiences u1,u2] [--workspace W]
                 [--description TEXT] [--label k=v]... [--token-lifetime SECONDS] [--id CLIENT_ID]
  clients update CLIENT [--name NAME] [--description TEXT] [--permissions ...] [--roles ...] [--audiences ...]
                 [--label k=v]... [--token-lifetime SECONDS] [--state ENABLED|DISABLED]
  clients rotate-secret CLIENT [--overlap SECONDS]
  clients import FILE --secrets-out FILE [--workspace W]      FILE: JSON array or CSV with a header
  clients delegation show CLIENT
  clients delegation set CLIENT [--allowed true|false] [--providers P1,P2] [--subjects s1,s2] [--max-scope a,b]
                 changes the members named and keeps the others; an empty value ('') empties a list
  credentials list (CLIENT | --workspace W [--all]) [--unused-for 30d] [--filter EXPR]
                 --unused-for: not used for that long (s, m, h or d), never-used ones made before included;
                 --filter 'policyViolated = true': those that break the workspace's credentialPolicy
  credentials add secret CLIENT [--name NAME] [--expire-time TIME] [--allowed-cidrs 10.0.0.0/8,2001:db8::/32] [--max-uses N]
  credentials add public-key CLIENT (--jwk FILE | --jwks-uri URL) [--name NAME] [--expire-time TIME]
  credentials add federated CLIENT --provider P [--subject SUB] [--claim k=v]... [--claim-pattern k=glob]... [--audience A] [--name NAME]
                 --claim: an exact value (repeat a claim for one of several); --claim-pattern: a glob (* within a
                 /-segment, ** across); without --subject, at least one --claim
  credentials update CLIENT CREDENTIAL [--allowed-cidrs 10.0.0.0/8,2001:db8::/32] [--max-uses N]
                 changes the fences named; an empty value ('') clears one: any address, no limit
  credentials get|delete CLIENT CREDENTIAL
  roles list | get ROLE | create --name NAME --permissions a,b [--id ID] | update ROLE [...] | delete ROLE
  workspaces list | get W | create --name NAME [--ext-ref R] | update W [--name NAME] [--ext-ref R]
  workspaces settings W [--set k=v]... [--unset k]...     the registration policy: registration_auth_methods,
                 registration_scopes, registration_audiences
  registration-tokens issue W [--name NAME] [--uses N] [--expire-time TIME]    the token is shown once
  registration-tokens list W [--all] | revoke W TOKEN
  organizations list | get ORG | create --name NAME | update ORG --name NAME
  providers list | get P | create --name NAME --issuer URL [--jwks-uri URL | --jwks FILE] [--audience A] | delete P
  providers update P [--jwks FILE] [--jwks-uri URL] [--audience A] [--name NAME] ...
  webhooks list [--workspace W] | get H | create --url URL [--event-types a,b] [--workspace W] | delete H
  webhooks deliveries H [--state S] | redeliver H DELIVERY
  audit list [--type T] [--resource R] [--actor A] [--since TIME] [--filter EXPR] [--follow [--interval SECONDS]]
  keys rotate

  A CLIENT is its id (ac_…), its client id or its resource name (apiClients/ac_…); other
  resources take their id or resource name.

Local commands open the database of this installation (same environment as the server):
  serve                          start the server
  migrate                        apply database migrations
  bootstrap [--client-id ID]     create the super-admin client; prints its secret once
  backup FILE                    a consistent copy of the SQLite database, while the server runs

  completion bash|zsh            print a shell completion script

Options:
  --profile NAME   the saved login to use (default: the first one saved; KEYWARD_PROFILE)
  --org ORG        as a super-admin, act in this organization (KEYWARD_ORG)
  --json           print the API's resource shape, for scripts
  --all            follow every page of a list
  -h, --help       show this help

KEYWARD_SERVER, KEYWARD_CLIENT_ID and KEYWARD_CLIENT_SECRET override the profile.
Exit codes: 0 done, 1 the server refused (its problem on stderr), 2 cannot reach the server, 64 bad usage.`;
