/**
 * Prometheus metrics for the proxy, made with prom-client in a registry of their own (never the
 * process-wide default, so an application embedding the proxy keeps its own metrics apart).
 * Labels are fixed vocabularies only: route patterns (`/csomni/products/:token/full`, never the
 * path), sources, statuses and cache outcomes. No customer, session, token or address ever
 * becomes a label.
 *
 * Node only (prom-client); `createProxy` loads it only when metrics are on.
 */
import { timingSafeEqual } from 'node:crypto';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ProxyLogEntry } from './log.ts';

/** Upper bounds of the upstream latency buckets, in seconds. */
const LATENCY_BUCKETS = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const CACHE_OUTCOMES = new Set(['hit', 'miss', 'refresh', 'collapsed']);

export class ProxyMetrics {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'storefront_proxy_requests_total',
    help: 'Requests answered, by route pattern and status',
    labelNames: ['route', 'status'] as const,
    registers: [this.registry],
  });
  private readonly upstreamSeconds = new Histogram({
    name: 'storefront_proxy_upstream_duration_seconds',
    help: 'Time a vendor took to answer a call (from request to full body), by source and status',
    labelNames: ['source', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  private readonly cache = new Counter({
    name: 'storefront_proxy_cache_total',
    help:
      'Cached routes: answers from the cache (hit), from a new upstream call (miss, refresh), ' +
      'or shared with an identical call in flight (collapsed)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  private readonly rateLimited = new Counter({
    name: 'storefront_proxy_rate_limited_total',
    help: "Requests answered 429 by the proxy's own rate limit",
    registers: [this.registry],
  });
  private readonly degradedTotal = new Counter({
    name: 'storefront_proxy_redis_degraded_seconds_total',
    help:
      'Seconds Redis was down or slow and this instance served from memory ' +
      '(finished periods; the gauge adds the current one)',
    registers: [this.registry],
  });
  private degradedNow: () => number = () => 0;
  private stateNow: () => string | undefined = () => undefined;

  constructor() {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- `collect()` is called with the gauge as `this`
    const metrics = this;
    new Gauge({
      name: 'storefront_proxy_redis_degraded',
      help: '1 while Redis is down or slow (this instance serves from memory), else 0 (also without Redis)',
      registers: [this.registry],
      collect() {
        const state = metrics.stateNow();
        if (state !== undefined) this.set(state === 'degraded' ? 1 : 0);
      },
    });
    new Gauge({
      name: 'storefront_proxy_redis_degraded_current_seconds',
      help: 'Seconds the current degraded period has lasted (0 when Redis is in use)',
      registers: [this.registry],
      collect() {
        this.set(metrics.degradedNow());
      },
    });
  }

  /** Where the Redis state is read from (when Redis is configured). */
  watchRedis(state: () => string, degradedSeconds: () => number): void {
    this.stateNow = state;
    this.degradedNow = degradedSeconds;
  }

  /** A finished degraded period. */
  degradedFor(seconds: number): void {
    this.degradedTotal.inc(seconds);
  }

  /** One request's log entry: its route pattern, status, cache outcome and error code. */
  request(entry: Omit<ProxyLogEntry, 'time'>): void {
    if (entry.method === undefined || entry.status === undefined) return; // an event, not a request
    this.requests.inc({ route: typeof entry.route === 'string' ? entry.route : 'none', status: String(entry.status) });
    if (typeof entry.cache === 'string' && CACHE_OUTCOMES.has(entry.cache)) this.cache.inc({ outcome: entry.cache });
    if (entry.error === 'rate-limited') this.rateLimited.inc();
  }

  /** One vendor call. */
  upstream(source: string, status: number, seconds: number): void {
    this.upstreamSeconds.observe({ source, status: String(status) }, seconds);
  }

  /** The metrics as Prometheus text. */
  async response(): Promise<Response> {
    return new Response(await this.registry.metrics(), {
      status: 200,
      headers: { 'content-type': this.registry.contentType, 'cache-control': 'no-store' },
    });
  }
}

/** Whether `authorization` is `Bearer <token>` (compared in constant time). */
export function bearerMatches(authorization: string | null, token: string): boolean {
  const match = /^Bearer ([\x21-\x7e]+)$/.exec(authorization ?? '');
  if (!match) return false;
  const given = Buffer.from(match[1]);
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
