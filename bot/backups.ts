/**
 * Backups of the embedded database: a gzipped tar of its files (PGlite's own dump format, what
 * `npm run restore` loads), written under BACKUP_DIR as `solo-sales-<UTC time>.tar.gz`, the oldest
 * removed beyond BACKUP_KEEP. Written to a temporary name and renamed, so a crash mid-write never
 * leaves a truncated file that looks like a backup, and a failed write leaves nothing. The directory
 * is 0700 and each copy 0600: a backup holds every customer's personal data, which is also why
 * copies older than RETENTION_DAYS are removed (`removeOlderThan`, from the nightly retention job).
 */
import { readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import type { BackupStore } from "../core/ports.ts";
import { ensurePrivateDirAsync, PRIVATE_FILE_MODE } from "./private-files.ts";

export const BACKUP_FILE = /^solo-sales-\d{8}T\d{6}Z\.tar\.gz$/;

/** When a backup was taken, read back from its name (the time it was taken for, in UTC). */
export function backupTakenAt(name: string): Date | undefined {
  const match = /^solo-sales-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z\.tar\.gz$/.exec(name);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second] = match;
  return new Date(`${year}-${month}-${day}T${hour}:${minute}:${second}Z`);
}

/** `20261123T033000Z`: a UTC time that sorts as text and is safe in file names everywhere. */
export function fileTimestamp(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, "Z").replace(/[-:]/g, "");
}

/** `solo-sales-20261123T033000Z.tar.gz`. */
export function backupFileName(at: Date): string {
  return `solo-sales-${fileTimestamp(at)}.tar.gz`;
}

export function createFileBackups(options: { dumpDataDir: () => Promise<Uint8Array>; dir: string; keep: number }): BackupStore {
  const dir = path.resolve(options.dir);
  return {
    async backUp(at) {
      await ensurePrivateDirAsync(dir);
      const bytes = await options.dumpDataDir();
      const file = path.join(dir, backupFileName(at));
      const partial = `${file}.partial`;
      try {
        // A backup holds every customer's data: readable by the service user only.
        await writeFile(partial, bytes, { mode: PRIVATE_FILE_MODE });
        await rename(partial, file);
      } catch (error) {
        // A full disk or a failed rename leaves no half-written copy behind.
        await rm(partial, { force: true });
        throw error;
      }
      const backups = (await readdir(dir)).filter((name) => BACKUP_FILE.test(name)).sort();
      for (const old of backups.slice(0, Math.max(0, backups.length - options.keep))) await rm(path.join(dir, old), { force: true });
      return { location: file, bytes: (await stat(file)).size, kept: Math.min(backups.length, options.keep) };
    },
    async removeOlderThan(cutoff) {
      const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
        if (error.code === "ENOENT") return [];
        throw error;
      });
      const expired = names.filter((name) => (backupTakenAt(name)?.getTime() ?? Infinity) < cutoff.getTime()).map((name) => path.join(dir, name));
      for (const file of expired) await rm(file, { force: true });
      return expired;
    },
  };
}
