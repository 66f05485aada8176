/** The handoff inbox in the browser: the conversations waiting for the owner, oldest first, with their recent messages and notes. */
import { readableLogText } from "../handoff/summarize-handoff.ts";

import type { DashboardDeps } from "./build-dashboard-overview.ts";

export interface DashboardInboxConversation {
  id: number;
  customerId: number;
  customer: string | null;
  contact: string | null;
  channel: string;
  locale: string;
  since: string | null;
  reason: string | null;
  messages: { id: number; at: string; from: "inbound" | "outbound" | "owner" | "note"; text: string }[];
}

const MESSAGES = 30;

export async function listDashboardInbox(deps: DashboardDeps): Promise<DashboardInboxConversation[]> {
  const waiting = await deps.db.conversation.findMany({ where: { mode: "handoff" }, include: { customer: true, messages: { orderBy: { id: "desc" }, take: MESSAGES } }, orderBy: { handoffRequestedAt: "asc" } });
  return waiting.map((c) => ({
    id: c.id,
    customerId: c.customerId,
    customer: c.customer.name,
    contact: [c.customer.email, c.customer.phone].filter(Boolean).join(", ") || null,
    channel: c.channel,
    locale: c.customer.locale,
    since: c.handoffRequestedAt?.toISOString() ?? null,
    reason: c.handoffReason,
    messages: c.messages.reverse().map((m) => ({ id: m.id, at: m.createdAt.toISOString(), from: m.direction, text: readableLogText(m.text, m.payload, m.attachment) })),
  }));
}
