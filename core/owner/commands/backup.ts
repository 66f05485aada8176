/** `backup`: a copy of the whole embedded database now (kept under the data directory). */
import { z } from "zod";
import type { OwnerCommand, TNoArgs } from "./define-command.ts";

const ZArgs = z.object({});

export const backupCommand: OwnerCommand<"backup", TNoArgs> = {
  verb: "backup",
  words: ["backup"],
  usage: "backup",
  help: { en: "a copy of the whole database now (kept under the data directory)", zh: "立即备份整个数据库（保存在数据目录下）" },
  examples: ["backup"],
  ZArgs,
  mutates: false,
  intents: ["backup"],
  read: () => ({ ok: true, args: {} }),
  write: () => "backup",
  async run({ deps, t }) {
    if (!deps.backups) return [{ text: t.backup.onServer }];
    const backup = await deps.backups.backUp(deps.clock.now());
    deps.logger.info("database backed up", { location: backup.location, bytes: backup.bytes });
    return [{ text: t.backup.done(backup.location, (backup.bytes / 1_048_576).toFixed(1), backup.kept) }];
  },
};
