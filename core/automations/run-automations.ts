/**
 * Turns what happened into automation messages: for each active automation, the customers its
 * trigger names now (`find-trigger-occasions.ts`), narrowed to its audience (when it has one), to
 * those whose marketing consent is on and who can be reached, and written to the campaign outbox,
 * one row per customer and occasion. From there the campaign sender sends them under exactly the
 * rules of campaigns, checked again at the moment of sending: consent, quiet hours, the weekly cap,
 * handoffs, the pace.
 *
 * **Exactly once, also across replicas**: the outbox's unique (automation, customer, occasion) makes
 * a second write of one occasion a no-op, and the writes of one automation take a transaction-level
 * advisory lock, so two processes evaluating it at once take turns (the cool-down below is then
 * read by the second after the first's rows exist).
 *
 * **What an automation acts on**: what happens from the moment it is created or resumed on (its
 * `startedAt`), looking back at most {@link CATCH_UP_DAYS} for a shop that was stopped. An automation
 * is not a campaign to everyone lapsed two years ago: for those, send a campaign to `no-order=60d`.
 * A customer gets at most one message from one automation in {@link COOLDOWN_DAYS} days (30 for a
 * chance trigger), so two orders delivered on one day ask for one review.
 *
 * **Hold-out**: each month (in the shop's zone) a random `holdoutPercent` of the customers an
 * automation fires for are kept out (a `held_out` row, never sent), decided per customer by a hash of
 * the automation's stored seed and the month, so its effect can be measured month by month.
 */
import { Prisma, type Campaign } from "../../prisma/generated/client.ts";
import { findAudienceMembers } from "../audiences/find-audience-members.ts";
import { resolveAudience } from "../audiences/resolve-audience.ts";
import { findReachableRecipients } from "../campaigns/campaign-audience.ts";
import { isHeldOut } from "../campaigns/draw-holdout.ts";
import { localDate } from "../digest/time-zone.ts";
import type { Db } from "../db.ts";
import type { Clock, Logger } from "../ports.ts";
import { HOT_TRIGGER_PERIOD_DAYS, ZAutomationTrigger, type TAutomationTrigger } from "./automation-trigger.ts";
import { findTriggerOccasions, type TriggerOccasion } from "./find-trigger-occasions.ts";

/** How far back a (re)started shop looks for what it missed. */
export const CATCH_UP_DAYS = 3;
/** At most one message from one automation to one customer in this many days. */
export const COOLDOWN_DAYS = 7;
/** Advisory lock keys of automations: this plus the automation's id (far from the migration lock's). */
const LOCK_BASE = 0x5a_0000_00;
const DAY_MS = 86_400_000;

export interface RunAutomationsDeps {
  db: Db;
  clock: Clock;
  currency: string;
  timeZone?: string;
  logger: Logger;
}

export interface AutomationRun {
  automationId: number;
  /** Occasions the trigger named in the window. */
  occasions: number;
  /** Outbox rows written now (new occasions of consenting, reachable customers out of their cool-down). */
  written: number;
}

export function cooldownDaysOf(trigger: TAutomationTrigger): number {
  return trigger.kind === "hot" ? HOT_TRIGGER_PERIOD_DAYS : COOLDOWN_DAYS;
}

/** Evaluates every active automation once; returns what each wrote. One automation's failure is logged and does not stop the others. */
export async function runAutomations(deps: RunAutomationsDeps): Promise<AutomationRun[]> {
  const automations = await deps.db.campaign.findMany({ where: { status: "sending", trigger: { not: Prisma.AnyNull } }, orderBy: { id: "asc" } });
  const runs: AutomationRun[] = [];
  for (const automation of automations) {
    try {
      const run = await runAutomation(deps, automation);
      if (run) runs.push(run);
    } catch (error) {
      deps.logger.error("automation: evaluating it failed; trying again at the next check", { automationId: automation.id, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return runs;
}

export async function runAutomation(deps: RunAutomationsDeps, automation: Campaign): Promise<AutomationRun | null> {
  const parsed = ZAutomationTrigger.safeParse(automation.trigger);
  if (!parsed.success) {
    deps.logger.error("automation: its stored trigger is not one this version reads; left alone", { automationId: automation.id });
    return null;
  }
  const trigger = parsed.data;
  const now = deps.clock.now();
  const activeSince = (automation.startedAt ?? automation.createdAt).getTime();
  const since = new Date(Math.max(activeSince, now.getTime() - CATCH_UP_DAYS * DAY_MS));
  let occasions = await findTriggerOccasions(deps, trigger, { since, now, productId: automation.productId, ...(deps.timeZone ? { timeZone: deps.timeZone } : {}) });
  const found = occasions.length;
  if (occasions.length > 0 && automation.audience.trim()) {
    const resolved = await resolveAudience(deps.db, automation.audience, { currency: deps.currency });
    if (!resolved.ok) {
      deps.logger.error("automation: its audience no longer reads (a saved audience deleted?); nothing sent", { automationId: automation.id });
      return { automationId: automation.id, occasions: found, written: 0 };
    }
    const members = await findAudienceMembers({ db: deps.db, clock: deps.clock, ...(deps.timeZone ? { timeZone: deps.timeZone } : {}) }, resolved.definition);
    const inAudience = new Set(members.members.map((m) => m.customerId));
    occasions = occasions.filter((o) => inAudience.has(o.customerId));
  }
  if (occasions.length === 0) return { automationId: automation.id, occasions: found, written: 0 };
  const { recipients } = await findReachableRecipients(deps.db, [...new Set(occasions.map((o) => o.customerId))]);
  const reachable = new Map(recipients.map((r) => [r.customerId, r]));
  const coolingFrom = new Date(now.getTime() - cooldownDaysOf(trigger) * DAY_MS);

  const written = await deps.db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCK_BASE + automation.id})`;
    const recent = await tx.campaignDelivery.findMany({ where: { campaignId: automation.id, createdAt: { gt: coolingFrom } }, select: { customerId: true }, distinct: ["customerId"] });
    const cooling = new Set(recent.map((r) => r.customerId));
    // One row per customer per run, whatever the trigger found.
    const rows = new Map<number, TriggerOccasion>();
    for (const o of occasions) if (reachable.has(o.customerId) && !cooling.has(o.customerId) && !rows.has(o.customerId)) rows.set(o.customerId, o);
    if (rows.size === 0) return 0;
    // The month's hold-out: each customer kept out or not by a hash of the stored seed and the month (shop's zone).
    const seed = `${automation.holdoutSeed ?? `automation-${automation.id}`}:${localDate(now, deps.timeZone).slice(0, 7)}`;
    const created = await tx.campaignDelivery.createMany({
      data: [...rows.values()].map((o) => {
        const to = reachable.get(o.customerId)!;
        const held = isHeldOut(o.customerId, automation.holdoutPercent / 100, seed);
        return { campaignId: automation.id, customerId: o.customerId, channel: to.channel, externalId: to.externalId, occasion: o.occasion, productId: o.productId ?? null, createdAt: now, ...(held ? { status: "held_out" as const } : {}) };
      }),
      skipDuplicates: true,
    });
    return created.count;
  });
  if (written > 0) deps.logger.info("automation fired", { automationId: automation.id, written });
  return { automationId: automation.id, occasions: found, written };
}
