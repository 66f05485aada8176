/**
 * The owner pauses, resumes or deletes an automation (`automation <id> pause|resume|delete`), as
 * named transitions:
 *
 * | action  | from              | to        | its messages not yet sent            |
 * | ------- | ----------------- | --------- | ------------------------------------ |
 * | pause   | sending (active)  | paused    | skipped ("paused")                   |
 * | resume  | paused            | sending   | (none left); acts on what happens from now |
 * | delete  | sending, paused   | cancelled | skipped ("cancelled")                |
 *
 * A paused automation neither fires nor sends; resumed, it does not catch up on what happened while
 * it was paused (its `startedAt` moves to now). A deleted one is kept for its figures and the
 * customers' exports, and no longer listed. One transaction: a sender claiming a row meanwhile sees
 * the automation active with the row pending, or neither.
 */
import type { Campaign } from "../../prisma/generated/client.ts";
import type { Db } from "../db.ts";
import { AppError } from "../errors.ts";
import type { Clock } from "../ports.ts";

export const AUTOMATION_ACTIONS = ["pause", "resume", "delete"] as const;
export type TAutomationAction = (typeof AUTOMATION_ACTIONS)[number];

const TRANSITIONS: Record<TAutomationAction, { from: Campaign["status"][]; to: Campaign["status"]; skipReason: string | null }> = {
  pause: { from: ["sending"], to: "paused", skipReason: "paused" },
  resume: { from: ["paused"], to: "sending", skipReason: null },
  delete: { from: ["sending", "paused"], to: "cancelled", skipReason: "cancelled" },
};

export async function findAutomationOrRefuse(db: Db, id: number): Promise<Campaign> {
  const automation = await db.campaign.findUnique({ where: { id } });
  if (!automation || automation.trigger === null) throw new AppError("NOT_FOUND", { message: `no automation ${id}`, refusal: { kind: "automationNotFound", id } });
  return automation;
}

export async function changeAutomationStatus(deps: { db: Db; clock: Clock }, automationId: number, action: TAutomationAction): Promise<{ automation: Campaign; was: Campaign["status"]; skipped: number }> {
  const before = await findAutomationOrRefuse(deps.db, automationId);
  const transition = TRANSITIONS[action];
  const now = deps.clock.now();
  const skipped = await deps.db.$transaction(async (tx) => {
    const moved = await tx.campaign.updateMany({
      where: { id: automationId, status: { in: transition.from } },
      data: { status: transition.to, ...(action === "resume" ? { startedAt: now } : {}), ...(action === "delete" ? { finishedAt: now } : {}) },
    });
    if (moved.count === 0) return null;
    if (!transition.skipReason) return 0;
    return (await tx.campaignDelivery.updateMany({ where: { campaignId: automationId, status: "pending" }, data: { status: "skipped", reason: transition.skipReason, nextAttemptAt: null } })).count;
  });
  const automation = await findAutomationOrRefuse(deps.db, automationId);
  if (skipped === null) throw new AppError("INVALID_STATE", { message: `automation ${automationId} is ${automation.status}`, refusal: { kind: "automationCannot", id: automationId, status: automation.status, action } });
  return { automation, was: before.status, skipped };
}
