import type { ReactNode } from 'react';
import { ErrorAlert, Loading } from './components';

/**
 * The rows a query fetched, as every list screen shows them: the API's error, a loading line,
 * then a table named by its caption (the name tests and screen readers find it by), with an
 * actions column when rows carry buttons and a line of its own when there are no rows.
 */
export function QueryTable<T>({
  query,
  items,
  what,
  caption,
  columns,
  actions = false,
  empty,
  className,
  children,
}: {
  query: { error: unknown; isPending: boolean };
  /** The rows, once fetched. */
  items: readonly T[] | undefined;
  /** What is loading, for "Loading roles…". */
  what: string;
  caption: string;
  columns: readonly string[];
  actions?: boolean;
  /** Shown in place of rows when there are none; nothing when left out (more may be on the next page). */
  empty?: ReactNode;
  className?: string;
  children: (item: T) => ReactNode;
}) {
  return (
    <>
      <ErrorAlert error={query.error} />
      {query.isPending ? <Loading what={what} /> : null}
      {items ? (
        <table className={className}>
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              {columns.map((column) => (
                <th key={column} scope="col">
                  {column}
                </th>
              ))}
              {actions ? (
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {items.map(children)}
            {items.length === 0 && empty ? (
              <tr>
                <td colSpan={columns.length + (actions ? 1 : 0)} className="muted">
                  {empty}
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      ) : null}
    </>
  );
}
