/**
 * A new campaign, as a draft: nothing goes out until the owner has seen its preview and confirmed
 * it (`campaign <id> send`). Checked here: a text in at least one language, short enough to go as one
 * message with the product's card, only the placeholders we fill, a product that is for sale, an
 * audience we know, a start time in the future, and a promo code the shop has that has not ended.
 */
import { z } from "zod";
import type { Campaign, Product } from "../../prisma/generated/client.ts";
import type { Db } from "../db.ts";
import { AppError, type Refusal } from "../errors.ts";
import type { Clock } from "../ports.ts";
import { checkCampaignAudience } from "./campaign-audience.ts";
import { MAX_CAMPAIGN_TEXT, unknownPlaceholders, type CampaignTexts } from "./compose-campaign-message.ts";
import { normalizePromoCode } from "../promos/promo-code.ts";
import { parseCampaignTime } from "./parse-campaign-time.ts";
import { newHoldoutSeed } from "./draw-holdout.ts";
import type { TUpliftGoal } from "./estimate-uplift.ts";
import { parseMoney } from "../money.ts";

export const ZCreateCampaignOptions = z.object({
  name: z.string().trim().min(1).max(100),
  audience: z.string().trim().min(1).max(1_000),
  textEn: z.string().trim().max(4_000).optional(),
  textZh: z.string().trim().max(4_000).optional(),
  sku: z.string().trim().min(1).max(40).optional(),
  /** As typed (`2026-12-24T10:00`, `10:00`, `tomorrow 10:00`), in the shop's time zone. */
  at: z.string().trim().min(1).max(40).optional(),
  /** The share kept out to measure it (`10%`, `10`, `0`); 10 % when not given. */
  holdout: z.string().trim().min(1).max(10).optional(),
  /** What it costs, in the shop's currency (`50`, `49.99`). */
  budget: z.string().trim().min(1).max(20).optional(),
  /** `orders:50` or `revenue:1000`. */
  goal: z.string().trim().min(1).max(40).optional(),
  /** A promo code the message offers with a "Use CODE" button; it must exist and not have ended. */
  promoCode: z.string().trim().min(1).max(40).optional(),
  createdBy: z.string().min(1).max(100),
});
export type TCreateCampaignOptions = z.input<typeof ZCreateCampaignOptions>;

function refuse(refusal: Refusal): never {
  throw new AppError("INVALID_INPUT", { message: `campaign refused: ${refusal.kind}`, refusal });
}

/** The texts as kept (empty ones as none), refused without any or when too long for one message with the product's card. */
export function checkCampaignTexts(options: { textEn?: string | undefined; textZh?: string | undefined }): CampaignTexts {
  const textEn = options.textEn || null;
  const textZh = options.textZh || null;
  if (!textEn && !textZh) refuse({ kind: "campaignNoText" });
  if ([textEn, textZh].some((t) => t && t.length > MAX_CAMPAIGN_TEXT)) refuse({ kind: "campaignTextTooLong", max: MAX_CAMPAIGN_TEXT });
  return { textEn, textZh };
}

/** Only the placeholders we fill; `{product}` and `{price}` only when the message has a product. */
export function checkPlaceholders(texts: CampaignTexts, hasProduct: boolean): void {
  const unknown = [...new Set([texts.textEn, texts.textZh].flatMap((t) => (t ? unknownPlaceholders(t, hasProduct) : [])))];
  if (unknown.length > 0) refuse({ kind: "campaignPlaceholders", names: unknown });
}

/** The product a campaign shows (any case of its SKU), for sale; refused when there is none. */
export async function findCampaignProduct(db: Db, sku: string | undefined): Promise<Product | null> {
  if (!sku) return null;
  const product = await db.product.findFirst({ where: { sku: { equals: sku, mode: "insensitive" }, active: true } });
  if (!product) refuse({ kind: "productNotFound", sku });
  return product;
}

export const DEFAULT_HOLDOUT_PERCENT = 10;
export const MAX_HOLDOUT_PERCENT = 50;

/** `10%`, `10`, `0` → a whole percent from 0 to {@link MAX_HOLDOUT_PERCENT}; refused otherwise. */
export function readHoldoutPercent(text: string | undefined): number {
  if (text === undefined) return DEFAULT_HOLDOUT_PERCENT;
  const match = /^(\d{1,2})\s*[%％]?$/u.exec(text.trim());
  const percent = match ? Number(match[1]) : Number.NaN;
  if (!(percent >= 0 && percent <= MAX_HOLDOUT_PERCENT)) refuse({ kind: "campaignHoldoutInvalid", text, max: MAX_HOLDOUT_PERCENT });
  return percent;
}

/** The owner's budget and goal, in minor units; refused when they do not read. */
export function readBudgetAndGoal(options: { budget?: string | undefined; goal?: string | undefined }, currency: string): { budgetMinor: number | null; goal: TUpliftGoal | null } {
  let budgetMinor: number | null = null;
  if (options.budget !== undefined) {
    budgetMinor = parseMoney(options.budget, currency);
    if (budgetMinor === null || budgetMinor < 0) refuse({ kind: "campaignBudgetInvalid", text: options.budget });
  }
  let goal: TUpliftGoal | null = null;
  if (options.goal !== undefined) {
    const match = /^(orders|revenue|订单|收入)\s*[:：=]\s*(.+)$/iu.exec(options.goal.trim());
    const kind = match ? (/^(orders|订单)$/i.test(match[1]!) ? "orders" : "revenue") : null;
    if (kind === "orders" && /^\d{1,7}$/.test(match![2]!.trim()) && Number(match![2]) > 0) goal = { kind, target: Number(match![2]) };
    const amount = kind === "revenue" ? parseMoney(match![2]!, currency) : null;
    if (kind === "revenue" && amount !== null && amount > 0) goal = { kind, targetMinor: amount };
    if (!goal) refuse({ kind: "campaignGoalInvalid", text: options.goal });
  }
  return { budgetMinor, goal };
}

export async function createCampaign(deps: { db: Db; clock: Clock; currency: string; timeZone?: string }, input: TCreateCampaignOptions): Promise<Campaign> {
  const options = ZCreateCampaignOptions.parse(input);
  const { textEn, textZh } = checkCampaignTexts(options);
  const audience = await checkCampaignAudience(deps, options.audience);
  const product = await findCampaignProduct(deps.db, options.sku);
  checkPlaceholders({ textEn, textZh }, product !== null);
  const holdoutPercent = readHoldoutPercent(options.holdout);
  const { budgetMinor, goal } = readBudgetAndGoal(options, deps.currency);
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
    data: {
      name: options.name, audience, textEn, textZh, productId: product?.id ?? null, scheduledAt, createdAt: now, createdBy: options.createdBy,
      holdoutPercent, holdoutSeed: newHoldoutSeed(), budgetMinor, ...(goal ? { goal } : {}), promoCode: promo?.code ?? null,
    },
  });
}
