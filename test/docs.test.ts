import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { brokenLinks, slug } from '../scripts/doc-links.js';
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

  it('every relative link of README.md, docs/ and the packages resolves, #anchors included', () => {
    assert.deepEqual(brokenLinks(new URL('.', ROOT).pathname), []);
  });

  it('the link check finds a missing file and a missing anchor, and ignores code and other sites', () => {
    const root = mkdtempSync(join(tmpdir(), 'keyward-links-'));
    try {
      mkdirSync(join(root, 'docs'));
      writeFileSync(join(root, 'docs', 'page.md'), '# The page\n\n## `PUBLIC_KEY`: private_key_jwt (RFC 7523)\n\n## Notes\n\n## Notes\n');
      writeFileSync(
        join(root, 'README.md'),
        [
          '[ok](docs/page.md) [ok](docs/page.md#public_key-private_key_jwt-rfc-7523) [ok](docs/page.md#notes-1) [ok](#top)',
          '[gone](docs/gone.md)',
          'text [no anchor](docs/page.md#nope) and [site](https://example.com/x.md#y)',
          '`[in code](nowhere.md)`',
          '```md\n[in a block](nowhere.md)\n```',
          '# Top',
        ].join('\n'),
      );
      assert.deepEqual(brokenLinks(root), [
        'README.md:2: docs/gone.md: docs/gone.md does not exist',
        'README.md:3: docs/page.md#nope: docs/page.md has no heading with the anchor #nope',
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('anchors are GitHub slugs', () => {
    assert.equal(slug('The canonical API (`/v1`)'), 'the-canonical-api-v1');
    assert.equal(slug("People signing in with a provider's token"), 'people-signing-in-with-a-providers-token');
    assert.equal(slug('Keycard (`/zones/…`)'), 'keycard-zones');
  });
});
