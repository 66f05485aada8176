/**
 * Sending one claimed outbox row and recording what became of it.
 *
 * **Which way the outbox errs.** Telegram's sendMessage has no idempotency key: if a process dies
 * after Telegram took a message but before the row says so, nothing can tell whether it went. The
 * outbox therefore errs toward **at most once**: a row is claimed (written `claimed`) before its
 * message goes, and a claimed row is never sent again. A row whose sender died is settled, once its
 * claim is older than the lease, as failed `interrupted` (counted as such in the campaign's
 * progress), never retried. For marketing that is the right side to err on: a missed offer costs a
 * sale at most, while the same offer twice is the message customers block bots for (a 403 loses
 * them for good) and, under PECR/GDPR-style rules, an unrequested extra message. The window is one
 * message per send in flight at the moment of the crash (the sender claims each row just before
 * sending it, never in batches).
 *
 * What is retried is what certainly did not go: a 429 (the row waits `retry_after` and the whole
 * sender pauses that long), a Telegram 5xx (up to {@link MAX_ATTEMPTS} attempts). A 403 marks the
 * customer's account unreachable on that channel and is never retried; a network failure may have
 * delivered the message, so it is failed, not retried.
 */
import type { Product } from "../../prisma/generated/client.ts";
import type { Db } from "../db.ts";
import type { Reply } from "../messages.ts";
import type { Clock, CustomerMessenger, Logger, TMarketingSendResult } from "../ports.ts";
import { chatKeyOf, type ClaimedDelivery } from "./claim-next-delivery.ts";
import { composeCampaignMessage, type CampaignTexts } from "./compose-campaign-message.ts";
import { tagPayload } from "../attribution/campaign-tag.ts";
import { stopMarketingPayload } from "../conversation/payloads.ts";

/** Sends of one row before a retryable failure becomes final. */
export const MAX_ATTEMPTS = 3;
/** How long a claim may stay unsettled before its sender is taken for dead (default; well past a send's deadline). */
export const DEFAULT_CLAIM_LEASE_MS = 60_000;

export interface DeliveryDeps {
  db: Db;
  clock: Clock;
  messenger: CustomerMessenger;
  logger: Logger;
}

/** A campaign as the message needs it. */
export interface CampaignContent extends CampaignTexts {
  id: number;
  product: Product | null;
}

/**
 * The message of one claimed row, as `composeCampaignMessage` writes it for this customer, its buttons
 * (all but Stop) tagged with the campaign so that pressing one is recorded as a touch.
 */
export function messageFor(content: CampaignContent, delivery: ClaimedDelivery): Reply {
  const message = composeCampaignMessage(content, content.product, delivery.recipient);
  const stop = stopMarketingPayload();
  return { ...message, ...(message.buttons ? { buttons: message.buttons.map((row) => row.map((b) => (b.payload && b.payload !== stop ? { ...b, payload: tagPayload(content.id, b.payload) } : b))) } : {}) };
}

/** Sends the row's message through its channel; never throws (a throw is a failure that may have sent). */
export async function sendClaimedDelivery(deps: Pick<DeliveryDeps, "messenger" | "logger">, delivery: ClaimedDelivery, message: Reply): Promise<TMarketingSendResult> {
  const target = { channel: delivery.channel, externalUserId: delivery.externalId };
  try {
    if (deps.messenger.sendMarketing) return await deps.messenger.sendMarketing(target, message);
    return (await deps.messenger.send(target, [message])) ? { kind: "sent" } : { kind: "failed", retry: false, reason: "not_delivered" };
  } catch (error) {
    deps.logger.error("campaign message: sending failed", { deliveryId: delivery.id, error: String(error) });
    return { kind: "failed", retry: false, reason: "error" };
  }
}

/**
 * Writes what became of the row, if this sender still holds its claim (a claim taken for dead and
 * settled meanwhile is left as it was). A sent message is also written to the customer's
 * conversation, in the same statement, so the owner sees it there and the console chat shows it, and
 * recorded as a touch (attribution, core/attribution/).
 */
export async function recordDeliveryResult(deps: Pick<DeliveryDeps, "db" | "clock" | "logger">, delivery: ClaimedDelivery, result: TMarketingSendResult, options: { worker: string; text: string }): Promise<boolean> {
  const { db } = deps;
  const now = deps.clock.now();
  const stamp = now.toISOString();
  const mine = { id: delivery.id, status: "claimed" as const, claimedBy: options.worker };
  let updated: number;
  switch (result.kind) {
    case "sent": {
      const rows = await db.$queryRaw<{ id: number }[]>`
        WITH marked AS (
          UPDATE "CampaignDelivery" SET status = 'sent', "sentAt" = CAST(${stamp} AS timestamp(3)), reason = NULL
          WHERE id = ${delivery.id} AND status = 'claimed' AND "claimedBy" = ${options.worker}
          RETURNING id, "customerId", channel
        ), logged AS (
          INSERT INTO "Message" ("conversationId", direction, text, "createdAt")
          SELECT c.id, 'outbound', ${options.text}, CAST(${stamp} AS timestamp(3))
          FROM "Conversation" c JOIN marked m ON c."customerId" = m."customerId" AND c.channel = m.channel
        ), touched AS (
          INSERT INTO "Touch" ("customerId", kind, "campaignId", at)
          SELECT m."customerId", 'delivered', ${delivery.campaignId}, CAST(${stamp} AS timestamp(3)) FROM marked m
        )
        SELECT id FROM marked`;
      updated = rows.length;
      break;
    }
    case "rateLimited":
      updated = (await db.campaignDelivery.updateMany({ where: mine, data: { status: "pending", reason: "rate_limited", nextAttemptAt: new Date(now.getTime() + result.retryAfterMs) } })).count;
      break;
    case "unreachable": {
      const [marked] = await db.$transaction([
        db.campaignDelivery.updateMany({ where: mine, data: { status: "failed", reason: result.reason } }),
        db.channelIdentity.updateMany({ where: { channel: delivery.channel, externalId: delivery.externalId }, data: { unreachableAt: now } }),
      ]);
      updated = marked.count;
      break;
    }
    case "failed": {
      const again = result.retry && delivery.attempts < MAX_ATTEMPTS;
      updated = (await db.campaignDelivery.updateMany({
        where: mine,
        data: again ? { status: "pending", reason: result.reason, nextAttemptAt: new Date(now.getTime() + 30_000 * delivery.attempts) } : { status: "failed", reason: result.reason },
      })).count;
      break;
    }
  }
  if (updated === 0) deps.logger.warn("campaign message: the claim was settled meanwhile; result not recorded", { deliveryId: delivery.id, result: result.kind });
  return updated > 0;
}

/**
 * Claims whose sender died (or hung past the lease): failed `interrupted`, never sent again (at most
 * once, above). Returns how many.
 */
export async function settleInterruptedDeliveries(deps: Pick<DeliveryDeps, "db" | "clock">, options: { leaseMs?: number } = {}): Promise<number> {
  const before = new Date(deps.clock.now().getTime() - (options.leaseMs ?? DEFAULT_CLAIM_LEASE_MS));
  const settled = await deps.db.campaignDelivery.updateMany({ where: { status: "claimed", claimedAt: { lt: before } }, data: { status: "failed", reason: "interrupted" } });
  return settled.count;
}

export { chatKeyOf };
