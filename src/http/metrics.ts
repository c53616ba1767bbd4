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

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'keyward_' });
  }
}
