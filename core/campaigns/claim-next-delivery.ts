/**
 * The outbox's claim: the next due row, taken for this sender and checked against the rules that
 * hold **at the moment of sending**, in one short transaction:
 *
 * 1. the oldest pending row of a campaign that is sending, due now, locked with
 *    `FOR UPDATE SKIP LOCKED` (on PostgreSQL two senders never take the same row; the embedded
 *    database is one process, where the transaction alone serialises them);
 * 2. the customer's row locked (`FOR NO KEY UPDATE`), so two senders checking the weekly cap of one
 *    customer for two campaigns take turns;
 * 3. the checks: marketing consent on (else skipped `no_consent`), the account not refused by the
 *    channel since the customer last wrote (`unreachable`), fewer than the weekly cap of campaign
 *    messages sent or being sent in the last 7 days (`weekly_cap`), the conversation not handed to the
 *    owner (the row waits and is looked at again; after two days, `handoff`), and the chat not written
 *    to in the last second (the row waits that second);
 * 4. the row marked `claimed` by this sender, its attempt counted.
 *
 * A claimed row is one whose message may be on its way: nothing sends it again (see
 * `deliver-next-message.ts` for why the outbox errs toward at most once).
 */
import type { Db } from "../db.ts";
import { MARKETING_CONSENT_WHERE } from "../crm/has-marketing-consent.ts";
import type { TLocale } from "../messages.ts";
import type { Clock } from "../ports.ts";
import { endOfQuietTime, isQuietTime, type QuietHours } from "./quiet-hours.ts";

const DAY_MS = 86_400_000;

export interface DeliveryRules {
  /** At most this many campaign messages per customer in any 7 days (MARKETING_MAX_PER_WEEK). */
  maxPerWeek: number;
  quietHours: QuietHours | null;
  /** The shop's zone (TZ) for quiet hours; the machine's when absent. */
  timeZone?: string;
  /** How long the row of a customer handed to the owner waits before it is looked at again (default 10 minutes). */
  handoffRecheckMs?: number;
  /** After this long since the campaign started, a customer still handed to the owner is skipped (default 48 hours). */
  handoffGiveUpMs?: number;
}

/** A row claimed for sending, with what the message needs. */
export interface ClaimedDelivery {
  id: number;
  campaignId: number;
  customerId: number;
  channel: "telegram" | "console";
  externalId: string;
  attempts: number;
  /** The product this message is about when not the campaign's (an automation's re-order reminder). */
  productId: number | null;
  /** The pacer's name for the chat (`telegram:123`). */
  chat: string;
  recipient: { name: string | null; locale: TLocale };
}

export type TClaimResult =
  /** Nothing is due now. */
  | { kind: "idle" }
  /** Quiet hours: nothing goes out before `until`. */
  | { kind: "quiet"; until: Date }
  /** A row was looked at and skipped or put back to wait; there may be more. */
  | { kind: "settled"; status: "skipped" | "waiting"; reason: string }
  | { kind: "claimed"; delivery: ClaimedDelivery };

export interface ClaimOptions {
  /** Who claims (host:pid:random), kept on the row. */
  worker: string;
  rules: DeliveryRules;
  /** Milliseconds before this chat may be written to again (the pacer's one-a-second rule). */
  chatDelay(chat: string): number;
}

interface CandidateRow {
  id: number;
  campaignId: number;
  customerId: number;
  channel: "telegram" | "console";
  externalId: string;
  attempts: number;
  productId: number | null;
  startedAt: Date | null;
}

interface FactsRow {
  name: string | null;
  displayName: string | null;
  locale: string;
  unreachableAt: Date | null;
  lastInboundAt: Date | null;
  mode: string | null;
  recent: number | bigint;
}

export function chatKeyOf(channel: string, externalId: string): string {
  return `${channel}:${externalId}`;
}

export async function claimNextDelivery(deps: { db: Db; clock: Clock }, options: ClaimOptions): Promise<TClaimResult> {
  const now = deps.clock.now();
  const { rules } = options;
  if (isQuietTime(now, rules.quietHours, rules.timeZone)) return { kind: "quiet", until: endOfQuietTime(now, rules.quietHours, rules.timeZone) };
  const stamp = now.toISOString();
  const weekAgo = new Date(now.getTime() - 7 * DAY_MS).toISOString();
  return deps.db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<CandidateRow[]>`
      SELECT d.id, d."campaignId", d."customerId", d.channel::text AS channel, d."externalId", d.attempts, d."productId", c."startedAt"
      FROM "CampaignDelivery" d JOIN "Campaign" c ON c.id = d."campaignId"
      WHERE d.status = 'pending' AND c.status = 'sending'
        AND (d."nextAttemptAt" IS NULL OR d."nextAttemptAt" <= CAST(${stamp} AS timestamp(3)))
      ORDER BY d.id
      LIMIT 1
      FOR UPDATE OF d SKIP LOCKED`;
    if (!row) return { kind: "idle" } as const;
    const settle = async (status: "skipped" | "pending", reason: string, nextAttemptAt: Date | null = null): Promise<TClaimResult> => {
      await tx.campaignDelivery.update({ where: { id: row.id }, data: { status, reason, nextAttemptAt } });
      return { kind: "settled", status: status === "pending" ? "waiting" : "skipped", reason };
    };
    const [facts] = await tx.$queryRaw<FactsRow[]>`
      SELECT cu.name, cu.locale, i."displayName", i."unreachableAt", cv."lastInboundAt", cv.mode::text AS mode,
        (SELECT count(*) FROM "CampaignDelivery" o
          WHERE o."customerId" = cu.id AND o.id <> ${row.id}
            AND ((o.status = 'sent' AND o."sentAt" > CAST(${weekAgo} AS timestamp(3))) OR o.status = 'claimed')) AS recent
      FROM "Customer" cu
      LEFT JOIN "ChannelIdentity" i ON i.channel = CAST(${row.channel} AS "Channel") AND i."externalId" = ${row.externalId} AND i."customerId" = cu.id
      LEFT JOIN "Conversation" cv ON cv."customerId" = cu.id AND cv.channel = CAST(${row.channel} AS "Channel")
      WHERE cu.id = ${row.customerId}
      FOR NO KEY UPDATE OF cu`;
    if (!facts) return settle("skipped", "no_customer");
    const consenting = await tx.customer.count({ where: { id: row.customerId, ...MARKETING_CONSENT_WHERE } });
    if (consenting === 0) return settle("skipped", "no_consent");
    const refusedSince = facts.unreachableAt?.getTime();
    if (refusedSince !== undefined && (facts.lastInboundAt?.getTime() ?? 0) <= refusedSince) return settle("skipped", "unreachable");
    if (Number(facts.recent) >= rules.maxPerWeek) return settle("skipped", "weekly_cap");
    if (facts.mode === "handoff") {
      const giveUpAt = (row.startedAt?.getTime() ?? now.getTime()) + (rules.handoffGiveUpMs ?? 2 * DAY_MS);
      if (now.getTime() >= giveUpAt) return settle("skipped", "handoff");
      return settle("pending", "handoff", new Date(now.getTime() + (rules.handoffRecheckMs ?? 10 * 60_000)));
    }
    const chat = chatKeyOf(row.channel, row.externalId);
    const wait = options.chatDelay(chat);
    if (wait > 0) return settle("pending", "chat_busy", new Date(now.getTime() + wait));
    await tx.campaignDelivery.update({ where: { id: row.id }, data: { status: "claimed", claimedBy: options.worker, claimedAt: now, attempts: { increment: 1 }, reason: null, nextAttemptAt: null } });
    const locale: TLocale = facts.locale === "zh" ? "zh" : "en";
    return {
      kind: "claimed",
      delivery: { id: row.id, campaignId: row.campaignId, customerId: row.customerId, channel: row.channel, externalId: row.externalId, attempts: row.attempts + 1, productId: row.productId, chat, recipient: { name: facts.name ?? facts.displayName, locale } },
    } as const;
  });
}
