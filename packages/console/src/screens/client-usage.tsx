import { useQuery } from '@tanstack/react-query';
import { idOf, unwrap, useApi, type ApiClient } from '../api';
import { count } from '../format';
import { ErrorAlert, Loading } from '../ui/components';
import { ClientFrame } from './client-common';

export function ClientUsage() {
  return <ClientFrame>{(client) => <UsageOf client={client} />}</ClientFrame>;
}

interface Hour {
  startTime: string;
  tokensIssued: number;
  failedAuthentications: number;
}

function UsageOf({ client }: { client: ApiClient }) {
  const api = useApi();
  const id = idOf(client.name);
  // The API's default range: the 7 days up to the end of the current hour.
  const usage = useQuery({
    queryKey: ['usage', id],
    queryFn: () => unwrap(api.GET('/v1/apiClients/{id}/usage', { params: { path: { id } } })),
    refetchInterval: 60_000,
  });
  return (
    <section className="card" aria-labelledby="usage-title">
      <h2 id="usage-title">Tokens and failed authentications per hour, last 7 days</h2>
      <ErrorAlert error={usage.error} />
      {usage.isPending ? <Loading what="usage" /> : null}
      {usage.data ? (
        <>
          <dl className="stats stats-inline">
            <div className="stat">
              <dt className="stat-label">tokens issued</dt>
              <dd className="stat-value" data-testid="tokens-issued">
                {count(usage.data.totals.tokensIssued)}
              </dd>
            </div>
            <div className="stat">
              <dt className="stat-label">failed authentications</dt>
              <dd className="stat-value" data-testid="failed-authentications">
                {count(usage.data.totals.failedAuthentications)}
              </dd>
            </div>
          </dl>
          <UsageChart hours={usage.data.hours} />
          <p className="muted small">Counted per hour and written in batches: the last minute may not show yet.</p>
        </>
      ) : null}
    </section>
  );
}

const WIDTH = 840;
const HEIGHT = 220;
const PAD = { left: 44, right: 12, top: 12, bottom: 28 };

/** Two series over the hours: bars for tokens, a line for failures, on one scale. */
function UsageChart({ hours }: { hours: Hour[] }) {
  const max = Math.max(1, ...hours.map((h) => Math.max(h.tokensIssued, h.failedAuthentications)));
  const top = niceCeiling(max);
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const step = plotWidth / Math.max(1, hours.length);
  const y = (v: number) => PAD.top + plotHeight - (v / top) * plotHeight;
  const failures = hours.map((h, i) => `${(PAD.left + step * (i + 0.5)).toFixed(1)},${y(h.failedAuthentications).toFixed(1)}`).join(' ');
  const days = hours.map((h, i) => ({ h, i })).filter(({ h }) => new Date(h.startTime).getHours() === 0);
  const ticks = [0, top / 2, top];
  const busiest = hours.reduce((a, b) => (b.tokensIssued > a.tokensIssued ? b : a), hours[0]);
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby="usage-chart-title">
        <title id="usage-chart-title">
          {`Hourly usage over ${hours.length} hours: ${count(hours.reduce((n, h) => n + h.tokensIssued, 0))} tokens issued, ${count(hours.reduce((n, h) => n + h.failedAuthentications, 0))} failed authentications${busiest && busiest.tokensIssued > 0 ? `; busiest hour ${new Date(busiest.startTime).toLocaleString('en')} with ${count(busiest.tokensIssued)} tokens` : ''}.`}
        </title>
        {ticks.map((t) => (
          <g key={t} className="chart-grid">
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(t)} y2={y(t)} />
            <text x={PAD.left - 6} y={y(t) + 4} textAnchor="end">
              {count(Math.round(t))}
            </text>
          </g>
        ))}
        {days.map(({ h, i }) => (
          <g key={h.startTime} className="chart-day">
            <line x1={PAD.left + step * i} x2={PAD.left + step * i} y1={PAD.top} y2={HEIGHT - PAD.bottom} />
            {/* A day that starts too near the right edge has no room for its name. */}
            {PAD.left + step * i + 48 < WIDTH ? (
              <text x={PAD.left + step * i + 3} y={HEIGHT - 8}>
                {new Date(h.startTime).toLocaleDateString('en', { weekday: 'short', day: 'numeric' })}
              </text>
            ) : null}
          </g>
        ))}
        {hours.map((h, i) =>
          h.tokensIssued > 0 ? (
            <rect key={h.startTime} className="chart-bar" x={PAD.left + step * i + step * 0.1} width={Math.max(1, step * 0.8)} y={y(h.tokensIssued)} height={PAD.top + plotHeight - y(h.tokensIssued)} />
          ) : null,
        )}
        <polyline className="chart-line" points={failures} />
      </svg>
      <figcaption className="legend">
        <span className="legend-item">
          <span className="swatch swatch-bar" aria-hidden="true" /> tokens issued
        </span>
        <span className="legend-item">
          <span className="swatch swatch-line" aria-hidden="true" /> failed authentications
        </span>
      </figcaption>
    </figure>
  );
}

/** 1, 2, 5 × 10ⁿ: an axis top a person reads at a glance. */
function niceCeiling(value: number) {
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const m of [1, 2, 5, 10]) if (m * magnitude >= value) return m * magnitude;
  return 10 * magnitude;
}
