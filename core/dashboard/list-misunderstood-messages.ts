/**
 * "What the bot misunderstood": customers' messages the assistant read out of scope, answered with
 * low confidence, answered with a clarifying question (below LOW_CONFIDENCE it asks which of two
 * things was meant), or that ended with the owner after two misunderstandings in a row; those the
 * owner has not dealt with yet, grouped by similarity (shared words, or shared character pairs in
 * Chinese), the group with the newest message first.
 */
import { MISUNDERSTOOD_TWICE } from "../crm/request-handoff.ts";
import { normalizeText } from "../nlu/normalize-text.ts";
import { OUT_OF_SCOPE } from "../nlu/types.ts";
import type { DashboardDeps } from "./build-dashboard-overview.ts";

export type TMisunderstoodReason = "out_of_scope" | "clarified" | "low_confidence" | "handed_off";

export interface MisunderstoodMessage {
  id: number;
  at: string;
  text: string;
  customerId: number;
  intent: string | null;
  confidence: number | null;
  reason: TMisunderstoodReason;
}

export interface MisunderstoodGroup {
  /** The newest message's id: the group's handle in the page. */
  id: number;
  messages: MisunderstoodMessage[];
}

/** Confidence this far above LOW_CONFIDENCE still counts as a shaky answer. */
const SHAKY_MARGIN = 0.15;
/** How far back the queue looks, and how many messages it reads. */
const LOOK_BACK_DAYS = 90;
const READ_LIMIT = 1_000;
/** Two messages whose word sets overlap this much (Jaccard) are one group. */
const SIMILAR = 0.5;

/** The words a message is compared by: Latin words, and Chinese as character pairs (single characters when alone). */
export function similarityTokens(text: string): Set<string> {
  const tokens = new Set<string>();
  const normalized = normalizeText(text, 500);
  for (const word of normalized.match(/[\p{L}\p{N}]+/gu) ?? []) {
    if (/[\u3400-\u9fff]/.test(word)) {
      const chars = [...word];
      if (chars.length === 1) tokens.add(chars[0]!);
      for (let i = 0; i + 1 < chars.length; i++) tokens.add(chars[i]! + chars[i + 1]!);
    } else if (word.length > 1 || /\d/.test(word)) tokens.add(word);
  }
  return tokens;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const token of a) if (b.has(token)) shared++;
  return shared / (a.size + b.size - shared);
}

export async function listMisunderstoodMessages(deps: DashboardDeps & { lowConfidence: number }): Promise<MisunderstoodGroup[]> {
  const since = new Date(deps.clock.now().getTime() - LOOK_BACK_DAYS * 86_400_000);
  const [doubtful, handedOff] = await Promise.all([
    deps.db.message.findMany({
      where: { direction: "inbound", reviewedAt: null, createdAt: { gte: since }, text: { not: "" }, OR: [{ intent: OUT_OF_SCOPE }, { confidence: { lt: deps.lowConfidence + SHAKY_MARGIN } }] },
      orderBy: { id: "desc" },
      take: READ_LIMIT,
      include: { conversation: { select: { customerId: true, handoffReason: true, handoffRequestedAt: true } } },
    }),
    deps.db.conversation.findMany({ where: { handoffReason: MISUNDERSTOOD_TWICE, handoffRequestedAt: { gte: since } }, select: { id: true, handoffRequestedAt: true } }),
  ]);
  const handoffAt = new Map(handedOff.map((c) => [c.id, c.handoffRequestedAt!.getTime()]));
  const messages: MisunderstoodMessage[] = doubtful.map((m) => {
    const handed = handoffAt.get(m.conversationId);
    const ledToHandoff = handed !== undefined && m.createdAt.getTime() <= handed && handed - m.createdAt.getTime() < 30 * 60_000;
    const reason: TMisunderstoodReason = ledToHandoff ? "handed_off" : m.intent === OUT_OF_SCOPE ? "out_of_scope" : (m.confidence ?? 1) < deps.lowConfidence ? "clarified" : "low_confidence";
    return { id: m.id, at: m.createdAt.toISOString(), text: m.text, customerId: m.conversation.customerId, intent: m.intent, confidence: m.confidence, reason };
  });
  // Newest first; each message joins the first (newest) group whose first message it resembles.
  const groups: { tokens: Set<string>; group: MisunderstoodGroup }[] = [];
  for (const message of messages) {
    const tokens = similarityTokens(message.text);
    const home = groups.find((g) => jaccard(g.tokens, tokens) >= SIMILAR);
    if (home) home.group.messages.push(message);
    else groups.push({ tokens, group: { id: message.id, messages: [message] } });
  }
  return groups.map((g) => g.group);
}
