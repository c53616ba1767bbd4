import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { readmeEvents, renderWebhookEvents } from '../scripts/readme-events.js';

describe('README', () => {
  it('lists the webhook events of the catalogue (npm run docs:gen rewrites the list)', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    assert.equal(readmeEvents(readme), renderWebhookEvents(), 'README.md is out of date: run `npm run docs:gen`');
  });
});
