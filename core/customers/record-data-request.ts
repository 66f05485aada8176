/**
 * A customer asked, in the chat, for the data the shop holds about them (access) or for its erasure.
 * One open request per customer and kind (a partial unique index): asking again while one is open
 * records nothing and tells the caller so, which is how the owner is notified once, not per message,
 * even when two replicas handle the same customer at once.
 */
import { z } from "zod";
import type { Db } from "../db.ts";

export const ZDataRequestKind = z.enum(["access", "erasure"]);
export type TDataRequestKind = z.infer<typeof ZDataRequestKind>;

export const ZRecordDataRequestOptions = z.object({
  customerId: z.number().int().positive(),
  kind: ZDataRequestKind,
  at: z.date(),
});
export type TRecordDataRequestOptions = z.infer<typeof ZRecordDataRequestOptions>;

/** `opened`: this call opened the request (notify the owner); false: one was open already. */
export async function recordDataRequest(deps: { db: Db }, input: TRecordDataRequestOptions): Promise<{ opened: boolean; requestId: number }> {
  const { customerId, kind, at } = ZRecordDataRequestOptions.parse(input);
  // ON CONFLICT DO NOTHING against "DataRequest_open_key": never a unique-violation error that would abort the turn's transaction.
  const inserted = await deps.db.dataRequest.createManyAndReturn({ data: [{ customerId, kind, requestedAt: at }], skipDuplicates: true, select: { id: true } });
  if (inserted[0]) return { opened: true, requestId: inserted[0].id };
  const open = await deps.db.dataRequest.findFirstOrThrow({ where: { customerId, kind, answeredAt: null }, select: { id: true } });
  return { opened: false, requestId: open.id };
}
