import type { Harness } from './harness.js';

let counter = 0;

/**
 * Makes the harness's database refuse one kind of write to `table` while `when` holds (an SQL
 * condition on NEW or OLD, the same text on both engines), so a test can fail a chosen step in
 * the middle of a request and see what the request left behind. Returns the function that
 * lifts the fault.
 */
export async function refuseWrites(h: Harness, table: string, op: 'INSERT' | 'UPDATE' | 'DELETE', when: string): Promise<() => Promise<void>> {
  const db = h.runtime.store.db;
  const name = `test_fault_${process.pid}_${counter++}`;
  if (db.dialect === 'sqlite') {
    await db.exec(`CREATE TRIGGER ${name} BEFORE ${op} ON ${table} WHEN ${when} BEGIN SELECT RAISE(ABORT, 'injected fault'); END;`);
    return () => db.exec(`DROP TRIGGER ${name};`);
  }
  await db.exec(
    `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected fault'; END $$;` +
      `CREATE TRIGGER ${name} BEFORE ${op} ON ${table} FOR EACH ROW WHEN (${when}) EXECUTE FUNCTION ${name}();`,
  );
  return () => db.exec(`DROP TRIGGER ${name} ON ${table}; DROP FUNCTION ${name}();`);
}
