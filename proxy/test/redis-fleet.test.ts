/**
 * Three proxy processes on one real Redis, requests spread round-robin, as a shop with several
 * instances runs them: identical calls collapse into one vendor call fleet-wide, an answer
 * cached by one instance is served by another, the rate limit counts the fleet once, and no
 * customer is served another's entry. Then Redis is killed mid-run: every request is still
 * answered, and sharing resumes when it is back. And a `rediss://` URL with a password.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeCsomni, fleetEnv, redisState, session, startProxy, type FakeCsomni, type ProxyProcess } from './fleet.ts';
import { freePort, startRedis, type RedisServer } from './redis-server.ts';

const LIST = '/csomni/frequentlyPurchased';
const get = (proxy: ProxyProcess, path: string, token?: string) =>
  fetch(`${proxy.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

/** One Redis, one fake CS Omni and three proxy processes sharing that Redis, all ready. */
async function startFleet(
  extra: Record<string, string>,
): Promise<{ redis: RedisServer; vendor: FakeCsomni; fleet: ProxyProcess[] }> {
  const [redis, vendor] = await Promise.all([startRedis(), fakeCsomni()]);
  const env = fleetEnv(redis.url, vendor, extra);
  const fleet = await Promise.all([startProxy(env), startProxy(env), startProxy(env)]);
  await redisState(fleet, 'ok');
  return { redis, vendor, fleet };
}

async function stopFleet(
  redis: RedisServer | undefined,
  vendor: FakeCsomni | undefined,
  fleet: ProxyProcess[],
): Promise<void> {
  await Promise.all(fleet.map((proxy) => proxy.stop()));
  await Promise.all([redis?.stop(), vendor?.close()]);
}

describe('three proxy instances on one Redis', { timeout: 120_000 }, () => {
  let redis: RedisServer;
  let vendor: FakeCsomni;
  let fleet: ProxyProcess[] = [];

  beforeAll(async () => {
    // The bound on Redis commands is generous here: on a busy test machine a stall past 50 ms
    // would (correctly) switch an instance to memory and make these counts a coin toss.
    ({ redis, vendor, fleet } = await startFleet({ RATE_LIMIT_MAX: '60', REDIS_COMMAND_TIMEOUT_MS: '2000' }));
  }, 180_000);

  afterAll(() => stopFleet(redis, vendor, fleet));

  it('50 identical concurrent requests across the three make one vendor call', async () => {
    const token = await session({ sub: 'collapse', csomni: { customerToken: 'cs_collapse' } });
    let release!: () => void;
    vendor.hold = new Promise((resolve) => (release = resolve));
    const answers = Array.from({ length: 50 }, (_, index) => get(fleet[index % 3], LIST, token));
    // Hold the vendor's answer until every request has had time to reach an instance; any that
    // arrive later still find the cache, so the count below holds either way.
    while (!vendor.listCalls.get('cs_collapse')) await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, 500));
    release();
    vendor.hold = null;
    const responses = await Promise.all(answers);
    expect(responses.map((response) => response.status)).toEqual(Array(50).fill(200));
    const bodies = await Promise.all(responses.map((response) => response.json()));
    expect(bodies.every((body) => JSON.stringify(body) === JSON.stringify(bodies[0]))).toBe(true);
    expect(JSON.stringify(bodies[0])).toContain('vrnt_cs_collapse');
    expect(vendor.listCalls.get('cs_collapse')).toBe(1);
    const outcomes = responses.map((response) => response.headers.get('x-cache'));
    expect(outcomes.filter((outcome) => outcome === 'miss')).toHaveLength(1);
  });

  it('an answer cached by instance A is served by B and C with no vendor call', async () => {
    const token = await session({ sub: 'cached', csomni: { customerToken: 'cs_cached' } });
    const [a, b, c] = fleet;
    expect((await get(a, LIST, token)).headers.get('x-cache')).toBe('miss');
    for (const other of [b, c]) {
      const response = await get(other, LIST, token);
      expect(response.headers.get('x-cache')).toBe('hit');
      expect(JSON.stringify(await response.json())).toContain('vrnt_cs_cached');
    }
    expect(vendor.listCalls.get('cs_cached')).toBe(1);
  });

  it('the rate limit trips at the same total as for one instance', async () => {
    const count = async (proxies: ProxyProcess[], sub: string) => {
      const token = await session({ sub });
      const statuses: number[] = [];
      for (let index = 0; index < 75; index++)
        statuses.push((await get(proxies[index % proxies.length], '/csomni/products/prod_1/full', token)).status);
      return statuses;
    };
    const fleetStatuses = await count(fleet, 'rate-fleet');
    // One instance: every request of another client to the same process.
    const loneStatuses = await count([fleet[0]], 'rate-lone');
    expect(fleetStatuses.filter((status) => status === 200)).toHaveLength(60);
    expect(fleetStatuses.slice(60)).toEqual(Array(15).fill(429));
    expect(fleetStatuses).toEqual(loneStatuses);
  });

  it('never serves one customer’s entry to another', async () => {
    const customers = ['cs_ana', 'cs_ben', 'cs_cleo'];
    const tokens = await Promise.all(
      customers.map((customer, index) => session({ sub: `isolation-${index}`, csomni: { customerToken: customer } })),
    );
    const guest = fleet[0];
    for (let round = 0; round < 3; round++) {
      const results = await Promise.all(
        customers.map(async (customer, index) => {
          const response = await get(fleet[(index + round) % 3], LIST, tokens[index]);
          return { customer, text: JSON.stringify(await response.json()), cache: response.headers.get('x-cache') };
        }),
      );
      for (const { customer, text } of results) {
        expect(text).toContain(`vrnt_${customer}`);
        for (const other of customers.filter((name) => name !== customer)) expect(text).not.toContain(other);
      }
      if (round > 0) expect(results.map((result) => result.cache)).toEqual(['hit', 'hit', 'hit']);
    }
    const site = JSON.stringify(await (await get(guest, LIST)).json());
    expect(site).toContain('vrnt_site');
    for (const customer of customers) expect(vendor.listCalls.get(customer)).toBe(1);
  });
});

describe('Redis killed mid-run', { timeout: 120_000 }, () => {
  let redis: RedisServer;
  let vendor: FakeCsomni;
  let fleet: ProxyProcess[] = [];

  beforeAll(async () => {
    // A killed Redis closes the connection, which degrades at once whatever the bound; a generous
    // bound keeps a busy test machine's pauses from adding degraded periods of their own.
    ({ redis, vendor, fleet } = await startFleet({ RATE_LIMIT_MAX: '10000', REDIS_COMMAND_TIMEOUT_MS: '1000' }));
  }, 180_000);

  afterAll(() => stopFleet(redis, vendor, fleet));

  it(
    'answers every request while Redis is gone, logs it once per instance, ' + 'and shares again when it is back',
    async () => {
      const tokens = await Promise.all(
        Array.from({ length: 6 }, (_, index) =>
          session({ sub: `kill-${index}`, csomni: { customerToken: `cs_kill${index}` } }),
        ),
      );
      const statuses: number[] = [];
      let sent = 0;
      let killed: Promise<void> | undefined;
      // Four clients, 120 requests round-robin over the fleet; Redis dies after the 30th answer.
      const client = async () => {
        while (sent < 120) {
          const index = sent++;
          const path = index % 4 === 0 ? '/csomni/products/prod_1/full' : LIST;
          const response = await get(fleet[index % 3], path, tokens[index % tokens.length]);
          statuses.push(response.status);
          await response.arrayBuffer();
          if (statuses.length === 30) killed = redis.kill();
        }
      };
      await Promise.all([client(), client(), client(), client()]);
      await killed;
      expect(statuses).toHaveLength(120);
      expect(statuses.filter((status) => status !== 200)).toEqual([]);

      await redisState(fleet, 'degraded');
      const health = await fetch(`${fleet[0].url}/healthz`);
      expect(health.status).toBe(200);
      for (const proxy of fleet) {
        expect(proxy.child.exitCode).toBeNull();
        expect(proxy.events('redis-degraded')).toHaveLength(1);
        expect(proxy.stderr).toBe('');
      }

      await redis.start();
      await redisState(fleet, 'ok', 30_000);
      for (const proxy of fleet) expect(proxy.events('redis-recovered')).toHaveLength(1);

      // Sharing resumes: cached by one instance, served by the others.
      const token = await session({ sub: 'after', csomni: { customerToken: 'cs_after' } });
      expect((await get(fleet[1], LIST, token)).headers.get('x-cache')).toBe('miss');
      expect((await get(fleet[2], LIST, token)).headers.get('x-cache')).toBe('hit');
      expect((await get(fleet[0], LIST, token)).headers.get('x-cache')).toBe('hit');
      expect(vendor.listCalls.get('cs_after')).toBe(1);
      for (const proxy of fleet) expect(proxy.lines.filter((line) => line.level === 'error')).toEqual([]);
    },
  );
});

describe('Redis over TLS with a password (rediss://)', { timeout: 120_000 }, () => {
  let dir: string;
  let redis: RedisServer;
  let vendor: FakeCsomni;
  let fleet: ProxyProcess[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'storefront-widgets-tls-'));
    // A self-signed certificate for localhost, trusted by the proxies through NODE_EXTRA_CA_CERTS.
    const made = spawnSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost,IP:127.0.0.1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { encoding: 'utf8' },
    );
    if (made.status !== 0) throw new Error(`openssl could not make a test certificate: ${made.stderr}`);
    const port = await freePort();
    [redis, vendor] = await Promise.all([
      startRedis({
        port,
        password: 'tls pass/word',
        args: [
          '--tls-port',
          String(port),
          '--tls-cert-file',
          join(dir, 'cert.pem'),
          '--tls-key-file',
          join(dir, 'key.pem'),
          '--tls-ca-cert-file',
          join(dir, 'cert.pem'),
          '--tls-auth-clients',
          'no',
        ],
      }),
      fakeCsomni(),
    ]);
    const url = `rediss://:${encodeURIComponent('tls pass/word')}@localhost:${port}`;
    const env = {
      ...fleetEnv(url, vendor, { REDIS_COMMAND_TIMEOUT_MS: '2000' }),
      NODE_EXTRA_CA_CERTS: join(dir, 'cert.pem'),
    };
    fleet = await Promise.all([startProxy(env), startProxy(env)]);
    await redisState(fleet, 'ok');
  }, 180_000);

  afterAll(async () => {
    await Promise.all(fleet.map((proxy) => proxy.stop()));
    await Promise.all([redis?.stop(), vendor?.close()]);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shares the cache, and never logs the password', async () => {
    const token = await session({ sub: 'tls', csomni: { customerToken: 'cs_tls' } });
    expect((await get(fleet[0], LIST, token)).headers.get('x-cache')).toBe('miss');
    expect((await get(fleet[1], LIST, token)).headers.get('x-cache')).toBe('hit');
    expect(vendor.listCalls.get('cs_tls')).toBe(1);
    for (const proxy of fleet) {
      expect(proxy.events('redis-connected')).toEqual([
        expect.objectContaining({ redis: expect.stringMatching(/^rediss:\/\/localhost:\d+$/) }),
      ]);
      const printed = JSON.stringify(proxy.lines) + proxy.stderr;
      expect(printed).not.toContain('pass/word');
      expect(printed).not.toContain(encodeURIComponent('tls pass/word'));
    }
  });
});
