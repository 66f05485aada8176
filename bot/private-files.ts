/**
 * The embedded database and its backups hold every customer's name, address and messages, so they
 * are the service user's alone: directories 0700, files 0600. PGlite creates its files with the
 * process umask (0666 under the usual 022, readable by every local user), so the directory is
 * closed at every open, whatever an older version or another tool left in it.
 */
import { chmodSync, mkdirSync, readdirSync } from "node:fs";
import { chmod, mkdir } from "node:fs/promises";
import path from "node:path";

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates the directory (and its parents) if needed and makes it private. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  chmodSync(dir, PRIVATE_DIR_MODE);
}

/** The same, without blocking the event loop (for the backup job). */
export async function ensurePrivateDirAsync(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  await chmod(dir, PRIVATE_DIR_MODE);
}

/** Makes everything below `dir` private: directories 0700, files 0600 (links are left alone). */
export function makeTreePrivate(dir: string): void {
  chmodSync(dir, PRIVATE_DIR_MODE);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const child = path.join(dir, entry.name);
    if (entry.isDirectory()) makeTreePrivate(child);
    else if (entry.isFile()) chmodSync(child, PRIVATE_FILE_MODE);
  }
}
