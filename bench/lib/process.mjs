// Server processes: each is started in its own process group so that stopping it also stops
// the workers it may have forked, and nothing else.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts `node <args>` with its output in `logFile`, behind `wrapper` (a command such as
 * valgrind and its options) when one is given. The returned handle tracks the exit so that
 * waiting for readiness can fail fast instead of timing out.
 */
export function startServer({ name, args, env, cwd, logFile, wrapper = [] }) {
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const log = fs.openSync(logFile, 'a');
  const startedAt = process.hrtime.bigint();
  const [command, ...commandArgs] = [...wrapper, process.execPath, ...args];
  const child = spawn(command, commandArgs, {
    cwd,
    env,
    stdio: ['ignore', log, log],
    detached: true,
  });
  fs.closeSync(log);
  const handle = {
    name,
    child,
    pid: child.pid,
    logFile,
    startedAt,
    exited: null,
  };
  handle.exitPromise = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      handle.exited = { code, signal };
      resolve(handle.exited);
    });
    child.on('error', (error) => {
      handle.exited = { code: null, signal: null, error };
      resolve(handle.exited);
    });
  });
  return handle;
}

function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch (error) {
    if (error.code !== 'ESRCH') throw error;
  }
}

function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM first, so that servers can flush and close their store; SIGKILL if they hang. */
export async function stopServer(handle, graceMs = 10_000) {
  if (!handle) return;
  if (!handle.exited) signalGroup(handle.pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  await Promise.race([handle.exitPromise, new Promise((resolve) => setTimeout(resolve, graceMs))]);
  // Forked workers may outlive their primary for a moment.
  while (groupAlive(handle.pid) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  if (groupAlive(handle.pid)) signalGroup(handle.pid, 'SIGKILL');
  await handle.exitPromise;
}

function childrenOf(pid) {
  const result = [];
  let tasks;
  try {
    tasks = fs.readdirSync(`/proc/${pid}/task`);
  } catch {
    return result;
  }
  for (const tid of tasks) {
    try {
      const text = fs.readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim();
      if (text) result.push(...text.split(/\s+/).map(Number));
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return result;
}

function vmRssKb(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

function processTree(pid) {
  const pids = [];
  const pending = [pid];
  while (pending.length > 0) {
    const current = pending.pop();
    if (pids.includes(current)) continue;
    pids.push(current);
    pending.push(...childrenOf(current));
  }
  return pids;
}

// /proc counts CPU time in clock ticks; 100 per second on every Linux this runs on.
const TICKS_PER_SECOND = 100;

/**
 * CPU time (user + system, all threads) the server and its forked workers have used so far,
 * in seconds; null without /proc. CPU time per request is the figure a busy neighbour
 * disturbs least: it does not count the time the server waited for a core.
 */
export function cpuSeconds(pid) {
  if (!fs.existsSync(`/proc/${pid}/stat`)) return null;
  let ticks = 0;
  for (const current of processTree(pid)) {
    try {
      const stat = fs.readFileSync(`/proc/${current}/stat`, 'utf8');
      // The command name is in parentheses and may hold spaces; utime and stime are the 12th
      // and 13th fields after it.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return ticks / TICKS_PER_SECOND;
}

/**
 * Resident memory of the server and every process it forked (KEYWARD_WORKERS), in MB.
 * Returns null where /proc is not available rather than a misleading zero.
 */
export function residentMemoryMb(pid) {
  if (!fs.existsSync(`/proc/${pid}/status`)) return null;
  let totalKb = 0;
  const pending = [pid];
  const seen = new Set();
  while (pending.length > 0) {
    const current = pending.pop();
    if (seen.has(current)) continue;
    seen.add(current);
    totalKb += vmRssKb(current);
    pending.push(...childrenOf(current));
  }
  return totalKb / 1024;
}

export function tail(file, lines = 30) {
  try {
    const text = fs.readFileSync(file, 'utf8');
    return text.split('\n').slice(-lines - 1).join('\n');
  } catch {
    return '(no log)';
  }
}
