// How the bench writes seeded clients straight into Keyward's SQLite file. This is the only
// file of the bench that knows the table layout, and it belongs to whoever changes the
// layout: adapt it alongside the migrations.
//
// Contract (used by bench/seed.mjs, which owns the transaction and the progress bar):
//
//   databaseFile(dataDir) -> string
//     The SQLite file Keyward uses inside KEYWARD_DATA_DIR.
//
//   prepareInsert(db, { bootstrapClientId, startIndex, count }) -> (index) => void
//     Called once, inside the transaction, on a better-sqlite3 Database whose schema has
//     been migrated by a previous start of Keyward (the bench starts it once and stops it
//     before seeding, so the bootstrap client and its organization exist). Returns a
//     function that inserts the client number `index` (startIndex <= index <
//     startIndex + count); it is called once per index, in order, and must be cheap: use
//     statements prepared here. Every seeded client must:
//       - belong to the bootstrap client's organization, so that GET /v1/apiClients
//         as that admin pages through them;
//       - have a client_id unique in the installation (the bench uses `bench-seed-<index>`);
//       - be a client the service can read back and list like one it created itself.
//     Credentials are optional: the bench authenticates with clients it creates through the
//     API after seeding; seeded rows only have to be there.
//
// The default below does not hard-code the column list: it copies the bootstrap client's row
// and replaces the columns that must differ, so added columns keep working. It needs the
// table name and the columns that are unique or describe the client.

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const CLIENTS_TABLE = 'api_clients';
const CLIENT_ID_COLUMN = 'client_id';

export function databaseFile(dataDir) {
  const candidates = fs.readdirSync(dataDir).filter((name) => /\.(db|sqlite|sqlite3)$/.test(name));
  if (candidates.length !== 1) {
    throw new Error(
      `seed-rows.mjs: expected one SQLite file in ${dataDir}, found ${candidates.length ? candidates.join(', ') : 'none'}; `
      + 'make databaseFile() name it',
    );
  }
  return path.join(dataDir, candidates[0]);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Ids grow with the index: inserting random keys into the primary-key B-tree took twice as
// long for a million rows as appending ordered ones.
function idFactory(template, seededAt) {
  if (typeof template === 'string' && UUID.test(template)) {
    // UUIDv7 layout: 48-bit millisecond time, version 7, variant 10, and the index in
    // the last 48 bits where v7 puts random ones.
    const time = seededAt.toString(16).padStart(12, '0');
    const head = `${time.slice(0, 8)}-${time.slice(8, 12)}-7000-8000-`;
    return (index) => head + index.toString(16).padStart(12, '0');
  }
  if (typeof template === 'string') {
    // Same prefix (`ac_`) and length as the service's own ids, in case something checks
    // their shape: the index in base 36, then a per-run salt so that runs never collide.
    const separator = template.indexOf('_');
    const prefix = separator > 0 && separator < 8 ? template.slice(0, separator + 1) : '';
    const length = Math.max(template.length - prefix.length, 12);
    const salt = crypto.randomBytes(2).toString('hex');
    return (index) => prefix + index.toString(36).padStart(length - salt.length, '0') + salt;
  }
  return (index) => `seed-${index}`;
}

export function prepareInsert(db, { bootstrapClientId }) {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
  if (!tables.includes(CLIENTS_TABLE)) {
    throw new Error(`seed-rows.mjs: no table ${CLIENTS_TABLE} (tables: ${tables.join(', ')}); adapt CLIENTS_TABLE`);
  }
  const template = db
    .prepare(`SELECT * FROM ${CLIENTS_TABLE} WHERE ${CLIENT_ID_COLUMN} = ?`)
    .get(bootstrapClientId);
  if (!template) {
    throw new Error(`seed-rows.mjs: bootstrap client ${bootstrapClientId} not found in ${CLIENTS_TABLE}`);
  }

  // An integer primary key is left to SQLite to assign.
  const columns = Object.keys(template).filter((column) => !(column === 'id' && typeof template.id === 'number'));
  const overrides = {
    id: idFactory(template.id, Date.now()),
    [CLIENT_ID_COLUMN]: (index) => `bench-seed-${index}`,
    name: (index) => `apiClients/bench-seed-${index}`,
    display_name: (index) => `seed ${index}`,
    description: () => 'seeded by bench/seed.mjs',
    // Seeded clients are ordinary clients, not copies of the super-admin.
    roles: () => '[]',
    permissions: () => '["read"]',
    is_super_admin: () => 0,
    super_admin: () => 0,
    // Distinct creation times, one millisecond apart, keep the default list order meaningful.
    ...(typeof template.create_time === 'number' ? { create_time: (index) => template.create_time + 1 + index } : {}),
    ...(typeof template.update_time === 'number' ? { update_time: (index) => template.update_time + 1 + index } : {}),
  };
  const active = columns.filter((column) => column in overrides && column in template);

  const insert = db.prepare(
    `INSERT INTO ${CLIENTS_TABLE} (${columns.join(', ')}) VALUES (${columns.map((column) => `@${column}`).join(', ')})`,
  );
  const row = {};
  for (const column of columns) row[column] = template[column];

  return (index) => {
    for (const column of active) row[column] = overrides[column](index);
    insert.run(row);
  };
}
