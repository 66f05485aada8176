/**
 * `retrain`: rebuilds the customer intent model in the background from the training files and the
 * examples the owner taught (`review <message> intent …`), and reports the accuracy before and after
 * (cross-validated); customers are answered by the new model as soon as it is ready, no restart.
 */
import { z } from "zod";
import type { OwnerCommand, TNoArgs } from "./define-command.ts";

const ZArgs = z.object({});

export const retrainCommand: OwnerCommand<"retrain", TNoArgs> = {
  verb: "retrain",
  words: ["retrain"],
  usage: "retrain",
  help: { en: "retrain the assistant with the examples you taught it (in the background)", zh: "用您教的例句重新训练助手（后台进行）" },
  examples: ["retrain"],
  ZArgs,
  mutates: true,
  read: (words) => (words.length === 1 ? { ok: true, args: {} } : { ok: false, usage: "retrain" }),
  write: () => "retrain",
  async run({ deps, t, audit }) {
    if (!deps.customerIntents) return [{ text: t.retrain.unavailable }];
    const examples = await deps.db.intentExample.count();
    const state = deps.customerIntents.retrain();
    if (state === "running") return [{ text: t.retrain.running }];
    await audit({ subject: "intent-model:customer", after: { examples } });
    return [{ text: t.retrain.started(examples) }];
  },
};
