/**
 * What the edge build (`dist/edge.js`, the `workerd` and `worker` export conditions) has in
 * place of the modules that need Node: the Redis client (ioredis over `node:net`/`node:tls`
 * sockets, `node:crypto`) and prom-client. `createProxy` imports them only when `redisUrl` or
 * metrics are set; on an edge runtime that then logs one `redis-unavailable` line and keeps its
 * state in memory, and `/metrics` answers 501.
 */
const NEEDS_NODE =
  'needs Node: Redis (ioredis) and metrics (prom-client) are not in the edge build of storefront-widgets-proxy';

export class RedisUnavailable extends Error {}

export class RedisLink {
  constructor() {
    throw new Error(`redisUrl ${NEEDS_NODE}`);
  }
}

export class RedisStores {
  constructor() {
    throw new Error(`redisUrl ${NEEDS_NODE}`);
  }
}

export class RedisAlgonomyTokens {
  constructor() {
    throw new Error(`redisUrl ${NEEDS_NODE}`);
  }
}

export class ProxyMetrics {
  constructor() {
    throw new Error(`metrics ${NEEDS_NODE}`);
  }
}

export const bearerMatches = (): boolean => false;

/** No `node:zlib`: answers are compressed with the runtime's CompressionStream (gzip). */
export const zlibEncoder = null;
