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
 * (`db.$transaction(async (tx) => …)`, place-order, capture-contact…) joins the caller's
 * transaction instead of opening a second one (which, on PGlite, would wait for the first forever).
 * The joined block runs under a savepoint: when it throws, its writes are undone and the error goes
 * on to the caller, exactly as a standalone transaction would behave (an order refused for stock
 * leaves no order row behind, and PostgreSQL's transaction is usable again after a failed statement).
 * A savepoint is one round trip where a transaction of its own was two (BEGIN, COMMIT).
 */
export function joinTransaction(tx: Tx): Db {
  let savepoints = 0;
  const runNested = async (work: unknown): Promise<unknown> => {
    const name = `joined_${++savepoints}`;
    await tx.$executeRawUnsafe(`SAVEPOINT ${name}`);
    try {
      if (typeof work === "function") return await (work as (client: Db) => Promise<unknown>)(joined);
      // The array form: the queries of the array, in order, in this transaction.
      const results: unknown[] = [];
      for (const query of work as PromiseLike<unknown>[]) results.push(await query);
      return results;
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
 */
export async function runInTransaction<T>(db: Db, work: (scope: TransactionScope) => Promise<T>, options: RunInTransactionOptions): Promise<T> {
  const effects: (() => Promise<void> | void)[] = [];
  const value = await db.$transaction((tx) => work({ db: joinTransaction(tx), afterCommit: (effect) => void effects.push(effect) }), {
    ...(options.maxWait !== undefined ? { maxWait: options.maxWait } : {}),
    ...(options.timeout !== undefined ? { timeout: options.timeout } : {}),
  });
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
