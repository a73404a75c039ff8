/**
 * The node fast path (`NodeFastPath` in request-pipeline.ts): cache hits answered from Node's own
 * request and response. Each scenario runs twice over loopback HTTP, once through the fast path
 * and the adapter as the CLI serves it, once through the adapter alone, and must come out the
 * same: statuses, headers, bodies, log lines; and the fast path must really have answered.
 */
import { Agent, request as httpRequest } from 'node:http';
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFetchHandler } from '../src/create-proxy.ts';
import { flushLog, jsonLineSink } from '../src/log.ts';
import type { ProxyConfig, ProxyLogEntry } from '../src/index.ts';
import type { SyncableHandler } from '../src/request-pipeline.ts';
import {
  ANA,
  BASES,
  BEN,
  ORIGIN,
  PROXY,
  SECRETS,
  clock,
  defaultUpstream,
  nodeTransport,
  type NodeTransport,
} from './helpers.ts';
import { signSession, type SessionClaims } from '../src/session.ts';

const LIST = '/csomni/frequentlyPurchased';
const METRICS_TOKEN = 'metrics-TOKEN-0123456789';

interface Side {
  transport: NodeTransport;
  logs: ProxyLogEntry[];
  upstreamCalls: () => number;
  clock: ReturnType<typeof clock>;
  session(claims: SessionClaims, expiresIn?: number): Promise<string>;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
}

const open: NodeTransport[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((transport) => transport.close()));
});

/** One proxy over loopback: with its fast path (as the CLI serves it), or the adapter alone. */
function side(fast: boolean, overrides: Partial<ProxyConfig>): Side {
  const logs: ProxyLogEntry[] = [];
  const time = clock();
  const state = { listCalls: 0, createCalls: 0, validTokens: new Set<string>() };
  const upstream = defaultUpstream(state);
  let upstreamCalls = 0;
  const handler = createFetchHandler({
    ...SECRETS,
    ...BASES,
    allowInsecureUpstream: true,
    allowedOrigins: [ORIGIN],
    rateLimitMax: 0,
    now: time.now,
    logger: (entry) => logs.push(entry),
    fetch: async (input, init) => {
      upstreamCalls++;
      const request = new Request(input, init);
      const headers: Record<string, string> = {};
      request.headers.forEach((value, name) => (headers[name] = value));
      return upstream({ url: new URL(request.url), method: request.method, headers, body: await request.text(), init });
    },
    ...overrides,
  });
  const served: SyncableHandler = fast ? handler : (request, env) => handler(request, env);
  const transport = nodeTransport(served);
  open.push(transport);
  return {
    transport,
    logs,
    upstreamCalls: () => upstreamCalls,
    clock: time,
    session: (claims, expiresIn = 3600) => signSession(claims, SECRETS.sessionSecret, { now: time.now(), expiresIn }),
    get: (path, headers = {}) => transport.fetch(new Request(`${PROXY}${path}`, { headers })),
  };
}

/** What a client and an operator can see of an answer: all but the Date header. */
async function seen(response: Response) {
  const headers = [...response.headers].filter(([name]) => name !== 'date');
  return { status: response.status, headers, body: await response.text() };
}
/** A request's log line, without what varies from run to run. */
const line = ({ time: _time, ms: _ms, ...rest }: ProxyLogEntry) => rest;

/**
 * Runs `scenario` with and without the fast path; both must see the same answers and log lines.
 * Returns what the fast side saw, and how many requests its fast path answered.
 */
async function both(overrides: Partial<ProxyConfig>, scenario: (side: Side) => Promise<Response[]>) {
  const results = [];
  for (const fast of [true, false]) {
    const each = side(fast, overrides);
    const answers = await Promise.all((await scenario(each)).map(seen));
    results.push({
      answers,
      logs: each.logs.map(line),
      fastAnswers: each.transport.fastAnswers,
      upstreamCalls: each.upstreamCalls(),
    });
  }
  const [fast, adapter] = results;
  expect(fast.answers).toEqual(adapter.answers);
  expect(fast.logs).toEqual(adapter.logs);
  expect(fast.upstreamCalls).toBe(adapter.upstreamCalls);
  expect(adapter.fastAnswers).toBe(0);
  return fast;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}`, origin: ORIGIN });

describe('the node fast path', () => {
  it('answers cache hits, a session’s and a guest’s, with the pipeline’s headers, body and log line', async () => {
    const fast = await both({ rateLimitMax: 100 }, async (proxy) => {
      const ana = await proxy.session(ANA);
      const ben = await proxy.session(BEN);
      return [
        await proxy.get(LIST, bearer(ana)), // miss: verified in full, cached
        await proxy.get(LIST, bearer(ana)), // hit
        await proxy.get(LIST, bearer(ben)), // another customer: a miss of their own
        await proxy.get(LIST, bearer(ben)),
        await proxy.get(LIST, { origin: ORIGIN }), // a guest: the site-wide list
        await proxy.get(LIST), // and without an origin
      ];
    });
    expect(fast.fastAnswers).toBe(3);
    expect(fast.upstreamCalls).toBe(3);
    const [anaMiss, anaHit, , benHit, , guestHit] = fast.answers;
    expect(anaHit.status).toBe(200);
    expect(anaHit.body).toBe(anaMiss.body);
    expect(anaHit.body).toContain('vrnt_cs_ana');
    expect(benHit.body).toContain('vrnt_cs_ben');
    expect(guestHit.body).toContain('vrnt_site');
    const headers = Object.fromEntries(anaHit.headers);
    expect(headers).toMatchObject({
      'x-cache': 'hit',
      'cache-control': 'private, no-store',
      'content-type': 'application/json; charset=utf-8',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
      'cross-origin-resource-policy': 'same-origin',
      vary: 'Origin',
      'access-control-allow-origin': ORIGIN,
      'content-length': String(Buffer.byteLength(anaHit.body)),
    });
    expect(headers['content-security-policy']).toContain("default-src 'none'");
    expect(Object.fromEntries(guestHit.headers)['access-control-allow-origin']).toBeUndefined();
    expect(fast.logs[1]).toEqual({ level: 'info', method: 'GET', route: LIST, status: 200, cache: 'hit' });
    expect(fast.logs).toHaveLength(6);
  });

  it(
    'refuses what the pipeline refuses once a session is remembered: origins, ' +
      'forged, malformed, repeated and expired tokens',
    async () => {
      const fast = await both({}, async (proxy) => {
        const ana = await proxy.session(ANA, 600);
        // The signature's last character carries data bits only in part: flip one in the middle.
        const [head, payload, signature] = ana.split('.');
        const middle = Math.floor(signature.length / 2);
        const flipped = signature[middle] === 'A' ? 'B' : 'A';
        const forged = `${head}.${payload}.${signature.slice(0, middle)}${flipped}${signature.slice(middle + 1)}`;
        const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as object;
        const otherClaims = { ...claims, sub: 'customer-ben', csomni: { customerToken: 'cs_ben' } };
        const forgedClaims = `${head}.${Buffer.from(JSON.stringify(otherClaims)).toString('base64url')}.${signature}`;
        const answers = [await proxy.get(LIST, bearer(ana)), await proxy.get(LIST, bearer(ana))];
        answers.push(await proxy.get(LIST, { ...bearer(ana), origin: 'https://evil.example' }));
        answers.push(await proxy.get(LIST, bearer(forged)));
        answers.push(await proxy.get(LIST, bearer(forgedClaims)));
        answers.push(await proxy.get(LIST, { authorization: `Basic ${ana}`, origin: ORIGIN }));
        answers.push(await repeatedAuthorization(proxy, ana));
        proxy.clock.advance(606_000); // past exp and jose's 5 s of leeway
        answers.push(await proxy.get(LIST, bearer(ana)));
        return answers;
      });
      // Only the second request (a remembered session, a cached list) is the fast path's.
      expect(fast.fastAnswers).toBe(1);
      expect(fast.answers.map((answer) => answer.status)).toEqual([200, 200, 403, 401, 401, 401, 401, 401]);
      expect(fast.logs.map((entry) => entry.error)).toEqual([
        undefined,
        undefined,
        'origin',
        'session-invalid',
        'session-invalid',
        'session-malformed',
        'session-malformed',
        'session-expired',
      ]);
      for (const refused of fast.answers.slice(2)) {
        expect(refused.body).not.toContain('vrnt_');
        expect(Object.fromEntries(refused.headers)['x-content-type-options']).toBe('nosniff');
      }
    },
  );

  it('writes the pipeline’s JSON log line, field for field and in the same order, from its template', async () => {
    const written: string[][] = [];
    const fast = await both({ logger: jsonLineSink, rateLimitMax: 100 }, async (proxy) => {
      const lines: string[] = [];
      written.push(lines);
      const spy = vi
        .spyOn(process.stdout, 'write')
        .mockImplementation(
          (chunk: string | Uint8Array) => (
            lines.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')),
            true
          ),
        );
      try {
        const ana = await proxy.session(ANA);
        return [
          await proxy.get(LIST, bearer(ana)), // miss
          await proxy.get(LIST, bearer(ana)), // hit, from a remembered session
          await proxy.get(LIST, { origin: ORIGIN }), // a guest's miss
          await proxy.get(LIST), // and hit, without an origin
        ];
      } finally {
        flushLog();
        spy.mockRestore();
      }
    });
    expect(fast.fastAnswers).toBe(2);
    // The time and the milliseconds vary from run to run: all else is the same text.
    const [fastLines, adapterLines] = written.map((lines) =>
      lines
        .join('')
        .trimEnd()
        .split('\n')
        .map((line) => line.replace(/^\{"time":"[^"]+",/, '{"time":"T",').replace(/,"ms":[\d.e+-]+,/, ',"ms":0,')),
    );
    expect(fastLines).toEqual(adapterLines);
    expect(fastLines).toHaveLength(4);
    expect(fastLines[1]).toBe(
      '{"time":"T","level":"info","method":"GET","route":"/csomni/frequentlyPurchased",' +
        '"status":200,"ms":0,"cache":"hit"}',
    );
  });

  it(
    'checks a session again on every request of a connection: a forged token, ' +
      'then an expired one, are refused there too',
    async () => {
      const fast = await both({ rateLimitMax: 100 }, async (proxy) => {
        const ana = await proxy.session(ANA, 600);
        const [head, payload, signature] = ana.split('.');
        const middle = Math.floor(signature.length / 2);
        const flipped = signature[middle] === 'A' ? 'B' : 'A';
        const forged = `${head}.${payload}.${signature.slice(0, middle)}${flipped}${signature.slice(middle + 1)}`;
        // One connection, kept alive, for every request.
        const agent = new Agent({ keepAlive: true, maxSockets: 1 });
        const sockets = new Set<Socket>();
        const get = (token: string) => keptAliveGet(proxy, agent, sockets, LIST, bearer(token));
        try {
          const answers = [await get(ana), await get(ana), await get(ana), await get(forged), await get(ana)];
          proxy.clock.advance(606_000); // past exp and jose's 5 s of leeway
          answers.push(await get(ana));
          expect(sockets.size).toBe(1);
          return answers;
        } finally {
          agent.destroy();
        }
      });
      // The miss is verified in full; the hits are the fast path's; the forged token and the
      // expired session are the pipeline's to refuse.
      expect(fast.fastAnswers).toBe(3);
      expect(fast.answers.map((answer) => answer.status)).toEqual([200, 200, 200, 401, 200, 401]);
      expect(fast.logs.map((entry) => entry.cache ?? entry.error)).toEqual([
        'miss',
        'hit',
        'hit',
        'session-invalid',
        'hit',
        'session-expired',
      ]);
      expect(fast.answers[3].body).not.toContain('vrnt_');
      expect(fast.answers[5].body).not.toContain('vrnt_');
    },
  );

  it('checks the Host header on every request of a connection, a session’s and a guest’s', async () => {
    const fast = await both({ rateLimitMax: 100 }, async (proxy) => {
      const ana = await proxy.session(ANA);
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      const sockets = new Set<Socket>();
      const get = (headers: Record<string, string>) => keptAliveGet(proxy, agent, sockets, LIST, headers);
      // A Host the adapter cannot take as it is: a URL built from it would name another host.
      const forged = { host: `user@${new URL(PROXY).host}` };
      try {
        const answers = [
          await get(bearer(ana)), // miss: verified in full, cached
          await get(bearer(ana)), // hit: the connection now holds Ana's token
          await get({ ...bearer(ana), ...forged }),
          await get({ origin: ORIGIN }), // a guest's miss, then hit
          await get({ origin: ORIGIN }),
          await get({ origin: ORIGIN, ...forged }),
          await get(bearer(ana)),
        ];
        expect(sockets.size).toBe(1);
        return answers;
      } finally {
        agent.destroy();
      }
    });
    expect(fast.answers.map((answer) => answer.status)).toEqual([200, 200, 400, 200, 200, 400, 200]);
    expect(fast.fastAnswers).toBe(3);
    expect(fast.answers[2].body).not.toContain('vrnt_');
    expect(fast.answers[5].body).not.toContain('vrnt_');
  });

  it(
    'counts every request against the rate limit once, also those it hands on, ' + 'and leaves the 429 to the pipeline',
    async () => {
      const fast = await both(
        { rateLimitMax: 3, rateLimitWindowSeconds: 600, csomniListTtlSeconds: 60 },
        async (proxy) => {
          const ana = await proxy.session(ANA);
          const answers = [await proxy.get(LIST, bearer(ana))]; // 1: verified in full, a miss
          proxy.clock.advance(61_000); // the list has expired, the session and the window have not
          answers.push(await proxy.get(LIST, bearer(ana))); // 2: admitted here, a miss: handed on
          answers.push(await proxy.get(LIST, bearer(ana))); // 3: a hit
          answers.push(await proxy.get(LIST, bearer(ana))); // 4: over the limit
          return answers;
        },
      );
      expect(fast.answers.map((answer) => answer.status)).toEqual([200, 200, 200, 429]);
      expect(fast.fastAnswers).toBe(1);
      expect(fast.logs.map((entry) => entry.cache ?? entry.error)).toEqual(['miss', 'miss', 'hit', 'rate-limited']);
      const limited = Object.fromEntries(fast.answers[3].headers);
      expect(Number(limited['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(limited['x-content-type-options']).toBe('nosniff');
      expect(limited['access-control-allow-origin']).toBe(ORIGIN);
    },
  );

  it('is counted by the metrics like any other answer', async () => {
    const fast = await both({ metricsToken: METRICS_TOKEN }, async (proxy) => {
      const ana = await proxy.session(ANA);
      const answers = [await proxy.get(LIST, bearer(ana)), await proxy.get(LIST, bearer(ana))];
      const metrics = await proxy.get('/metrics', { authorization: `Bearer ${METRICS_TOKEN}` });
      // Latency sums differ from run to run: the rest must not.
      const text = (await metrics.text())
        .split('\n')
        .filter((entry) => !/_sum\{/.test(entry))
        .join('\n');
      return [...answers, new Response(text, { status: metrics.status })];
    });
    expect(fast.fastAnswers).toBe(1);
    const text = fast.answers[2].body;
    expect(text).toContain('storefront_proxy_requests_total{route="/csomni/frequentlyPurchased",status="200"} 2');
    expect(text).toContain('storefront_proxy_cache_total{outcome="hit"} 1');
  });

  it('is off with Redis: shared state answers with promises, so every request takes the fetch handler', async () => {
    const handler = createFetchHandler({
      ...SECRETS,
      ...BASES,
      allowInsecureUpstream: true,
      redisUrl: 'redis://127.0.0.1:1',
      logger: false,
    });
    expect(handler.node).toBeUndefined();
    await handler.close();
    expect(createFetchHandler({ ...SECRETS, ...BASES, allowInsecureUpstream: true, logger: false }).node).toBeTypeOf(
      'function',
    );
  });
});

/** Two Authorization headers: the adapter joins them (not a token), so the fast path must not pick one. */
const repeatedAuthorization = (proxy: Side, token: string): Promise<Response> =>
  rawGet(proxy, LIST, [
    ['authorization', `Bearer ${token}`],
    ['authorization', `Bearer ${token}`],
    ['origin', ORIGIN],
  ]);

/** A GET through `agent` (its connections kept alive), noting the socket it went over. */
function keptAliveGet(
  proxy: Side,
  agent: Agent,
  sockets: Set<Socket>,
  path: string,
  headers: Record<string, string>,
): Promise<Response> {
  return proxy.transport.port().then(
    (port) =>
      new Promise<Response>((resolve, reject) => {
        const outgoing = httpRequest(
          { host: '127.0.0.1', port, path, headers: { host: new URL(PROXY).host, ...headers }, agent },
          (incoming) => {
            const chunks: Buffer[] = [];
            incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
            incoming.on('end', () => {
              const answered = new Headers();
              for (let index = 0; index < incoming.rawHeaders.length; index += 2)
                answered.append(incoming.rawHeaders[index], incoming.rawHeaders[index + 1]);
              resolve(new Response(Buffer.concat(chunks), { status: incoming.statusCode, headers: answered }));
            });
          },
        );
        outgoing.on('socket', (socket: Socket) => sockets.add(socket));
        outgoing.on('error', reject);
        outgoing.end();
      }),
  );
}

/** A GET with headers as given, repeated ones included. */
function rawGet(proxy: Side, path: string, headers: [string, string][]): Promise<Response> {
  return proxy.transport.port().then(
    (port) =>
      new Promise<Response>((resolve, reject) => {
        const flat = [['host', new URL(PROXY).host], ...headers].flat();
        const outgoing = httpRequest(
          { host: '127.0.0.1', port, path, headers: flat as unknown as Record<string, string>, agent: false },
          (incoming) => {
            const chunks: Buffer[] = [];
            incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
            incoming.on('end', () => {
              const answered = new Headers();
              for (let index = 0; index < incoming.rawHeaders.length; index += 2)
                answered.append(incoming.rawHeaders[index], incoming.rawHeaders[index + 1]);
              resolve(new Response(Buffer.concat(chunks), { status: incoming.statusCode, headers: answered }));
            });
          },
        );
        outgoing.on('error', reject);
        outgoing.end();
      }),
  );
}
