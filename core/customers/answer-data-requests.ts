/**
 * The owner's answer to a customer's open data requests, recorded when the answer is given: an export
 * answers an access request, an erasure answers both kinds (nothing is left to send), a decline the
 * kind declined. Called in the same transaction as the export or erasure it records.
 */
import { z } from "zod";
import type { Db } from "../db.ts";
import { ZDataRequestKind } from "./record-data-request.ts";

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

/** Returns the ids of the requests it answered (none when nothing was open). */
export async function answerDataRequests(deps: { db: Db }, input: TAnswerDataRequestsOptions): Promise<number[]> {
  const { customerId, answer, kinds, answeredBy, at } = ZAnswerDataRequestsOptions.parse(input);
  const answered = await deps.db.dataRequest.updateManyAndReturn({
    where: { customerId, answeredAt: null, kind: { in: kinds ?? [...SETTLES[answer]] } },
    data: { answeredAt: at, answer, answeredBy },
    select: { id: true },
  });
  return answered.map((r) => r.id).sort((a, b) => a - b);
}
