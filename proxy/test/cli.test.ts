import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { connect } from 'node:net';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signSession } from '../src/index.ts';
import { SETTINGS } from '../src/settings.ts';

const SITE_TOKEN = 'site_cliSECRET123';
const SESSION_SECRET = 'cli-test-session-secret-0123456789abcdef';
const LOOPBACK = '127.0.0.1';
/** The proxy package's folder: the CLI runs from there wherever the tests were started. */
const PACKAGE = fileURLToPath(new URL('..', import.meta.url));

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
}

/** The list of the customer `cs_big`: 60 purchases, 6 KB or more. */
const BIG_LIST = Array.from({ length: 60 }, (_, i) => ({
  variantToken: `vrnt_big_${i}`,
  quantity: i + 1,
  price: 2.5 + i,
}));

/** A GET's status, headers and raw bytes (not decoded, as `fetch` would). */
function rawGet(port: number, path: string, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: IncomingMessage['headers']; bytes: Buffer }>((resolve, reject) => {
    httpRequest({ host: LOOPBACK, port, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

/** A tiny CS Omni on loopback. */
function startUpstream(): Promise<{ server: Server; port: number; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    res.setHeader('content-type', 'application/json');
    if (req.url === '/base/frequentlyPurchased' && req.headers.customertoken === 'cs_big') {
      res.end(JSON.stringify(BIG_LIST));
    } else if (req.url === '/base/frequentlyPurchased') {
      res.end(JSON.stringify([{ variantToken: `vrnt_${req.headers.customertoken ?? 'site'}`, quantity: 3 }]));
    } else {
      res.statusCode = 404;
      res.end('{"message":"No route"}');
    }
  });
  return new Promise((resolve) =>
    server.listen(0, LOOPBACK, () => resolve({ server, port: (server.address() as { port: number }).port, seen })),
  );
}

interface Cli {
  child: ChildProcess;
  lines: Record<string, unknown>[];
  stderr: string[];
  exited: Promise<number | null>;
  /** Stops npx and the tsx/node processes under it (its own process group). */
  stop(): Promise<void>;
}

/** Runs `npx tsx src/cli.ts` with only the given settings (none inherited). */
function startCli(env: Record<string, string>, args: string[] = []): Cli {
  const inherited = { ...process.env };
  for (const { env: name } of SETTINGS) delete inherited[name];
  const child = spawn('npx', ['tsx', 'src/cli.ts', ...args], {
    cwd: PACKAGE,
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const lines: Record<string, unknown>[] = [];
  const stderr: string[] = [];
  let buffer = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    for (const part of parts) if (part.trim()) lines.push(JSON.parse(part));
  });
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const stop = async () => {
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      // Already gone.
    }
    await exited;
  };
  return { child, lines, stderr, exited, stop };
}

async function waitFor<T>(find: () => T | undefined, what: string, exited?: Promise<unknown>): Promise<T> {
  let done = false;
  void exited?.then(() => (done = true));
  for (let i = 0; i < 600; i++) {
    const found = find();
    if (found !== undefined) return found;
    if (done) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Sends raw bytes (e.g. an absolute-form request target) and returns the raw answer. */
function rawRequest(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, LOOPBACK, () => socket.write(text));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe("the CLI's --help", () => {
  it('lists every setting and points at a README section that exists (the README ships in the package)', () => {
    const help = spawnSync('npx', ['tsx', 'src/cli.ts', '--help'], { cwd: PACKAGE, encoding: 'utf8' });
    expect(help.status).toBe(0);
    for (const { env } of SETTINGS) expect(help.stdout).toContain(env);
    const section = /See the README, "([^"]+)"/.exec(help.stdout)?.[1];
    expect(section, help.stdout).toBeTruthy();
    expect(readFileSync(join(PACKAGE, 'README.md'), 'utf8').split('\n')).toContain(`## ${section}`);
  }, 30_000);
});

describe('the CLI', () => {
  let upstream: Awaited<ReturnType<typeof startUpstream>>;
  let cli: Cli;
  let port: number;

  beforeAll(async () => {
    upstream = await startUpstream();
    cli = startCli({
      PORT: '0',
      HOST: LOOPBACK,
      CSOMNI_BASE_URL: `http://${LOOPBACK}:${upstream.port}/base`,
      CSOMNI_SITE_TOKEN: SITE_TOKEN,
      SESSION_SECRET,
      ALLOWED_ORIGINS: 'https://shop.example',
    });
    const listening = await waitFor(
      () => cli.lines.find((line) => line.event === 'listening'),
      'the listening line',
      cli.exited,
    );
    port = listening.port as number;
  }, 60_000);

  afterAll(async () => {
    await cli?.stop();
    await new Promise((resolve) => upstream?.server.close(resolve));
  });

  it('prints JSON start-up lines: disabled sources by name, then the port', () => {
    expect(port).toBeGreaterThan(0);
    const disabled = cli.lines.filter((line) => line.event === 'source-disabled');
    expect(disabled.map((line) => line.source)).toEqual(['algonomy', 'giosg']);
    expect(disabled[1].missing).toEqual(['GIOSG_API_TOKEN']);
    expect(cli.lines.find((line) => line.event === 'listening')).toMatchObject({
      address: LOOPBACK,
      sources: { csomni: true, algonomy: false, giosg: false },
    });
  });

  it('serves a real request end to end with the vendor credentials added', async () => {
    const session = await signSession({ sub: 'ana', csomni: { customerToken: 'cs_ana' } }, SESSION_SECRET);
    const response = await fetch(`http://${LOOPBACK}:${port}/csomni/frequentlyPurchased`, {
      headers: { authorization: `Bearer ${session}`, origin: 'https://shop.example', customerToken: 'cs_victim' },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual([{ variantToken: 'vrnt_cs_ana', quantity: 3 }]);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    const call = upstream.seen.at(-1)!;
    expect(call.url).toBe('/base/frequentlyPurchased');
    expect(call.headers.token).toBe(SITE_TOKEN);
    expect(call.headers.customertoken).toBe('cs_ana');
    expect(call.headers.authorization).toBeUndefined();
    const health = await fetch(`http://${LOOPBACK}:${port}/healthz`);
    expect(await health.json()).toEqual({ ok: true, sources: { csomni: true, algonomy: false, giosg: false } });
  });

  it('compresses a large answer for a browser that takes it, unless COMPRESS_RESPONSES=false', async () => {
    const session = await signSession({ sub: 'big', csomni: { customerToken: 'cs_big' } }, SESSION_SECRET);
    const headers = { authorization: `Bearer ${session}`, 'accept-encoding': 'gzip, deflate, br, zstd' };
    for (const _ of ['miss', 'hit']) {
      const answer = await rawGet(port, '/csomni/frequentlyPurchased', headers);
      expect(answer.status).toBe(200);
      expect(answer.headers['content-encoding']).toBe('br');
      expect(answer.headers.vary).toBe('Origin, Accept-Encoding');
      expect(Number(answer.headers['content-length'])).toBe(answer.bytes.length);
      expect(answer.bytes.length).toBeLessThan(JSON.stringify(BIG_LIST).length / 4);
      expect(JSON.parse(brotliDecompressSync(answer.bytes).toString())).toEqual(BIG_LIST);
    }

    const off = startCli({
      PORT: '0',
      HOST: LOOPBACK,
      CSOMNI_BASE_URL: `http://${LOOPBACK}:${upstream.port}/base`,
      CSOMNI_SITE_TOKEN: SITE_TOKEN,
      SESSION_SECRET,
      COMPRESS_RESPONSES: 'false',
    });
    try {
      const listening = await waitFor(
        () => off.lines.find((line) => line.event === 'listening'),
        'listening',
        off.exited,
      );
      const answer = await rawGet(listening.port as number, '/csomni/frequentlyPurchased', headers);
      expect(answer.status).toBe(200);
      expect(answer.headers['content-encoding']).toBeUndefined();
      expect(answer.headers.vary).toBe('Origin');
      expect(JSON.parse(answer.bytes.toString())).toEqual(BIG_LIST);
    } finally {
      await off.stop();
    }
  }, 60_000);

  it('ignores an absolute-URL request target and the Host header: the upstream comes from config', async () => {
    const before = upstream.seen.length;
    const answer = await rawRequest(
      port,
      'GET http://evil.example/csomni/frequentlyPurchased HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n',
    );
    expect(answer).toMatch(/^HTTP\/1\.1 200/);
    expect(answer).toContain('vrnt_site');
    expect(upstream.seen.length).toBe(before + 1);
    const traversal = await rawRequest(
      port,
      'GET /csomni/products/../../../etc/full HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    );
    expect(traversal).toMatch(/^HTTP\/1\.1 404/);
    const crlf = await rawRequest(
      port,
      'GET /csomni/frequentlyPurchased HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer a\rb\r\nConnection: close\r\n\r\n',
    );
    expect(crlf).toMatch(/^HTTP\/1\.1 400/);
    expect(upstream.seen.length).toBe(before + 1);
  });

  it('logs one JSON line per request without secrets, identifiers or query strings', async () => {
    await fetch(`http://${LOOPBACK}:${port}/csomni/products/prod_secretname/full?responseData=firstVariant`);
    const line = await waitFor(
      () => cli.lines.find((entry) => entry.route === '/csomni/products/:token/full'),
      'the request log line',
    );
    expect(line).toMatchObject({ method: 'GET', status: 404, upstream: 404 });
    const all = cli.lines.map((entry) => JSON.stringify(entry)).join('\n');
    expect(all).not.toContain(SITE_TOKEN);
    expect(all).not.toContain(SESSION_SECRET);
    expect(all).not.toContain('prod_secretname');
    expect(all).not.toContain('firstVariant');
    expect(all).not.toContain('cs_ana');
  });

  it('reads --config file.json', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'proxy-cli-'));
    const file = join(dir, 'settings.json');
    writeFileSync(
      file,
      JSON.stringify({
        PORT: 0,
        HOST: LOOPBACK,
        csomniBaseUrl: `http://${LOOPBACK}:${upstream.port}/base`,
        csomniSiteToken: SITE_TOKEN,
      }),
      { mode: 0o600 },
    );
    chmodSync(file, 0o600); // whatever the umask
    const fromFile = startCli({}, ['--config', file]);
    try {
      const listening = await waitFor(
        () => fromFile.lines.find((line) => line.event === 'listening'),
        'the listening line',
        fromFile.exited,
      );
      const response = await fetch(`http://${LOOPBACK}:${listening.port}/csomni/frequentlyPurchased`);
      expect(response.status).toBe(200);
    } finally {
      await fromFile.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  // Review finding 3: a config file with secrets that others may read is refused, as ssh refuses such keys.
  it.skipIf(process.platform === 'win32')(
    'refuses a --config file holding secrets that group or others may read, and says how to fix it',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'proxy-cli-'));
      try {
        const secrets = join(dir, 'secrets.json');
        writeFileSync(secrets, JSON.stringify({ PORT: 0, HOST: LOOPBACK, CSOMNI_SITE_TOKEN: SITE_TOKEN }));
        for (const mode of [0o644, 0o640]) {
          chmodSync(secrets, mode);
          const refused = startCli({}, ['--config', secrets]);
          expect(await refused.exited).toBe(1);
          const line = JSON.parse(
            refused.stderr
              .join('')
              .split('\n')
              .find((text) => text.startsWith('{'))!,
          );
          expect(line).toMatchObject({ level: 'error', event: 'invalid-setting', setting: '--config' });
          expect(line.problem).toContain(`chmod 600 ${secrets}`);
          expect(refused.stderr.join('')).not.toContain(SITE_TOKEN);
        }
        // Without secrets (they come from the environment), a readable file is fine.
        const plain = join(dir, 'plain.json');
        writeFileSync(plain, JSON.stringify({ PORT: 0, HOST: LOOPBACK }));
        chmodSync(plain, 0o644);
        const started = startCli({ CSOMNI_SITE_TOKEN: SITE_TOKEN }, ['--config', plain]);
        try {
          await waitFor(
            () => started.lines.find((line) => line.event === 'listening'),
            'the listening line',
            started.exited,
          );
        } finally {
          await started.stop();
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    60_000,
  );

  // Review finding 5: Node answers what it cannot parse itself; those answers get the headers too.
  it("Node's own 400 and 431 answers carry the security headers", async () => {
    const bad = await rawRequest(
      port,
      'GET /csomni/frequentlyPurchased HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer a\rb\r\nConnection: close\r\n\r\n',
    );
    const big = 'a'.repeat(20 * 1024);
    const large = await rawRequest(
      port,
      `GET /csomni/frequentlyPurchased HTTP/1.1\r\nHost: x\r\nX-Big: ${big}\r\nConnection: close\r\n\r\n`,
    );
    expect(bad).toMatch(/^HTTP\/1\.1 400 /);
    expect(large).toMatch(/^HTTP\/1\.1 431 /);
    for (const answer of [bad, large]) {
      const head = answer.split('\r\n\r\n')[0].toLowerCase();
      for (const header of [
        'x-content-type-options: nosniff',
        'x-frame-options: deny',
        "content-security-policy: default-src 'none'",
        'referrer-policy: no-referrer',
        'cache-control: no-store',
      ]) {
        expect(head, answer).toContain(header);
      }
    }
  });

  it('stops on a malformed setting with a line naming it', async () => {
    const bad = startCli({ PORT: '70000', CSOMNI_SITE_TOKEN: SITE_TOKEN });
    expect(await bad.exited).toBe(1);
    const line = bad.stderr
      .join('')
      .split('\n')
      .find((text) => text.startsWith('{'));
    expect(JSON.parse(line!)).toMatchObject({ level: 'error', event: 'invalid-setting', setting: 'PORT' });
    const short = startCli({ SESSION_SECRET: 'short', PORT: '0' });
    expect(await short.exited).toBe(1);
    expect(short.stderr.join('')).toContain('"setting":"SESSION_SECRET"');
    expect(short.stderr.join('')).not.toContain('"short"');
  }, 60_000);
});
