/**
 * PGlite is a single-process database: two processes opening one data directory would corrupt it.
 * A pid file in the directory refuses the second one with a clear message; a stale file (its
 * process is gone) is taken over.
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function acquireDataDirLock(dataDir: string): () => void {
  const file = path.join(dataDir, "solo-sales.pid");
  try {
    const pid = Number(readFileSync(file, "utf8").trim());
    if (Number.isInteger(pid) && pid !== process.pid && isAlive(pid)) {
      throw new Error(
        `The database in ${dataDir} is in use by another solo-sales process (pid ${pid}). ` +
          "Stop it first, or use another DATA_DIR, or a PostgreSQL server (DATABASE_URL) to run several.",
      );
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  writeFileSync(file, String(process.pid));
  return () => {
    try {
      if (readFileSync(file, "utf8").trim() === String(process.pid)) rmSync(file);
    } catch {
      /* already gone */
    }
  };
}
