/**
 * The proxy's connection to Redis, and whether it is usable right now. Every command goes
 * through {@link RedisLink.command}, which gives it a small time bound (50 ms by default): a
 * command that fails or takes longer marks the link degraded, and callers fall back to their
 * in-memory store. While degraded, nothing waits on Redis at all; a probe (PING, every second)
 * notices when it is back. The start and the end of a degraded period are one log line each.
 *
 * A command that times out is given up (the request goes on from memory) but degrades the link
 * only when it is the third in a row: on a busy process one late answer is the event loop's lag,
 * not Redis's. A connection error or a failed command degrades at once.
 *
 * Node only: ioredis speaks Redis over `node:net` / `node:tls` sockets.
 */
import { Redis, type RedisOptions } from 'ioredis';

/** A Redis command that failed, timed out, or was not sent because the link is degraded. */
export class RedisUnavailable extends Error {
  override readonly name = 'RedisUnavailable';
}

export type RedisState = 'starting' | 'ok' | 'degraded';

export interface RedisLinkOptions {
  url: string;
  /** Longest a request waits on one Redis command, in milliseconds (default 50). */
  commandTimeoutMs?: number;
  /** How often a degraded link checks whether Redis is back (default 1000 ms). */
  probeIntervalMs?: number;
  log: (entry: { level: 'info' | 'warn' | 'error'; event: string; [field: string]: unknown }) => void;
  /** Told how long each degraded period lasted (for the metrics), in seconds. */
  onDegradedEnd?: (seconds: number) => void;
  /**
   * Told when Redis comes into service (connected, or back after a degraded period) and when it
   * goes out of service after having been in it; not when it fails to come up at start.
   */
  onServiceChange?: (inService: boolean) => void;
  /** Extra ioredis options (tests). */
  redisOptions?: RedisOptions;
}

/** The URL as the log may show it: scheme, host and port, never a password or user. */
export function redisUrlForLog(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return '(unparseable URL)';
  }
}

export class RedisLink {
  readonly client: Redis;
  private current: RedisState = 'starting';
  private degradedSince = 0;
  private probe: ReturnType<typeof setInterval> | undefined;
  private closed = false;
  /** Timeouts in a row. */
  private lateInARow = 0;
  private readonly timeoutMs: number;

  constructor(private readonly options: RedisLinkOptions) {
    this.timeoutMs = options.commandTimeoutMs ?? 50;
    // No offline queue and no per-command retries: a command either goes out now or fails now,
    // so a request never sits in a queue behind a reconnect. ioredis keeps reconnecting in the
    // background (capped back-off), and the probe below notices when it succeeds.
    this.client = new Redis(options.url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 2000,
      retryStrategy: (attempt) => Math.min(50 * 2 ** attempt, 1000),
      // `rediss://` URLs get TLS from ioredis itself; the password comes from the URL.
      ...options.redisOptions,
    });
    // ioredis reports connection errors as events; without a listener Node would print each.
    this.client.on('error', () => {});
    this.client.on('ready', () => {
      if (this.current !== 'ok') void this.check();
    });
    this.client.on('close', () => {
      if (!this.closed) this.degrade('connection-closed');
    });
    // A Redis that never comes up at start is a degraded state like any other.
    const startTimer = setTimeout(() => {
      if (this.current === 'starting') this.degrade('not-reachable');
    }, 2500);
    startTimer.unref?.();
  }

  get state(): RedisState {
    return this.current;
  }

  /** Whether commands are worth sending now. */
  get usable(): boolean {
    return this.current === 'ok';
  }

  /** Seconds spent degraded so far in the current period (0 when not degraded). */
  degradedSeconds(now = Date.now()): number {
    return this.current === 'degraded' ? (now - this.degradedSince) / 1000 : 0;
  }

  /**
   * Runs `run` against Redis within the time bound. Throws {@link RedisUnavailable} (and marks
   * the link degraded) when Redis is not usable, the command fails, or the bound passes.
   */
  async command<T>(run: (client: Redis) => Promise<T>): Promise<T> {
    if (this.current !== 'ok') throw new RedisUnavailable(this.current);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const bound = new Promise<never>((_, reject) => {
      // setImmediate: an answer already waiting on the socket is read (poll phase) before the
      // timeout counts (check phase), so a busy event loop is not mistaken for a slow Redis.
      timer = setTimeout(() => setImmediate(() => reject(new RedisUnavailable('timeout'))), this.timeoutMs);
    });
    const pending = run(this.client);
    try {
      const value = await Promise.race([pending, bound]);
      this.lateInARow = 0;
      return value;
    } catch (error) {
      pending.catch(() => {});
      const reason = error instanceof RedisUnavailable ? error.message : 'command-failed';
      if (reason !== 'timeout' || ++this.lateInARow >= 3) this.degrade(reason);
      throw error instanceof RedisUnavailable ? error : new RedisUnavailable(reason);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Resolves once the link is usable (tests, and a CLI that wants to wait), or after `ms`. */
  async ready(ms = 5000): Promise<boolean> {
    const deadline = Date.now() + ms;
    while (this.current !== 'ok' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    return this.current === 'ok';
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.probe) clearInterval(this.probe);
    this.client.disconnect();
  }

  private degrade(reason: string): void {
    if (this.closed || this.current === 'degraded') return;
    const was = this.current;
    this.current = 'degraded';
    if (was === 'ok') this.options.onServiceChange?.(false);
    this.lateInARow = 0;
    this.degradedSince = Date.now();
    this.options.log({
      level: 'warn',
      event: 'redis-degraded',
      reason,
      redis: redisUrlForLog(this.options.url),
      note:
        'Redis is down or slow: each instance serves from its own memory ' +
        '(cache, collapse, rate limit, Algonomy token) until it is back',
    });
    if (!this.probe) {
      this.probe = setInterval(() => void this.check(), this.options.probeIntervalMs ?? 1000);
      this.probe.unref?.();
    }
  }

  /** A PING within the bound: Redis is (back) in service. */
  private async check(): Promise<void> {
    if (this.closed || this.client.status !== 'ready') return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      await Promise.race([
        this.client.ping(),
        new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), this.timeoutMs * 4))),
      ]);
    } catch {
      return;
    } finally {
      clearTimeout(timer);
    }
    if (this.current === 'ok' || this.closed) return;
    const was = this.current;
    this.current = 'ok';
    this.options.onServiceChange?.(true);
    if (this.probe) clearInterval(this.probe);
    this.probe = undefined;
    if (was === 'degraded') {
      const seconds = (Date.now() - this.degradedSince) / 1000;
      this.options.onDegradedEnd?.(seconds);
      this.options.log({
        level: 'info',
        event: 'redis-recovered',
        redis: redisUrlForLog(this.options.url),
        degradedSeconds: Math.round(seconds * 10) / 10,
      });
    } else {
      this.options.log({ level: 'info', event: 'redis-connected', redis: redisUrlForLog(this.options.url) });
    }
  }
}
