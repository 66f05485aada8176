/**
 * "Delete my data" / "what data do you have about me?": the request is recorded for the owner to
 * answer (core/customers/record-data-request.ts), the owner is notified once per open request (after
 * the turn commits, with Export / Erase buttons), and the customer is told what happens next.
 */
import type { Reply } from "../messages.ts";
import { recordDataRequest, type TDataRequestKind } from "../customers/record-data-request.ts";
import type { Turn } from "./assistant-turn.ts";

export async function answerDataRequest(turn: Turn, request: TDataRequestKind): Promise<Reply[]> {
  const { db, notifier } = turn.ctx;
  const { opened, requestId } = await recordDataRequest({ db }, { customerId: turn.customer.id, kind: request, at: turn.at });
  if (!opened) return [{ text: turn.m.dataRequest.alreadyOpen(request) }];
  await notifier.notify({ type: "data_request", requestId, customerId: turn.customer.id, customerName: turn.customer.name, channel: turn.conversation.channel, request });
  return [{ text: turn.m.dataRequest[request]() }];
}
