/**
 * How a campaign's buttons and links say which campaign they came from, so that pressing one or
 * opening one is a touch (`record-touch.ts`):
 * - a button's payload is tagged `t<campaign>|<payload>` (`t12|o:5`); a tag that would make the payload
 *   longer than Telegram's 64 bytes is left off (the button works, untracked);
 * - a deep link carries `c<campaign>` or `c<campaign>_<SKU>` as its start parameter
 *   (`https://t.me/<bot>?start=c12_TEA-001`).
 * Untrusted like any input: the campaign id is checked against the database where it is used.
 */
import { z } from "zod";
import { ZProductSku } from "../conversation/payloads.ts";
import { MAX_PAYLOAD_BYTES } from "../messages.ts";

const TAG = /^t(\d{1,9})\|(.+)$/s;
const LINK = /^c(\d{1,9})(?:_([A-Za-z0-9][A-Za-z0-9._-]{0,39}))?$/;
const ZCampaignId = z.coerce.number().int().positive().safe();

export function tagPayload(campaignId: number, payload: string): string {
  const tagged = `t${campaignId}|${payload}`;
  return Buffer.byteLength(tagged, "utf8") <= MAX_PAYLOAD_BYTES ? tagged : payload;
}

/** The payload without its tag, and the campaign it names (null when untagged or malformed). */
export function untagPayload(payload: string): { campaignId: number | null; payload: string } {
  const match = TAG.exec(payload);
  const id = ZCampaignId.safeParse(match?.[1]);
  return match && id.success ? { campaignId: id.data, payload: match[2]! } : { campaignId: null, payload };
}

/** A campaign's deep-link parameter: `c12` or `c12_TEA-001`; null for anything else (a plain SKU link). */
export function readCampaignLink(arg: string | undefined): { campaignId: number; sku: string | null } | null {
  const match = arg === undefined ? null : LINK.exec(arg);
  const id = ZCampaignId.safeParse(match?.[1]);
  if (!match || !id.success) return null;
  const sku = match[2] !== undefined && ZProductSku.safeParse(match[2]).success ? match[2] : null;
  return { campaignId: id.data, sku };
}

/** The start parameter of a campaign's link, with its product when it has one (deep-link parameters allow [A-Za-z0-9_-], 64 at most). */
export function campaignLinkParameter(campaignId: number, sku: string | null): string {
  const withSku = sku && /^[A-Za-z0-9_-]+$/.test(sku) ? `c${campaignId}_${sku}` : `c${campaignId}`;
  return withSku.length <= 64 ? withSku : `c${campaignId}`;
}
