/**
 * A new automation (`automation new name=… when=… [audience=…] text=… [text_zh=…] [product=SKU]`):
 * active at once, acting on what happens from now on (see `run-automations.ts`). Checked as a
 * campaign is (texts, placeholders, product, audience) plus its trigger; a re-order reminder may use
 * `{product}` and `{price}` without a product of its own (each message is about the product the
 * customer buys again). Without `audience=` it reaches everyone the trigger names who agreed to offers.
 */
import { z } from "zod";
import type { Campaign } from "../../prisma/generated/client.ts";
import { checkCampaignAudience } from "../campaigns/campaign-audience.ts";
import { checkCampaignTexts, checkPlaceholders, findCampaignProduct, readHoldoutPercent } from "../campaigns/create-campaign.ts";
import { newHoldoutSeed } from "../campaigns/draw-holdout.ts";
import type { Db } from "../db.ts";
import { AppError } from "../errors.ts";
import type { Clock } from "../ports.ts";
import { parseAutomationTrigger, type TAutomationTrigger } from "./automation-trigger.ts";

export const ZCreateAutomationOptions = z.object({
  name: z.string().trim().min(1).max(100),
  /** As typed after `when=`. */
  when: z.string().trim().min(1).max(100),
  audience: z.string().trim().max(1_000).optional(),
  textEn: z.string().trim().max(4_000).optional(),
  textZh: z.string().trim().max(4_000).optional(),
  sku: z.string().trim().min(1).max(40).optional(),
  holdout: z.string().trim().min(1).max(10).optional(),
  createdBy: z.string().min(1).max(100),
});
export type TCreateAutomationOptions = z.input<typeof ZCreateAutomationOptions>;

export async function createAutomation(deps: { db: Db; clock: Clock; currency: string }, input: TCreateAutomationOptions): Promise<{ automation: Campaign; trigger: TAutomationTrigger }> {
  const options = ZCreateAutomationOptions.parse(input);
  const trigger = parseAutomationTrigger(options.when);
  if (!trigger) throw new AppError("INVALID_INPUT", { message: `automation refused: trigger ${options.when}`, refusal: { kind: "automationTriggerInvalid", text: options.when } });
  const texts = checkCampaignTexts(options);
  const audience = options.audience ? await checkCampaignAudience(deps, options.audience) : "";
  const product = await findCampaignProduct(deps.db, options.sku);
  checkPlaceholders(texts, product !== null || trigger.kind === "reorder");
  const holdoutPercent = readHoldoutPercent(options.holdout);
  const now = deps.clock.now();
  const automation = await deps.db.campaign.create({
    data: { name: options.name, audience, ...texts, productId: product?.id ?? null, trigger, status: "sending", createdAt: now, startedAt: now, createdBy: options.createdBy, holdoutPercent, holdoutSeed: newHoldoutSeed() },
  });
  return { automation, trigger };
}
