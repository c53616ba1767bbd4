// A fixed offered load, for latency at a given rate. autocannon's own rate limit sends each
// connection's quota for the second in one burst when its one-second timer fires, and all the
// timers fire together, so "1,000 req/s" arrives as 1,000 requests at once and p99 measures
// the queue behind them. Here requests leave evenly spaced (open loop: a slow answer does not
// delay the next request), over a pool of keep-alive connections.
import http from 'node:http';
import { CONNECTIONS } from './load.mjs';

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)];
}

export async function measurePaced({ url, request, rate, durationSeconds, warmupSeconds, connections = CONNECTIONS, cpu = () => null }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  // `paths` visits several URLs in turn (the pages of a listing); `path` repeats one.
  const targets = (request.paths ?? [request.path]).map((p) => new URL(p, url));
  let sentTotal = 0;
  const body = request.body === undefined ? null : Buffer.from(request.body);
  const headers = { ...request.headers };
  if (body) headers['content-length'] = String(body.length);

  const send = () => new Promise((resolve) => {
    const target = targets[sentTotal++ % targets.length];
    const started = process.hrtime.bigint();
    const elapsed = () => Number(process.hrtime.bigint() - started) / 1e6;
    const outgoing = http.request({
      agent,
      host: target.hostname,
      port: target.port,
      path: `${target.pathname}${target.search}`,
      method: request.method ?? 'GET',
      headers,
      timeout: 10_000,
    }, (response) => {
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode, ms: elapsed() }));
      response.on('error', () => resolve({ status: 0, ms: elapsed() }));
    });
    outgoing.on('timeout', () => outgoing.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
    outgoing.on('error', (error) => resolve({ status: 0, ms: elapsed(), timeout: error.code === 'TIMEOUT' }));
    outgoing.end(body ?? undefined);
  });

  async function phase(seconds, record) {
    const total = Math.round(rate * seconds);
    const pending = [];
    const start = process.hrtime.bigint();
    let sent = 0;
    await new Promise((resolve) => {
      // A 1 ms timer releases whatever is due, so spacing is exact on average and off by
      // at most a millisecond per request.
      const timer = setInterval(() => {
        const due = Math.min(total, Math.floor((Number(process.hrtime.bigint() - start) / 1e9) * rate) + 1);
        for (; sent < due; sent++) pending.push(send().then(record));
        if (sent >= total) {
          clearInterval(timer);
          resolve();
        }
      }, 1);
    });
    await Promise.all(pending);
    return Number(process.hrtime.bigint() - start) / 1e9;
  }

  try {
    if (warmupSeconds > 0) await phase(warmupSeconds, () => {});
    const latencies = [];
    const statusCodes = {};
    let errors = 0;
    let timeouts = 0;
    let completed = 0;
    const cpuBefore = cpu();
    const seconds = await phase(durationSeconds, ({ status, ms, timeout }) => {
      if (status) statusCodes[status] = (statusCodes[status] ?? 0) + 1;
      if (status >= 200 && status <= 299) {
        completed += 1;
        latencies.push(ms);
      } else {
        errors += 1;
        if (timeout) timeouts += 1;
      }
    });
    const cpuAfter = cpu();
    latencies.sort((a, b) => a - b);
    return {
      requestsPerSecond: completed / seconds,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      errors,
      timeouts,
      statusCodes,
      completed,
      cpuSeconds: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore,
    };
  } finally {
    agent.destroy();
  }
}
