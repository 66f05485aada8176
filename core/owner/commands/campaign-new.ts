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
  code: z.string().max(40).optional(),
});
type TArgs = z.infer<typeof ZArgs>;
const USAGE = 'campaign new name="Spring tea" audience=opted-in text="Hi {first_name}, …" [text_zh="…"] [product=SKU] [at=2026-12-24T10:00] [code=SPRING10]';

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
      args: {
        name: fields.name,
        audience: fields.audience,
        ...(fields.text !== undefined ? { text: fields.text } : {}),
        ...(fields.text_zh !== undefined ? { textZh: fields.text_zh } : {}),
        ...(fields.product !== undefined ? { product: fields.product } : {}),
        ...(fields.at !== undefined ? { at: fields.at } : {}),
        ...(fields.code !== undefined ? { code: fields.code } : {}),
      },
    };
  },
  write: (args) =>
    `campaign new ${writeFields({
      name: args.name,
      audience: args.audience,
      ...(args.text !== undefined ? { text: args.text } : {}),
      ...(args.textZh !== undefined ? { text_zh: args.textZh } : {}),
      ...(args.product !== undefined ? { product: args.product } : {}),
      ...(args.at !== undefined ? { at: args.at } : {}),
      ...(args.code !== undefined ? { code: args.code } : {}),
    })}`,
  async run(context, args) {
    const { deps, actor, audit } = context;
    const campaign = await createCampaign(
      { db: deps.db, clock: deps.clock, currency: deps.currency, ...(deps.timeZone ? { timeZone: deps.timeZone } : {}) },
      { name: args.name, audience: args.audience, textEn: args.text, textZh: args.textZh, sku: args.product, at: args.at, promoCode: args.code, createdBy: actor },
    );
    await audit({ subject: campaignSubject(campaign.id), before: null, after: { name: campaign.name, audience: campaign.audience, textEn: campaign.textEn, textZh: campaign.textZh, productId: campaign.productId, scheduledAt: campaign.scheduledAt?.toISOString() ?? null, status: campaign.status, ...(campaign.promoCode ? { promoCode: campaign.promoCode } : {}) } });
    return showCampaign(context, campaign.id);
  },
};
