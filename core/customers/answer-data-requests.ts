/**
 * The owner's answer to a customer's open data requests, recorded when the answer is given: an export
 * answers an access request, an erasure answers both kinds (nothing is left to send), a decline the
 * kind declined. Called in the same transaction as the export or erasure it records (the owner's
 * `customer <id> export` / `erase`, the nightly retention).
 */
import { z } from "zod";
import type { Db } from "../db.ts";
import { channelTargetOf } from "../conversation/send-to-customer.ts";
import { customerLocale } from "../i18n.ts";
import type { TChannel, TLocale } from "../messages.ts";
import { ZDataRequestKind, type TDataRequestKind } from "./record-data-request.ts";

export const ZAnswerDataRequestsOptions = z.object({
  customerId: z.number().int().positive(),
  answer: z.enum(["exported", "erased", "declined"]),
  /** Which open requests the answer is for; by default what the answer settles (exported: access; erased: both). */
  kinds: z.array(ZDataRequestKind).min(1).optional(),
  /** Who answered: "console", "slack:<user id>", "system". */
  answeredBy: z.string().min(1).max(200),
  at: z.date(),
});
export type TAnswerDataRequestsOptions = z.input<typeof ZAnswerDataRequestsOptions>;

const SETTLES = { exported: ["access"], erased: ["access", "erasure"], declined: ["access", "erasure"] } as const;

/** Returns the requests it answered, oldest first (none when nothing was open). */
export async function answerDataRequests(deps: { db: Db }, input: TAnswerDataRequestsOptions): Promise<{ id: number; kind: TDataRequestKind }[]> {
  const { customerId, answer, kinds, answeredBy, at } = ZAnswerDataRequestsOptions.parse(input);
  const answered = await deps.db.dataRequest.updateManyAndReturn({
    where: { customerId, answeredAt: null, kind: { in: kinds ?? [...SETTLES[answer]] } },
    data: { answeredAt: at, answer, answeredBy },
    select: { id: true, kind: true },
  });
  return answered.sort((a, b) => a.id - b.id);
}

/**
 * Where a customer is reached (their latest conversation's chat) and in which language: read before
 * an erasure takes their chat accounts away, to tell them it is done. Null when they have no chat.
 */
export async function findCustomerChat(db: Db, customerId: number): Promise<{ target: { channel: TChannel; externalUserId: string }; locale: TLocale } | null> {
  const conversation = await db.conversation.findFirst({
    where: { customerId },
    orderBy: [{ lastInboundAt: { sort: "desc", nulls: "last" } }, { id: "desc" }],
    include: { customer: { include: { identities: true } } },
  });
  const target = conversation ? channelTargetOf(conversation) : null;
  return conversation && target ? { target, locale: customerLocale(conversation.customer) } : null;
}
