// The one table the bench prints. Ratios are computed here, from rows of the same run,
// because only figures taken minutes apart on the same machine can be compared.

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

const fixed = (value, digits) => (value === null || value === undefined ? '—' : value.toFixed(digits));

export const rowKey = (scenario, target) => `${scenario}|${target}`;

function ratioCell(row, byKey) {
  if (!row.compareTo || row.compareTo.length === 0) return '—';
  const parts = [];
  for (const { scenario, target, label, by, rate } of row.compareTo) {
    // A target throughput rather than another row.
    if (rate) {
      parts.push(`${(row.requestsPerSecond / rate).toFixed(2)}× ${label}`);
      continue;
    }
    const key = rowKey(scenario, target);
    if (key === rowKey(row.scenario, row.target)) {
      parts.push('1.00 (reference)');
      continue;
    }
    const reference = byKey.get(key);
    if (!reference || reference.status !== 'ok' || !reference.requestsPerSecond) {
      parts.push(`n/a (${label} not measured)`);
      continue;
    }
    // Paced rows all carry the same throughput; what they compare is the tail latency.
    if (by === 'p99') {
      parts.push(row.p99 && reference.p99 ? `p99 ${(row.p99 / reference.p99).toFixed(2)}× ${label}'s` : `n/a (${label} has no p99)`);
      continue;
    }
    // The throughput ratio, and in brackets the same comparison by server CPU time per request,
    // which a busy machine disturbs far less (see cpuPerRequest).
    const byCpu = cpuPerRequest(row) && cpuPerRequest(reference) ? ` (CPU ${(cpuPerRequest(reference) / cpuPerRequest(row)).toFixed(2)}×)` : '';
    parts.push(`${(row.requestsPerSecond / reference.requestsPerSecond).toFixed(2)}× ${label}${byCpu}`);
  }
  return parts.join(', ');
}

/** Server CPU microseconds per successful request in the measured window (null without /proc). */
function cpuPerRequest(row) {
  return row.cpuSeconds && row.completed ? (row.cpuSeconds * 1e6) / row.completed : null;
}

function escapeCell(value) {
  return String(value).replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function renderTable(rows) {
  const byKey = new Map(rows.map((row) => [rowKey(row.scenario, row.target), row]));
  const header = ['scenario', 'target', 'req/s', 'ratio to its reference', 'p50 ms', 'p99 ms', 'errors', 'server CPU µs/req', 'server RSS MB'];
  const lines = [
    `| ${header.join(' | ')} |`,
    `| ${header.map((_, i) => (i < 2 ? '---' : '---:')).join(' | ')} |`,
  ];
  for (const row of rows) {
    let cells;
    if (row.status === 'ok') {
      cells = [
        row.label,
        row.target,
        integer.format(row.requestsPerSecond),
        ratioCell(row, byKey),
        fixed(row.p50, 2),
        fixed(row.p99, 2),
        row.errors === 0 ? '0' : `${integer.format(row.errors)} (${describeErrors(row)})`,
        fixed(cpuPerRequest(row), 0),
        fixed(row.rssMb, 0),
      ];
    } else {
      const what = row.status === 'skipped' ? `skipped (${row.note})` : `failed: ${row.note}`;
      cells = [row.label, row.target, what, '—', '—', '—', row.status === 'skipped' ? '—' : 'setup', '—', fixed(row.rssMb, 0)];
    }
    lines.push(`| ${cells.map(escapeCell).join(' | ')} |`);
  }
  return lines.join('\n');
}

/**
 * The table of `--instructions`: thousands of instructions per successful request, and each
 * ratio as reference ÷ row, so that above 1 reads as cheaper, like a throughput ratio.
 */
export function renderInstructionTable(rows) {
  const byKey = new Map(rows.map((row) => [rowKey(row.scenario, row.target), row]));
  const ratio = (row) => {
    // Target throughputs say nothing about instructions.
    const references = (row.compareTo ?? []).filter((reference) => !reference.rate);
    if (references.length === 0) return '—';
    return references.map(({ scenario, target, label }) => {
      if (rowKey(scenario, target) === rowKey(row.scenario, row.target)) return '1.00 (reference)';
      const reference = byKey.get(rowKey(scenario, target));
      if (!reference?.instructionsPerRequest || !row.instructionsPerRequest) return `n/a (${label} not measured)`;
      return `${(reference.instructionsPerRequest / row.instructionsPerRequest).toFixed(2)}× ${label}`;
    }).join(', ');
  };
  const header = ['scenario', 'target', 'thousand instructions per request (main thread)', 'ratio to its reference', 'all threads', 'errors'];
  const lines = [
    `| ${header.join(' | ')} |`,
    `| ${header.map((_, i) => (i < 2 ? '---' : '---:')).join(' | ')} |`,
  ];
  for (const row of rows) {
    const cells = row.status === 'ok'
      ? [
        row.label,
        row.target,
        fixed(row.instructionsPerRequest === null ? null : row.instructionsPerRequest / 1000, 0),
        ratio(row),
        fixed(row.allThreadsPerRequest === null ? null : row.allThreadsPerRequest / 1000, 0),
        row.errors === 0 ? '0' : `${integer.format(row.errors)} (${describeErrors(row)})`,
      ]
      : [row.label, row.target, row.status === 'skipped' ? `skipped (${row.note})` : `failed: ${row.note}`, '—', '—', row.status === 'skipped' ? '—' : 'setup'];
    lines.push(`| ${cells.map(escapeCell).join(' | ')} |`);
  }
  return lines.join('\n');
}

function describeErrors(row) {
  const parts = Object.entries(row.statusCodes ?? {})
    .filter(([code]) => !code.startsWith('2'))
    .map(([code, count]) => `${code}×${integer.format(count)}`);
  if (row.timeouts) parts.push(`timeouts×${integer.format(row.timeouts)}`);
  const other = row.errors - Object.entries(row.statusCodes ?? {})
    .filter(([code]) => !code.startsWith('2'))
    .reduce((sum, [, count]) => sum + count, 0) - (row.timeouts ?? 0);
  if (other > 0) parts.push(`connection×${integer.format(other)}`);
  return parts.join(' ');
}
