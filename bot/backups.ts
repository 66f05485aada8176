/**
 * Backups of the embedded database: a gzipped tar of its files (PGlite's own dump format, what
 * `npm run restore` loads), written under BACKUP_DIR as `solo-sales-<UTC time>.tar.gz`, the oldest
 * removed beyond BACKUP_KEEP. Written to a temporary name and renamed, so a crash mid-write never
 * leaves a truncated file that looks like a backup, and a failed write leaves nothing. The directory
 * is 0700 and each copy 0600: a backup holds every customer's personal data.
 */
import { readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import type { BackupStore } from "../core/ports.ts";
import { ensurePrivateDirAsync, PRIVATE_FILE_MODE } from "./private-files.ts";

export const BACKUP_FILE = /^solo-sales-\d{8}T\d{6}Z\.tar\.gz$/;

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
  };
}
