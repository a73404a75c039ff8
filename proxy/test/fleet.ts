/**
 * A fleet for the multi-instance tests, the workerd test and the bench: proxy processes (the
 * CLI, run from the sources) on one Redis, in front of fake vendors served over loopback HTTP
 * (CS Omni below `/api`, giosg below `/giosg`) that count their calls and can hold answers.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { signSession, type SessionClaims } from '../src/index.ts';
import { SECRETS, until } from './helpers.ts';

const PACKAGE = fileURLToPath(new URL('..', import.meta.url));

export interface FakeCsomni {
  base: string;
  /** Calls to the frequently-purchased list, by customer token (`site` without one). */
  listCalls: Map<string, number>;
  /** While set, list answers wait for it. */
  hold: Promise<void> | null;
  /** Every call: method, path and query, and the headers the vendor got. */
  calls: { path: string; headers: Record<string, string | string[] | undefined> }[];
  /** giosg's base URL on the same server. */
  giosgBase: string;
  close(): Promise<void>;
}

/** CS Omni's list and product routes, answering with the customer they were asked for. */
export async function fakeCsomni(): Promise<FakeCsomni> {
  const fake: FakeCsomni = {
    base: '',
    giosgBase: '',
    listCalls: new Map(),
    hold: null,
    calls: [],
    close: async () => {},
  };
  const server: Server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://vendor');
    const customer = (request.headers.customertoken as string | undefined) ?? 'site';
    fake.calls.push({ path: `${url.pathname}${url.search}`, headers: request.headers });
    let body: unknown;
    const giosgVisitor = /^\/giosg\/api\/v5\/users\/[^/]+\/chats\/[^/]+\/visitors\/([^/]+)\/shopping_carts$/.exec(
      url.pathname,
    );
    if (giosgVisitor) {
      body = {
        next: null,
        previous: null,
        results: [
          { id: 'cart-1', visitor_id: giosgVisitor[1], currency: 'EUR', total_value: '12.50', is_locked: false },
        ],
      };
    } else if (url.pathname === '/api/frequentlyPurchased') {
      fake.listCalls.set(customer, (fake.listCalls.get(customer) ?? 0) + 1);
      if (fake.hold) await fake.hold;
      // `cs_big` has bought 60 things: an answer large enough to be sent compressed.
      const rows = customer === 'cs_big' ? 60 : 1;
      body = Array.from({ length: rows }, (_, i) => ({
        variantToken: `vrnt_${customer}${i ? `_${i}` : ''}`,
        productToken: `prod_${customer}`,
        quantity: '1',
        price: '12.50',
      }));
    } else if (/^\/api\/products\/[^/]+\/full$/.test(url.pathname)) {
      body = {
        prodToken: url.pathname.split('/')[3],
        variants: [{ variantToken: 'vrnt_1', variantName: 'One', variantPrice: '9.90' }],
      };
    } else {
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"No route"}');
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  fake.base = `${origin}/api`;
  fake.giosgBase = `${origin}/giosg`;
  fake.close = () => new Promise((resolve) => server.close(() => resolve()));
  return fake;
}

export interface ProxyProcess {
  url: string;
  child: ChildProcess;
  /** Every JSON line it printed. */
  lines: Record<string, unknown>[];
  stderr: string;
  events(name: string): Record<string, unknown>[];
  stop(): Promise<void>;
}

/**
 * Starts the CLI with `env` on a free loopback port and waits until it listens. With
 * `keepLines: false` (the bench) request lines are read and dropped after start-up, keeping only
 * events, so a long run neither grows the parent's memory nor spends its CPU on parsing.
 */
export async function startProxy(env: Record<string, string>, { keepLines = true } = {}): Promise<ProxyProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts'], {
    cwd: PACKAGE,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const proxy: ProxyProcess = {
    url: '',
    child,
    lines: [],
    stderr: '',
    events: (name) => proxy.lines.filter((line) => line.event === name),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    },
  };
  let buffered = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const parts = buffered.split('\n');
    buffered = parts.pop()!;
    for (const part of parts) {
      if (!keepLines && proxy.url && !part.includes('"event"')) continue;
      try {
        proxy.lines.push(JSON.parse(part) as Record<string, unknown>);
      } catch {
        proxy.lines.push({ text: part });
      }
    }
  });
  child.stderr.on('data', (chunk: Buffer) => (proxy.stderr += chunk.toString()));
  // Generous: tsx compiles the sources at start, which a loaded CI machine can make slow.
  await until(
    () => proxy.events('listening').length > 0 || child.exitCode !== null,
    'the proxy never listened',
    90_000,
  );
  if (child.exitCode !== null) throw new Error(`the proxy exited: ${proxy.stderr}`);
  proxy.url = `http://127.0.0.1:${proxy.events('listening')[0].port as number}`;
  return proxy;
}

/** The settings every instance of a test fleet shares. */
export const fleetEnv = (
  redisUrl: string,
  vendor: FakeCsomni,
  extra: Record<string, string> = {},
): Record<string, string> => ({
  REDIS_URL: redisUrl,
  SESSION_SECRET: SECRETS.sessionSecret,
  CSOMNI_SITE_TOKEN: SECRETS.csomniSiteToken,
  CSOMNI_BASE_URL: vendor.base,
  ...extra,
});

export const session = (claims: SessionClaims): Promise<string> =>
  signSession(claims, SECRETS.sessionSecret, { expiresIn: 3600 });

/** Resolves once every proxy's /healthz reports `redis` as `state`. */
export async function redisState(proxies: ProxyProcess[], state: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const proxy of proxies) {
    for (;;) {
      const health = (await (await fetch(`${proxy.url}/healthz`)).json()) as { redis?: string };
      if (health.redis === state) break;
      if (Date.now() > deadline) throw new Error(`${proxy.url} reports redis ${health.redis}, not ${state}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
