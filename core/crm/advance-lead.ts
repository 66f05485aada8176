import type { Tx } from "../db.ts";
import type { Lead } from "../../prisma/generated/client.ts";
import { FUNNEL_STAGES, stageRank, type TFunnelStage } from "./funnel-stages.ts";

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
 * what caused it are written together. An existing lead is read and moved in one statement; the
 * history step is a plain insert (a nested write would read the lead back once more).
 */
export async function advanceLead(tx: Tx, options: AdvanceLeadOptions) {
  const { customerId, to, source, at } = options;
  if (options.isNew) return createLead(tx, options);
  // The read and the step in one statement: the lead row is locked and read (its stage before),
  // then moved to `to` when that is further on, and its activity time set, whatever the stage.
  const further = FUNNEL_STAGES.filter((stage) => stageRank(stage) < stageRank(to)).join(",");
  const [row] = await tx.$queryRaw<(Lead & { fromStage: TFunnelStage })[]>`
    WITH before AS (SELECT id, stage FROM "Lead" WHERE "customerId" = ${customerId} FOR UPDATE)
    UPDATE "Lead" l SET
      stage = CASE WHEN before.stage::text = ANY(string_to_array(${further}, ',')) THEN CAST(${to} AS "FunnelStage") ELSE l.stage END,
      "lastActivityAt" = CAST(${at.toISOString()} AS timestamp(3)),
      "updatedAt" = CAST(${new Date().toISOString()} AS timestamp(3))
    FROM before WHERE l.id = before.id
    RETURNING l.*, before.stage AS "fromStage"`;
  if (!row) return createLead(tx, options);
  const { fromStage, ...lead } = row;
  if (lead.stage === fromStage) return { lead: lead as Lead, created: false, changed: false, from: fromStage };
  await tx.leadStageChange.create({ data: { leadId: lead.id, fromStage, toStage: to, source, at }, select: { id: true } });
  return { lead: lead as Lead, created: false, changed: true, from: fromStage };
}

async function createLead(tx: Tx, options: AdvanceLeadOptions) {
  const { customerId, to, source, at } = options;
  const lead = await tx.lead.create({ data: { customerId, stage: to, source, lastActivityAt: at, createdAt: at } });
  await tx.leadStageChange.create({ data: { leadId: lead.id, fromStage: null, toStage: to, source, at }, select: { id: true } });
  return { lead, created: true, changed: true as boolean, from: null as TFunnelStage | null };
}
