/**
 * A fixed-window rate limiter in memory, per client key (session subject, else client address,
 * an IPv6 one by its /64).
 * No library in the project fits a bare fetch handler, and this is all the proxy needs: one
 * counter per client per window, the map bounded so a flood of new keys cannot grow it forever.
 */
import type { RateDecision, RateLimiter } from './stores.ts';

/**
 * The address in an `X-Forwarded-For` entry, without the port some proxies add
 * (`203.0.113.7:40001`, `[2001:db8::1]:443`): undefined when the entry is not an address.
 */
export function forwardedAddress(entry: string): string | undefined {
  const match =
    /^\[([0-9A-Fa-f:.]{2,45})\](?::\d{1,5})?$/.exec(entry) ??
    /^(\d{1,3}(?:\.\d{1,3}){3})(?::\d{1,5})?$/.exec(entry) ??
    /^([0-9A-Fa-f:.]{2,45})$/.exec(entry);
  return match?.[1];
}

/**
 * The rate-limit key of a client address: IPv4 as it is (also when mapped into IPv6, however
 * spelt: `::ffff:203.0.113.7`, `::ffff:cb00:7107`, `0:0:0:0:0:ffff:203.0.113.7`), IPv6 by its
 * /64, the block a single subscriber is usually handed whole and could otherwise walk through for
 * a fresh window per address. Text that is not an address is its own key.
 */
export function addressKey(address: string): string {
  const bare = address.replace(/%.*$/, ''); // a link-local zone (`fe80::1%eth0`)
  if (!bare.includes(':')) return bare;
  const halves = bare.split('::');
  if (halves.length > 2) return bare;
  const split = (text: string) => (text ? text.split(':') : []);
  const head = split(halves[0]);
  const tail = split(halves[1] ?? '');
  // A dotted IPv4 ending stands for the last two groups.
  const last = halves.length === 2 ? tail : head;
  if (last.at(-1)?.includes('.')) {
    const bytes = last.pop()!.split('.');
    if (bytes.length !== 4 || !bytes.every((byte) => /^\d{1,3}$/.test(byte) && Number(byte) < 256)) return bare;
    const [a, b, c, d] = bytes.map(Number);
    last.push(((a << 8) | b).toString(16), ((c << 8) | d).toString(16));
  }
  const groups =
    halves.length === 2
      ? [...head, ...Array<string>(Math.max(0, 8 - head.length - tail.length)).fill('0'), ...tail]
      : head;
  if (groups.length !== 8 || !groups.every((group) => /^[0-9A-Fa-f]{1,4}$/.test(group))) return bare;
  const values = groups.map((group) => parseInt(group, 16));
  if (values.slice(0, 5).every((value) => value === 0) && values[5] === 0xffff) {
    return [values[6] >> 8, values[6] & 255, values[7] >> 8, values[7] & 255].join('.');
  }
  return `${values
    .slice(0, 4)
    .map((value) => value.toString(16))
    .join(':')}::/64`;
}

export class FixedWindowLimiter implements RateLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number,
    private readonly maxKeys = 50_000,
  ) {}

  hit(key: string): RateDecision {
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      if (window) this.windows.delete(key);
      else if (this.windows.size >= this.maxKeys) this.evict(now);
      window = { count: 0, resetAt: now + this.windowMs };
      this.windows.set(key, window);
    }
    window.count += 1;
    if (window.count > this.max) {
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((window.resetAt - now) / 1000)) };
    }
    return { ok: true, remaining: this.max - window.count };
  }

  /**
   * Drops finished windows; if that frees nothing, the oldest key. The map holds windows in the
   * order they started (a renewed one is inserted again), so finished ones come first and the
   * scan stops at the first still running: a flood of new clients on a full limiter costs a step
   * each, not a pass over every key. (A clock that steps back can make a running window go before
   * a finished one: that client starts a new window, the lenient side.)
   */
  private evict(now: number): void {
    for (const [key, window] of this.windows) {
      if (window.resetAt > now) break;
      this.windows.delete(key);
    }
    if (this.windows.size >= this.maxKeys) this.windows.delete(this.windows.keys().next().value!);
  }
}
