// The SDK's access-token verifier against bare jose.jwtVerify, in this process: no HTTP, so the
// figure is the verifier's own cost per token. Both sides verify the same N distinct ES256
// tokens in turn, in rounds that alternate which side goes first. Each round gives a ratio of
// the two sides' CPU time (process.cpuUsage: time waiting for a core on a shared machine does
// not count); the figure is the median round's, as throughput (bare ÷ SDK CPU time, so 0.90×
// means the SDK verifies at 90 % of bare jose's rate).
//
// The SDK side runs everything an integrator gets: the remote key set (served once from memory
// through the verifier's `fetch` option, then cached), RFC 9068 checks (typ, iss, aud, exp and
// the required claims) and a required scope. The bare side is the floor: a local public key
// and issuer and audience only.
//
//   node bench/verifier.mjs [--short]      (after npm run build, which builds packages/sdk)
import { performance } from 'node:perf_hooks';
import { exportJWK, generateKeyPair, jwtVerify, SignJWT } from 'jose';

const ISSUER = 'https://keyward.bench';
const AUDIENCE = 'https://api.bench';

export async function verifierBench({ short = false } = {}) {
  const { createVerifier } = await import('../packages/sdk/dist/index.js');
  const tokenCount = short ? 500 : 2_000;
  const rounds = short ? 6 : 20;
  const { publicKey, privateKey } = await generateKeyPair('ES256');
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'bench', alg: 'ES256', use: 'sig' }] };
  const now = Math.floor(Date.now() / 1000);
  const tokens = await Promise.all(
    Array.from({ length: tokenCount }, (_, i) =>
      new SignJWT({ client_id: `kwc_${i}`, scope: 'reports.read reports.write', org_id: 'org_root' })
        .setProtectedHeader({ alg: 'ES256', kid: 'bench', typ: 'at+jwt' })
        .setIssuer(ISSUER).setSubject(`kwc_${i}`).setAudience(AUDIENCE).setJti(`jti-${i}`)
        .setIssuedAt(now).setExpirationTime(now + 3600)
        .sign(privateKey),
    ),
  );
  let keySetFetches = 0;
  const verifier = createVerifier({
    issuer: ISSUER,
    audience: AUDIENCE,
    fetch: async () => {
      keySetFetches++;
      return new Response(JSON.stringify(jwks), { headers: { 'content-type': 'application/json' } });
    },
  });
  const sides = {
    sdk: (token) => verifier.verifyAccessToken(token, { scopes: ['reports.read'] }),
    bare: (token) => jwtVerify(token, publicKey, { issuer: ISSUER, audience: AUDIENCE }),
  };
  const wall = { sdk: 0, bare: 0 };
  const pass = async (side) => {
    const started = performance.now();
    const cpu = process.cpuUsage();
    for (const token of tokens) await sides[side](token);
    const used = process.cpuUsage(cpu);
    wall[side] += performance.now() - started;
    return used.user + used.system;
  };
  // Warm-up: JIT, the key import, the key-set fetch.
  await pass('sdk');
  await pass('bare');
  wall.sdk = wall.bare = 0;
  const ratios = [];
  for (let round = 0; round < rounds; round++) {
    const cpu = {};
    for (const side of round % 2 ? ['bare', 'sdk'] : ['sdk', 'bare']) cpu[side] = await pass(side);
    ratios.push(cpu.bare / cpu.sdk);
  }
  ratios.sort((a, b) => a - b);
  const opsPerSecond = (side) => (tokenCount * rounds * 1000) / wall[side];
  return { tokenCount, rounds, sdk: opsPerSecond('sdk'), bare: opsPerSecond('bare'), ratio: ratios[Math.floor(rounds / 2)], keySetFetches };
}

export function renderVerifierTable(result) {
  const f = (x) => Math.round(x).toLocaleString('en-US');
  return [
    `Verifier, in process, ES256, ${result.tokenCount} distinct tokens × ${result.rounds} rounds (key set fetched ${result.keySetFetches}×):`,
    '',
    '| verifier | verifications/s (wall) | ratio (median round, CPU time) |',
    '|---|---:|---|',
    `| @keyward/sdk createVerifier (remote key set, RFC 9068 checks, scope) | ${f(result.sdk)} | ${result.ratio.toFixed(2)}× bare jose |`,
    `| jose.jwtVerify, local key, iss + aud | ${f(result.bare)} | 1.00 (reference) |`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(`${renderVerifierTable(await verifierBench({ short: process.argv.includes('--short') }))}\n`);
}
