/**
 * Runs tasks one after another per key (a Telegram chat) and concurrently across keys. Two quick
 * messages from one chat never interleave their database work; a slow chat never holds up the
 * others. A task's failure is reported and does not stop the tasks queued behind it.
 */
export interface ChatQueue {
  /** Queues a task behind the key's earlier tasks; resolves when it has run (never rejects). */
  push(key: string, task: () => Promise<void>): Promise<void>;
  /** Resolves once every task pushed so far (and any pushed meanwhile) has finished. */
  drain(): Promise<void>;
  /** Tasks queued or running. */
  readonly size: number;
}

export function createChatQueue(options: { onError: (error: unknown, key: string) => void }): ChatQueue {
  const tails = new Map<string, Promise<void>>();
  let size = 0;
  let idle: { promise: Promise<void>; resolve: () => void } | undefined;

  return {
    push(key, task) {
      size++;
      const previous = tails.get(key) ?? Promise.resolve();
      const run: Promise<void> = previous
        .then(task)
        .catch((error: unknown) => options.onError(error, key))
        .finally(() => {
          if (tails.get(key) === run) tails.delete(key);
          size--;
          if (size === 0 && idle) {
            idle.resolve();
            idle = undefined;
          }
        });
      tails.set(key, run);
      return run;
    },
    drain() {
      if (size === 0) return Promise.resolve();
      if (!idle) {
        let resolve!: () => void;
        const promise = new Promise<void>((r) => (resolve = r));
        idle = { promise, resolve };
      }
      return idle.promise;
    },
    get size() {
      return size;
    },
  };
}
