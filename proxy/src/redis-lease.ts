/**
 * A lock in Redis held as a lease: taken for a short time (`SET NX PX`), renewed while its
 * holder works, freed when it is done. An instance that dies or stalls holding one blocks the
 * others no longer than the lease. The call locks (`RedisSingleFlight`) and the Algonomy token's
 * creation lock are such leases.
 */
import type { RedisLink } from './redis-link.ts';

/** How long a lease lasts unless its holder renews it (a quarter of this apart). */
export const LEASE_MS = 2000;

/** Extends the lease if this holder still holds it. */
const RENEW_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;

/** Frees the lock if this holder still holds it. */
const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 1`;

export interface Lease {
  /** Stops renewing (the holder frees the lock some other way, or lets it lapse). */
  stop(): void;
  /** Stops renewing and frees the lock if this holder still holds it; never throws. */
  release(): Promise<void>;
}

/**
 * Keeps the lease on `lock`, taken by holder `id` for `leaseMs`, renewed every quarter of that;
 * a renewal Redis misses is tried again at the next.
 */
export function keepLease(link: RedisLink, lock: string, id: string, leaseMs: number): Lease {
  const renewal = setInterval(
    () => void link.command((client) => client.eval(RENEW_SCRIPT, 1, lock, id, leaseMs)).catch(() => undefined),
    leaseMs / 4,
  );
  const stop = () => clearInterval(renewal);
  return {
    stop,
    async release() {
      stop();
      await link.command((client) => client.eval(RELEASE_SCRIPT, 1, lock, id)).catch(() => undefined);
    },
  };
}
