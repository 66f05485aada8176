/**
 * When an automation fires: its trigger, as the owner writes it after `when=` and as the database
 * keeps it (JSON checked against {@link ZAutomationTrigger} on every read). Each trigger also says
 * what one "occasion" is, so that an automation fires at most once per customer per occasion
 * (`find-trigger-occasions.ts`):
 *
 * | written                         | fires                                                            | once per          |
 * | ------------------------------- | ---------------------------------------------------------------- | ----------------- |
 * | `delivered+7d`                  | N days after an order was marked delivered (a review, "how is it?") | order          |
 * | `reorder`                       | when a customer is due to buy a product again, from their own cadence | purchase     |
 * | `no-order=60d`                  | N days after a customer's last order, if none since (win-back)    | last order        |
 * | `first-order`                   | after a customer's first order (welcome)                          | customer          |
 * | `stage=cart`                    | when a customer's lead reaches that funnel stage (or a later one) | customer          |
 * | `hot>0.6` / `hot>=60%`          | when the chance to order within 14 days is above the threshold    | 30 days           |
 *
 * Chinese and a few English variants read too: `送达后7天`, `复购`, `60天未下单`, `首单`, `after-delivery=7d`,
 * `winback=60d`, `welcome`, `chance>0.6`.
 */
import { z } from "zod";
import { FUNNEL_STAGES, type FunnelStage } from "../analytics/funnel/compute-funnel.ts";
import { readDays } from "../audiences/parse-audience-definition.ts";

/** Longest wait a trigger names (a year and a half: a review request, a yearly re-order, a long win-back). */
export const MAX_TRIGGER_DAYS = 550;
/** A chance trigger fires for one customer at most once in this many days. */
export const HOT_TRIGGER_PERIOD_DAYS = 30;

export type TAutomationTrigger =
  | { kind: "afterDelivered"; days: number }
  | { kind: "reorder" }
  | { kind: "noOrder"; days: number }
  | { kind: "firstOrder" }
  | { kind: "stage"; stage: FunnelStage }
  | { kind: "hot"; probability: number; inclusive: boolean };

const ZDays = z.number().int().min(1).max(MAX_TRIGGER_DAYS);

export const ZAutomationTrigger: z.ZodType<TAutomationTrigger> = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("afterDelivered"), days: ZDays }).strict(),
  z.object({ kind: z.literal("reorder") }).strict(),
  z.object({ kind: z.literal("noOrder"), days: ZDays }).strict(),
  z.object({ kind: z.literal("firstOrder") }).strict(),
  z.object({ kind: z.literal("stage"), stage: z.enum(FUNNEL_STAGES) }).strict(),
  z.object({ kind: z.literal("hot"), probability: z.number().gt(0).lt(1), inclusive: z.boolean() }).strict(),
]);

/** The trigger as the owner writes it; {@link parseAutomationTrigger} reads it back to the same value (tested). */
export function writeAutomationTrigger(trigger: TAutomationTrigger): string {
  switch (trigger.kind) {
    case "afterDelivered": return `delivered+${trigger.days}d`;
    case "reorder": return "reorder";
    case "noOrder": return `no-order=${trigger.days}d`;
    case "firstOrder": return "first-order";
    case "stage": return `stage=${trigger.stage}`;
    case "hot": return `hot${trigger.inclusive ? ">=" : ">"}${trigger.probability}`;
  }
}

const STAGE_WORDS: Record<string, FunnelStage> = {
  访客: "visitor", 互动: "engaged", 线索: "lead", 加购: "cart", 购物车: "cart", 下单: "ordered", 已下单: "ordered", 付款: "paid", 已付款: "paid", 复购: "repeat", 回头客: "repeat",
};

/** Days written after or before a trigger's word: `7d`, `7 days`, `2w`, `7天`. */
function daysIn(text: string): number | null {
  const days = readDays(text);
  return days !== null && days <= MAX_TRIGGER_DAYS ? days : null;
}

/** A chance as the owner writes it: `0.6`, `60%`, `60` (taken as percent). */
function readChance(text: string): number | null {
  const match = /^(\d{1,3}(?:\.\d+)?|0?\.\d+)\s*(%|％)?$/u.exec(text.trim());
  if (!match) return null;
  const value = Number(match[1]);
  const probability = match[2] || value > 1 ? value / 100 : value;
  return probability > 0 && probability < 1 ? probability : null;
}

/**
 * Reads what follows `when=`; null when it is none of the triggers (the owner is then shown them).
 * Case, spaces around the operators and a full-width `＝` / `＞` do not matter.
 */
export function parseAutomationTrigger(input: string): TAutomationTrigger | null {
  const text = input.trim().toLowerCase().replace(/＝/g, "=").replace(/＞/g, ">").replace(/\s*([=>+:])\s*/g, "$1").replace(/\s+/g, " ");
  if (!text) return null;
  let m: RegExpExecArray | null;
  // delivered+7d, delivered=7d, after-delivery=7d, "7 days after delivery", 送达后7天
  if ((m = /^(?:delivered|after-delivery|after-delivered|delivery)[+=:](.+)$/.exec(text)) || (m = /^(.+?) after (?:delivery|delivered|it was delivered)$/.exec(text)) || (m = /^(?:送达后|签收后|收货后)(.+)$/u.exec(text))) {
    const days = daysIn(m[1]!);
    return days === null ? null : { kind: "afterDelivered", days };
  }
  if (/^(?:reorder|re-order|replenish|time-to-reorder|复购时间|补货提醒|该复购|复购提醒|再次购买)$/u.test(text)) return { kind: "reorder" };
  // no-order=60d, winback=60d, "no order in 60 days", 60天未下单
  if ((m = /^(?:no-order|no-orders|winback|win-back|lapsed)[=:+](.+)$/.exec(text)) || (m = /^no orders? (?:in|for) (.+)$/.exec(text)) || (m = /^(.+?)(?:未下单|没下单|没有下单)$/u.exec(text))) {
    const days = daysIn(m[1]!);
    return days === null ? null : { kind: "noOrder", days };
  }
  if (/^(?:first-order|first order|welcome|首单|首次下单|第一单)$/u.test(text)) return { kind: "firstOrder" };
  if ((m = /^(?:stage>=|stage|reaches|阶段)[=:>]?(.+)$/u.exec(text))) {
    const word = m[1]!.trim();
    const stage = (FUNNEL_STAGES as readonly string[]).includes(word) ? (word as FunnelStage) : STAGE_WORDS[word];
    return stage ? { kind: "stage", stage } : null;
  }
  if ((m = /^(?:hot|chance|下单概率|概率)(>=|>)(.+)$/u.exec(text))) {
    const probability = readChance(m[2]!);
    return probability === null ? null : { kind: "hot", probability, inclusive: m[1] === ">=" };
  }
  return null;
}
