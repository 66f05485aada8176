import type { Tx } from "../db.ts";
import { stageRank, type TFunnelStage } from "./funnel-stages.ts";

export interface AdvanceLeadOptions {
  customerId: number;
  to: TFunnelStage;
  /** What moved the lead: "chat", "contact", "order", "owner", "import", ... */
  source: string;
  at: Date;
  /** The caller has just created the customer: there is no lead yet, so none is looked up. */
  isNew?: boolean;
}

/**
 * Moves a customer's lead forward to `to` (never backwards), creating the lead on first contact,
 * and records the step in the stage history. Runs inside the caller's transaction so the step and
 * what caused it are written together. The lead and its history step are written as two plain
 * inserts/updates (a nested write would read the lead back a third time).
 */
export async function advanceLead(tx: Tx, options: AdvanceLeadOptions) {
  const { customerId, to, source, at } = options;
  const existing = options.isNew ? null : await tx.lead.findUnique({ where: { customerId } });
  if (!existing) {
    const lead = await tx.lead.create({ data: { customerId, stage: to, source, lastActivityAt: at, createdAt: at } });
    await tx.leadStageChange.create({ data: { leadId: lead.id, fromStage: null, toStage: to, source, at }, select: { id: true } });
    return { lead, created: true, changed: true, from: null };
  }
  if (stageRank(to) <= stageRank(existing.stage)) {
    const lead = await tx.lead.update({ where: { id: existing.id }, data: { lastActivityAt: at } });
    return { lead, created: false, changed: false, from: existing.stage };
  }
  const lead = await tx.lead.update({ where: { id: existing.id }, data: { stage: to, lastActivityAt: at } });
  await tx.leadStageChange.create({ data: { leadId: lead.id, fromStage: existing.stage, toStage: to, source, at }, select: { id: true } });
  return { lead, created: false, changed: true, from: existing.stage };
}
