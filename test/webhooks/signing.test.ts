import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { decodeWebhookSecret, generateWebhookSecret, signPayload } from '../../src/crypto/webhook-signing.js';

const nowSeconds = () => Math.floor(Date.now() / 1000);

describe('signPayload', () => {
  it('matches the Standard Webhooks known-answer vector', () => {
    const headers = signPayload({
      id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      timestamp: 1614265330,
      body: '{"test": 2432232314}',
      secrets: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'],
    });
    assert.deepEqual(headers, {
      'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      'webhook-timestamp': '1614265330',
      'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    });
  });

  it('produces signatures the reference verifier accepts, non-ASCII bodies included', () => {
    const secret = generateWebhookSecret();
    const body = JSON.stringify({ type: 'client.created', data: { name: 'Zoë — 東京' } });
    const headers = signPayload({ id: 'evt_01', timestamp: nowSeconds(), body, secrets: [secret] });
    assert.deepEqual(new Webhook(secret).verify(body, headers), {
      type: 'client.created',
      data: { name: 'Zoë — 東京' },
    });
  });

  it('signs with every secret during a rotation, and each secret alone verifies', () => {
    const oldSecret = generateWebhookSecret();
    const newSecret = generateWebhookSecret();
    const body = '{"type":"secret.rotated"}';
    const headers = signPayload({ id: 'evt_02', timestamp: nowSeconds(), body, secrets: [oldSecret, newSecret] });

    const entries = headers['webhook-signature'].split(' ');
    assert.equal(entries.length, 2);
    for (const entry of entries) assert.match(entry, /^v1,[A-Za-z0-9+/]{43}=$/);
    assert.notEqual(entries[0], entries[1]);

    assert.deepEqual(new Webhook(oldSecret).verify(body, headers), { type: 'secret.rotated' });
    assert.deepEqual(new Webhook(newSecret).verify(body, headers), { type: 'secret.rotated' });
    assert.throws(() => new Webhook(generateWebhookSecret()).verify(body, headers), WebhookVerificationError);
  });

  it('fails verification when the body is tampered with', () => {
    const secret = generateWebhookSecret();
    const headers = signPayload({ id: 'evt_03', timestamp: nowSeconds(), body: '{"amount":1}', secrets: [secret] });
    assert.throws(() => new Webhook(secret).verify('{"amount":2}', headers), /No matching signature found/);
  });

  it('fails verification when the id or timestamp is changed', () => {
    const secret = generateWebhookSecret();
    const body = '{}';
    const headers = signPayload({ id: 'evt_04', timestamp: nowSeconds(), body, secrets: [secret] });
    const wh = new Webhook(secret);
    assert.throws(() => wh.verify(body, { ...headers, 'webhook-id': 'evt_05' }), WebhookVerificationError);
    const shifted = String(Number(headers['webhook-timestamp']) - 1);
    assert.throws(() => wh.verify(body, { ...headers, 'webhook-timestamp': shifted }), WebhookVerificationError);
  });

  it('refuses ids with a dot, fractional timestamps, and an empty secret list', () => {
    const secrets = [generateWebhookSecret()];
    assert.throws(() => signPayload({ id: 'evt.1', timestamp: 1, body: '', secrets }), /must not contain "."/);
    assert.throws(() => signPayload({ id: '', timestamp: 1, body: '', secrets }), /non-empty/);
    assert.throws(() => signPayload({ id: 'evt', timestamp: 1.5, body: '', secrets }), /integer/);
    assert.throws(() => signPayload({ id: 'evt', timestamp: 1, body: '', secrets: [] }), /at least one/);
  });
});

describe('generateWebhookSecret', () => {
  it('returns whsec_ plus base64 of 32 random bytes, different every time', () => {
    const first = generateWebhookSecret();
    const second = generateWebhookSecret();
    assert.match(first, /^whsec_[A-Za-z0-9+/]{43}=$/);
    assert.equal(decodeWebhookSecret(first).length, 32);
    assert.notEqual(first, second);
  });
});

describe('decodeWebhookSecret', () => {
  it('accepts the secret with or without the whsec_ prefix', () => {
    const withPrefix = decodeWebhookSecret('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
    assert.equal(withPrefix.length, 24);
    assert.deepEqual(decodeWebhookSecret('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'), withPrefix);
  });

  it('refuses secrets that are not base64 or decode to fewer than 24 or more than 64 bytes', () => {
    assert.throws(() => decodeWebhookSecret('whsec_not*base64!'), /not valid base64/);
    assert.throws(() => decodeWebhookSecret(`whsec_${Buffer.alloc(16).toString('base64')}`), /24–64 bytes/);
    assert.throws(() => decodeWebhookSecret(`whsec_${Buffer.alloc(65).toString('base64')}`), /24–64 bytes/);
  });
});
