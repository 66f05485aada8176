/**
 * A new campaign, as a draft: nothing goes out until the owner has seen its preview and confirmed
 * it (`campaign <id> send`). Checked here: a text in at least one language, short enough to go as one
 * message with the product's card, only the placeholders we fill, a product that is for sale, an
 * audience we know, a start time in the future, and a promo code the shop has that has not ended.
 */
import { z } from "zod";
import type { Campaign } from "../../prisma/generated/client.ts";
import type { Db } from "../db.ts";
import { AppError, type Refusal } from "../errors.ts";
import type { Clock } from "../ports.ts";
import { checkCampaignAudience } from "./campaign-audience.ts";
import { MAX_CAMPAIGN_TEXT, unknownPlaceholders } from "./compose-campaign-message.ts";
import { normalizePromoCode } from "../promos/promo-code.ts";
import { parseCampaignTime } from "./parse-campaign-time.ts";

export const ZCreateCampaignOptions = z.object({
  name: z.string().trim().min(1).max(100),
  audience: z.string().trim().min(1).max(1_000),
  textEn: z.string().trim().max(4_000).optional(),
  textZh: z.string().trim().max(4_000).optional(),
  sku: z.string().trim().min(1).max(40).optional(),
  /** As typed (`2026-12-24T10:00`, `10:00`, `tomorrow 10:00`), in the shop's time zone. */
  at: z.string().trim().min(1).max(40).optional(),
  /** A promo code the message offers with a "Use CODE" button; it must exist and not have ended. */
  promoCode: z.string().trim().min(1).max(40).optional(),
  createdBy: z.string().min(1).max(100),
});
export type TCreateCampaignOptions = z.input<typeof ZCreateCampaignOptions>;

function refuse(refusal: Refusal): never {
  throw new AppError("INVALID_INPUT", { message: `campaign refused: ${refusal.kind}`, refusal });
}

export async function createCampaign(deps: { db: Db; clock: Clock; currency: string; timeZone?: string }, input: TCreateCampaignOptions): Promise<Campaign> {
  const options = ZCreateCampaignOptions.parse(input);
  const textEn = options.textEn || null;
  const textZh = options.textZh || null;
  if (!textEn && !textZh) refuse({ kind: "campaignNoText" });
  if ([textEn, textZh].some((t) => t && t.length > MAX_CAMPAIGN_TEXT)) refuse({ kind: "campaignTextTooLong", max: MAX_CAMPAIGN_TEXT });
  const audience = await checkCampaignAudience(deps, options.audience);
  const product = options.sku ? await deps.db.product.findFirst({ where: { sku: { equals: options.sku, mode: "insensitive" }, active: true } }) : null;
  if (options.sku && !product) refuse({ kind: "productNotFound", sku: options.sku });
  const unknown = [...new Set([textEn, textZh].flatMap((t) => (t ? unknownPlaceholders(t, product !== null) : [])))];
  if (unknown.length > 0) refuse({ kind: "campaignPlaceholders", names: unknown });
  const now = deps.clock.now();
  const promo = options.promoCode ? await deps.db.promo.findUnique({ where: { code: normalizePromoCode(options.promoCode) } }) : null;
  if (options.promoCode && !promo) refuse({ kind: "promoNotFound", code: normalizePromoCode(options.promoCode) });
  if (promo?.endedAt) refuse({ kind: "promoAlreadyEnded", code: promo.code });
  let scheduledAt: Date | null = null;
  if (options.at) {
    scheduledAt = parseCampaignTime(options.at, now, deps.timeZone);
    if (!scheduledAt) refuse({ kind: "campaignTimeInvalid", text: options.at });
    if (scheduledAt.getTime() <= now.getTime()) refuse({ kind: "campaignTimePast" });
  }
  return deps.db.campaign.create({
    data: { name: options.name, audience, textEn, textZh, productId: product?.id ?? null, scheduledAt, createdAt: now, createdBy: options.createdBy, promoCode: promo?.code ?? null },
  });
}
