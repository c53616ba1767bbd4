import { readFile } from 'node:fs/promises';
import { scannerPublicKey, type ScannerPublicKey } from '../crypto/scanner-signature.js';
import { KeywardError } from '../domain/errors.js';
import { pinnedRequest } from '../net/pinned-http.js';

/**
 * The public keys a secret scanner signs its reports with, in the shape GitHub publishes them
 * (`{"public_keys": [{"key_identifier", "key" (PEM), "is_current"}]}`), read from a URL through
 * the SSRF guard or from a file the operator keeps. The document is reused for `ttlMs`; a report
 * naming a key identifier it does not hold reads it again early (the scanner rotated its key),
 * at most once per `minRefetchMs`, so made-up identifiers cost the key host one request per
 * interval. When a reread fails, the last good document keeps serving.
 */
export type ScannerKeySource = { url: string } | { file: string };

export interface ScannerKeyOptions {
  allowPrivate: boolean;
  ttlMs: number;
  minRefetchMs: number;
  timeoutMs?: number;
}

const MAX_DOCUMENT = 256 * 1024;
const MAX_KEYS = 50;

export class ScannerKeys {
  #keys: ScannerPublicKey[] | undefined;
  #fetchedAt = 0;
  #pending: Promise<ScannerPublicKey[]> | undefined;

  constructor(
    private readonly source: ScannerKeySource,
    private readonly options: ScannerKeyOptions,
  ) {}

  /** Where the keys come from, for messages: the URL or the file name. */
  get origin(): string {
    return 'url' in this.source ? this.source.url : this.source.file;
  }

  /** The key published under this identifier, or null when the document has none such. */
  async find(keyIdentifier: string): Promise<ScannerPublicKey | null> {
    const held = this.#keys !== undefined && Date.now() - this.#fetchedAt < this.options.ttlMs ? this.#keys : undefined;
    const keys = held ?? (await this.#load());
    const found = keys.find((k) => k.keyIdentifier === keyIdentifier);
    if (found || !held || Date.now() - this.#fetchedAt < this.options.minRefetchMs) return found ?? null;
    return (await this.#load()).find((k) => k.keyIdentifier === keyIdentifier) ?? null;
  }

  #load(): Promise<ScannerPublicKey[]> {
    this.#pending ??= this.#read()
      .then((keys) => {
        this.#keys = keys;
        this.#fetchedAt = Date.now();
        return keys;
      })
      .catch((error: unknown) => {
        // Stale but good: a key host's hiccup must not turn every report away; ask again later.
        if (this.#keys) {
          this.#fetchedAt = Date.now() - this.options.ttlMs + this.options.minRefetchMs;
          return this.#keys;
        }
        throw error;
      })
      .finally(() => (this.#pending = undefined));
    return this.#pending;
  }

  async #read(): Promise<ScannerPublicKey[]> {
    const text = 'url' in this.source ? await this.#fetch(this.source.url) : await this.#readFile(this.source.file);
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch {
      throw unusable(this.origin, 'it is not JSON');
    }
    const listed = (document as { public_keys?: unknown })?.public_keys;
    if (!Array.isArray(listed)) throw unusable(this.origin, 'it has no "public_keys" array');
    const keys: ScannerPublicKey[] = [];
    for (const entry of listed.slice(0, MAX_KEYS) as { key_identifier?: unknown; key?: unknown }[]) {
      if (typeof entry?.key_identifier !== 'string' || typeof entry.key !== 'string') continue;
      const key = scannerPublicKey(entry.key_identifier, entry.key);
      if (key) keys.push(key);
    }
    if (keys.length === 0) throw unusable(this.origin, 'it lists no EC public key');
    return keys;
  }

  async #fetch(url: string): Promise<string> {
    const response = await pinnedRequest({
      url,
      method: 'GET',
      headers: { accept: 'application/json', 'user-agent': 'Keyward/1' },
      timeoutMs: this.options.timeoutMs ?? 5000,
      maxBodyBytes: MAX_DOCUMENT,
      allowPrivate: this.options.allowPrivate,
      purpose: 'secret scanning key host',
    });
    if (!response.ok) throw unusable(url, response.message);
    if (response.status !== 200) throw unusable(url, `it answered HTTP ${response.status}`);
    if (response.truncated) throw unusable(url, `the document is larger than ${MAX_DOCUMENT} bytes`);
    return response.body.toString('utf8');
  }

  async #readFile(file: string): Promise<string> {
    try {
      return await readFile(file, 'utf8');
    } catch (error) {
      throw unusable(file, (error as NodeJS.ErrnoException).code ?? 'it cannot be read');
    }
  }
}

/** 503 with Retry-After: the scanner retries, and the report is not lost to a key host's outage. */
function unusable(origin: string, reason: string): KeywardError {
  return new KeywardError('unavailable', `Could not read the secret scanning public keys at ${origin.slice(0, 300)}: ${reason.slice(0, 300)}.`, { retryAfter: 30 });
}
