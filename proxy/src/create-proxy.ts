/**
 * `createProxy(config)`: the widget proxy as a web-standard fetch handler. It checks the
 * settings, then wires the pieces: the stores (memory), the upstream call with the configured
 * secrets withheld, the Algonomy token holder, each vendor's routes (`routes/`), and the
 * request pipeline every request goes through (`request-pipeline.ts`).
 */
import { AlgonomyTokens } from './algonomy-token.ts';
import { resolveConfig, type ProxyConfig, type ProxyHandler } from './config.ts';
import { scrubbingLogger, secretForms } from './log.ts';
import { memoryStores } from './memory-stores.ts';
import { createRequestPipeline, type SyncableHandler } from './request-pipeline.ts';
import { algonomyRoutes } from './routes/algonomy.ts';
import { csomniRoutes } from './routes/csomni.ts';
import { giosgRoutes } from './routes/giosg.ts';
import { callUpstream, type UpstreamResult } from './upstream.ts';
import type { VendorContext } from './vendor-route.ts';

export function createProxy(config: ProxyConfig = {}): ProxyHandler {
  const handler = createFetchHandler(config);
  return async (request, env) => handler(request, env);
}

/**
 * The same handler, answering synchronously where it can (a cached answer): what the CLI serves,
 * since @hono/node-server writes a synchronous answer without waiting on a promise.
 */
export function createFetchHandler(config: ProxyConfig = {}): SyncableHandler {
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

  const stores = memoryStores(now);
  let sequence = 0;
  const context: VendorContext = {
    settings,
    now,
    stores,
    cache: stores.cache<UpstreamResult>('answers', { maxEntries: settings.cacheMaxEntries }),
    flights: stores.inFlight<UpstreamResult>('answers'),
    upstream: (request, transform, timeoutMs = settings.upstreamTimeoutMs) =>
      callUpstream(request, { fetch: fetchImpl, timeoutMs, secretForms: () => forms, transform }),
    nextSequence: () => ++sequence,
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

  return createRequestPipeline({
    settings,
    clientIp: config.clientIp,
    now,
    limiter: settings.rateLimit ? stores.rateLimiter(settings.rateLimit.max, settings.rateLimit.windowMs) : null,
    routes: [...csomniRoutes(context), ...algonomyRoutes(context, algonomyTokens), ...giosgRoutes(context)],
    log,
  });
}
