/**
 * A campaign's message as one customer sees it: the owner's text in the customer's language (the
 * other language's when only one was written), with `{first_name}`, `{product}` and `{price}` filled
 * in, then the product's card with its Order button when the campaign has a product, a "Use CODE"
 * button when it offers a promo code, and always the Stop button. Pure: the owner's preview and the
 * sender use the same function, so the preview is exactly what customers get.
 *
 * One message, one API call: with a product photo the whole text must fit Telegram's caption
 * (1,024 characters), so the product's description is left out of the card when it would not fit;
 * the owner's text itself is kept short enough at `campaign new` ({@link MAX_CAMPAIGN_TEXT}).
 */
import type { Product } from "../../prisma/generated/client.ts";
import { messagesFor } from "../i18n.ts";
import type { Reply, TLocale } from "../messages.ts";
import { formatMoney } from "../money.ts";
import { stopMarketingPayload, usePromoPayload } from "../conversation/payloads.ts";
import { productCard, productName } from "../conversation/product-replies.ts";

/** Longest text the owner may write per language: with the product card it still fits a photo's caption. */
export const MAX_CAMPAIGN_TEXT = 700;
/** Telegram's caption limit: a message with a photo and a longer text would take two calls. */
const CAPTION_LIMIT = 1_024;
const TEXT_LIMIT = 4_096;

/** The placeholders a campaign's text may use; `{product}` and `{price}` need a product. */
export const CAMPAIGN_PLACEHOLDERS = ["first_name", "product", "price"] as const;

export interface CampaignTexts {
  textEn: string | null;
  textZh: string | null;
  /** A promo code offered with a "Use CODE" button (tapped, it applies as if typed). */
  promoCode?: string | null;
}

export interface CampaignRecipientFacts {
  /** The customer's name as the shop knows it (or their name on the channel), or null. */
  name: string | null;
  locale: TLocale;
}

/** The placeholders in a text that are not ones we fill (`{firstname}`, `{price}` without a product). */
export function unknownPlaceholders(text: string, hasProduct: boolean): string[] {
  const known = new Set<string>(hasProduct ? CAMPAIGN_PLACEHOLDERS : ["first_name"]);
  return [...text.matchAll(/\{([^{}\s]{1,40})\}/g)].map((m) => m[1]!).filter((name) => !known.has(name));
}

/**
 * The first name to greet: the first word of the name ("Anna" of "Anna Smith"); a name written
 * without spaces (王小明) whole. Null when there is none.
 */
export function firstNameOf(name: string | null): string | null {
  const trimmed = name?.replace(/\(demo\)/gi, "").trim();
  if (!trimmed) return null;
  return trimmed.split(/\s+/)[0] ?? null;
}

/** The text in the customer's language, else the other one's. */
export function campaignTextFor(campaign: CampaignTexts, locale: TLocale): string {
  const mine = locale === "zh" ? campaign.textZh : campaign.textEn;
  const other = locale === "zh" ? campaign.textEn : campaign.textZh;
  return (mine?.trim() ? mine : other) ?? "";
}

export function composeCampaignMessage(campaign: CampaignTexts, product: Product | null, recipient: CampaignRecipientFacts): Reply {
  const { locale } = recipient;
  const m = messagesFor(locale);
  const fill: Record<string, string> = {
    first_name: firstNameOf(recipient.name) ?? m.campaignNoName(),
    ...(product ? { product: productName(product, locale), price: formatMoney(product.priceMinor, product.currency) } : {}),
  };
  const text = campaignTextFor(campaign, locale).replace(/\{([^{}\s]{1,40})\}/g, (whole, name: string) => fill[name] ?? whole).trim();
  const stop = [{ label: m.consent.stopButton(), payload: stopMarketingPayload() }];
  const code = campaign.promoCode ? [[{ label: m.promo.useButton(campaign.promoCode), payload: usePromoPayload(campaign.promoCode) }]] : [];
  if (!product) return { text, buttons: [...code, stop] };
  const limit = product.imageUrl ? CAPTION_LIMIT : TEXT_LIMIT;
  let card = productCard(product, locale);
  if (text.length + 2 + card.text.length > limit) card = productCard({ ...product, description: "", descriptionZh: null }, locale);
  return {
    ...card,
    text: `${text}\n\n${card.text.trim()}`,
    buttons: [...(card.buttons ?? []), ...code, stop],
  };
}
