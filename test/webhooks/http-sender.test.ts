import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import tls from 'node:tls';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parseRetryAfter, sendWebhook, type WebhookSendResult } from '../../src/webhooks/http-sender.js';
import type { ResolveHost } from '../../src/net/ssrf-guard.js';

interface Received {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

interface TestServer {
  port: number;
  received: Received[];
  close(): Promise<void>;
}

const servers: TestServer[] = [];
after(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

async function listen(handler: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<TestServer> {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      handler(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const testServer: TestServer = {
    port: (server.address() as AddressInfo).port,
    received,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  servers.push(testServer);
  return testServer;
}

const signed = {
  'webhook-id': 'evt_01HXYZ',
  'webhook-timestamp': '1700000000',
  'webhook-signature': 'v1,abc=',
};

function send(url: string, extra: Partial<Parameters<typeof sendWebhook>[0]> = {}): Promise<WebhookSendResult> {
  return sendWebhook({ url, headers: signed, body: '{"type":"client.created"}', timeoutMs: 2000, allowPrivate: true, ...extra });
}

function withoutDuration(result: WebhookSendResult): Omit<WebhookSendResult, 'durationMs'> {
  const { durationMs, ...rest } = result;
  assert.ok(Number.isInteger(durationMs) && durationMs >= 0, `durationMs ${durationMs}`);
  return rest;
}

describe('sendWebhook', () => {
  it('POSTs the exact body with the given headers and reports a 2xx', async () => {
    const server = await listen((_req, res) => res.writeHead(204).end());
    const result = await send(`http://127.0.0.1:${server.port}/hooks/in?tenant=a`);

    assert.deepEqual(withoutDuration(result), { ok: true, status: 204, bodySnippet: '', retryAfterMs: null });
    assert.equal(server.received.length, 1);
    const [request] = server.received;
    assert.equal(request.method, 'POST');
    assert.equal(request.url, '/hooks/in?tenant=a');
    assert.equal(request.body, '{"type":"client.created"}');
    assert.equal(request.headers['content-type'], 'application/json');
    assert.equal(request.headers['content-length'], '25');
    assert.equal(request.headers['webhook-id'], 'evt_01HXYZ');
    assert.equal(request.headers['webhook-timestamp'], '1700000000');
    assert.equal(request.headers['webhook-signature'], 'v1,abc=');
    assert.equal(request.headers['user-agent'], 'Keyward-Webhooks/1');
    assert.equal(request.headers.host, `127.0.0.1:${server.port}`);
  });

  it('reports a 500 with only the first 1 KB of the body', async () => {
    const server = await listen((_req, res) => res.writeHead(500).end('e'.repeat(1000) + 'f'.repeat(3000)));
    const result = await send(`http://127.0.0.1:${server.port}/`);
    assert.deepEqual(withoutDuration(result), {
      ok: true,
      status: 500,
      bodySnippet: 'e'.repeat(1000) + 'f'.repeat(24),
      retryAfterMs: null,
    });
  });

  it('reads Retry-After from a 429', async () => {
    const server = await listen((_req, res) => res.writeHead(429, { 'retry-after': '120' }).end('slow down'));
    const result = await send(`http://127.0.0.1:${server.port}/`);
    assert.deepEqual(withoutDuration(result), { ok: true, status: 429, bodySnippet: 'slow down', retryAfterMs: 120_000 });
  });

  it('times out on a receiver that never answers', async () => {
    const server = await listen(() => undefined);
    const result = await send(`http://127.0.0.1:${server.port}/`, { timeoutMs: 300 });
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.kind, 'timeout');
    assert.equal(!result.ok && result.message, 'no complete response within 300 ms');
    assert.ok(result.durationMs >= 290 && result.durationMs < 2000, `durationMs ${result.durationMs}`);
    assert.equal(server.received.length, 1);
  });

  it('times out on a receiver that sends headers and then stalls the body', async () => {
    const server = await listen((_req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('partial');
    });
    const result = await send(`http://127.0.0.1:${server.port}/`, { timeoutMs: 300 });
    assert.equal(!result.ok && result.kind, 'timeout');
  });

  it('counts a DNS lookup that never answers against the same deadline', async () => {
    const resolveHost: ResolveHost = () => new Promise(() => undefined);
    const result = await send('https://hooks.example.com/', { timeoutMs: 200, resolveHost });
    assert.equal(!result.ok && result.kind, 'timeout');
    assert.ok(result.durationMs >= 190 && result.durationMs < 2000, `durationMs ${result.durationMs}`);
  });

  it('reports a name that does not resolve as a connection failure', async () => {
    const resolveHost: ResolveHost = async () => {
      throw new Error('getaddrinfo ENOTFOUND hooks.invalid');
    };
    const result = await send('https://hooks.invalid/', { resolveHost });
    assert.equal(!result.ok && result.kind, 'connection');
    assert.equal(!result.ok && result.message, 'could not resolve the host: getaddrinfo ENOTFOUND hooks.invalid');
  });

  it('does not follow a 302 to the cloud metadata address', async () => {
    const server = await listen((_req, res) => res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end());
    const result = await send(`http://127.0.0.1:${server.port}/`);
    assert.deepEqual(withoutDuration(result), {
      ok: false,
      kind: 'redirect_not_followed',
      status: 302,
      location: 'http://169.254.169.254/latest/meta-data/',
      message: 'receiver answered 302 to http://169.254.169.254/latest/meta-data/; redirects are not followed',
    });
    assert.equal(server.received.length, 1);
  });

  it('does not follow a redirect even to an allowed target', async () => {
    const target = await listen((_req, res) => res.writeHead(200).end());
    const server = await listen((_req, res) => res.writeHead(307, { location: `http://127.0.0.1:${target.port}/` }).end());
    const result = await send(`http://127.0.0.1:${server.port}/`);
    assert.equal(!result.ok && result.kind, 'redirect_not_followed');
    assert.equal(!result.ok && result.status, 307);
    assert.equal(target.received.length, 0);
  });

  it('reports a refused connection', async () => {
    const server = await listen(() => undefined);
    await server.close();
    const result = await send(`http://127.0.0.1:${server.port}/`);
    assert.equal(!result.ok && result.kind, 'connection');
    assert.match(!result.ok ? result.message : '', /ECONNREFUSED 127\.0\.0\.1/);
  });

  it('reports a connection cut in the middle of the body', async () => {
    const server = await listen((_req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('partial', () => res.destroy());
    });
    const result = await send(`http://127.0.0.1:${server.port}/`);
    assert.equal(!result.ok && result.kind, 'connection');
  });

  it('refuses 127.0.0.1 when private addresses are not allowed, without connecting', async () => {
    const server = await listen((_req, res) => res.writeHead(200).end());
    const result = await send(`http://127.0.0.1:${server.port}/`, { allowPrivate: false });
    assert.equal(!result.ok && result.kind, 'ssrf_refused');
    assert.match(!result.ok ? result.message : '', /127\.0\.0\.1 is not a public address \(loopback\)/);
    assert.equal(server.received.length, 0);
  });

  it('refuses a name that resolves to a private address', async () => {
    const resolveHost: ResolveHost = async () => [{ address: '10.0.0.5', family: 4 }];
    const result = await send('https://hooks.example.com/', { allowPrivate: false, resolveHost });
    assert.equal(!result.ok && result.kind, 'ssrf_refused');
  });

  it('resolves once and connects to the pinned address, keeping the original Host', async () => {
    const server = await listen((_req, res) => res.writeHead(200).end('ok'));
    let lookups = 0;
    // A rebinding resolver: the first answer passes the check, later ones would not.
    const resolveHost: ResolveHost = async () => {
      lookups += 1;
      return [{ address: lookups === 1 ? '127.0.0.1' : '203.0.113.9', family: 4 }];
    };
    const result = await send(`http://hooks.keyward.test:${server.port}/in`, { resolveHost });
    assert.deepEqual(withoutDuration(result), { ok: true, status: 200, bodySnippet: 'ok', retryAfterMs: null });
    assert.equal(lookups, 1);
    assert.equal(server.received[0].headers.host, `hooks.keyward.test:${server.port}`);
  });

  it('does not let configured headers override Host or the framing headers', async () => {
    const server = await listen((_req, res) => res.writeHead(200).end());
    const result = await send(`http://127.0.0.1:${server.port}/`, {
      headers: { ...signed, Host: 'internal.admin', 'Content-Length': '1', 'Transfer-Encoding': 'chunked', 'X-Tenant': 'a' },
    });
    assert.equal(result.ok, true);
    const [request] = server.received;
    assert.equal(request.headers.host, `127.0.0.1:${server.port}`);
    assert.equal(request.headers['content-length'], '25');
    assert.equal(request.headers['transfer-encoding'], undefined);
    assert.equal(request.headers['x-tenant'], 'a');
    assert.equal(request.body, '{"type":"client.created"}');
  });

  it('reports a header value with CR/LF as an invalid request instead of sending it', async () => {
    const server = await listen((_req, res) => res.writeHead(200).end());
    const result = await send(`http://127.0.0.1:${server.port}/`, { headers: { ...signed, 'x-note': 'a\r\nx-injected: 1' } });
    assert.equal(!result.ok && result.kind, 'invalid_request');
    assert.equal(server.received.length, 0);
  });

  it('sends SNI for the original hostname and verifies the certificate', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'keyward-tls-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    try {
      execFileSync(
        'openssl',
        ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
          '-subj', '/CN=hooks.keyward.test', '-addext', 'subjectAltName=DNS:hooks.keyward.test',
          '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')],
        { stdio: 'ignore' },
      );
    } catch {
      t.skip('openssl is not available to make a self-signed certificate');
      return;
    }
    const credentials = { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
    const servernames: string[] = [];
    const server = https.createServer(
      {
        ...credentials,
        SNICallback: (servername, done) => {
          servernames.push(servername);
          done(null, tls.createSecureContext(credentials));
        },
      },
      (_req, res) => res.writeHead(200).end(),
    );
    server.on('tlsClientError', () => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const port = (server.address() as AddressInfo).port;

    const resolveHost: ResolveHost = async () => [{ address: '127.0.0.1', family: 4 }];
    const result = await send(`https://hooks.keyward.test:${port}/`, { resolveHost });

    // A self-signed certificate must fail verification: the sender never disables it.
    assert.equal(!result.ok && result.kind, 'connection');
    assert.match(!result.ok ? result.message : '', /self-signed certificate/);
    assert.deepEqual(servernames, ['hooks.keyward.test']);
  });
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds and HTTP dates, and ignores anything else', () => {
    const now = Date.parse('2025-01-15T10:00:00Z');
    assert.equal(parseRetryAfter('30', now), 30_000);
    assert.equal(parseRetryAfter('Wed, 15 Jan 2025 10:02:00 GMT', now), 120_000);
    assert.equal(parseRetryAfter('Wed, 15 Jan 2025 09:00:00 GMT', now), 0);
    assert.equal(parseRetryAfter(undefined, now), null);
    assert.equal(parseRetryAfter('soon', now), null);
  });
});
