/**
 * Funnel stages in order. A lead only moves forward (a customer who left an email and then ordered
 * is "ordered", not "lead"), so the stage is the furthest point reached.
 */
export const FUNNEL_STAGES = ["visitor", "engaged", "lead", "cart", "ordered", "paid", "repeat"] as const;
export type TFunnelStage = (typeof FUNNEL_STAGES)[number];

export function stageRank(stage: TFunnelStage): number {
  return FUNNEL_STAGES.indexOf(stage);
}
