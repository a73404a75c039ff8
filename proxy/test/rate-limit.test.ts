import { describe, expect, it } from 'vitest';
import { FixedWindowLimiter, addressKey, forwardedAddress } from '../src/rate-limit.ts';
import { ANA, BEN, PROXY, harness } from './helpers.ts';

const LIST = '/csomni/frequentlyPurchased';

/** Node's `serve()` passes `{ incoming }`; this stands in for a socket's address. */
const fromSocket = (address: string) => ({ incoming: { socket: { remoteAddress: address } } });

describe('rate limit', () => {
  it('answers 429 with Retry-After once a session subject used its window, per subject', async () => {
    const h = harness({ rateLimitMax: 3, rateLimitWindowSeconds: 60 });
    for (let i = 0; i < 3; i++) expect((await h.request(LIST, { session: ANA })).status).toBe(200);
    const limited = await h.request(LIST, { session: ANA });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    // Another customer has a window of their own.
    expect((await h.request(LIST, { session: BEN })).status).toBe(200);
  });

  it('opens again when the window has passed (injected clock)', async () => {
    const h = harness({ rateLimitMax: 2, rateLimitWindowSeconds: 60 });
    await h.request(LIST, { session: ANA });
    await h.request(LIST, { session: ANA });
    expect((await h.request(LIST, { session: ANA })).status).toBe(429);
    h.clock.advance(59_000);
    expect((await h.request(LIST, { session: ANA })).status).toBe(429);
    h.clock.advance(1_000);
    expect((await h.request(LIST, { session: ANA })).status).toBe(200);
  });

  it('warns once when it cannot tell anonymous clients apart (they then share one window)', async () => {
    const h = harness({ rateLimitMax: 100 });
    // A runtime that says nothing of the socket (Node always does).
    const unknown = {};
    await h.proxy(new Request(`${PROXY}${LIST}`), unknown);
    await h.proxy(new Request(`${PROXY}${LIST}`), unknown);
    const warnings = h.logs.filter((entry) => entry.event === 'client-address-unknown');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ level: 'warn' });
    expect(String(warnings[0].message)).toContain('trustProxy');
    // With the address known, no warning.
    const known = harness({ rateLimitMax: 100 });
    await known.proxy(new Request(`${PROXY}${LIST}`), fromSocket('10.0.0.1'));
    expect(known.logs.filter((entry) => entry.event === 'client-address-unknown')).toHaveLength(0);
  });

  it(
    'warns once when a proxy in front forwards for clients but trustProxy is off (guests share its ' + 'window)',
    async () => {
      for (const header of ['x-forwarded-for', 'forwarded']) {
        const h = harness({ rateLimitMax: 100 });
        const call = (value: string) =>
          h.proxy(new Request(`${PROXY}${LIST}`, { headers: { [header]: value } }), fromSocket('127.0.0.1'));
        await call(header === 'forwarded' ? 'for=198.51.100.1' : '198.51.100.1');
        await call(header === 'forwarded' ? 'for=198.51.100.2' : '198.51.100.2');
        const warnings = h.logs.filter((entry) => entry.event === 'forwarded-ignored');
        expect(warnings, header).toHaveLength(1);
        expect(warnings[0]).toMatchObject({ level: 'warn' });
        expect(String(warnings[0].message)).toContain('trustProxy');
      }
      // Not when the address is taken from the header, or from clientIp, or nothing was forwarded.
      const quiet = [
        harness({ rateLimitMax: 100, trustProxy: true }),
        harness({ rateLimitMax: 100, clientIp: () => '198.51.100.1' }),
      ];
      for (const h of quiet)
        await h.proxy(
          new Request(`${PROXY}${LIST}`, { headers: { 'x-forwarded-for': '198.51.100.1' } }),
          fromSocket('127.0.0.1'),
        );
      const direct = harness({ rateLimitMax: 100 });
      await direct.proxy(new Request(`${PROXY}${LIST}`), fromSocket('10.0.0.1'));
      for (const h of [...quiet, direct])
        expect(h.logs.filter((entry) => entry.event === 'forwarded-ignored')).toHaveLength(0);
    },
  );

  it('keys anonymous clients by the socket address, ignoring X-Forwarded-For unless trustProxy is set', async () => {
    const h = harness({ rateLimitMax: 2 });
    const call = (address: string, forwarded: string) =>
      h.proxy(new Request(`${PROXY}${LIST}`, { headers: { 'x-forwarded-for': forwarded } }), fromSocket(address));
    expect((await call('10.0.0.1', '1.1.1.1')).status).toBe(200);
    expect((await call('10.0.0.1', '2.2.2.2')).status).toBe(200);
    // A spoofed X-Forwarded-For does not buy a new window.
    expect((await call('10.0.0.1', '3.3.3.3')).status).toBe(429);
    expect((await call('10.0.0.2', '3.3.3.3')).status).toBe(200);
  });

  it('with trustProxy, keys by the address the trusted proxy appended (the last hop)', async () => {
    const h = harness({ rateLimitMax: 1, trustProxy: true });
    const call = (forwarded: string) =>
      h.proxy(new Request(`${PROXY}${LIST}`, { headers: { 'x-forwarded-for': forwarded } }), fromSocket('10.9.9.9'));
    expect((await call('6.6.6.6, 203.0.113.7')).status).toBe(200);
    // The client controls the left part only: still the same client.
    expect((await call('7.7.7.7, 203.0.113.7')).status).toBe(429);
    expect((await call('203.0.113.8')).status).toBe(200);
  });

  it('with trustProxy, an X-Forwarded-For entry with a port is the same client whatever the port', async () => {
    const h = harness({ rateLimitMax: 1, trustProxy: true });
    const call = (forwarded: string) =>
      h.proxy(new Request(`${PROXY}${LIST}`, { headers: { 'x-forwarded-for': forwarded } }), fromSocket('10.9.9.9'));
    const expected: [string, number][] = [
      ['203.0.113.7:40001', 200],
      ['203.0.113.7:40002', 429],
      ['203.0.113.7', 429],
      ['[2001:db8::1]:443', 200],
      ['[2001:db8::1]:444', 429],
      ['2001:db8::1', 429],
    ];
    for (const [forwarded, status] of expected) expect((await call(forwarded)).status, forwarded).toBe(status);
    // With a port or brackets, or bare; anything else is no address.
    const entries = {
      '203.0.113.7:40001': '203.0.113.7',
      '[2001:db8::1]:443': '2001:db8::1',
      '[2001:db8::1]': '2001:db8::1',
      '2001:db8::1': '2001:db8::1',
      unknown: undefined,
    };
    expect(forwardedAddress('[2001:db8::1]:x')).toBeUndefined();
    for (const [entry, address] of Object.entries(entries)) expect(forwardedAddress(entry), entry).toBe(address);
  });

  it('keys IPv6 clients by their /64, so one subscriber cannot walk its block for fresh windows', async () => {
    const h = harness({ rateLimitMax: 2 });
    const call = (address: string) => h.proxy(new Request(`${PROXY}${LIST}`), fromSocket(address));
    const expected: [string, number][] = [
      ['2001:db8:1:2::1', 200],
      ['2001:db8:1:2:ffff:ffff:ffff:fffe', 200],
      ['2001:0db8:0001:0002:0:0:0:99', 429],
      // The next /64 is another client; IPv4, plain or mapped, is keyed by the whole address.
      ['2001:db8:1:3::1', 200],
      ['198.51.100.1', 200],
      ['::ffff:198.51.100.1', 200],
      ['198.51.100.1', 429],
      ['198.51.100.2', 200],
    ];
    for (const [address, status] of expected) expect((await call(address)).status, address).toBe(status);
    const keys = {
      '2001:db8::1': '2001:db8:0:0::/64',
      '2001:DB8:0:0:1::': '2001:db8:0:0::/64',
      'fe80::1%eth0': 'fe80:0:0:0::/64',
      '::1': '0:0:0:0::/64',
      '::ffff:203.0.113.7': '203.0.113.7',
      // Mapped IPv4 however it is spelt is the IPv4 client, not the /64 every mapped address shares.
      '::FFFF:cb00:7107': '203.0.113.7',
      '0:0:0:0:0:ffff:203.0.113.7': '203.0.113.7',
      '::ffff:cb00:7108': '203.0.113.8',
      '64:ff9b::203.0.113.7': '64:ff9b:0:0::/64',
      '2001:db8:1:2:3:4:5:6': '2001:db8:1:2::/64',
      '::': '0:0:0:0::/64',
      '203.0.113.7': '203.0.113.7',
      // Not addresses: each its own key.
      '1:2:3': '1:2:3',
      '::ffff:1.2.3.999': '::ffff:1.2.3.999',
      '1::2::3': '1::2::3',
    };
    for (const [address, key] of Object.entries(keys)) expect(addressKey(address), address).toBe(key);
  });

  it('counts refused sessions too, by address', async () => {
    const h = harness({ rateLimitMax: 2 });
    const call = () =>
      h.proxy(new Request(`${PROXY}${LIST}`, { headers: { authorization: 'Bearer a.b.c' } }), fromSocket('10.0.0.5'));
    expect((await call()).status).toBe(401);
    expect((await call()).status).toBe(401);
    expect((await call()).status).toBe(429);
  });

  it('is off with rateLimitMax 0, and the health check is never limited', async () => {
    const h = harness({ rateLimitMax: 1 });
    for (let i = 0; i < 5; i++) expect((await h.request('/healthz')).status).toBe(200);
    const off = harness({ rateLimitMax: 0 });
    for (let i = 0; i < 200; i++) expect((await off.request(LIST)).status).toBe(200);
  });

  it('FixedWindowLimiter bounds the number of clients it remembers', () => {
    let now = 0;
    const limiter = new FixedWindowLimiter(1, 1000, () => now, 100);
    for (let i = 0; i < 1000; i++) limiter.hit(`client-${i}`);
    expect((limiter as unknown as { windows: Map<string, unknown> }).windows.size).toBeLessThanOrEqual(100);
    now = 2000;
    expect(limiter.hit('client-999').ok).toBe(true);
  });

  it('FixedWindowLimiter, when full, drops finished windows before live ones', () => {
    let now = 0;
    const limiter = new FixedWindowLimiter(1, 60_000, () => now, 3);
    limiter.hit('finished');
    now = 30_000;
    limiter.hit('live-1');
    limiter.hit('live-2');
    now = 61_000;
    expect(limiter.hit('new').ok).toBe(true);
    // The live windows are still counted.
    expect(limiter.hit('live-1').ok).toBe(false);
    expect(limiter.hit('live-2').ok).toBe(false);
  });

  it(
    'FixedWindowLimiter, when full of live windows, ' +
      'drops the one that started first (a renewed window starts again)',
    () => {
      let now = 0;
      const limiter = new FixedWindowLimiter(1, 60_000, () => now, 3);
      limiter.hit('a');
      now = 10_000;
      limiter.hit('b');
      now = 61_000;
      // a's window is over: its next hit starts a new one, after b's.
      expect(limiter.hit('a').ok).toBe(true);
      now = 62_000;
      limiter.hit('c');
      now = 63_000;
      expect(limiter.hit('d').ok).toBe(true);
      // b went (the oldest window still running); a, c and d are still counted.
      expect(limiter.hit('a').ok).toBe(false);
      expect(limiter.hit('c').ok).toBe(false);
      expect(limiter.hit('d').ok).toBe(false);
      expect(limiter.hit('b').ok).toBe(true);
    },
  );
});
