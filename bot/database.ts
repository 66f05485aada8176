/**
 * Opens the shop's database: embedded PGlite under a data directory by default (no server needed),
 * or a PostgreSQL server when a URL is given (how several replicas share state). Both get the same
 * migrations, applied at open, and the same Prisma client.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "../prisma/generated/client.ts";
import { applyMigrations, readMigrations, type SqlSession } from "./migrate.ts";
import { acquireDataDirLock } from "./data-dir-lock.ts";
import { ensurePrivateDir, makeTreePrivate } from "./private-files.ts";

/**
 * pglite-prisma-adapter and @prisma/adapter-pg 7 are built against other releases of
 * @prisma/driver-adapter-utils than @prisma/client 6.19; the wire contract is the same (checked by
 * the test suite on both databases), only the declared types differ.
 */
type AdapterFactory = NonNullable<ConstructorParameters<typeof PrismaClient>[0]>["adapter"];
const asAdapter = (factory: unknown) => factory as AdapterFactory;

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../prisma/migrations");

export type DatabaseTarget =
  | { kind: "pglite"; dataDir: string }
  | { kind: "pglite-memory" }
  | {
      kind: "postgres";
      url: string;
      /** Longest wait for a connection to the server: one that does not answer fails the open or the query, never hangs it. Default 10 s. */
      connectTimeoutMs?: number;
      /**
       * Longest any one statement may take, on the server and on the wire (a server that stops answering
       * mid-query). The running shop sets it so a customer gets an apology instead of silence; imports and
       * benchmarks, whose statements may be long, leave it unset.
       */
      queryTimeoutMs?: number;
    };

/** The shop's own statements are small: anything past this is a server in trouble. */
export const SHOP_QUERY_TIMEOUT_MS = 10_000;
const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

/** `host:port` of a PostgreSQL URL, for messages (never the password). */
function serverOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || "5432"}`;
  } catch {
    return "the server in DATABASE_URL";
  }
}

export interface Database {
  kind: "pglite" | "postgres";
  prisma: PrismaClient;
  /** Names of the migrations applied by this open (empty when the database was up to date). */
  appliedMigrations: string[];
  /** The embedded database on disk only: all its files as one gzipped tar (what PGlite restores from). */
  dumpDataDir?: () => Promise<Uint8Array>;
  close(): Promise<void>;
}

function pgliteSession(db: PGlite): SqlSession {
  return {
    exec: async (sql) => {
      await db.exec(sql);
    },
    query: async <T>(sql: string, params?: unknown[]) => (await db.query<T>(sql, params as unknown[])).rows,
  };
}

function pgSession(client: pg.ClientBase): SqlSession {
  return {
    exec: async (sql) => {
      await client.query(sql);
    },
    query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[],
  };
}

/** Opens, migrates and returns the database. Throws with a clear message if it cannot. */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  const migrations = await readMigrations(MIGRATIONS_DIR);
  if (target.kind === "postgres") {
    const connectionTimeoutMillis = target.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    const client = new pg.Client({ connectionString: target.url, connectionTimeoutMillis });
    let appliedMigrations: string[];
    try {
      try {
        await client.connect();
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(`Could not connect to PostgreSQL at ${serverOf(target.url)} (DATABASE_URL) within ${connectionTimeoutMillis / 1000} s: ${reason}`, { cause: error });
      }
      appliedMigrations = await applyMigrations(pgSession(client), migrations);
    } finally {
      await client.end().catch(() => undefined);
    }
    const timeouts = target.queryTimeoutMs !== undefined
      ? { statement_timeout: target.queryTimeoutMs, query_timeout: target.queryTimeoutMs + 1_000, idle_in_transaction_session_timeout: target.queryTimeoutMs * 3 }
      : {};
    const prisma = new PrismaClient({ adapter: asAdapter(new PrismaPg({ connectionString: target.url, max: 10, connectionTimeoutMillis, keepAlive: true, ...timeouts })) });
    return { kind: "postgres", prisma, appliedMigrations, close: () => prisma.$disconnect() };
  }

  let releaseLock = () => {};
  let pglite: PGlite;
  if (target.kind === "pglite") {
    const dir = path.resolve(target.dataDir, "pglite");
    // Customers' personal data: the directory is the service user's alone (see private-files.ts).
    ensurePrivateDir(path.resolve(target.dataDir));
    ensurePrivateDir(dir);
    releaseLock = acquireDataDirLock(path.resolve(target.dataDir));
    makeTreePrivate(dir);
    pglite = new PGlite(dir);
  } else {
    pglite = new PGlite();
  }
  try {
    const appliedMigrations = await applyMigrations(pgliteSession(pglite), migrations);
    const prisma = new PrismaClient({ adapter: asAdapter(new PrismaPGlite(pglite)) });
    return {
      kind: "pglite",
      prisma,
      appliedMigrations,
      ...(target.kind === "pglite" ? { dumpDataDir: async () => new Uint8Array(await (await pglite.dumpDataDir("gzip")).arrayBuffer()) } : {}),
      close: async () => {
        await prisma.$disconnect();
        await pglite.close();
        // Files PGlite wrote while open (0644 on its own) sit in a 0700 directory; closed, they are 0600 too.
        if (target.kind === "pglite") makeTreePrivate(path.resolve(target.dataDir, "pglite"));
        releaseLock();
      },
    };
  } catch (error) {
    await pglite.close().catch(() => undefined);
    releaseLock();
    throw error;
  }
}
