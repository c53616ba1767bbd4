import { Counter, Gauge, Registry, collectDefaultMetrics, type Metric } from 'prom-client';

const DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];
const STATUS_CLASSES = ['1xx', '2xx', '3xx', '4xx', '5xx'] as const;

/** One labelled series of the request histogram: plain numbers, summed into buckets at scrape time. */
class DurationSeries {
  readonly counts = new Float64Array(DURATION_BUCKETS.length + 1);
  sum = 0;
  count = 0;

  constructor(readonly labels: { method: string; route: string; status: string }) {}

  observe(seconds: number) {
    let i = 0;
    while (i < DURATION_BUCKETS.length && seconds > DURATION_BUCKETS[i]!) i++;
    this.counts[i]!++;
    this.sum += seconds;
    this.count++;
  }
}

/** The request histogram of one route, handed to that route's own hook when it is registered. */
export class RouteDurations {
  readonly #byMethod = new Map<string, (DurationSeries | undefined)[]>();

  constructor(
    private readonly route: string,
    private readonly all: DurationSeries[],
  ) {}

  observe(method: string, statusCode: number, seconds: number) {
    let byClass = this.#byMethod.get(method);
    if (!byClass) this.#byMethod.set(method, (byClass = []));
    const statusClass = Math.min(Math.max(Math.floor(statusCode / 100), 1), 5) - 1;
    let series = byClass[statusClass];
    if (!series) {
      series = new DurationSeries({ method, route: this.route, status: STATUS_CLASSES[statusClass]! });
      byClass[statusClass] = series;
      this.all.push(series);
    }
    series.observe(seconds);
  }
}

/**
 * keyward_http_request_duration_seconds, in Prometheus' histogram format. prom-client's
 * Histogram hashes its label set on every observation, which costs about a microsecond, more
 * than the JWKS handler itself; this one resolves the series once per route and counts into
 * an array, and prom-client's registry formats it like any other metric.
 */
class RequestDurationHistogram {
  readonly name = 'keyward_http_request_duration_seconds';
  readonly help = 'HTTP request duration by route and status class.';
  readonly type = 'histogram' as const;
  readonly aggregator = 'sum' as const;
  readonly #series: DurationSeries[] = [];
  readonly #byRoute = new Map<string, RouteDurations>();

  /** One per pattern: the apps of two listeners share a route's series instead of repeating it. */
  forRoute(route: string) {
    let durations = this.#byRoute.get(route);
    if (!durations) this.#byRoute.set(route, (durations = new RouteDurations(route, this.#series)));
    return durations;
  }

  get() {
    const values: { metricName: string; labels: Record<string, string | number>; value: number }[] = [];
    for (const series of this.#series) {
      let cumulative = 0;
      DURATION_BUCKETS.forEach((le, i) => {
        cumulative += series.counts[i]!;
        values.push({ metricName: `${this.name}_bucket`, labels: { ...series.labels, le }, value: cumulative });
      });
      values.push({ metricName: `${this.name}_bucket`, labels: { ...series.labels, le: '+Inf' }, value: series.count });
      values.push({ metricName: `${this.name}_sum`, labels: series.labels, value: series.sum });
      values.push({ metricName: `${this.name}_count`, labels: series.labels, value: series.count });
    }
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }

  reset() {
    for (const series of this.#series) {
      series.counts.fill(0);
      series.sum = 0;
      series.count = 0;
    }
  }
}

/** Prometheus metrics. Labels carry route patterns and outcomes only, never ids or secrets. */
export class Metrics {
  readonly registry = new Registry();
  readonly #requests = new RequestDurationHistogram();
  readonly tokensIssued = new Counter({ name: 'keyward_tokens_issued_total', help: 'Access tokens issued.', registers: [this.registry] });
  readonly authFailures = new Counter({
    name: 'keyward_client_auth_failures_total',
    help: 'Failed client authentications at OAuth endpoints.',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'keyward_' });
    // The registry only calls name, type and get() (and reset() on resetMetrics()).
    this.registry.registerMetric(this.#requests as unknown as Metric);
  }

  /** keyward_webhook_deliveries_pending, counted by `countPending` at each scrape. */
  gaugePendingDeliveries(countPending: () => Promise<number>) {
    new Gauge({
      name: 'keyward_webhook_deliveries_pending',
      help: 'Webhook deliveries waiting for their first attempt or a retry (the outbox backlog).',
      registers: [this.registry],
      async collect() {
        // A store outage must not fail the whole scrape; the gauge keeps its last value.
        await countPending().then((n) => this.set(n), () => undefined);
      },
    });
  }

  /** The duration series of one route pattern ('unmatched' for requests no route took). */
  requestDurations(route: string): RouteDurations {
    return this.#requests.forRoute(route);
  }
}
