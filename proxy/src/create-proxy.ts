/**
 * `createProxy(config)`: the widget proxy as a web-standard fetch handler. It checks the
 * settings, then wires the pieces: the stores (memory), the upstream call with the configured
 * secrets withheld, the Algonomy token holder, each vendor's routes (`routes/`), and the
 * request pipeline every request goes through (`request-pipeline.ts`). With `redisUrl` the
 * stores are shared through Redis, falling back to memory (`fallback-stores.ts`); with metrics on,
 * `/metrics` is answered before the pipeline (`proxy-metrics.ts`).
 */
import { AlgonomyTokens } from './algonomy-token.ts';
import { createCompression } from './compress.ts';
import { resolveConfig, type ProxyConfig, type ProxyHandler, type ResolvedConfig } from './config.ts';
import { scrubbingLogger, secretForms } from './log.ts';
import { sharedStores } from './fallback-stores.ts';
import { memoryStores } from './memory-stores.ts';
import { proxyMetrics, withMetricsRoute } from './proxy-metrics.ts';
import { createRequestPipeline, type SyncableHandler } from './request-pipeline.ts';
import { algonomyRoutes } from './routes/algonomy.ts';
import { csomniRoutes } from './routes/csomni.ts';
import { giosgRoutes } from './routes/giosg.ts';
import { callUpstream, timedOut, type UpstreamResult } from './upstream.ts';
import { timeLeft } from './deadline.ts';
import type { VendorContext } from './vendor-route.ts';

/** What servers that share state through Redis also get: `ready()` resolves true once Redis is
 * in use (at once without `redisUrl`; false if it is not reachable within `ms`, the handler
 * answering from memory meanwhile), and `close()` ends its connection. */
interface SharedStateControls {
  ready: (ms?: number) => Promise<boolean>;
  close: () => Promise<void>;
}

/** The fetch handler, with `ready()` and `close()` for Redis (see SharedStateControls). */
export type Proxy = ProxyHandler & SharedStateControls;

/**
 * The vendor accounts this proxy calls on its shop's behalf: what its answers depend on besides
 * the keys it caches them by (which name no site, tenant or organization). Its digest scopes the
 * Redis keys, so two shops on one Redis never answer each other's requests.
 */
function shopIdentity({ csomni, algonomy, giosg }: ResolvedConfig): string {
  return JSON.stringify([
    csomni?.baseUrl,
    csomni?.siteToken,
    algonomy?.baseUrl,
    algonomy?.tenantHash,
    giosg?.baseUrl,
    giosg?.apiToken,
  ]);
}

export function createProxy(config: ProxyConfig = {}): Proxy {
  const handler = createFetchHandler(config);
  return Object.assign(async (request: Request, env?: unknown) => handler(request, env), {
    ready: handler.ready,
    close: handler.close,
  });
}

/**
 * The same handler, answering synchronously where it can (a cached answer): what the CLI serves,
 * since @hono/node-server writes a synchronous answer without waiting on a promise. Without
 * Redis it also has `node`, the pipeline on Node's own request and response for cache hits
 * (`NodeFastPath`), which `nodeServer()` puts in front of the adapter.
 */
export function createFetchHandler(config: ProxyConfig = {}): SyncableHandler & SharedStateControls {
  const settings = resolveConfig(config);
  const now = config.now ?? Date.now;
  const fetchImpl: typeof fetch = config.fetch ?? ((input, init) => globalThis.fetch(input, init));

  // Secrets, including Algonomy tokens obtained at run time (the latest few).
  const secrets = [...settings.secrets];
  const runtimeSecrets: string[] = [];
  // A new list (and its forms) only when a secret is added, so the log's scrubber reuses them.
  let allSecrets: readonly string[] = secrets;
  let forms = secretForms(secrets);
  const addRuntimeSecret = (secret: string) => {
    if (runtimeSecrets.includes(secret) || secrets.includes(secret)) return;
    runtimeSecrets.push(secret);
    if (runtimeSecrets.length > 5) runtimeSecrets.shift();
    allSecrets = [...secrets, ...runtimeSecrets];
    forms = secretForms(allSecrets);
  };
  const log = scrubbingLogger(config.logger, () => allSecrets);

  const metrics = proxyMetrics(config, settings);
  const memory = memoryStores(now);
  const shared = settings.redis
    ? sharedStores(
        {
          url: settings.redis.url,
          prefix: settings.redis.prefix,
          shop: shopIdentity(settings),
          digestSecret: config.sessionSecret?.trim(),
          upstreamTimeoutMs: settings.upstreamTimeoutMs,
          commandTimeoutMs: settings.redis.commandTimeoutMs,
          log,
          onDegradedEnd: (seconds) => metrics?.use((sink) => sink.degradedFor(seconds)),
        },
        memory,
      )
    : undefined;
  if (shared) metrics?.use((sink) => sink.watchRedis(shared.state, shared.degradedSeconds));
  const stores = shared?.stores ?? memory;
  let sequence = 0;
  const context: VendorContext = {
    settings,
    now,
    stores,
    cache: stores.cache<UpstreamResult>('answers', { maxEntries: settings.cacheMaxEntries }),
    flights: stores.inFlight<UpstreamResult>('answers'),
    upstream: (request, transform, timeoutMs = settings.upstreamTimeoutMs) =>
      metrics
        ? metrics.timeUpstream(request.url, () =>
            callUpstream(request, { fetch: fetchImpl, timeoutMs, secretForms: () => forms, transform }),
          )
        : callUpstream(request, { fetch: fetchImpl, timeoutMs, secretForms: () => forms, transform }),
    // Shared caches compare calls from several instances: order them by the wall clock.
    nextSequence: () => (sequence = shared ? Math.max(sequence + 1, Date.now() * 1000) : sequence + 1),
    ownLimit: () => ({ left: timeLeft(settings.upstreamTimeoutMs), expired: timedOut }),
  };

  const algonomyTokens = settings.algonomy
    ? new AlgonomyTokens({
        ...settings.algonomy,
        fetch: fetchImpl,
        now,
        timeoutMs: settings.upstreamTimeoutMs,
        onToken: addRuntimeSecret,
        onEvent: (event) => log({ level: event.event === 'algonomy-token-failed' ? 'error' : 'info', ...event }),
      })
    : undefined;
  // With Redis: one token for the fleet, this instance's holder when Redis is away.
  const tokenHolder =
    algonomyTokens && shared
      ? shared.algonomyTokens(algonomyTokens, {
          ...settings.algonomy!,
          fetch: fetchImpl,
          now,
          timeoutMs: settings.upstreamTimeoutMs,
          onToken: addRuntimeSecret,
          onEvent: (event) => log({ level: event.event === 'algonomy-token-failed' ? 'error' : 'info', ...event }),
        })
      : algonomyTokens;

  const handler = createRequestPipeline({
    settings,
    clientIp: config.clientIp,
    now,
    limiter: settings.rateLimit ? stores.rateLimiter(settings.rateLimit.max, settings.rateLimit.windowMs) : null,
    routes: [...csomniRoutes(context), ...algonomyRoutes(context, tokenHolder), ...giosgRoutes(context)],
    log: metrics ? (entry) => (log(entry), metrics.use((sink) => sink.request(entry))) : log,
    health: shared && (() => ({ redis: shared.state() })),
    // With Redis every store answers with a promise: those requests take the fetch handler.
    nodeFastPath: !shared,
    // Node's zlib where the runtime has it (not in the edge build), else CompressionStream.
    compression: settings.compressResponses
      ? createCompression(import('./zlib-encoder.ts').then((module) => module.zlibEncoder))
      : undefined,
  });
  return Object.assign(withMetricsRoute(handler, metrics, settings), {
    // `/metrics` is not a vendor route: the fast path never answers it.
    ...(handler.node ? { node: handler.node } : {}),
    ready: (ms?: number) => (shared ? shared.ready(ms) : Promise.resolve(true)),
    close: async () => {
      await shared?.close();
    },
  });
}
