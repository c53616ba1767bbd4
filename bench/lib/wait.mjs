// Readiness: a server counts as started only once it answers; a process that exits first
// is reported with its exit status instead of a timeout.
import net from 'node:net';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function exitedError(handle) {
  const { code, signal, error } = handle.exited;
  return new Error(`exited before it was ready (${error ? error.message : `code ${code}, signal ${signal}`}); log: ${handle.logFile}`);
}

function canConnect(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function waitForPort(handle, port, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (handle.exited) throw exitedError(handle);
    if (await canConnect(port)) return elapsedSeconds(handle);
    await sleep(20);
  }
  throw new Error(`did not listen on port ${port} within ${timeoutMs / 1000} s`);
}

/** Polls often, because the time to the first 200 is itself a reported figure. */
export async function waitForHttp200(handle, url, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (handle.exited) throw exitedError(handle);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.status === 200) return elapsedSeconds(handle);
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = error.cause?.code ?? error.message;
    }
    await sleep(10);
  }
  throw new Error(`${new URL(url).pathname} did not answer 200 within ${timeoutMs / 1000} s (last: ${last})`);
}

function elapsedSeconds(handle) {
  return Number(process.hrtime.bigint() - handle.startedAt) / 1e9;
}
