import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics. Labels carry route patterns and outcomes only, never ids or secrets. */
export class Metrics {
  readonly registry = new Registry();
  readonly requests = new Histogram({
    name: 'keyward_http_request_duration_seconds',
    help: 'HTTP request duration by route and status class.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });
  readonly tokensIssued = new Counter({ name: 'keyward_tokens_issued_total', help: 'Access tokens issued.', registers: [this.registry] });
  readonly authFailures = new Counter({
    name: 'keyward_client_auth_failures_total',
    help: 'Failed client authentications at OAuth endpoints.',
    registers: [this.registry],
  });

  /** Labelled children by method, route and status class: prom-client hashes labels on every lookup otherwise. */
  readonly #children = new Map<string, { observe(value: number): void }>();

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'keyward_' });
  }

  observeRequest(method: string, route: string, statusCode: number, seconds: number) {
    const status = statusCode < 200 ? '1xx' : statusCode < 300 ? '2xx' : statusCode < 400 ? '3xx' : statusCode < 500 ? '4xx' : '5xx';
    const key = `${method} ${route} ${status}`;
    let child = this.#children.get(key);
    if (!child) {
      child = this.requests.labels(method, route, status);
      this.#children.set(key, child);
    }
    child.observe(seconds);
  }
}
