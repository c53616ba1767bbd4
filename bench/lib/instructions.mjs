// Instruction counts. Throughput and even CPU time per request move with whatever else a
// shared machine runs (the same build measured 0.68× and 1.32× its reference within minutes);
// the number of instructions a server executes per request does not. callgrind counts them:
// the server runs under valgrind with counting off while it starts and warms up, and on for
// a fixed number of requests.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import autocannon from 'autocannon';

const run = promisify(execFile);

/** Few connections: the server runs about fifty times slower while counted. */
const CONNECTIONS = 8;

export async function valgrindVersion() {
  try {
    const { stdout } = await run('valgrind', ['--version']);
    await run('callgrind_control', ['--version']);
    return stdout.trim();
  } catch {
    return null;
  }
}

// callgrind_control reaches the server through a pipe whose name both sides build from
// LOGNAME and HOST; where those are unset (a container, CI) the two sides can disagree, so
// both are given the same.
const VGDB_ENV = { LOGNAME: 'keyward-bench', HOST: 'localhost' };

/** The command prefix that starts a server under callgrind with counting off. */
export function callgrindWrapper(outDir) {
  fs.mkdirSync(outDir, { recursive: true });
  return [
    'env', ...Object.entries(VGDB_ENV).map(([name, value]) => `${name}=${value}`),
    'valgrind', '--tool=callgrind', '--instr-atstart=no', '--separate-threads=yes',
    `--callgrind-out-file=${path.join(outDir, 'callgrind.%p')}`,
  ];
}

async function control(pid, ...args) {
  const { stdout, stderr } = await run('callgrind_control', [...args, String(pid)], { env: { ...process.env, ...VGDB_ENV } });
  if (!/\bOK\b/.test(stdout) || /error|failed/i.test(stderr)) {
    throw new Error(`callgrind_control ${args.join(' ')} ${pid}: ${(stderr || stdout).trim().split('\n').at(-1)}`);
  }
}

function load({ url, request, amount }) {
  const { path: requestPath, ...rest } = request;
  const options = { url: requestPath ? new URL(requestPath, url).href : url, connections: CONNECTIONS, amount, timeout: 60, ...rest };
  return new Promise((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

/**
 * The instruction totals of the newest dump of `pid`: the main thread's
 * (`callgrind.<pid>.<dump>-01`) and all threads' together. Each file's total is its
 * `summary:` line (`totals:` in older dumps).
 */
function lastDumpTotals(outDir, pid) {
  const threadDump = new RegExp(`^callgrind\\.${pid}\\.(\\d+)-(\\d+)$`);
  const dumps = fs.readdirSync(outDir).map((name) => ({ name, match: threadDump.exec(name) })).filter(({ match }) => match);
  if (dumps.length === 0) throw new Error(`callgrind wrote no dump for process ${pid} in ${outDir}`);
  const newest = Math.max(...dumps.map(({ match }) => Number(match[1])));
  let main = null;
  let all = 0;
  for (const { name, match } of dumps.filter(({ match }) => Number(match[1]) === newest)) {
    const total = /^(?:summary|totals):\s+(\d+)/m.exec(fs.readFileSync(path.join(outDir, name), 'utf8'));
    if (!total) throw new Error(`no instruction total in ${name}`);
    all += Number(total[1]);
    if (Number(match[2]) === 1) main = Number(total[1]);
  }
  if (main === null) throw new Error(`no main-thread dump for process ${pid} in ${outDir}`);
  return { main, all };
}

/**
 * `warmupRequests` uncounted (the JIT compiles the hot paths), then `requests` counted.
 * The main thread's count is the figure: it runs the event loop, so its work per request
 * bounds what one process serves. The other threads (V8's background compiler and garbage
 * collector helpers, the libuv pool, worker threads) run on other cores; their sum is reported
 * beside it, with a caveat: valgrind runs one thread at a time, so their work falls behind and
 * lands in whichever window comes next.
 */
export async function measureInstructions({ url, request, pid, outDir, warmupRequests, requests }) {
  await load({ url, request, amount: warmupRequests });
  await control(pid, '--instr=on');
  await control(pid, '--zero');
  const result = await load({ url, request, amount: requests });
  await control(pid, '--dump');
  await control(pid, '--instr=off');
  const statusCodes = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([code, { count }]) => [code, count]),
  );
  const completed = result['2xx'];
  const totals = lastDumpTotals(outDir, pid);
  return {
    instructionsPerRequest: completed > 0 ? totals.main / completed : null,
    allThreadsPerRequest: completed > 0 ? totals.all / completed : null,
    completed,
    errors: result.non2xx + result.errors,
    timeouts: result.timeouts,
    statusCodes,
  };
}
