import { invalidArgument } from './errors.js';

/**
 * A small subset of AIP-160 filters: comparisons joined by AND.
 *   displayName = "billing"    displayName: "bill"    time >= "2026-01-01T00:00:00Z"
 * Each list declares which fields it accepts; anything else is a clear 400.
 */
export type FilterOperator = '=' | '!=' | ':' | '<' | '<=' | '>' | '>=';

export interface FilterTerm {
  field: string;
  op: FilterOperator;
  value: string;
}

const TERM = /^\s*([A-Za-z_][A-Za-z0-9_.]*)\s*(<=|>=|!=|=|:|<|>)\s*("((?:[^"\\]|\\.)*)"|[^\s"]+)\s*$/;

export function parseFilter(filter: string | undefined, allowed: Record<string, FilterOperator[]>): FilterTerm[] {
  if (!filter || filter.trim() === '') return [];
  if (filter.length > 2000) throw invalidArgument('filter is too long (at most 2000 characters).');
  const terms: FilterTerm[] = [];
  for (const part of filter.split(/\s+AND\s+/)) {
    const match = TERM.exec(part);
    if (!match) {
      throw invalidArgument(`filter term "${part.trim().slice(0, 100)}" is not understood.`, [
        { field: 'filter', description: 'write terms as field = "value", joined by AND' },
      ]);
    }
    const [, field, op, raw, quoted] = match;
    const ops = allowed[field];
    if (!ops) {
      throw invalidArgument(`filter field "${field.slice(0, 100)}" is not supported.`, [
        { field: 'filter', description: `supported fields: ${Object.keys(allowed).join(', ')}` },
      ]);
    }
    if (!ops.includes(op as FilterOperator)) {
      throw invalidArgument(`filter operator "${op}" is not supported for ${field}.`, [
        { field: 'filter', description: `use one of ${ops.join(' ')}` },
      ]);
    }
    terms.push({ field, op: op as FilterOperator, value: quoted !== undefined ? quoted.replace(/\\(.)/g, '$1') : raw });
  }
  return terms;
}

/** Parses an RFC 3339 time in a filter into epoch milliseconds. */
export function filterTime(term: FilterTerm): number {
  const ms = Date.parse(term.value);
  if (Number.isNaN(ms)) throw invalidArgument(`filter value for ${term.field} must be an RFC 3339 time.`);
  return ms;
}
