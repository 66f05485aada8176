/**
 * Records a touch: something of the shop's marketing that reached a customer or that they acted on
 * (a campaign or automation message delivered, one of its buttons pressed, a campaign's link opened,
 * a promo code redeemed). The customer's first touch is their lead source (`campaign:12`,
 * `code:SPRING10`): the lead is created with it, or a lead made moments before in the same turn (by the
 * chat's own default source) takes it. Runs in the caller's transaction.
 */
import { z } from "zod";
import type { Db, Tx } from "../db.ts";

export const TOUCH_KINDS = ["delivered", "pressed", "link", "code"] as const;
export type TTouchKind = (typeof TOUCH_KINDS)[number];

export const ZRecordTouch = z.object({
  customerId: z.number().int().positive(),
  kind: z.enum(TOUCH_KINDS),
  campaignId: z.number().int().positive().nullable().default(null),
  code: z.string().trim().min(1).max(40).nullable().default(null),
  at: z.date(),
});
export type TRecordTouch = z.input<typeof ZRecordTouch>;

/** A touch's lead source: the campaign it came from, else the code. */
export function touchSource(touch: { campaignId: number | null; code: string | null }): string | null {
  if (touch.campaignId !== null) return `campaign:${touch.campaignId}`;
  if (touch.code !== null) return `code:${touch.code}`;
  return null;
}

export async function recordTouch(db: Db | Tx, input: TRecordTouch): Promise<void> {
  const touch = ZRecordTouch.parse(input);
  const earlier = await db.touch.count({ where: { customerId: touch.customerId } });
  await db.touch.create({ data: touch, select: { id: true } });
  const source = touchSource(touch);
  if (earlier > 0 || source === null) return;
  const lead = await db.lead.findUnique({ where: { customerId: touch.customerId }, select: { id: true, createdAt: true } });
  const customer = await db.customer.findUnique({ where: { id: touch.customerId }, select: { createdAt: true } });
  // A new customer (their lead, if any, made with them just now): this touch is where they came from.
  const isNew = customer !== null && touch.at.getTime() - customer.createdAt.getTime() < 60_000;
  if (!lead) {
    const created = await db.lead.create({ data: { customerId: touch.customerId, stage: "visitor", source, lastActivityAt: touch.at, createdAt: touch.at } });
    await db.leadStageChange.create({ data: { leadId: created.id, fromStage: null, toStage: "visitor", source, at: touch.at }, select: { id: true } });
  }
  else if (isNew) await db.lead.update({ where: { id: lead.id }, data: { source } });
}
