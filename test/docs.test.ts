import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { readmeEvents, renderWebhookEvents } from '../scripts/readme-events.js';

describe('docs', () => {
  it('lists the webhook events of the catalogue (npm run docs:gen rewrites the list)', () => {
    const readme = readFileSync(new URL('../docs/webhooks.md', import.meta.url), 'utf8');
    assert.equal(readmeEvents(readme), renderWebhookEvents(), 'docs/webhooks.md is out of date: run `npm run docs:gen`');
  });
});
