/**
 * A real Redis for the tests and the bench: Debian's `redis-server`, started on a free loopback
 * port with no persistence (`--save '' --appendonly no`), in a temporary directory, and stopped
 * after. `REDIS_SERVER` may name another binary. Nothing is downloaded: when the binary is
 * missing, {@link startRedis} fails with {@link redisHelp}.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const redisHelp =
  'No redis-server found. The proxy tests that share state run a real Redis: install it with ' +
  '`sudo apt-get install -y redis-server` (Debian; the service need not run, the tests start their own), ' +
  'or point REDIS_SERVER at a redis-server binary.';

export function findRedisServer(): string | undefined {
  const candidates = [process.env.REDIS_SERVER, '/usr/bin/redis-server', '/usr/local/bin/redis-server'];
  const found = candidates.find((path): path is string => !!path && existsSync(path));
  if (found) return found;
  const which = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  return which.status === 0 && which.stdout.trim() ? which.stdout.trim() : undefined;
}

/** A free loopback TCP port. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once something answers `PING` with `+PONG` on the port (with `password`, if given). */
async function pong(port: number, password?: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    socket.setTimeout(500, () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(false));
    socket.on('data', (chunk) => {
      data += chunk.toString();
      if (data.includes('+PONG')) {
        socket.end();
        resolve(true);
      } else if (data.includes('-')) {
        socket.end();
        resolve(false);
      }
    });
    socket.once('connect', () => socket.write(`${password ? `AUTH ${password}\r\n` : ''}PING\r\n`));
  });
}

export interface RedisOptions {
  port?: number;
  password?: string;
  /** Extra `redis-server` arguments (TLS). */
  args?: string[];
}

export interface RedisServer {
  port: number;
  url: string;
  /** Kills the server (SIGKILL, as a crash would), keeping its port for {@link RedisServer.start}. */
  kill(): Promise<void>;
  /** Starts it again on the same port (empty: nothing was persisted). */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export async function startRedis(options: RedisOptions = {}): Promise<RedisServer> {
  const binary = findRedisServer();
  if (!binary) throw new Error(redisHelp);
  const port = options.port ?? (await freePort());
  const dir = mkdtempSync(join(tmpdir(), 'storefront-widgets-redis-'));
  let child: ChildProcess | undefined;

  async function start(): Promise<void> {
    const args = [
      '--port',
      String(options.args?.includes('--tls-port') ? 0 : port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
      '--logfile',
      '',
      '--loglevel',
      'warning',
      // DEBUG SLEEP makes a slow Redis for the tests (only from loopback clients).
      '--enable-debug-command',
      'local',
      ...(options.password ? ['--requirepass', options.password] : []),
      ...(options.args ?? []),
    ];
    child = spawn(binary!, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (chunk) => (stderr += chunk.toString()));
    const deadline = Date.now() + 10_000;
    const plain = !options.args?.includes('--tls-port');
    for (;;) {
      if (child.exitCode !== null) throw new Error(`redis-server exited: ${stderr.trim()}`);
      if (plain ? await pong(port, options.password) : await portOpen(port)) return;
      if (Date.now() > deadline) throw new Error(`redis-server did not start on port ${port}: ${stderr.trim()}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async function kill(): Promise<void> {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGKILL');
    });
  }

  await start();
  const auth = options.password ? `:${encodeURIComponent(options.password)}@` : '';
  return {
    port,
    url: `redis://${auth}127.0.0.1:${port}`,
    kill,
    start,
    async stop() {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}
