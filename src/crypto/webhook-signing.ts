import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

// Standard Webhooks serialises symmetric secrets as `whsec_` + base64 so that receivers
// can paste them straight into any conforming library.
export const WEBHOOK_SECRET_PREFIX = 'whsec_';

// The spec allows 24–64 random bytes; 32 bytes meets Keyward's 256-bit floor for generated secrets.
const GENERATED_SECRET_BYTES = 32;
const MIN_SECRET_BYTES = 24;
const MAX_SECRET_BYTES = 64;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export interface SignPayloadInput {
  /** Stable per event: receivers use it as the idempotency key across retries. */
  id: string;
  /** Unix seconds of this attempt; fresh on every retry so replay windows stay short. */
  timestamp: number;
  /** The exact bytes that will be sent; signing a re-serialised copy would break verification. */
  body: string;
  /** Several secrets while a rotation overlaps: old and new receivers both verify. */
  secrets: readonly string[];
}

export interface WebhookSignatureHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

export function generateWebhookSecret(): string {
  return WEBHOOK_SECRET_PREFIX + randomBytes(GENERATED_SECRET_BYTES).toString('base64');
}

export function signPayload(input: SignPayloadInput): WebhookSignatureHeaders {
  const { id, timestamp, body, secrets } = input;
  // The signed content is `id.timestamp.body`; a dot in either prefix field would let two
  // different (id, timestamp) pairs produce the same signed string.
  if (id.length === 0 || id.includes('.')) {
    throw new RangeError('webhook id must be non-empty and must not contain "."');
  }
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) {
    throw new RangeError('webhook timestamp must be a non-negative integer number of seconds');
  }
  if (secrets.length === 0) {
    throw new RangeError('at least one webhook secret is required to sign a payload');
  }
  // The reference library signs, so that what receivers verify with it is what was sent; the
  // secret is decoded by the stricter rule below first.
  const at = new Date(timestamp * 1000);
  const signatures = secrets.map((secret) => new Webhook(decodeWebhookSecret(secret), { format: 'raw' }).sign(id, at, body));
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signatures.join(' '),
  };
}

/** The raw HMAC key behind a `whsec_` secret; throws on anything that is not a usable key. */
export function decodeWebhookSecret(secret: string): Buffer {
  const encoded = secret.startsWith(WEBHOOK_SECRET_PREFIX) ? secret.slice(WEBHOOK_SECRET_PREFIX.length) : secret;
  // Buffer.from(…, 'base64') silently skips invalid characters, which would turn a corrupted
  // secret into a different, weaker key instead of an error.
  if (!BASE64.test(encoded)) {
    throw new RangeError('webhook secret is not valid base64');
  }
  const key = Buffer.from(encoded, 'base64');
  if (key.length < MIN_SECRET_BYTES || key.length > MAX_SECRET_BYTES) {
    throw new RangeError(`webhook secret must decode to ${MIN_SECRET_BYTES}–${MAX_SECRET_BYTES} bytes`);
  }
  return key;
}
