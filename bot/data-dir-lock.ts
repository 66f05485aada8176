/**
 * PGlite is a single-process database: two processes opening one data directory would corrupt it.
 * A pid file in the directory refuses the second one with a clear message; a stale file is taken over.
 *
 * A pid alone cannot tell a stale file from a live holder: after a crash and a reboot the same pid may
 * belong to an unrelated process (a shell, a database), and the shop would refuse to start for good.
 * So the file also records when its process started (on Linux, the boot id and the process's start
 * tick from /proc), and a live pid whose start differs is another process: the file is stale.
 * Where the system does not say (no /proc), a live pid is taken as the holder, as before.
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const ZPidFile = z.object({ pid: z.number().int().positive(), started: z.string().min(1).max(200).optional() });

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * When a process started, as a token that differs for any two processes that ever had this pid on
 * this machine: the boot id and the process's start time in clock ticks. Undefined without /proc.
 */
export function processStartToken(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces and parentheses: the fields after it start after the last ")".
    const startTicks = stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
    const bootId = readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
    return startTicks ? `${bootId}:${startTicks}` : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the process named by a pid file still holds the directory. */
function holdsDirectory(recorded: z.infer<typeof ZPidFile>): boolean {
  if (recorded.pid === process.pid || !isAlive(recorded.pid)) return false;
  const now = processStartToken(recorded.pid);
  if (recorded.started !== undefined && now !== undefined) return recorded.started === now;
  if (recorded.started === undefined && now !== undefined) {
    // A file from an older version (a bare pid): only a Node.js process can be the shop.
    try {
      return /node|tsx/.test(readFileSync(`/proc/${recorded.pid}/cmdline`, "utf8"));
    } catch {
      return true;
    }
  }
  return true;
}

function readPidFile(file: string): z.infer<typeof ZPidFile> | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8").trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  if (/^\d+$/.test(text)) return { pid: Number(text) };
  try {
    const parsed = ZPidFile.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined; // unreadable: nobody can be shown to hold it
  }
}

/** Takes the data directory for this process; throws when a live solo-sales holds it. Returns the release. */
export function acquireDataDirLock(dataDir: string): () => void {
  const file = path.join(dataDir, "solo-sales.pid");
  const recorded = readPidFile(file);
  if (recorded && holdsDirectory(recorded)) {
    throw new Error(
      `The database in ${dataDir} is in use by another solo-sales process (pid ${recorded.pid}). ` +
        "Stop it first, or use another DATA_DIR, or a PostgreSQL server (DATABASE_URL) to run several.",
    );
  }
  const started = processStartToken(process.pid);
  writeFileSync(file, JSON.stringify({ pid: process.pid, ...(started ? { started } : {}) }), { mode: 0o600 });
  return () => {
    try {
      if (readPidFile(file)?.pid === process.pid) rmSync(file);
    } catch {
      /* already gone */
    }
  };
}
