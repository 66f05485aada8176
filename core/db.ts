/**
 * The database handle the domain works with. It is Prisma's client, passed in by `bot/` (never a
 * module-level singleton), so a test can hand each suite its own fresh database.
 *
 * It also holds the two helpers that let a larger unit of work (a customer's turn) be one
 * transaction without changing the use-cases it calls: {@link joinTransaction} gives a transaction's
 * client a `$transaction` that joins it, and {@link runInTransaction} queues what must only happen
 * once the transaction has committed.
 */
import type { PrismaClient, Prisma } from "../prisma/generated/client.ts";

export type Db = PrismaClient;
/** A client bound to an open interactive transaction. */
export type Tx = Prisma.TransactionClient;
export type { Prisma };

/** A unit of work inside one transaction: its client, and a queue for what leaves the process. */
export interface TransactionScope {
  /** The transaction's client; a `$transaction` made on it joins this transaction. */
  db: Db;
  /**
   * Runs `effect` once the transaction has committed (an owner notification, a post to another
   * system): never for work that is rolled back, and never while the transaction holds its locks.
   */
  afterCommit(effect: () => Promise<void> | void): void;
}

export interface RunInTransactionOptions {
  /** An effect queued with `afterCommit` failed: the transaction has committed, so it is reported, not rethrown. */
  onEffectError(error: unknown): void;
  /** Longest wait for the transaction to start (PGlite runs one at a time for the whole process). */
  maxWait?: number;
  /** Longest the transaction may stay open before Prisma rolls it back. */
  timeout?: number;
}

/**
 * A transaction's client that answers `$transaction` too, so a use-case written to stand alone
 * (`db.$transaction(async (tx) => …)`: place-order, capture-contact, request-handoff…) joins the
 * caller's transaction instead of opening a second one (which, on PGlite, would wait for the first
 * forever). A standalone transaction undoes its writes when it throws; a joined block can only do
 * that under a savepoint. With `savepoints`, each joined block runs under one (one round trip); without,
 * it runs bare and a block that throws calls `onNestedFailure`: unless that error ends the whole
 * transaction anyway, the caller rolls it back and runs it again with savepoints (see
 * {@link runInTransaction}). Blocks rarely throw (an order refused for stock), so the common path
 * pays nothing.
 */
export function joinTransaction(tx: Tx, options: { savepoints: boolean; onNestedFailure?: (error: unknown) => void } = { savepoints: true }): Db {
  let taken = 0;
  const run = async (work: unknown): Promise<unknown> => {
    if (typeof work === "function") return (work as (client: Db) => Promise<unknown>)(joined);
    // The array form: the queries of the array, in order, in this transaction.
    const results: unknown[] = [];
    for (const query of work as PromiseLike<unknown>[]) results.push(await query);
    return results;
  };
  const runNested = async (work: unknown): Promise<unknown> => {
    if (!options.savepoints) {
      try {
        return await run(work);
      } catch (error) {
        options.onNestedFailure?.(error);
        throw error;
      }
    }
    const name = `joined_${++taken}`;
    await tx.$executeRawUnsafe(`SAVEPOINT ${name}`);
    try {
      return await run(work);
    } catch (error) {
      await tx.$executeRawUnsafe(`ROLLBACK TO SAVEPOINT ${name}`);
      throw error;
    }
  };
  const joined = new Proxy(tx, {
    get(target, property) {
      if (property === "$transaction") return runNested;
      const value: unknown = Reflect.get(target, property);
      return typeof value === "function" ? value.bind(target) : value;
    },
  }) as unknown as Db;
  return joined;
}

/**
 * Runs `work` in one interactive transaction whose client nested `$transaction` calls join (see
 * {@link joinTransaction}); effects queued with `afterCommit` run, in order, after the commit and
 * only then. An effect that fails does not stop the next. Returns what `work` returned.
 *
 * `work` may run twice: when a joined block threw and `work` went on (it caught the refusal and
 * answered otherwise), the first run is rolled back and `work` runs again with a savepoint around
 * each block, so the block's writes are undone as a standalone transaction's would be. A block's
 * error that `work` lets through ends the transaction as it is: nothing to run again. Everything
 * `work` does must therefore be in the transaction or queued.
 */
export async function runInTransaction<T>(db: Db, work: (scope: TransactionScope) => Promise<T>, options: RunInTransactionOptions): Promise<T> {
  const limits = {
    ...(options.maxWait !== undefined ? { maxWait: options.maxWait } : {}),
    ...(options.timeout !== undefined ? { timeout: options.timeout } : {}),
  };
  for (let savepoints = false; ; savepoints = true) {
    const effects: (() => Promise<void> | void)[] = [];
    // The first block that threw: all is well if its error is what ends `work`; otherwise `work`
    // went on after it (later errors may only come from the transaction it left broken).
    let firstNestedError: { error: unknown } | undefined;
    let value: T;
    try {
      value = await db.$transaction(async (tx) => {
        const client = joinTransaction(tx, { savepoints, onNestedFailure: (error) => void (firstNestedError ??= { error }) });
        const result = await work({ db: client, afterCommit: (effect) => void effects.push(effect) });
        // A block threw and its writes may still be here: undo the whole run.
        if (firstNestedError) throw new NestedBlockFailed();
        return result;
      }, limits);
    } catch (error) {
      // Run again with savepoints, unless a block's own error came through and ends it all anyway.
      if (!savepoints && firstNestedError && firstNestedError.error !== error) continue;
      throw error;
    }
    // An effect may queue another (a notifier that notifies): the loop sees it.
    for (const effect of effects) {
      try {
        await effect();
      } catch (error) {
        options.onEffectError(error);
      }
    }
    return value;
  }
}

/** Rolls back a run in which a joined block threw, to run it again with savepoints. */
class NestedBlockFailed extends Error {}
