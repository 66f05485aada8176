/**
 * Button payloads: short strings (Telegram allows 64 bytes of callback_data) that come back from
 * the client untrusted. Every payload is parsed here with zod; anything else is "stale".
 * Ownership and state are checked again by the handler (a forged order id finds nothing).
 */
import { z } from "zod";
import { MAX_PAYLOAD_BYTES, ZLocale, type TLocale } from "../messages.ts";
import { ZPromoCode } from "../promos/promo-code.ts";

const id = z.coerce.number().int().positive().max(2_147_483_647);

/** A product's SKU as a link from outside the chat may carry it (a Telegram deep link in a post). */
export const ZProductSku = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/);

export type TCustomerAction =
  | { action: "browse" }
  | { action: "category"; page: number; category: string }
  | { action: "product"; productId: number }
  | { action: "productSku"; sku: string }
  | { action: "order"; productId: number }
  | { action: "quantity"; productId: number; quantity: number }
  | { action: "confirm"; nonce: string }
  | { action: "abandon" }
  | { action: "addMore"; nonce: string }
  | { action: "orders" }
  | { action: "cart" }
  | { action: "askCancel"; orderId: number }
  | { action: "cancel"; orderId: number }
  | { action: "recommend" }
  | { action: "human" }
  | { action: "intent"; intent: string }
  | { action: "stockAlert"; productId: number }
  | { action: "setQuantity"; productId: number; quantity: number }
  | { action: "orderAgain"; orderId: number }
  /** The answer to "may we send you offers?" (asked once, after the first order or contact details). */
  | { action: "consentAnswer"; given: boolean }
  /** Stop under a marketing message (a campaign, an automation): consent withdrawn at once. */
  | { action: "stopMarketing" }
  /** "Use SPRING10" under a campaign or the list of codes: the code applied as if typed. */
  | { action: "usePromo"; code: string };

/** "y" / "n" in the consent question's buttons. */
const ZConsentAnswer = z.enum(["y", "n"]).transform((answer) => answer === "y");

const parsers: Record<string, (parts: string[]) => TCustomerAction | null> = {
  b: () => ({ action: "browse" }),
  c: ([page, ...rest]) => {
    const p = z.coerce.number().int().min(0).max(10_000).safeParse(page);
    const category = rest.join(":");
    return p.success && category ? { action: "category", page: p.data, category } : null;
  },
  p: ([productId]) => (id.safeParse(productId).success ? { action: "product", productId: id.parse(productId) } : null),
  // A product by SKU: links from outside the chat (a Telegram deep link in a post) know SKUs, not ids.
  sku: ([sku]) => (ZProductSku.safeParse(sku).success ? { action: "productSku", sku: sku! } : null),
  o: ([productId]) => (id.safeParse(productId).success ? { action: "order", productId: id.parse(productId) } : null),
  q: ([productId, quantity]) => {
    const q = z.coerce.number().int().min(1).max(99).safeParse(quantity);
    return id.safeParse(productId).success && q.success ? { action: "quantity", productId: id.parse(productId), quantity: q.data } : null;
  },
  ok: ([nonce]) => (nonce && /^[a-z0-9]{1,12}$/.test(nonce) ? { action: "confirm", nonce } : null),
  no: () => ({ action: "abandon" }),
  m: ([nonce]) => (nonce && /^[a-z0-9]{1,12}$/.test(nonce) ? { action: "addMore", nonce } : null),
  s: () => ({ action: "orders" }),
  k: () => ({ action: "cart" }),
  x: ([orderId]) => (id.safeParse(orderId).success ? { action: "askCancel", orderId: id.parse(orderId) } : null),
  xy: ([orderId]) => (id.safeParse(orderId).success ? { action: "cancel", orderId: id.parse(orderId) } : null),
  r: () => ({ action: "recommend" }),
  h: () => ({ action: "human" }),
  // A line of the order waiting for confirmation set to a quantity ("3" typed at an order of several products).
  sq: ([productId, quantity]) => {
    const q = z.coerce.number().int().min(1).max(99).safeParse(quantity);
    return id.safeParse(productId).success && q.success ? { action: "setQuantity", productId: id.parse(productId), quantity: q.data } : null;
  },
  ra: ([orderId]) => (id.safeParse(orderId).success ? { action: "orderAgain", orderId: id.parse(orderId) } : null),
  a: ([productId]) => (id.safeParse(productId).success ? { action: "stockAlert", productId: id.parse(productId) } : null),
  mc: (parts) => {
    const given = ZConsentAnswer.safeParse(parts.length === 1 ? parts[0] : undefined);
    return given.success ? { action: "consentAnswer", given: given.data } : null;
  },
  ms: (parts) => (parts.length === 0 ? { action: "stopMarketing" } : null),
  pc: (parts) => {
    const code = ZPromoCode.safeParse(parts.length === 1 ? parts[0] : undefined);
    return code.success ? { action: "usePromo", code: code.data } : null;
  },
  i: ([intent]) => (intent && /^[a-z_]{2,40}$/.test(intent) ? { action: "intent", intent } : null),
};

/** Parses a payload; null for anything malformed, unknown or oversized. */
export function parseCustomerPayload(payload: string): TCustomerAction | null {
  if (Buffer.byteLength(payload, "utf8") > MAX_PAYLOAD_BYTES) return null;
  const [kind, ...parts] = payload.split(":");
  const parser = kind === undefined ? undefined : parsers[kind];
  return parser ? parser(parts) : null;
}

/** Builds a payload, cutting a long category name so the whole stays within the byte limit. */
export function encodeCustomerPayload(action: TCustomerAction): string {
  switch (action.action) {
    case "browse": return "b";
    case "category": {
      const prefix = `c:${action.page}:`;
      let category = action.category;
      while (Buffer.byteLength(prefix + category, "utf8") > MAX_PAYLOAD_BYTES) category = category.slice(0, -1);
      return prefix + category;
    }
    case "product": return `p:${action.productId}`;
    case "productSku": return `sku:${action.sku}`;
    case "order": return `o:${action.productId}`;
    case "quantity": return `q:${action.productId}:${action.quantity}`;
    case "confirm": return `ok:${action.nonce}`;
    case "abandon": return "no";
    case "addMore": return `m:${action.nonce}`;
    case "orders": return "s";
    case "cart": return "k";
    case "askCancel": return `x:${action.orderId}`;
    case "cancel": return `xy:${action.orderId}`;
    case "recommend": return "r";
    case "human": return "h";
    case "intent": return `i:${action.intent}`;
    case "stockAlert": return `a:${action.productId}`;
    case "setQuantity": return `sq:${action.productId}:${action.quantity}`;
    case "orderAgain": return `ra:${action.orderId}`;
    case "consentAnswer": return `mc:${action.given ? "y" : "n"}`;
    case "stopMarketing": return "ms";
    case "usePromo": return `pc:${action.code}`;
  }
}

/*
 * Named builders for the payloads code outside the conversation needs (adapters, jobs, tests): the
 * codes themselves ("b", "k", "s", …) stay this file's business.
 */

/** The button that opens the catalog's categories. */
export function browsePayload(): string {
  return encodeCustomerPayload({ action: "browse" });
}

/** The button that shows the order being put together and the unpaid ones. */
export function cartPayload(): string {
  return encodeCustomerPayload({ action: "cart" });
}

/** The button that lists the customer's orders. */
export function ordersPayload(): string {
  return encodeCustomerPayload({ action: "orders" });
}

/**
 * The Stop button every marketing message (campaign, automation) carries: pressed, the customer's
 * marketing consent is withdrawn at once and they are told so. Its code never changes, so Stop
 * buttons already sent keep working.
 */
export function stopMarketingPayload(): string {
  return encodeCustomerPayload({ action: "stopMarketing" });
}

/** "Use SPRING10": the button that applies a promo code as if the customer typed it (a campaign's, the list of codes'). */
export function usePromoPayload(code: string): string {
  return encodeCustomerPayload({ action: "usePromo", code });
}

/** The consent question's Yes (`given`) and No buttons. */
export function consentAnswerPayload(given: boolean): string {
  return encodeCustomerPayload({ action: "consentAnswer", given });
}

/** The button that opens a product's card by its SKU. */
export function productSkuPayload(sku: string): string {
  return encodeCustomerPayload({ action: "productSku", sku });
}

/*
 * The language picker's buttons are the `/language` command with its argument, pressed rather than
 * typed. Their codes ("lang:en", "lang:zh") predate this file and stay, so pickers already sent
 * to customers keep working.
 */
const ZLanguagePayload = z.string().regex(/^lang:[a-z]{2}$/).transform((v) => v.slice("lang:".length)).pipe(ZLocale);

/** The button that switches the conversation to `locale`. */
export function languagePayload(locale: TLocale): string {
  return `lang:${locale}`;
}

/** The language a pressed language button chooses; null for any other payload. */
export function parseLanguagePayload(payload: string): TLocale | null {
  const parsed = ZLanguagePayload.safeParse(payload);
  return parsed.success ? parsed.data : null;
}
