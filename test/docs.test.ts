import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { currentText, GENERATED_SECTIONS } from '../scripts/generated-docs.js';
import { readSettings, renderSettingsTable } from '../scripts/settings-table.js';

const ROOT = new URL('../', import.meta.url);

describe('docs', () => {
  for (const section of GENERATED_SECTIONS) {
    it(`${section.file}: the ${section.what} matches the source (npm run docs:gen rewrites it)`, () => {
      const doc = readFileSync(new URL(section.file, ROOT), 'utf8');
      assert.equal(currentText(doc, section), section.render(), `${section.file} is out of date: run \`npm run docs:gen\``);
    });
  }

  it('the settings table has a row for every Config field, defaults and several names included', () => {
    const settings = readSettings();
    const config = readFileSync(new URL('src/config.ts', ROOT), 'utf8');
    const fields = config.slice(config.indexOf('export interface Config {'), config.indexOf('\n}', config.indexOf('export interface Config {')));
    assert.equal(settings.length, [...fields.matchAll(/^ {2}\w+\??:/gm)].length);
    const table = renderSettingsTable(settings);
    assert.match(table, /^\| `PORT` \| 8080 \| the HTTP port\. \|$/m);
    assert.match(table, /^\| `DATABASE_URL` \| — \| /m);
    assert.match(table, /^\| `KEYWARD_BOOTSTRAP_CLIENT_ID`, `KEYWARD_BOOTSTRAP_CLIENT_SECRET` \| — \| /m);
  });

  it('a Config field without a `NAME (default): text` comment stops the generation, naming the field', () => {
    const source = 'export interface Config {\n  /** PORT (8080): the port. */\n  port: number;\n  /** the host */\n  host: string;\n}\n';
    assert.throws(() => readSettings(source), /Config\.host needs a doc comment of the form/);
    assert.deepEqual(readSettings(source.replace('the host', 'HOST: the listen address | host')).at(-1), {
      field: 'host',
      names: ['HOST'],
      defaultValue: undefined,
      meaning: 'the listen address | host',
    });
  });
});
