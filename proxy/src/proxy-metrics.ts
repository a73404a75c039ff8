/**
 * The metrics wiring of `createProxy`, without prom-client: metrics.ts (which needs it and Node)
 * is imported only when metrics are on, so a handler without them runs on edge runtimes.
 * What is observed before that import finishes waits in a short queue.
 */
import type { ProxyConfig, ResolvedConfig, SourceId } from './config.ts';
import type { ProxyMetrics } from './metrics.ts';
import { finalize, problem } from './respond.ts';
import type { UpstreamResult } from './upstream.ts';

export interface MetricsHook {
  /** Runs `record` against the metrics (now, or once they are loaded). */
  use(record: (metrics: ProxyMetrics) => void): void;
  /** Times one vendor call, labelled by its source (from the configured base URLs). */
  timeUpstream(url: string, call: () => Promise<UpstreamResult>): Promise<UpstreamResult>;
  /** The Prometheus text, and whether a request may read it. */
  serve(request: Request): Promise<Response>;
}

const MAX_QUEUED = 10_000;

/** The metrics hook when metrics are on (a metrics token, or a registry from the CLI), else undefined. */
export function proxyMetrics(config: ProxyConfig, settings: ResolvedConfig): MetricsHook | undefined {
  if (!settings.metricsToken && !config.metrics) return undefined;
  let metrics: ProxyMetrics | undefined = config.metrics;
  let bearerMatches: ((authorization: string | null, token: string) => boolean) | undefined;
  const queue: ((metrics: ProxyMetrics) => void)[] = [];
  const loading = import('./metrics.ts').then((module) => {
    bearerMatches = module.bearerMatches;
    metrics ??= new module.ProxyMetrics();
    for (const record of queue.splice(0)) record(metrics);
    return metrics;
  });
  loading.catch(() => queue.splice(0));

  const bases = (['csomni', 'algonomy', 'giosg'] as const satisfies readonly SourceId[]).flatMap((source) => {
    const base = settings[source]?.baseUrl;
    return base ? [{ source, base }] : [];
  });

  const use = (record: (metrics: ProxyMetrics) => void) => {
    if (metrics) record(metrics);
    else if (queue.length < MAX_QUEUED) queue.push(record);
  };

  return {
    use,
    async timeUpstream(url, call) {
      const started = performance.now();
      const result = await call();
      const source = bases.find(({ base }) => url.startsWith(base))?.source ?? 'other';
      const seconds = (performance.now() - started) / 1000;
      use((sink) => sink.upstream(source, result.upstreamStatus ?? 0, seconds));
      return result;
    },
    async serve(request) {
      const loaded = await loading.catch(() => undefined);
      if (!loaded) return problem(501, 'Metrics need Node (prom-client): not available on this runtime');
      const token = settings.metricsToken;
      if (!token || !bearerMatches?.(request.headers.get('authorization'), token)) {
        return problem(401, 'Metrics need the metrics token', { 'www-authenticate': 'Bearer realm="metrics"' });
      }
      return loaded.response();
    },
  };
}

/**
 * `{basePath}/metrics` answered before the request pipeline (whose Authorization header is a
 * customer session), when a metrics token is set; every other request goes to `handler`.
 */
export function withMetricsRoute<H extends (request: Request, env?: unknown) => Response | Promise<Response>>(
  handler: H,
  metrics: MetricsHook | undefined,
  settings: ResolvedConfig,
): H {
  if (!metrics || !settings.metricsToken) return handler;
  const path = `${settings.basePath}/metrics`;
  // Not async: every other request keeps the handler's synchronous answer (a cached one).
  return ((request: Request, env?: unknown) => {
    if (!request.url.includes(path) || new URL(request.url).pathname !== path) return handler(request, env);
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return finalize(problem(405, 'Method not allowed', { allow: 'GET, HEAD' }), null);
    return metrics.serve(request).then((response) => finalize(response, null));
  }) as H;
}
