/**
 * Runs tasks one after another per key (a Telegram chat) and concurrently across keys, at most
 * `maxConcurrent` at a time. Two quick messages from one chat never interleave their database work;
 * a busy chat never holds up the others: keys with work waiting take turns (a key whose task ends
 * goes to the back of the line), so a chat with twenty messages queued runs one of them, then every
 * other waiting chat gets its turn. A key that `yields` (a chat that went over its budget) starts a
 * task only while no other key has one running or waiting: it has had its share. A task's failure is
 * reported and does not stop the tasks queued behind it.
 */
export interface ChatQueue {
  /** Queues a task behind the key's earlier tasks; resolves when it has run (never rejects). */
  push(key: string, task: () => Promise<void>): Promise<void>;
  /** Resolves once every task pushed so far (and any pushed meanwhile) has finished. */
  drain(): Promise<void>;
  /** Resolves once fewer than `limit` tasks are queued or running (back-pressure for whoever feeds the queue). */
  below(limit: number): Promise<void>;
  /** Tasks queued or running. */
  readonly size: number;
}

interface Job {
  task: () => Promise<void>;
  done: () => void;
}

export interface ChatQueueOptions {
  onError: (error: unknown, key: string) => void;
  /** Tasks running at once across keys (default: no limit). */
  maxConcurrent?: number;
  /** Keys whose tasks wait while any other key's task runs or waits (asked whenever a task could start). */
  yields?: (key: string) => boolean;
}

export function createChatQueue(options: ChatQueueOptions): ChatQueue {
  const maxConcurrent = Math.max(1, options.maxConcurrent ?? Number.POSITIVE_INFINITY);
  const yields = options.yields ?? (() => false);
  /** Tasks not started yet, per key, in order. */
  const waiting = new Map<string, Job[]>();
  /** Keys with a task running (each runs one at a time). */
  const busy = new Set<string>();
  /** Keys with a task waiting and none running, in the order they get their turn. */
  const ready: string[] = [];
  let running = 0;
  /** Running tasks of keys that did not yield when they started. */
  let runningFirst = 0;
  let size = 0;
  const watchers: { limit: number; resolve: () => void }[] = [];

  function tellWatchers() {
    for (let i = watchers.length - 1; i >= 0; i--) {
      const watcher = watchers[i]!;
      if (size < watcher.limit) {
        watchers.splice(i, 1);
        watcher.resolve();
      }
    }
  }

  function start(key: string, job: Job, first: boolean) {
    busy.add(key);
    running++;
    if (first) runningFirst++;
    // Never inside push(): the task starts on a later tick, as a promise chain would start it.
    void Promise.resolve()
      .then(job.task)
      .catch((error: unknown) => options.onError(error, key))
      .finally(() => {
        busy.delete(key);
        running--;
        if (first) runningFirst--;
        size--;
        if (waiting.has(key)) ready.push(key);
        job.done();
        tellWatchers();
        pump();
      });
  }

  /** The next key whose turn it is: the first that does not yield, else one that does if nothing else is going on. */
  function nextKey(): { key: string; first: boolean } | undefined {
    const at = ready.findIndex((key) => !yields(key));
    if (at >= 0) return { key: ready.splice(at, 1)[0]!, first: true };
    if (ready.length > 0 && runningFirst === 0) return { key: ready.shift()!, first: false };
    return undefined;
  }

  function pump() {
    while (running < maxConcurrent) {
      const next = nextKey();
      if (!next) return;
      const jobs = waiting.get(next.key)!;
      const job = jobs.shift()!;
      if (jobs.length === 0) waiting.delete(next.key);
      start(next.key, job, next.first);
    }
  }

  function whenBelow(limit: number): Promise<void> {
    if (size < limit) return Promise.resolve();
    return new Promise((resolve) => watchers.push({ limit, resolve }));
  }

  return {
    push(key, task) {
      size++;
      return new Promise<void>((done) => {
        const jobs = waiting.get(key);
        if (jobs) jobs.push({ task, done });
        else {
          waiting.set(key, [{ task, done }]);
          if (!busy.has(key)) ready.push(key);
        }
        pump();
      });
    },
    drain: () => whenBelow(1),
    below: whenBelow,
    get size() {
      return size;
    },
  };
}
