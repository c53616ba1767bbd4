import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { exportJWK, generateKeyPair } from 'jose';
import { ADMIN_ID, ADMIN_SECRET, buildOnce, startServer, type Server } from './faults/support.js';

const ROOT = new URL('../', import.meta.url).pathname;

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built command as a separate process, as a user would; `input` goes to its stdin. */
function invoke(entry: string, args: string[], env: Record<string, string>, input = ''): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [entry, ...args], { cwd: ROOT, env: { PATH: process.env.PATH, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

/** A port nothing listens on: taken from the system, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('keyward CLI, local mode (dist/cli/main.js)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'keyward-cli-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));
  before(() => buildOnce());
  const keyward = (args: string[], env: Record<string, string> = {}) => invoke('dist/cli/main.js', args, { KEYWARD_DATA_DIR: dataDir, ...env });

  it('migrate, then bootstrap prints the generated secret once', async () => {
    assert.match((await keyward(['migrate'])).stdout, /applied 0+1_core|already up to date/);
    const boot = JSON.parse((await keyward(['bootstrap', '--json'])).stdout);
    assert.equal(boot.created, true);
    assert.match(boot.clientSecret, /^kw_/);
    assert.equal(JSON.parse((await keyward(['bootstrap', '--json'])).stdout).created, false, 'a second bootstrap changes nothing');
  });

  it('bootstrap --client-id other than the configured one gets its own generated secret', async () => {
    const configured = { KEYWARD_BOOTSTRAP_CLIENT_ID: 'cli-admin', KEYWARD_BOOTSTRAP_CLIENT_SECRET: 'a-configured-secret-of-forty-characters!' };
    const other = JSON.parse((await keyward(['bootstrap', '--client-id', 'cli-ops', '--json'], configured)).stdout);
    assert.equal(other.created, true);
    assert.match(other.clientSecret, /^kw_/);
    const own = JSON.parse((await keyward(['bootstrap', '--json'], configured)).stdout);
    assert.equal(own.clientId, 'cli-admin');
    assert.equal(own.clientSecret, undefined, "the configured secret is the operator's; it is not printed");
  });

  it('explains bad usage with exit code 64', async () => {
    for (const args of [['frobnicate'], [], ['clients'], ['clients', 'frobnicate'], ['clients', 'list', '--bogus'], ['clients', 'create', '--name'], ['backup'], ['completion', 'fish']]) {
      const refused = await keyward(args);
      assert.equal(refused.code, 64, `${args.join(' ')}: ${refused.stderr}`);
      assert.match(refused.stderr, /Usage: keyward/, args.join(' '));
    }
    const help = await keyward(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Exit codes: 0 done, 1 the server refused/);
  });

  it('never takes a secret on the command line, and does not echo it', async () => {
    for (const args of [['login', '--client-secret', 'hunter2-on-the-command-line'], ['login', '--client-secret=hunter2-on-the-command-line']]) {
      const refused = await keyward(args);
      assert.equal(refused.code, 64);
      assert.match(refused.stderr, /--client-secret-stdin/);
      assert.ok(!refused.stderr.includes('hunter2'));
    }
  });

  it('a remote command without a login says how to log in (64)', async () => {
    const result = await keyward(['clients', 'list'], { XDG_CONFIG_HOME: join(dataDir, 'nowhere') });
    assert.equal(result.code, 64);
    assert.match(result.stderr, /keyward login --server URL/);
  });

  it('backup refuses PostgreSQL and names pg_dump', async () => {
    const result = await keyward(['backup', join(dataDir, 'pg.backup')], { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/keyward' });
    assert.equal(result.code, 64);
    assert.match(result.stderr, /pg_dump/);
    assert.ok(!existsSync(join(dataDir, 'pg.backup')));
  });

  it('prints completion scripts that the shells accept', async () => {
    const bash = await keyward(['completion', 'bash']);
    assert.equal(bash.code, 0);
    assert.match(bash.stdout, /complete -F _keyward keyward/);
    assert.match(bash.stdout, /rotate-secret/);
    assert.equal(spawnSync('bash', ['-n'], { input: bash.stdout }).status, 0, 'bash parses the script');
    const zsh = await keyward(['completion', 'zsh']);
    assert.match(zsh.stdout, /^#compdef keyward/);
  });

  it('runs through a link to it, as npm installs the keyward command', async () => {
    const bin = join(dataDir, 'bin');
    mkdirSync(bin, { recursive: true });
    symlinkSync(join(ROOT, 'dist/cli/main.js'), join(bin, 'keyward'));
    const migrated = await invoke(join(bin, 'keyward'), ['migrate', '--json'], { KEYWARD_DATA_DIR: dataDir });
    assert.equal(migrated.code, 0, migrated.stderr);
    assert.deepEqual(JSON.parse(migrated.stdout), { applied: [] });
  });
});

describe(`keyward CLI, remote mode against a running server (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite'})`, () => {
  const databaseUrl = process.env.TEST_DATABASE_URL;
  const work = mkdtempSync(join(tmpdir(), 'keyward-cli-remote-'));
  const dataDir = join(work, 'data');
  const config = join(work, 'config');
  let server: Server;
  before(async () => {
    buildOnce();
    server = await startServer({ dataDir, databaseUrl });
  });
  after(async () => {
    await server?.kill();
    rmSync(work, { recursive: true, force: true });
  });
  const keyward = (args: string[], env: Record<string, string> = {}, input = '') =>
    invoke('dist/cli/main.js', args, { XDG_CONFIG_HOME: config, KEYWARD_DATA_DIR: dataDir, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}), ...env }, input);
  const json = async (args: string[]) => {
    const result = await keyward([...args, '--json']);
    assert.equal(result.code, 0, `${args.join(' ')}: ${result.stderr}`);
    return JSON.parse(result.stdout);
  };
  const token = async (clientId: string, clientSecret: string) => {
    const response = await fetch(`${server.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}` },
      body: 'grant_type=client_credentials',
    });
    return { status: response.status, body: (await response.json()) as { access_token?: string } };
  };
  /** The resource as the API answers it, to compare with the command's --json. */
  const apiGet = async (path: string) => {
    const { body } = await token(ADMIN_ID, ADMIN_SECRET);
    const response = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${body.access_token}` } });
    assert.equal(response.status, 200);
    return response.json();
  };

  it('login refuses a wrong secret and saves nothing', async () => {
    const result = await keyward(['login', '--server', server.url, '--client-id', ADMIN_ID, '--client-secret-stdin'], {}, 'not-the-secret\n');
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, /invalid_client/);
    assert.ok(!existsSync(join(config, 'keyward', 'profiles.json')));
  });

  it('login reads the secret from stdin, checks it, and stores the profile with mode 0600', async () => {
    const result = await keyward(['login', '--server', server.url, '--client-id', ADMIN_ID, '--client-secret-stdin'], {}, `${ADMIN_SECRET}\n`);
    assert.equal(result.code, 0, result.stderr);
    assert.ok(!result.stdout.includes(ADMIN_SECRET) && !result.stderr.includes(ADMIN_SECRET), 'the secret is never printed');
    const path = join(config, 'keyward', 'profiles.json');
    assert.equal(statSync(path).mode & 0o777, 0o600);
    assert.equal(statSync(join(config, 'keyward')).mode & 0o777, 0o700);
    const saved = JSON.parse(readFileSync(path, 'utf8'));
    assert.deepEqual(saved.profiles.default, { server: server.url, clientId: ADMIN_ID, clientSecret: ADMIN_SECRET });
    const who = await json(['whoami']);
    assert.equal(who.clientId, ADMIN_ID);
    assert.ok(!JSON.stringify(who).includes(ADMIN_SECRET));
  });

  it('clients create, list, get (by id, client id and name), disable, enable, rotate-secret, delete', async () => {
    const created = await json(['clients', 'create', '--name', 'nightly job', '--permissions', 'jobs.run,jobs.read', '--id', 'nightly-job']);
    assert.match(created.name, /^apiClients\/ac_/);
    assert.equal(created.clientId, 'nightly-job');
    assert.deepEqual(created.permissions, ['jobs.run', 'jobs.read']);
    assert.match(created.clientSecret, /^kw_/);
    assert.equal((await token('nightly-job', created.clientSecret)).status, 200);
    const id = created.name.split('/')[1];

    const fromApi = await apiGet(`/v1/apiClients/${id}`);
    for (const reference of [id, 'nightly-job', created.name]) assert.deepEqual(await json(['clients', 'get', reference]), fromApi, reference);

    const list = await json(['clients', 'list']);
    assert.deepEqual(Object.keys(list).sort(), ['apiClients', 'nextPageToken']);
    assert.ok(list.apiClients.some((c: { clientId: string }) => c.clientId === 'nightly-job'));
    assert.ok(!JSON.stringify(list).includes(created.clientSecret));
    const table = await keyward(['clients', 'list']);
    assert.match(table.stdout, /^ID\s+CLIENT ID\s+STATE/);
    assert.match(table.stdout, new RegExp(`${id}\\s+nightly-job\\s+ENABLED\\s+nightly job`));

    assert.equal((await json(['clients', 'disable', 'nightly-job'])).state, 'DISABLED');
    assert.equal((await token('nightly-job', created.clientSecret)).status, 401);
    assert.equal((await json(['clients', 'enable', 'nightly-job'])).state, 'ENABLED');

    const updated = await json(['clients', 'update', 'nightly-job', '--name', 'nightly batch', '--label', 'team=ops']);
    assert.equal(updated.displayName, 'nightly batch');
    assert.deepEqual(updated.labels, { team: 'ops' });

    const rotated = await json(['clients', 'rotate-secret', 'nightly-job', '--overlap', '0']);
    assert.match(rotated.secret, /^kw_/);
    assert.equal(rotated.previousCredentials.length, 1);
    assert.equal((await token('nightly-job', rotated.secret)).status, 200);
    assert.equal((await token('nightly-job', created.clientSecret)).status, 401, 'overlap 0 ends the old secret now');

    assert.match((await keyward(['clients', 'delete', 'nightly-job'])).stdout, /deleted apiClients\//);
    const missing = await keyward(['clients', 'get', id]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /404 not_found/);
    const unknownClientId = await keyward(['clients', 'get', 'nightly-job']);
    assert.equal(unknownClientId.code, 1);
    assert.match(unknownClientId.stderr, /no client has the client id "nightly-job"/);
  });

  it('credentials add secret, list, delete', async () => {
    const client = await json(['clients', 'create', '--name', 'with two secrets', '--id', 'two-secrets']);
    const added = await json(['credentials', 'add', 'secret', 'two-secrets', '--name', 'second']);
    assert.equal(added.type, 'SECRET');
    assert.match(added.secret, /^kw_/);
    assert.equal((await token('two-secrets', added.secret)).status, 200);
    const listed = await json(['credentials', 'list', 'two-secrets']);
    assert.equal(listed.credentials.length, 2);
    assert.ok(!JSON.stringify(listed).includes(added.secret) && !JSON.stringify(listed).includes(client.clientSecret));
    assert.equal((await keyward(['credentials', 'delete', 'two-secrets', added.name])).code, 0);
    assert.equal((await token('two-secrets', added.secret)).status, 401);
    assert.equal((await json(['credentials', 'list', client.name])).credentials.length, 1);

    const { publicKey } = await generateKeyPair('ES256');
    const jwkFile = join(work, 'key.pub.json');
    writeFileSync(jwkFile, JSON.stringify({ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256' }));
    const key = await json(['credentials', 'add', 'public-key', 'two-secrets', '--jwk', jwkFile]);
    assert.equal(key.type, 'PUBLIC_KEY');
    assert.equal((await json(['credentials', 'get', 'two-secrets', key.name])).name, key.name);
    const neither = await keyward(['credentials', 'add', 'public-key', 'two-secrets']);
    assert.equal(neither.code, 64);
    assert.match(neither.stderr, /--jwk FILE or --jwks-uri URL/);
  });

  it('credentials add takes fences; credentials list --unused-for finds credentials not used for that long', async () => {
    const client = await json(['clients', 'create', '--name', 'to prune', '--id', 'to-prune']);
    const fenced = await json(['credentials', 'add', 'secret', 'to-prune', '--allowed-cidrs', '10.0.0.0/8, 2001:db8::/32', '--max-uses', '3']);
    assert.deepEqual([fenced.allowedCidrs, fenced.maxUses, fenced.useCount], [['10.0.0.0/8', '2001:db8::/32'], 3, 0]);
    const widened = await json(['credentials', 'update', 'to-prune', fenced.name, '--allowed-cidrs', '10.0.0.0/8,192.0.2.0/24', '--max-uses', '10']);
    assert.deepEqual([widened.allowedCidrs, widened.maxUses], [['10.0.0.0/8', '192.0.2.0/24'], 10]);
    const cleared = await json(['credentials', 'update', 'to-prune', fenced.name.split('/').pop(), '--max-uses', '']);
    assert.deepEqual([cleared.allowedCidrs, cleared.maxUses], [['10.0.0.0/8', '192.0.2.0/24'], undefined], 'only the fence named changes');
    const nothing = await keyward(['credentials', 'update', 'to-prune', fenced.name]);
    assert.equal(nothing.code, 64);
    assert.match(nothing.stderr, /--allowed-cidrs or --max-uses/);
    assert.equal((await json(['credentials', 'list', 'to-prune', '--unused-for', '1d'])).credentials.length, 0, 'both were made just now');
    assert.equal((await json(['credentials', 'list', 'to-prune', '--unused-for', '1d', '--filter', 'type = "SECRET"'])).credentials.length, 0);
    const all = await json(['credentials', 'list', 'to-prune', '--unused-for', '0s']);
    assert.equal(all.credentials.length, 2, 'the first secret and the fenced one, never used');
    assert.ok(all.credentials.some((c: { name: string }) => c.name === fenced.name));
    const inWorkspace = await json(['credentials', 'list', '--workspace', client.workspace, '--unused-for', '0s', '--all']);
    assert.ok(inWorkspace.credentials.some((c: { name: string }) => c.name === fenced.name));
    const text = await keyward(['credentials', 'list', 'to-prune', '--unused-for', '0s']);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /LAST USE TIME/);
    assert.match(text.stdout, /never/);
    const bad = await keyward(['credentials', 'list', 'to-prune', '--unused-for', 'a month']);
    assert.equal(bad.code, 64);
    assert.match(bad.stderr, /--unused-for takes a duration such as 30d/);
  });

  it('a refused request exits 1 with the problem detail on stderr; --json prints the problem', async () => {
    const refused = await keyward(['clients', 'create', '--name', 'x', '--id', 'no spaces allowed']);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /400 invalid_argument: clientId must be/);
    assert.match(refused.stderr, /clientId: /, 'the field at fault is named');
    assert.equal(refused.stdout, '');
    const asJson = await keyward(['clients', 'create', '--name', 'x', '--id', 'no spaces allowed', '--json']);
    assert.equal(asJson.code, 1);
    assert.equal(JSON.parse(asJson.stderr).code, 'invalid_argument');
  });

  it('a server that cannot be reached exits 2', async () => {
    const port = await closedPort();
    const result = await keyward(['clients', 'list'], { KEYWARD_SERVER: `http://127.0.0.1:${port}` });
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, /cannot reach http:\/\/127\.0\.0\.1:\d+: ECONNREFUSED/);
  });

  it('KEYWARD_SERVER, KEYWARD_CLIENT_ID and KEYWARD_CLIENT_SECRET work without any profile', async () => {
    const result = await keyward(['clients', 'list', '--json'], {
      XDG_CONFIG_HOME: join(work, 'empty'),
      KEYWARD_SERVER: server.url,
      KEYWARD_CLIENT_ID: ADMIN_ID,
      KEYWARD_CLIENT_SECRET: ADMIN_SECRET,
    });
    assert.equal(result.code, 0, result.stderr);
    assert.ok(Array.isArray(JSON.parse(result.stdout).apiClients));
  });

  it('refuses a profiles file that others can read', async () => {
    const dir = join(work, 'loose', 'keyward');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'profiles.json'), JSON.stringify({ profiles: { default: { server: server.url, clientId: ADMIN_ID, clientSecret: ADMIN_SECRET } } }), { mode: 0o644 });
    const result = await keyward(['clients', 'list'], { XDG_CONFIG_HOME: join(work, 'loose') });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /open to others \(mode 644\).*chmod 600/);
  });

  it('clients import from CSV writes the secrets once, to a new 0600 file', async () => {
    const csv = join(work, 'clients.csv');
    writeFileSync(csv, 'displayName,permissions,clientId\nbilling sync,billing.read;billing.write,billing-sync\n"reports, nightly",reports.read,\n');
    const secrets = join(work, 'secrets.jsonl');
    const result = await keyward(['clients', 'import', csv, '--secrets-out', secrets]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(statSync(secrets).mode & 0o777, 0o600);
    const lines = readFileSync(secrets, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    assert.deepEqual(lines.map((l) => l.displayName), ['billing sync', 'reports, nightly']);
    for (const line of lines) {
      assert.ok(!result.stdout.includes(line.clientSecret) && !result.stderr.includes(line.clientSecret), 'secrets go to the file only');
      assert.equal((await token(line.clientId, line.clientSecret)).status, 200);
    }
    assert.deepEqual((await json(['clients', 'get', 'billing-sync'])).permissions, ['billing.read', 'billing.write']);
    assert.match(result.stderr, /importing clients: 2\/2/);

    const jsonFile = join(work, 'clients.json');
    writeFileSync(jsonFile, JSON.stringify([{ displayName: 'from json', permissions: ['a.read'] }]));
    const fromJson = await keyward(['clients', 'import', jsonFile, '--secrets-out', join(work, 'json-secrets.jsonl'), '--json']);
    assert.equal(fromJson.code, 0, fromJson.stderr);
    assert.deepEqual(JSON.parse(fromJson.stdout).apiClients.map((c: { permissions: string[] }) => c.permissions), [['a.read']]);
    const badRow = await keyward(['clients', 'import', jsonFile.replace('.json', '-bad.json'), '--secrets-out', join(work, 'never.jsonl')]);
    assert.equal(badRow.code, 64);
    assert.ok(!existsSync(join(work, 'never.jsonl')), 'a file that cannot be read creates no secrets file');

    const again = await keyward(['clients', 'import', csv, '--secrets-out', secrets]);
    assert.equal(again.code, 64, 'an existing secrets file is never written over');
    assert.match(again.stderr, /exists/);
  });

  it('roles, workspaces (and settings), organizations, providers and webhooks', async () => {
    const role = await json(['roles', 'create', '--name', 'readers', '--permissions', 'docs.read', '--id', 'readers']);
    assert.equal(role.name, 'roles/readers');
    assert.deepEqual((await json(['roles', 'update', 'roles/readers', '--permissions', 'docs.read,docs.list'])).permissions, ['docs.read', 'docs.list']);
    assert.ok((await json(['roles', 'list'])).roles.some((r: { name: string }) => r.name === 'roles/readers'));
    assert.equal((await keyward(['roles', 'delete', 'readers'])).code, 0);
    assert.equal((await keyward(['roles', 'get', 'readers'])).code, 1);

    const workspace = await json(['workspaces', 'create', '--name', 'team a', '--ext-ref', 'ext-1']);
    assert.deepEqual(await json(['workspaces', 'get', workspace.name]), await apiGet(`/v1/${workspace.name}`));
    const settings = await json(['workspaces', 'settings', workspace.id, '--set', 'region=eu', '--set', 'tier=gold']);
    assert.equal(JSON.stringify(settings).includes('"region"'), true);
    const unset = await json(['workspaces', 'settings', workspace.id, '--unset', 'tier']);
    assert.equal(JSON.stringify(unset).includes('"tier"'), false);

    assert.ok((await json(['organizations', 'list'])).organizations.length >= 1);
    const provider = await json(['providers', 'create', '--name', 'ci', '--issuer', 'https://token.actions.githubusercontent.com', '--jwks-uri', 'https://token.actions.githubusercontent.com/.well-known/jwks']);
    assert.equal((await json(['providers', 'get', provider.name])).issuer, 'https://token.actions.githubusercontent.com');
    assert.equal((await keyward(['providers', 'delete', provider.name])).code, 0);

    const hook = await json(['webhooks', 'create', '--url', 'https://hooks.example/keyward', '--event-types', 'client.created']);
    assert.match(hook.signingSecret, /^whsec_/);
    assert.deepEqual((await json(['webhooks', 'deliveries', hook.name])).deliveries, []);
    assert.equal((await keyward(['webhooks', 'delete', hook.name])).code, 0);
  });

  it('clients delegation show and set: set changes the members named; a malformed scope exits 1 with the problem detail', async () => {
    const provider = await json(['providers', 'create', '--name', 'staff sign-in', '--issuer', 'https://token.actions.githubusercontent.com', '--jwks-uri', 'https://token.actions.githubusercontent.com/.well-known/jwks']);
    await json(['clients', 'create', '--name', 'assistant', '--id', 'assistant', '--permissions', 'docs.read,docs.write']);
    assert.deepEqual(await json(['clients', 'delegation', 'show', 'assistant']), { allowed: false, providers: [], subjects: [], maxScope: [] });

    const set = await json(['clients', 'delegation', 'set', 'assistant', '--allowed', 'true', '--providers', provider.name.split('/')[1], '--max-scope', 'docs.read']);
    assert.deepEqual(set, { allowed: true, providers: [provider.name], subjects: [], maxScope: ['docs.read'] });
    const withSubjects = await json(['clients', 'delegation', 'set', 'assistant', '--subjects', 'alice,bob']);
    assert.deepEqual(withSubjects, { allowed: true, providers: [provider.name], subjects: ['alice', 'bob'], maxScope: ['docs.read'] }, 'the other members stay');
    const client = await json(['clients', 'get', 'assistant']);
    assert.deepEqual((await apiGet(`/v1/${client.name}`)).delegation, withSubjects);

    const text = await keyward(['clients', 'delegation', 'show', 'assistant']);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /^allowed\s+true$/m);
    assert.match(text.stdout, /^subjects\s+alice,bob$/m);

    const refused = await keyward(['clients', 'delegation', 'set', 'assistant', '--max-scope', 'docs"read']);
    assert.equal(refused.code, 1, refused.stderr);
    assert.match(refused.stderr, /400 invalid_argument: .*\n\s+delegation\.maxScope: /);
    assert.deepEqual((await apiGet(`/v1/${client.name}`)).delegation, withSubjects, 'a refused policy writes nothing');
    const unknownProvider = await keyward(['clients', 'delegation', 'set', 'assistant', '--providers', 'prv_nosuchprovider']);
    assert.equal(unknownProvider.code, 1);
    assert.match(unknownProvider.stderr, /delegation\.providers: name providers that exist/);

    for (const args of [['--allowed', 'maybe'], [], ['--json']]) {
      const usage = await keyward(['clients', 'delegation', 'set', 'assistant', ...args]);
      assert.equal(usage.code, 64, `${args.join(' ')}: ${usage.stderr}`);
    }
    assert.equal((await keyward(['clients', 'delegation', 'frobnicate', 'assistant'])).code, 64);
    const emptied = await json(['clients', 'delegation', 'set', 'assistant', '--allowed', 'false', '--providers', '', '--subjects', '']);
    assert.deepEqual(emptied, { allowed: false, providers: [], subjects: [], maxScope: ['docs.read'] });
  });

  it('credentials add federated takes exact claims, globs and an audience; a credential of globs alone is refused in the API words', async () => {
    const provider = await json(['providers', 'create', '--name', 'gitlab', '--issuer', 'https://gitlab.com', '--jwks-uri', 'https://gitlab.com/oauth/discovery/keys']);
    await json(['clients', 'create', '--name', 'deployer', '--id', 'deployer']);
    const added = await json([
      'credentials', 'add', 'federated', 'deployer', '--provider', provider.name, '--name', 'release deploys',
      '--claim', 'repository=acme/app', '--claim', 'environment=prod', '--claim', 'environment=staging',
      '--claim-pattern', 'ref=refs/heads/release/*', '--audience', 'https://keyward.example.com/deploy',
    ]);
    assert.equal(added.type, 'FEDERATED');
    assert.equal(added.subject, '*', 'left out, the subject is any: the exact claims decide');
    assert.deepEqual([added.claimConditions, added.claimPatterns, added.audience], [
      { repository: 'acme/app', environment: ['prod', 'staging'] },
      { ref: 'refs/heads/release/*' },
      'https://keyward.example.com/deploy',
    ]);
    const table = await keyward(['credentials', 'list', 'deployer']);
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /MATCHES/);
    assert.match(table.stdout, /sub=\* repository=acme\/app environment=prod\|staging ref~refs\/heads\/release\/\* aud=https:\/\/keyward\.example\.com\/deploy/);

    const globsOnly = await keyward(['credentials', 'add', 'federated', 'deployer', '--provider', provider.name, '--claim-pattern', 'sub=repo:acme/*']);
    assert.equal(globsOnly.code, 1, globsOnly.stderr);
    assert.match(globsOnly.stderr, /400 invalid_argument: .*exact/);
    const badPair = await keyward(['credentials', 'add', 'federated', 'deployer', '--provider', provider.name, '--claim', 'no-equals-sign']);
    assert.equal(badPair.code, 64);
    assert.match(badPair.stderr, /--claim takes claim=value/);
    assert.equal((await json(['credentials', 'list', 'deployer'])).credentials.filter((c: { type: string }) => c.type === 'FEDERATED').length, 1, 'the refusals wrote nothing');
  });

  it('providers create and update --jwks pin a key set read from a file; a private key is refused', async () => {
    const pair = await generateKeyPair('ES256', { extractable: true });
    const bundle = join(work, 'bundle.json');
    writeFileSync(bundle, JSON.stringify({ keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'spire-1', use: 'sig' }] }));
    const provider = await json(['providers', 'create', '--name', 'spire', '--issuer', 'https://spire.example.org', '--jwks', bundle]);
    assert.equal(provider.jwksUri, null);
    assert.deepEqual(provider.jwks.keys.map((k: { kid: string }) => k.kid), ['spire-1']);

    const rotated = join(work, 'bundle-2.json');
    writeFileSync(rotated, JSON.stringify({ keys: [{ ...(await exportJWK((await generateKeyPair('ES256', { extractable: true })).publicKey)), kid: 'spire-2' }] }));
    const updated = await json(['providers', 'update', provider.name, '--jwks', rotated]);
    assert.deepEqual(updated.jwks.keys.map((k: { kid: string }) => k.kid), ['spire-2']);

    const leaked = join(work, 'bundle-private.json');
    writeFileSync(leaked, JSON.stringify({ keys: [{ ...(await exportJWK(pair.privateKey)), kid: 'spire-3' }] }));
    const refused = await keyward(['providers', 'update', provider.name, '--jwks', leaked]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /jwks\.keys\.0: /);
    const missingFile = await keyward(['providers', 'update', provider.name, '--jwks', join(work, 'no-such-bundle.json')]);
    assert.equal(missingFile.code, 64);
    assert.match(missingFile.stderr, /--jwks takes a file holding a JWKS/);
    assert.deepEqual((await apiGet(`/v1/${provider.name}`)).jwks, updated.jwks, 'the refusals changed nothing');
  });

  it('registration-tokens issue (shown once), list and revoke; the registration policy is a workspace setting', async () => {
    const workspace = await json(['workspaces', 'create', '--name', 'partners']);
    await json(['workspaces', 'settings', workspace.id, '--set', 'registration_scopes=orders.read orders.write', '--set', 'registration_auth_methods=client_secret_basic']);
    const badPolicy = await keyward(['workspaces', 'settings', workspace.id, '--set', 'registration_scopes=keyward:admin']);
    assert.equal(badPolicy.code, 1);
    assert.match(badPolicy.stderr, /keyward:\* admin permissions/);

    const issued = await json(['registration-tokens', 'issue', workspace.name, '--name', 'onboarding', '--uses', '2']);
    assert.match(issued.token, /^kwiat_/);
    assert.equal(issued.usesRemaining, 2);
    const register = (initialAccessToken: string) =>
      fetch(`${server.url}/oauth/register`, {
        method: 'POST',
        headers: { authorization: `Bearer ${initialAccessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ client_name: 'Partner sync', scope: 'orders.read' }),
      });
    assert.equal((await register(issued.token)).status, 201);

    const listed = await json(['registration-tokens', 'list', workspace.id]);
    assert.deepEqual(listed.registrationTokens.map((t: { name: string; usesRemaining: number }) => [t.name, t.usesRemaining]), [[issued.name, 1]]);
    assert.ok(!JSON.stringify(listed).includes(issued.token), 'a list never holds the token');
    assert.deepEqual(await json(['registration-tokens', 'list', workspace.id, '--all']), { ...listed, nextPageToken: '' });
    const table = await keyward(['registration-tokens', 'list', workspace.id]);
    assert.match(table.stdout, /^ID\s+DISPLAY NAME\s+HINT\s+USES LEFT/);

    const forPeople = await keyward(['registration-tokens', 'issue', workspace.id]);
    assert.equal(forPeople.code, 0, forPeople.stderr);
    const shown = /^token\s+(kwiat_\S+)\s+\(shown once; store it now\)$/m.exec(forPeople.stdout);
    assert.ok(shown, forPeople.stdout);
    assert.equal((await register(shown[1])).status, 201);

    const tooLong = await keyward(['registration-tokens', 'issue', workspace.id, '--expire-time', '2099-01-01T00:00:00Z']);
    assert.equal(tooLong.code, 1);
    assert.match(tooLong.stderr, /expireTime: must be in the future and at most 90 days ahead/);

    const revoked = await keyward(['registration-tokens', 'revoke', issued.name]);
    assert.equal(revoked.code, 0, revoked.stderr);
    assert.match(revoked.stdout, /revoked workspaces\/.+\/registrationTokens\/.+; it registers no more clients/);
    assert.equal((await register(issued.token)).status, 401);
    const again = await keyward(['registration-tokens', 'revoke', workspace.id, issued.name.split('/').pop()]);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /404 not_found: Registration token/);
    assert.equal((await keyward(['registration-tokens', 'issue'])).code, 64);
  });

  it('audit list and keys rotate', async () => {
    const events = await json(['audit', 'list', '--type', 'client.created', '--page-size', '5']);
    assert.ok(events.auditEvents.length > 0);
    assert.ok(events.auditEvents.every((e: { type: string }) => e.type === 'client.created'));
    const rotated = await json(['keys', 'rotate']);
    assert.match(rotated.activeKey, /^key_/);
  });

  it('audit list --follow prints new events as they happen, until interrupted', async () => {
    const child = spawn(process.execPath, ['dist/cli/main.js', 'audit', 'list', '--follow', '--interval', '1', '--type', 'client.created', '--json', '--page-size', '1'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, XDG_CONFIG_HOME: config },
    });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const waitFor = async (test: () => boolean) => {
      for (let i = 0; i < 100 && !test(); i++) await new Promise((r) => setTimeout(r, 100));
      assert.ok(test(), stdout);
    };
    await waitFor(() => stdout.includes('\n'));
    const created = await json(['clients', 'create', '--name', 'followed']);
    await waitFor(() => stdout.includes(created.name));
    child.kill('SIGINT');
    assert.equal(await exited, 0);
    const events = stdout.trim().split('\n').map((line) => JSON.parse(line));
    assert.equal(new Set(events.map((e) => e.sequence)).size, events.length, 'no event printed twice');
  });

  it('backup copies the SQLite database while the server runs (PostgreSQL: refused, naming pg_dump)', async () => {
    const target = join(work, 'backup.sqlite');
    const result = await keyward(['backup', target]);
    if (databaseUrl) {
      assert.equal(result.code, 64);
      assert.match(result.stderr, /pg_dump/);
      return;
    }
    assert.equal(result.code, 0, result.stderr);
    const copy = new Database(target, { readonly: true });
    try {
      const ids = copy.prepare('select client_id from api_clients').all().map((r) => (r as { client_id: string }).client_id);
      assert.ok(ids.includes(ADMIN_ID) && ids.includes('billing-sync'), ids.join(' '));
    } finally {
      copy.close();
    }
    const again = await keyward(['backup', target]);
    assert.equal(again.code, 64, 'a backup never overwrites');
  });
});
