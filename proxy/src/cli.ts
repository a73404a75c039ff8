#!/usr/bin/env node
/**
 * `storefront-widgets-proxy` (`npm run proxy`): serves `createProxy()` on Node with
 * @hono/node-server, configured from environment variables or `--config file.json`.
 * Every line it prints is one JSON object: start-up notes, then one per request.
 */
import { readFileSync, statSync } from 'node:fs';
import type { createServer } from 'node:http';
import { serve } from '@hono/node-server';
import { ProxyConfigError, SOURCE_IDS } from './config.ts';
import { flushLog, jsonLineSink, type ProxyLogEntry } from './log.ts';
import { createFetchHandler } from './create-proxy.ts';
import { nodeServer } from './node-server.ts';
import { answerClientError } from './client-error.ts';
import { ProxyMetrics } from './metrics.ts';
import { SETTINGS, envName, holdsSecrets, readSettings } from './settings.ts';

const USAGE = `Usage: storefront-widgets-proxy [--config settings.json]

Serves the storefront-widgets proxy. Settings come from environment variables (or the JSON
file, keyed by the same names; the environment wins):
${SETTINGS.map((entry) => `  ${entry.env}`).join('\n')}
See the README, "Settings" (node_modules/storefront-widgets-proxy/README.md).`;

function line(entry: Omit<ProxyLogEntry, 'time'>, stream: 'out' | 'err' = 'out'): void {
  const text = JSON.stringify({ time: new Date().toISOString(), ...entry });
  // After the request lines still waiting to be written (log.ts), in order.
  flushLog();
  if (stream === 'err') process.stderr.write(`${text}\n`);
  else process.stdout.write(`${text}\n`);
}

function stop(event: string, fields: Record<string, unknown>): never {
  line({ level: 'error', event, ...fields }, 'err');
  process.exit(1);
}

function configFile(args: string[]): unknown {
  let path: string | undefined;
  for (let index = 0; index < args.length; index++) {
    const arg = args[index];
    if (arg === '--help' || arg === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else if (arg === '--config') path = args[++index];
    else if (arg.startsWith('--config=')) path = arg.slice('--config='.length);
    else stop('invalid-argument', { argument: arg, problem: 'is not an option (try --help)' });
  }
  if (path === undefined) return undefined;
  if (!path) stop('invalid-setting', { setting: '--config', problem: 'needs a file name' });
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return stop('invalid-setting', { setting: '--config', problem: 'could not be read' });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return stop('invalid-setting', { setting: '--config', problem: 'is not valid JSON' });
  }
  // As ssh with a private key: secrets that others on the machine may read are not secret.
  const mode = process.platform === 'win32' ? 0 : statSync(path).mode & 0o777;
  if (mode & 0o044 && holdsSecrets(parsed)) {
    stop('invalid-setting', {
      setting: '--config',
      problem:
        `holds secrets but group or others may read it (mode ${mode.toString(8).padStart(3, '0')}): ` +
        `run chmod 600 ${path}, or keep the secrets in the environment`,
    });
  }
  return parsed;
}

function main(): void {
  const file = configFile(process.argv.slice(2));
  let settings: ReturnType<typeof readSettings>;
  try {
    settings = readSettings(process.env, file);
  } catch (error) {
    if (error instanceof ProxyConfigError) stop('invalid-setting', { setting: error.setting, problem: error.problem });
    throw error;
  }
  const { config, port, host, metricsPort, resolved } = settings;

  for (const { source, missing } of resolved.disabled) {
    line({
      level: 'warn',
      event: 'source-disabled',
      source,
      missing: missing.map(envName),
      note: `${source} is off (404) until these are set`,
    });
  }
  for (const setting of resolved.insecureUpstreams) {
    line({
      level: 'warn',
      event: 'insecure-upstream',
      setting: envName(setting),
      note:
        `${envName(setting)} uses http: and ALLOW_INSECURE_UPSTREAM allows it: ` +
        'the vendor credentials travel unencrypted to that host',
    });
  }
  if (resolved.allowedOrigins.size === 0) {
    line({
      level: 'warn',
      event: 'no-allowed-origins',
      note: 'ALLOWED_ORIGINS is empty: only same-origin pages and non-browser clients may call the proxy',
    });
  }
  if (!resolved.sessionSecret) {
    line({
      level: 'warn',
      event: 'no-session-secret',
      note: 'SESSION_SECRET is not set: no customer data (CS Omni serves only site-wide lists and products)',
    });
  }

  // METRICS_PORT: /metrics on a listener of its own (bind it where only the scraper reaches).
  const metrics = metricsPort !== undefined ? new ProxyMetrics() : undefined;
  // The synchronous-where-it-can handler: a cached answer is written with no promise in between,
  // and (without Redis) from Node's own request and response, before any Request is built.
  const proxy = createFetchHandler({ ...config, metrics, logger: jsonLineSink });
  const metricsServer =
    metrics &&
    serve(
      {
        fetch: async (request) =>
          new URL(request.url).pathname === '/metrics' && request.method === 'GET'
            ? metrics.response()
            : new Response('Not found', { status: 404 }),
        port: metricsPort,
        hostname: host,
      },
      (info) => line({ level: 'info', event: 'metrics-listening', port: info.port, address: info.address }),
    );
  metricsServer?.on('error', (error: NodeJS.ErrnoException) =>
    stop('listen-failed', { setting: 'METRICS_PORT', problem: error.code ?? 'could not listen' }),
  );
  const server = serve(
    { fetch: proxy, port, hostname: host, createServer: nodeServer(proxy) as typeof createServer },
    (info) => {
      line({
        level: 'info',
        event: 'listening',
        port: info.port,
        address: info.address,
        basePath: resolved.basePath || '/',
        sources: Object.fromEntries(SOURCE_IDS.map((id) => [id, Boolean(resolved[id])])),
      });
    },
  );
  server.on('clientError', answerClientError);
  server.on('error', (error: NodeJS.ErrnoException) =>
    stop('listen-failed', { setting: 'PORT', problem: error.code ?? 'could not listen' }),
  );

  const shutdown = (signal: string) => {
    line({ level: 'info', event: 'stopping', signal });
    metricsServer?.close();
    void proxy.close();
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main();
