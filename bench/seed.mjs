#!/usr/bin/env node
// Seeds Keyward's SQLite file with many clients, fast: straight into the file, one
// transaction, prepared statements. Going through the admin API would take ten minutes for
// a million rows and measure the API instead of preparing a data set.
//
// The server must be stopped (its caches would not see the rows, and its writes would
// contend for the lock). The layout lives in bench/seed-rows.mjs.
//
//   node bench/seed.mjs --data-dir DIR --count N [--start-index K] [--bootstrap-client-id ID]
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { KEYWARD_BOOTSTRAP_CLIENT_ID } from './lib/fixtures.mjs';
import { databaseFile, prepareInsert } from './seed-rows.mjs';

const integer = new Intl.NumberFormat('en-US');

function progressReporter(total, stream = process.stderr) {
  const started = Date.now();
  const width = 30;
  let lastShown = -1;
  return (done) => {
    const fraction = total === 0 ? 1 : done / total;
    if (stream.isTTY) {
      const permille = Math.floor(fraction * 1000);
      if (permille === lastShown && done !== total) return;
      lastShown = permille;
      const filled = Math.round(fraction * width);
      const seconds = (Date.now() - started) / 1000;
      const rate = seconds > 0 ? Math.round(done / seconds) : 0;
      stream.write(
        `\rseeding [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(fraction * 100).toFixed(1).padStart(5)}% `
        + `${integer.format(done)}/${integer.format(total)} ${integer.format(rate)} rows/s`,
      );
      if (done === total) stream.write('\n');
    } else {
      // A log (CI) gets one line per tenth instead of a redrawn bar, and a small seed
      // only the closing line.
      if (total < 10_000) return;
      const tenth = Math.floor(fraction * 10);
      if (tenth === lastShown) return;
      lastShown = tenth;
      stream.write(`seeding ${tenth * 10}% (${integer.format(done)}/${integer.format(total)})\n`);
    }
  };
}

export function seed({ dataDir, count, startIndex = 0, bootstrapClientId = KEYWARD_BOOTSTRAP_CLIENT_ID, progress = true }) {
  const file = databaseFile(dataDir);
  const db = new Database(file);
  try {
    db.pragma('busy_timeout = 10000');
    // This connection only: the rows are disposable, and durability is the service's concern.
    db.pragma('synchronous = OFF');
    // A page cache large enough for the whole transaction: otherwise SQLite spills dirty
    // pages to the WAL as it goes, which tripled the time of a million rows.
    db.pragma('cache_size = -1048576');
    const report = progress ? progressReporter(count) : () => {};
    const step = Math.max(1, Math.floor(count / 1000));
    const started = Date.now();
    db.transaction(() => {
      const insert = prepareInsert(db, { bootstrapClientId, startIndex, count });
      for (let i = 0; i < count; i++) {
        insert(startIndex + i);
        if (i % step === 0) report(i);
      }
      report(count);
    })();
    // Leave no million-row WAL behind: a server that has to replay it would not be
    // starting the way a long-running installation starts.
    if (db.pragma('journal_mode', { simple: true }) === 'wal') db.pragma('wal_checkpoint(TRUNCATE)');
    return { file, seconds: (Date.now() - started) / 1000 };
  } finally {
    db.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      count: { type: 'string' },
      'start-index': { type: 'string', default: '0' },
      'bootstrap-client-id': { type: 'string', default: KEYWARD_BOOTSTRAP_CLIENT_ID },
    },
  });
  const count = Number(values.count);
  if (!values['data-dir'] || !Number.isInteger(count) || count < 0) {
    process.stderr.write('usage: node bench/seed.mjs --data-dir DIR --count N [--start-index K] [--bootstrap-client-id ID]\n');
    process.exit(2);
  }
  try {
    const { file, seconds } = seed({
      dataDir: values['data-dir'],
      count,
      startIndex: Number(values['start-index']),
      bootstrapClientId: values['bootstrap-client-id'],
    });
    process.stderr.write(`seeded ${integer.format(count)} clients into ${file} in ${seconds.toFixed(1)} s\n`);
  } catch (error) {
    process.stderr.write(`seed failed: ${error.message}\n`);
    process.exit(1);
  }
}
