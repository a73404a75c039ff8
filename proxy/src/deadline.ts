/**
 * One time limit shared by several vendor calls (Algonomy's token, call, renewal and second
 * call; every page of a giosg chat's cart list and that cart's lines; a CS Omni cart look-up and
 * the add), in real time as the timeouts are (`now` may be a test's clock).
 */

/** Milliseconds left of `ms` from now. */
export function timeLeft(ms: number): () => number {
  const deadline = performance.now() + ms;
  return () => deadline - performance.now();
}

/** `promise`'s value, or undefined once `ms` have passed (the promise runs on, for others). */
export function beforeDeadline<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  if (ms <= 0) {
    promise.catch(() => undefined);
    return Promise.resolve(undefined);
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expiry = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  return Promise.race([promise, expiry]).finally(() => clearTimeout(timer));
}
