/**
 * Restores the embedded database from a backup (`npm run restore -- FILE`): the shop must be
 * stopped (the data directory's lock says so), and nothing is deleted — the database being replaced
 * is moved aside to `pglite.replaced-<time>`, and put back if the backup cannot be loaded.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { fileTimestamp } from "./backups.ts";
import { acquireDataDirLock } from "./data-dir-lock.ts";

export interface RestoreReport {
  /** Where the replaced database was moved, if there was one. */
  replacedMovedTo: string | null;
  products: number;
  orders: number;
  customers: number;
}

export async function restoreBackup(options: { file: string; dataDir: string; now?: Date }): Promise<RestoreReport> {
  const dataDir = path.resolve(options.dataDir);
  let bytes: Buffer;
  try {
    bytes = await readFile(path.resolve(options.file));
  } catch {
    throw new Error(`Cannot read ${options.file}.`);
  }
  // gzip magic number: anything else is not a backup this program wrote.
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) throw new Error(`${options.file} is not a solo-sales backup (a .tar.gz written by the backup command).`);
  mkdirSync(dataDir, { recursive: true });
  const release = acquireDataDirLock(dataDir);
  const target = path.join(dataDir, "pglite");
  let movedTo: string | null = null;
  try {
    if (existsSync(target) && readdirSync(target).length > 0) {
      movedTo = `${target}.replaced-${fileTimestamp(options.now ?? new Date())}`;
      renameSync(target, movedTo);
    }
    let db: PGlite | undefined;
    try {
      db = new PGlite(target, { loadDataDir: new Blob([bytes]) });
      const count = async (table: string) => Number((await db!.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}"`)).rows[0]!.n);
      const report = { replacedMovedTo: movedTo, products: await count("Product"), orders: await count("Order"), customers: await count("Customer") };
      await db.close();
      return report;
    } catch (error) {
      await db?.close().catch(() => undefined);
      rmSync(target, { recursive: true, force: true });
      if (movedTo) renameSync(movedTo, target);
      throw new Error(`The backup could not be loaded (${error instanceof Error ? error.message : String(error)}); the database was left as it was.`);
    }
  } finally {
    release();
  }
}
