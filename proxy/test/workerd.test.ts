/**
 * The same handler on Cloudflare's runtime: the package, built, bundled as a Worker
 * (test/workerd/worker.ts, with esbuild and the `workerd` export condition, as Wrangler does) and
 * served by `workerd`, the open-source runtime the `workerd` npm package ships, in front of fake
 * vendors on loopback. Checks /healthz, a cached CS Omni list, a session-bound giosg route, CORS,
 * a refused traversal and a gzipped answer.
 *
 * The `workerd` condition resolves to dist/edge.js: createProxy without the modules that need
 * Node (the Redis client and prom-client), which it imports only for REDIS_URL or metrics.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { build } from 'esbuild';
import workerdBinary from 'workerd';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANA, BEN, ORIGIN, SECRETS } from './helpers.ts';
import { fakeCsomni, session, type FakeCsomni } from './fleet.ts';
import { freePort } from './redis-server.ts';

const EDGE_BUILD = fileURLToPath(new URL('../dist/edge.js', import.meta.url));

describe('the proxy on workerd', { timeout: 60_000 }, () => {
  let dir: string;
  let vendor: FakeCsomni;
  let workerd: ChildProcess;
  let base: string;
  let stderr = '';

  beforeAll(async () => {
    if (!existsSync(EDGE_BUILD))
      throw new Error('proxy/dist is missing: run `npm run build` in proxy/ (npm test builds first)');
    dir = mkdtempSync(join(tmpdir(), 'storefront-widgets-workerd-'));
    vendor = await fakeCsomni();
    await build({
      entryPoints: [fileURLToPath(new URL('./workerd/worker.ts', import.meta.url))],
      outfile: join(dir, 'worker.js'),
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      target: 'es2022',
      conditions: ['workerd', 'worker', 'browser'],
      mainFields: ['module', 'main'],
      logLevel: 'error',
      // Resolve the package by its package.json, not the tsconfig path used for type checking.
      tsconfigRaw: '{}',
      metafile: true,
    }).then((result) => {
      // The Worker runs the shipped edge build, and nothing of Node's.
      const inputs = Object.keys(result.metafile.inputs);
      if (!inputs.some((input) => /(^|\/)dist\/edge\.js$/.test(input)))
        throw new Error(`the Worker did not bundle dist/edge.js: ${inputs.join(', ')}`);
    });
    expect(readFileSync(join(dir, 'worker.js'), 'utf8')).not.toMatch(
      /from ["']node:|require\(["'](ioredis|prom-client)/,
    );
    const port = await freePort();
    const text = (name: string, value: string) => `(name = ${JSON.stringify(name)}, text = ${JSON.stringify(value)})`;
    writeFileSync(
      join(dir, 'config.capnp'),
      `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "proxy", worker = .proxy),
    (name = "vendors", network = (allow = ["public", "private", "local"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "proxy")],
);
const proxy :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "worker.js")],
  compatibilityDate = "2025-09-01",
  globalOutbound = "vendors",
  bindings = [
    ${[
      text('ALLOWED_ORIGINS', ORIGIN),
      text('SESSION_SECRET', SECRETS.sessionSecret),
      text('CSOMNI_BASE_URL', vendor.base),
      text('CSOMNI_SITE_TOKEN', SECRETS.csomniSiteToken),
      text('GIOSG_BASE_URL', vendor.giosgBase),
      text('GIOSG_API_TOKEN', SECRETS.giosgApiToken),
    ].join(',\n    ')}
  ],
);
`,
    );
    workerd = spawn(workerdBinary, ['serve', join(dir, 'config.capnp'), '--verbose'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    workerd.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 20_000;
    for (;;) {
      if (workerd.exitCode !== null) throw new Error(`workerd exited: ${stderr}`);
      try {
        await fetch(`${base}/healthz`);
        break;
      } catch {
        if (Date.now() > deadline) throw new Error(`workerd did not start: ${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  }, 60_000);

  afterAll(async () => {
    if (workerd && workerd.exitCode === null) {
      await new Promise<void>((resolve) => {
        workerd.once('exit', () => resolve());
        workerd.kill('SIGTERM');
      });
    }
    await vendor?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('answers /healthz', async () => {
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, sources: { csomni: true, algonomy: false, giosg: true } });
  });

  it('serves a CS Omni list from its cache the second time, per customer, with the site token added', async () => {
    const token = await session({ sub: 'worker-ana', csomni: { customerToken: 'cs_worker' } });
    const first = await fetch(`${base}/csomni/frequentlyPurchased`, { headers: { authorization: `Bearer ${token}` } });
    expect(first.status).toBe(200);
    expect(first.headers.get('x-cache')).toBe('miss');
    const second = await fetch(`${base}/csomni/frequentlyPurchased`, { headers: { authorization: `Bearer ${token}` } });
    expect(second.headers.get('x-cache')).toBe('hit');
    expect(JSON.stringify(await second.json())).toContain('vrnt_cs_worker');
    expect(vendor.listCalls.get('cs_worker')).toBe(1);
    const call = vendor.calls.find((entry) => entry.path === '/api/frequentlyPurchased')!;
    expect(call.headers.token).toBe(SECRETS.csomniSiteToken);
    expect(call.headers.customertoken).toBe('cs_worker');
  });

  it('serves a giosg route only for the visitor the session names', async () => {
    const path = `/giosg/api/v5/users/user1/chats/chat1/visitors/${ANA.giosg!.visitorId}/shopping_carts`;
    const own = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${await session(ANA)}` } });
    expect(own.status).toBe(200);
    expect((await own.json()) as unknown).toMatchObject({ results: [{ visitor_id: ANA.giosg!.visitorId }] });
    const giosgCall = vendor.calls.find((entry) => entry.path.startsWith('/giosg/'))!;
    expect(giosgCall.headers.authorization).toBe(`Token ${SECRETS.giosgApiToken}`);

    const other = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${await session(BEN)}` } });
    expect(other.status).toBe(403);
    const none = await fetch(`${base}${path}`);
    expect(none.status).toBe(401);
  });

  it('applies CORS: an allowed origin gets its headers and a preflight, another is refused', async () => {
    const preflight = await fetch(`${base}/csomni/frequentlyPurchased`, {
      method: 'OPTIONS',
      headers: {
        origin: ORIGIN,
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');
    const allowed = await fetch(`${base}/healthz`, { headers: { origin: ORIGIN } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(allowed.headers.get('vary')).toContain('Origin');
    const refused = await fetch(`${base}/healthz`, { headers: { origin: 'https://evil.example' } });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('gzips a large answer for a client that takes it (CompressionStream: no brotli there)', async () => {
    const token = await session({ sub: 'worker-big', csomni: { customerToken: 'cs_big' } });
    const get = (acceptEncoding: string) =>
      new Promise<{ headers: Record<string, string | string[] | undefined>; bytes: Buffer }>((resolve, reject) => {
        const url = new URL(`${base}/csomni/frequentlyPurchased`);
        request(
          {
            host: url.hostname,
            port: url.port,
            path: url.pathname,
            headers: { authorization: `Bearer ${token}`, 'accept-encoding': acceptEncoding },
          },
          (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () => resolve({ headers: response.headers, bytes: Buffer.concat(chunks) }));
          },
        )
          .on('error', reject)
          .end();
      });
    const plain = await get('identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    const list = JSON.parse(plain.bytes.toString()) as unknown[];
    expect(list).toHaveLength(60);
    for (const asked of ['gzip', 'gzip, deflate, br, zstd']) {
      const gzipped = await get(asked);
      expect(gzipped.headers['content-encoding']).toBe('gzip');
      expect(gzipped.headers.vary).toBe('Origin, Accept-Encoding');
      // Compressed once, by the proxy: workerd sends its bytes as they are.
      expect(JSON.parse(gunzipSync(gzipped.bytes).toString())).toEqual(list);
      expect(gzipped.bytes.length).toBeLessThan(plain.bytes.length / 4);
    }
    const brOnly = await get('br');
    expect(brOnly.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(brOnly.bytes.toString())).toEqual(list);
  });

  it('refuses a path traversal without calling a vendor', async () => {
    const before = vendor.calls.length;
    for (const path of [
      '/csomni/products/..%2f..%2fcart/full',
      `/giosg/api/v5/users/user1/chats/chat1/visitors/${ANA.giosg!.visitorId}%2f..%2f${BEN.giosg!.visitorId}` +
        '/shopping_carts',
    ]) {
      const response = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${await session(ANA)}` } });
      expect(response.status).toBe(404);
    }
    expect(vendor.calls.length).toBe(before);
    expect(stderr).not.toMatch(/uncaught|exception/i);
  });
});
