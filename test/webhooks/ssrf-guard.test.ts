import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  parseTargetUrl,
  refusedAddressReason,
  resolvePinnedTarget,
  SsrfRefusedError,
  type ResolveHost,
} from '../../src/net/ssrf-guard.js';

const answers =
  (...addresses: string[]): ResolveHost =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

const noDns: ResolveHost = async (hostname) => {
  throw new Error(`unexpected DNS lookup of ${hostname}`);
};

async function refusal(url: string, resolveHost: ResolveHost = noDns): Promise<string> {
  try {
    await resolvePinnedTarget(url, { resolveHost });
  } catch (error) {
    assert.ok(error instanceof SsrfRefusedError, `expected SsrfRefusedError, got ${String(error)}`);
    assert.equal(error.code, 'ssrf_refused');
    return error.message;
  }
  assert.fail(`${url} was not refused`);
}

describe('refusedAddressReason', () => {
  const refused: Array<[string, RegExp]> = [
    ['127.0.0.1', /loopback/],
    ['127.255.0.9', /loopback/],
    ['10.1.2.3', /private/],
    ['172.16.0.1', /private/],
    ['172.31.255.255', /private/],
    ['192.168.1.1', /private/],
    ['100.64.0.1', /carrier-grade NAT/],
    ['100.127.255.254', /carrier-grade NAT/],
    ['169.254.169.254', /link-local/],
    ['0.0.0.0', /unspecified/],
    ['224.0.0.1', /multicast/],
    ['255.255.255.255', /broadcast/],
    ['::', /unspecified/],
    ['::1', /loopback/],
    ['fe80::1', /link-local/],
    ['fe80::1%eth0', /link-local/],
    ['fc00::1', /unique-local/],
    ['fd12:3456::1', /unique-local/],
    ['ff02::1', /multicast/],
    ['::ffff:127.0.0.1', /IPv4-mapped loopback/],
    ['::ffff:7f00:1', /IPv4-mapped loopback/],
    ['::ffff:169.254.169.254', /IPv4-mapped link-local/],
    ['::ffff:a00:1', /IPv4-mapped private/],
    ['64:ff9b::7f00:1', /NAT64 loopback/],
    ['64:ff9b::10.0.0.1', /NAT64 private/],
    ['2002:7f00:1::1', /6to4 loopback/],
    ['2002:a9fe:a9fe::', /6to4 link-local/],
    ['::127.0.0.1', /IPv4-compatible/],
    ['2001:db8::1', /documentation/],
    ['2001:0:4136:e378::1', /Teredo/],
    ['3fff::1', /documentation/],
  ];

  for (const [address, pattern] of refused) {
    it(`refuses ${address}`, () => {
      const reason = refusedAddressReason(address);
      assert.notEqual(reason, null);
      assert.match(reason ?? '', pattern);
    });
  }

  const allowed = ['93.184.215.14', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8', '64:ff9b::808:808', '2002:808:808::1'];
  for (const address of allowed) {
    it(`allows public ${address}`, () => {
      assert.equal(refusedAddressReason(address), null);
    });
  }

  it('refuses IPv6 outside global unicast and anything that is not an address', () => {
    assert.equal(refusedAddressReason('4000::1'), 'not global unicast');
    assert.equal(refusedAddressReason('example.com'), 'not an IP address');
  });
});

describe('parseTargetUrl', () => {
  it('normalises decimal, octal and hex IPv4 hosts to dotted form', () => {
    assert.equal(parseTargetUrl('http://2130706433/').hostname, '127.0.0.1');
    assert.equal(parseTargetUrl('http://0x7f.1/').hostname, '127.0.0.1');
    assert.equal(parseTargetUrl('http://017700000001/').hostname, '127.0.0.1');
    assert.equal(parseTargetUrl('http://0/').hostname, '0.0.0.0');
  });

  it('refuses other schemes, credentials in the URL, and invalid URLs', () => {
    assert.throws(() => parseTargetUrl('ftp://example.com/'), /scheme ftp: is not allowed/);
    assert.throws(() => parseTargetUrl('file:///etc/passwd'), /scheme file: is not allowed/);
    assert.throws(() => parseTargetUrl('gopher://example.com/'), SsrfRefusedError);
    assert.throws(() => parseTargetUrl('https://good.example@evil.example/'), /user information/);
    assert.throws(() => parseTargetUrl('https://user:pw@example.com/'), /user information/);
    assert.throws(() => parseTargetUrl('not a url'), /not a valid absolute URL/);
  });
});

describe('resolvePinnedTarget', () => {
  const literalRefusals: Array<[string, RegExp]> = [
    ['http://127.0.0.1:8080/hook', /127\.0\.0\.1 is not a public address \(loopback\)/],
    ['http://2130706433/', /127\.0\.0\.1 is not a public address \(loopback\)/],
    ['http://0x7f.1/', /127\.0\.0\.1 is not a public address \(loopback\)/],
    ['http://0.0.0.0/', /unspecified/],
    ['http://169.254.169.254/latest/meta-data/', /link-local \(cloud metadata\)/],
    ['http://[::1]/', /loopback/],
    ['http://[::ffff:127.0.0.1]/', /IPv4-mapped loopback/],
    ['http://[fe80::1]/', /link-local/],
    ['http://[fd00::1]/', /unique-local/],
    ['https://10.0.0.8/', /private/],
    ['https://100.100.100.200/', /carrier-grade NAT/],
  ];
  for (const [url, pattern] of literalRefusals) {
    it(`refuses ${url} without a DNS lookup`, async () => {
      assert.match(await refusal(url), pattern);
    });
  }

  it('refuses a name when any resolved address is private, naming host, address and the escape hatch', async () => {
    const message = await refusal('https://hooks.example.com/x', answers('93.184.215.14', '10.0.0.7'));
    assert.equal(
      message,
      'refusing webhook host hooks.example.com: 10.0.0.7 is not a public address (private (RFC 1918)); ' +
        'set KEYWARD_WEBHOOKS_ALLOW_PRIVATE=true only for development and tests',
    );
  });

  it('refuses localhost through the system resolver', async () => {
    await assert.rejects(resolvePinnedTarget('http://localhost:9/'), (error: unknown) => {
      assert.ok(error instanceof SsrfRefusedError);
      assert.match(error.message, /^refusing webhook host localhost: (127\.0\.0\.1|::1) is not a public address \(loopback\)/);
      return true;
    });
  });

  it('pins the first public answer and fills in the default port', async () => {
    const target = await resolvePinnedTarget('https://hooks.example.com/in?x=1', {
      resolveHost: answers('2606:4700:4700::1111', '93.184.215.14'),
    });
    assert.equal(target.hostname, 'hooks.example.com');
    assert.equal(target.address, '2606:4700:4700::1111');
    assert.equal(target.family, 6);
    assert.equal(target.port, 443);
    assert.equal(target.url.search, '?x=1');
  });

  it('strips IPv6 brackets and keeps an explicit port', async () => {
    const target = await resolvePinnedTarget('http://[2606:4700:4700::1111]:8443/', { resolveHost: noDns });
    assert.equal(target.hostname, '2606:4700:4700::1111');
    assert.equal(target.address, '2606:4700:4700::1111');
    assert.equal(target.port, 8443);
  });

  it('skips the address checks with allowPrivate but still pins and still checks the scheme', async () => {
    const target = await resolvePinnedTarget('http://127.0.0.1:3000/', { allowPrivate: true });
    assert.equal(target.address, '127.0.0.1');
    assert.equal(target.port, 3000);
    await assert.rejects(resolvePinnedTarget('ftp://127.0.0.1/', { allowPrivate: true }), SsrfRefusedError);
  });

  it('lets a DNS failure through as an ordinary error, not an SSRF refusal', async () => {
    const failing: ResolveHost = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND nope.invalid'), { code: 'ENOTFOUND' });
    };
    await assert.rejects(resolvePinnedTarget('https://nope.invalid/', { resolveHost: failing }), (error: unknown) => {
      assert.ok(!(error instanceof SsrfRefusedError));
      assert.match(String(error), /ENOTFOUND/);
      return true;
    });
  });
});
