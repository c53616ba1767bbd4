import { sql, type Expression, type SqlBool } from 'kysely';

/**
 * LIKE with user text taken literally. Both engines honour an explicit ESCAPE clause; SQLite has
 * no default escape character, so without the clause a backslash would not escape anything there.
 */
export const likeLiteral = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

export function like(column: string, pattern: string): Expression<SqlBool> {
  return sql<SqlBool>`${sql.ref(column)} LIKE ${pattern} ESCAPE '\\'`;
}
