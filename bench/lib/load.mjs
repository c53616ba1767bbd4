// autocannon, driven programmatically from the orchestrator: the servers are child
// processes, so load generation never shares an event loop with the server under test.
import autocannon from 'autocannon';

export const CONNECTIONS = 50;

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)];
}

function once(options, recordLatencies) {
  let latencies = new Float64Array(1 << 16);
  let count = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (error, result) => {
      if (error) reject(error);
      else resolve({ result, latencies: latencies.subarray(0, count) });
    });
    if (recordLatencies) {
      // autocannon's own histogram has a resolution of 1 ms, too coarse for a route that
      // answers in 2 ms; the response event carries the exact time.
      instance.on('response', (_client, statusCode, _bytes, responseTime) => {
        if (statusCode < 200 || statusCode > 299) return;
        if (count === latencies.length) {
          const grown = new Float64Array(latencies.length * 2);
          grown.set(latencies);
          latencies = grown;
        }
        latencies[count++] = responseTime;
      });
    }
  });
}

/**
 * One measured run, preceded by a warm-up whose figures are dropped (the first second of a
 * Node server is spent compiling, and would weigh on a short run).
 *
 * `request` is an autocannon request (`method`, `path`, `headers`, `body`, or `requests`
 * for per-request bodies). `overallRate` fixes the offered load instead of saturating.
 */
export async function measure({ url, request, durationSeconds, warmupSeconds, overallRate, connections = CONNECTIONS, cpu = () => null }) {
  // autocannon takes the path from the URL, not from a top-level `path`.
  const { path, ...rest } = request;
  const base = {
    url: path ? new URL(path, url).href : url,
    connections,
    ...rest,
    ...(overallRate ? { overallRate } : {}),
  };
  if (warmupSeconds > 0) await once({ ...base, duration: warmupSeconds }, false);
  const cpuBefore = cpu();
  const { result, latencies } = await once({ ...base, duration: durationSeconds }, true);
  const cpuAfter = cpu();
  const sorted = Float64Array.from(latencies).sort();
  const seconds = result.duration > 0 ? result.duration : durationSeconds;
  const statusCodes = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([code, { count }]) => [code, count]),
  );
  return {
    requestsPerSecond: result['2xx'] / seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    // autocannon counts timeouts among its errors, next to refused and reset connections.
    errors: result.non2xx + result.errors,
    timeouts: result.timeouts,
    statusCodes,
    completed: result['2xx'],
    seconds,
    cpuSeconds: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore,
  };
}
