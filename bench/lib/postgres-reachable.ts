/**
 * Whether a PostgreSQL server answers at `url`, for benchmarks that measure on it only when one is
 * there. The probe's connection is always ended: an open `pg.Client` keeps the event loop alive,
 * and the benchmark would print its result and then never exit.
 */
import pg from "pg";

export async function isPostgresReachable(url: string, timeoutMs = 5_000): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  // A refused or dropped connection is reported through 'error' too; without a listener it would crash the bench.
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
