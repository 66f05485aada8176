/**
 * `campaign new name="Spring tea" audience=opted-in text="…" [text_zh="…"] [product=SKU] [at=<time>] [code=SPRING10]`:
 * a campaign as a draft, answered with its preview and a Send button; nothing goes out until that
 * is pressed (or `campaign <id> send` typed).
 */
import { z } from "zod";
import { campaignSubject } from "../../audit/record-audit-entry.ts";
import { createCampaign } from "../../campaigns/create-campaign.ts";
import { readFields, tokenize, writeFields } from "../read-command-words.ts";
import { showCampaign } from "../show-campaign.ts";
import type { OwnerCommand } from "./define-command.ts";

const ZArgs = z.object({
  name: z.string().trim().min(1).max(100),
  audience: z.string().trim().min(1).max(1_000),
  text: z.string().max(4_000).optional(),
  textZh: z.string().max(4_000).optional(),
  product: z.string().max(40).optional(),
  at: z.string().max(40).optional(),
  holdout: z.string().max(10).optional(),
  budget: z.string().max(20).optional(),
  goal: z.string().max(40).optional(),
  code: z.string().max(40).optional(),
});
type TArgs = z.infer<typeof ZArgs>;
const USAGE = 'campaign new name="Spring tea" audience=opted-in text="Hi {first_name}, …" [text_zh="…"] [product=SKU] [at=2026-12-24T10:00] [holdout=10%] [budget=50] [goal=orders:20|revenue:500] [code=SPRING10]';
/** The optional fields, as typed and as kept. */
const OPTIONAL = [["text", "text"], ["text_zh", "textZh"], ["product", "product"], ["at", "at"], ["holdout", "holdout"], ["budget", "budget"], ["goal", "goal"], ["code", "code"]] as const;

export const campaignNewCommand: OwnerCommand<"campaignNew", TArgs> = {
  verb: "campaignNew",
  words: ["campaign"],
  usage: USAGE,
  help: {
    en: "a new campaign, as a draft with its preview ({first_name}, {product}, {price} are filled in per customer)",
    zh: "新建营销活动（先存为草稿并预览；{first_name}、{product}、{price} 按客户填入）",
  },
  examples: [
    'campaign new name="Spring tea" audience=opted-in text="Hi {first_name}, the spring teas are in: {product} at {price}." text_zh="{first_name}，春茶上新：{product}，{price}。" product=TEA-001',
    'campaign new name="Winter sale" audience=opted-in text="Hello {first_name}! 10% off candles this week." at=2026-12-24T10:00',
    'campaign new name="Lapsed" audience=no-order=60d text="Hi {first_name}, we have missed you." holdout=20% budget=30 goal=orders:15',
    'campaign new name="Spring code" audience=opted-in text="Hi {first_name}, 10% off with SPRING10." code=SPRING10',
  ],
  ZArgs,
  mutates: true,
  read(words, line) {
    if (words[1]?.toLowerCase() !== "new") return null;
    // Slack and phones turn quotes curly: read them as the straight ones the fields are quoted with.
    const { fields } = readFields(tokenize(line.replace(/[“”„«»]/g, '"')).slice(2));
    if (!fields.name || !fields.audience) return { ok: false, usage: USAGE };
    return {
      ok: true,
      args: { name: fields.name, audience: fields.audience, ...Object.fromEntries(OPTIONAL.filter(([typed]) => fields[typed] !== undefined).map(([typed, kept]) => [kept, fields[typed]!])) },
    };
  },
  write: (args) =>
    `campaign new ${writeFields({ name: args.name, audience: args.audience, ...Object.fromEntries(OPTIONAL.filter(([, kept]) => args[kept] !== undefined).map(([typed, kept]) => [typed, args[kept]!])) })}`,
  async run(context, args) {
    const { deps, actor, audit } = context;
    const campaign = await createCampaign(
      { db: deps.db, clock: deps.clock, currency: deps.currency, ...(deps.timeZone ? { timeZone: deps.timeZone } : {}) },
      { name: args.name, audience: args.audience, textEn: args.text, textZh: args.textZh, sku: args.product, at: args.at, holdout: args.holdout, budget: args.budget, goal: args.goal, promoCode: args.code, createdBy: actor },
    );
    await audit({ subject: campaignSubject(campaign.id), before: null, after: { name: campaign.name, audience: campaign.audience, textEn: campaign.textEn, textZh: campaign.textZh, productId: campaign.productId, scheduledAt: campaign.scheduledAt?.toISOString() ?? null, status: campaign.status, holdoutPercent: campaign.holdoutPercent, budgetMinor: campaign.budgetMinor, goal: campaign.goal ?? null, ...(campaign.promoCode ? { promoCode: campaign.promoCode } : {}) } });
    return showCampaign(context, campaign.id);
  },
};
