/**
 * Counts the database round trips a Prisma client makes, at its driver adapter: every query, every
 * script, and the statements that open, commit or roll back a transaction (BEGIN, COMMIT,
 * ROLLBACK; a savepoint taken through the adapter counts as one more). Counting below Prisma sees
 * what the database sees, including the queries Prisma adds for nested writes and includes.
 */

/** The parts of Prisma's driver adapter contract (@prisma/driver-adapter-utils) that are counted. */
interface Queryable {
  queryRaw(query: { sql: string }): Promise<unknown>;
  executeRaw(query: { sql: string }): Promise<unknown>;
}
interface Transaction extends Queryable {
  commit(): Promise<void>;
  rollback(): Promise<void>;
}
interface SqlDriverAdapter extends Queryable {
  startTransaction(isolationLevel?: string): Promise<Transaction>;
}
interface SqlDriverAdapterFactory {
  connect(): Promise<SqlDriverAdapter>;
}

/** What one counter has seen since it was last reset. */
export interface RoundTripCount {
  /** Queries and statements (reads, writes, raw SQL). */
  queries: number;
  /** Transactions opened (each is a BEGIN). */
  transactions: number;
  /** COMMIT and ROLLBACK statements. */
  transactionEnds: number;
  /** Everything above: what the database answered. */
  total: number;
}

export interface RoundTripCounter {
  /** The counts so far. */
  read(): RoundTripCount;
  reset(): void;
  /** The SQL of each query since the last reset, in order (for finding the ones to remove). */
  statements(): string[];
}

/**
 * Wraps a driver adapter factory so every round trip it makes is counted. Pass the result to
 * `new PrismaClient({ adapter })` in place of the factory.
 */
export function countRoundTrips<F extends SqlDriverAdapterFactory>(factory: F): { factory: F; counter: RoundTripCounter } {
  let count = { queries: 0, transactions: 0, transactionEnds: 0 };
  let sql: string[] = [];
  const query = (text: string) => {
    count.queries++;
    sql.push(text);
  };
  const wrapTransaction = (tx: Transaction): Transaction =>
    new Proxy(tx, {
      get(target, property, receiver) {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value !== "function") return value;
        if (property === "queryRaw" || property === "executeRaw") {
          return (q: { sql: string }) => (query(q.sql), value.call(target, q));
        }
        if (property === "commit" || property === "rollback") {
          return () => {
            count.transactionEnds++;
            sql.push(property.toUpperCase());
            return value.call(target);
          };
        }
        if (property === "createSavepoint" || property === "rollbackToSavepoint" || property === "releaseSavepoint") {
          return (name: string) => (query(`${property} ${name}`), value.call(target, name));
        }
        return value.bind(target);
      },
    });
  const wrapAdapter = (adapter: SqlDriverAdapter): SqlDriverAdapter =>
    new Proxy(adapter, {
      get(target, property, receiver) {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value !== "function") return value;
        if (property === "queryRaw" || property === "executeRaw") {
          return (q: { sql: string }) => (query(q.sql), value.call(target, q));
        }
        if (property === "executeScript") {
          return (script: string) => (query(script), value.call(target, script));
        }
        if (property === "startTransaction") {
          return async (isolationLevel?: unknown) => {
            count.transactions++;
            sql.push(isolationLevel ? `BEGIN ISOLATION LEVEL ${String(isolationLevel)}` : "BEGIN");
            return wrapTransaction(await (value as (i?: unknown) => Promise<Transaction>).call(target, isolationLevel));
          };
        }
        return value.bind(target);
      },
    });
  const wrapped = new Proxy(factory, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (property === "connect" && typeof value === "function") {
        return async () => wrapAdapter(await (value as () => Promise<SqlDriverAdapter>).call(target));
      }
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return {
    factory: wrapped,
    counter: {
      read: () => ({ ...count, total: count.queries + count.transactions + count.transactionEnds }),
      reset() {
        count = { queries: 0, transactions: 0, transactionEnds: 0 };
        sql = [];
      },
      statements: () => [...sql],
    },
  };
}
