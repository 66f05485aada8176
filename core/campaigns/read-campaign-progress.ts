/**
 * Where a campaign stands: its outbox rows counted by status, and the skipped, failed and waiting
 * ones by reason (no consent, unreachable, weekly cap, handed to the owner, rate limited, …), as
 * `campaign <id>` and the summary at the end show them.
 */
import type { Db } from "../db.ts";

export interface CampaignProgress {
  /** The rows to send: every recipient except the hold-out. */
  total: number;
  /** Kept out at random to measure the campaign against (never sent; not in `total`). */
  heldOut: number;
  pending: number;
  /** Being sent this moment (or by a process that died; settled after the claim's lease). */
  claimed: number;
  sent: number;
  failed: number;
  skipped: number;
  /** Skipped and failed rows by reason, and pending ones that wait for something (`handoff`, `rate_limited`). */
  reasons: { status: "skipped" | "failed" | "pending"; reason: string; count: number }[];
}

export async function readCampaignProgress(db: Db, campaignId: number): Promise<CampaignProgress> {
  const groups = await db.campaignDelivery.groupBy({ by: ["status", "reason"], where: { campaignId }, _count: { _all: true } });
  const progress: CampaignProgress = { total: 0, heldOut: 0, pending: 0, claimed: 0, sent: 0, failed: 0, skipped: 0, reasons: [] };
  for (const group of groups) {
    const count = group._count._all;
    if (group.status === "held_out") {
      progress.heldOut += count;
      continue;
    }
    progress.total += count;
    progress[group.status] += count;
    if (group.reason && (group.status === "skipped" || group.status === "failed" || group.status === "pending")) progress.reasons.push({ status: group.status, reason: group.reason, count });
  }
  progress.reasons.sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
  return progress;
}
