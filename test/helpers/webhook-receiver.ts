import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Webhook } from 'standardwebhooks';
import type { Harness } from './harness.js';

/**
 * A real HTTP receiver for webhook tests. Every request is recorded with its headers and exact
 * body; `verify` checks it with the Standard Webhooks reference library. `respond` decides the
 * answer per request: a status, or 'hang' to never answer. `stop()` and `start()` on the same
 * port simulate a receiver that goes down and comes back.
 */
export interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
  id: string;
  status: number | 'hang';
  time: number;
}

export type Responder = (request: Received, index: number) => number | 'hang';

export class TestReceiver {
  received: Received[] = [];
  respond: Responder = () => 204;
  #server: http.Server | undefined;
  #port = 0;
  readonly #hanging = new Set<http.ServerResponse>();
  readonly #path: string;

  constructor(path = '/hook') {
    this.#path = path;
  }

  get url(): string {
    return `http://127.0.0.1:${this.#port}${this.#path}`;
  }

  async start(): Promise<this> {
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const entry: Received = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), id: String(req.headers['webhook-id'] ?? ''), status: 0, time: Date.now() };
        entry.status = this.respond(entry, this.received.length);
        this.received.push(entry);
        if (entry.status === 'hang') {
          this.#hanging.add(res);
          res.on('close', () => this.#hanging.delete(res));
          return;
        }
        res.writeHead(entry.status, { 'content-type': 'text/plain' }).end(entry.status < 300 ? 'ok' : 'nope');
      });
    });
    await new Promise<void>((resolve) => server.listen(this.#port, '127.0.0.1', resolve));
    this.#port = (server.address() as AddressInfo).port;
    this.#server = server;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    this.#server = undefined;
    for (const res of this.#hanging) res.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Throws unless the reference verifier accepts the request with `secret`; returns the payload. */
  verify(entry: Received, secret: string): Record<string, unknown> {
    const headers = {
      'webhook-id': String(entry.headers['webhook-id']),
      'webhook-timestamp': String(entry.headers['webhook-timestamp']),
      'webhook-signature': String(entry.headers['webhook-signature']),
    };
    return new Webhook(secret).verify(entry.body, headers) as Record<string, unknown>;
  }

  delivered(): Received[] {
    return this.received.filter((r) => typeof r.status === 'number' && r.status >= 200 && r.status < 300);
  }
}

/** Runs dispatch passes until `done` holds (or fails the test after `timeoutMs`). */
export async function dispatchUntil(h: Harness, done: () => boolean | Promise<boolean>, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await h.runtime.dispatcher.runOnce();
    if (await done()) return;
    if (Date.now() > deadline) throw new Error('the expected deliveries did not happen in time');
    await sleep(10);
  }
}
