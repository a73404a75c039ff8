/**
 * Runs at most `concurrency` of the given tasks at a time, in call order. A dozen lines instead
 * of a dependency: the widgets only need "four look-ups in flight", and every byte ships.
 */
export function limit(concurrency: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  const next = () => {
    running -= 1;
    waiting.shift()?.();
  };
  return <T>(task: () => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      const start = () => {
        running += 1;
        // Wrapped, so a task that throws before returning its promise still frees its place.
        new Promise<T>((settle) => settle(task())).then(resolve, reject).finally(next);
      };
      if (running < concurrency) start();
      else waiting.push(start);
    });
}
