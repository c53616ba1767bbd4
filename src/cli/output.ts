/**
 * Results go to stdout: with --json exactly the API's resource (or list page), for scripts;
 * otherwise a table or a few aligned lines for people. Progress and errors go to stderr.
 */
export interface Output {
  readonly json: boolean;
  /** A list of resources: a table of the given columns, or the API's page with --json. */
  list(rows: Record<string, unknown>[], columns: Column[], page: unknown): void;
  /** One resource: "field  value" lines, or the resource with --json. */
  resource(resource: Record<string, unknown>, fields?: string[]): void;
  /** A sentence for people; with --json, the given data instead (nothing when it is undefined). */
  message(text: string, data?: unknown): void;
  /** Progress and notes, on stderr, never part of the result. */
  note(text: string): void;
  /** One line of a stream of results (audit --follow), as is. */
  line(text: string): void;
}

export interface Column {
  header: string;
  value: (row: Record<string, unknown>) => unknown;
}

/** The column of a field, by its name: `field('clientId')` shows `row.clientId` under CLIENT ID. */
export const field = (name: string, header = name.replace(/([a-z])([A-Z])/g, '$1 $2').toUpperCase()): Column => ({ header, value: (row) => row[name] });

export function display(value: unknown): string {
  if (value === undefined || value === null || value === '') return '-';
  if (Array.isArray(value)) return value.length ? value.map(display).join(',') : '-';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value).replace(/[\r\n\t]+/g, ' ');
}

export function table(rows: Record<string, unknown>[], columns: Column[]): string {
  const cells = rows.map((row) => columns.map((c) => display(c.value(row))));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((r) => r[i].length)));
  const line = (values: string[]) => values.map((v, i) => (i === values.length - 1 ? v : v.padEnd(widths[i]))).join('  ');
  return [line(columns.map((c) => c.header)), ...cells.map(line)].join('\n');
}

export function createOutput(json: boolean, stdout: (text: string) => void, stderr: (text: string) => void): Output {
  return {
    json,
    list(rows, columns, page) {
      if (json) return stdout(JSON.stringify(page, null, 2));
      stdout(rows.length ? table(rows, columns) : 'no results');
    },
    resource(resource, fields) {
      if (json) return stdout(JSON.stringify(resource, null, 2));
      const keys = fields ?? Object.keys(resource);
      const width = Math.max(...keys.map((k) => k.length));
      stdout(keys.filter((k) => k in resource).map((k) => `${k.padEnd(width)}  ${display(resource[k])}`).join('\n'));
    },
    message(text, data) {
      if (json) {
        if (data !== undefined) stdout(JSON.stringify(data, null, 2));
        return;
      }
      stdout(text);
    },
    note(text) {
      stderr(text);
    },
    line(text) {
      stdout(text);
    },
  };
}
