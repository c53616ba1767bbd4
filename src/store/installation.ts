import type { Executor } from './db.js';

/** Installation-wide facts, each written once by the first instance that needs it. */
export interface InstallationStore {
  /** Stores `value` under `name` unless a value is already there; returns the stored value. */
  claimSetting(name: string, value: string, now: number): Promise<string>;
}

export function installationStore(db: Executor): InstallationStore {
  return {
    async claimSetting(name, value, now) {
      await db
        .insertInto('installation')
        .values({ name, value, create_time: now })
        .onConflict((oc) => oc.column('name').doNothing())
        .execute();
      const row = await db.selectFrom('installation').select('value').where('name', '=', name).executeTakeFirstOrThrow();
      return row.value;
    },
  };
}
