/**
 * `automation new name=… when=<trigger> [audience=…] text="…" [text_zh="…"] [product=SKU]`: an
 * automation, active at once, answered with how it reads, the rules it sends under and its message as
 * customers get it.
 */
import { z } from "zod";
import { campaignSubject } from "../../audit/record-audit-entry.ts";
import { writeAutomationTrigger } from "../../automations/automation-trigger.ts";
import { createAutomation } from "../../automations/create-automation.ts";
import { readFields, tokenize, writeFields } from "../read-command-words.ts";
import { showAutomation } from "../show-automation.ts";
import type { OwnerCommand } from "./define-command.ts";

const ZArgs = z.object({
  name: z.string().trim().min(1).max(100),
  when: z.string().trim().min(1).max(100),
  audience: z.string().trim().min(1).max(1_000).optional(),
  text: z.string().max(4_000).optional(),
  textZh: z.string().max(4_000).optional(),
  product: z.string().max(40).optional(),
  holdout: z.string().max(10).optional(),
});
type TArgs = z.infer<typeof ZArgs>;
const USAGE = 'automation new name="How is it?" when=delivered+7d text="Hi {first_name}, …" [text_zh="…"] [audience=…] [product=SKU] [holdout=10%]  (when=delivered+7d | reorder | no-order=60d | first-order | stage=cart | hot>0.6)';

export const automationNewCommand: OwnerCommand<"automationNew", TArgs> = {
  verb: "automationNew",
  words: ["automation"],
  usage: USAGE,
  help: {
    en: "a message that goes by itself when something happens: N days after delivery, when a customer is due to re-order, after N days without an order, after a first order, at a funnel stage, above a chance to order",
    zh: "自动化：在某事发生时自动发送的消息——送达 N 天后、客户该复购时、N 天未下单、首单之后、到达某漏斗阶段、下单概率高于某值",
  },
  examples: [
    'automation new name="How is it?" when=delivered+7d text="Hi {first_name}, how are you finding your order? Just reply here." text_zh="{first_name}，您的订单用得怎么样？直接回复即可。"',
    'automation new name="Time for more" when=reorder text="Hi {first_name}, running low on {product}? It is {price}."',
    'automation new name="We miss you" when=no-order=60d audience=opted-in text="Hi {first_name}, it has been a while!"',
  ],
  ZArgs,
  mutates: true,
  read(words, line) {
    if (words[1]?.toLowerCase() !== "new") return null;
    const { fields } = readFields(tokenize(line.replace(/[“”„«»]/g, '"')).slice(2));
    if (!fields.name || !fields.when) return { ok: false, usage: USAGE };
    return {
      ok: true,
      args: {
        name: fields.name,
        when: fields.when,
        ...(fields.audience !== undefined ? { audience: fields.audience } : {}),
        ...(fields.text !== undefined ? { text: fields.text } : {}),
        ...(fields.text_zh !== undefined ? { textZh: fields.text_zh } : {}),
        ...(fields.product !== undefined ? { product: fields.product } : {}),
        ...(fields.holdout !== undefined ? { holdout: fields.holdout } : {}),
      },
    };
  },
  write: (args) =>
    `automation new ${writeFields({
      name: args.name,
      when: args.when,
      ...(args.audience !== undefined ? { audience: args.audience } : {}),
      ...(args.text !== undefined ? { text: args.text } : {}),
      ...(args.textZh !== undefined ? { text_zh: args.textZh } : {}),
      ...(args.product !== undefined ? { product: args.product } : {}),
      ...(args.holdout !== undefined ? { holdout: args.holdout } : {}),
    })}`,
  async run(context, args) {
    const { deps, actor, audit, t } = context;
    const { automation, trigger } = await createAutomation(
      { db: deps.db, clock: deps.clock, currency: deps.currency },
      { name: args.name, when: args.when, audience: args.audience, textEn: args.text, textZh: args.textZh, sku: args.product, holdout: args.holdout, createdBy: actor },
    );
    await audit({ subject: campaignSubject(automation.id), before: null, after: { name: automation.name, when: writeAutomationTrigger(trigger), audience: automation.audience, textEn: automation.textEn, textZh: automation.textZh, productId: automation.productId, holdoutPercent: automation.holdoutPercent, status: automation.status } });
    return [{ text: t.automation.created(automation.id) }, ...(await showAutomation(context, automation.id))];
  },
};
