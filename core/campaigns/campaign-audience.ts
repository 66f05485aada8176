/**
 * Whom a campaign goes to: its audience evaluated when sending starts, narrowed to the customers
 * whose marketing consent is on and who have an account a message can reach. Consent is read again
 * by the sender right before each message (`claim-next-delivery.ts`); this list only decides which
 * outbox rows are written.
 */
import type { Db } from "../db.ts";
import { AppError } from "../errors.ts";
import type { TChannel } from "../messages.ts";
import { MARKETING_CONSENT_WHERE } from "../crm/has-marketing-consent.ts";

/**
 * Channels a campaign reaches customers on: Telegram chats, and the web console's chat sessions
 * (the message appears in their conversation the next time the page is open; the console shows
 * text only, so there "unsubscribe" is typed rather than pressed).
 */
export const CAMPAIGN_CHANNELS = ["telegram", "console"] as const satisfies readonly TChannel[];

/** One outbox row to be: who, and the account to write to. */
export interface CampaignRecipient {
  customerId: number;
  channel: (typeof CAMPAIGN_CHANNELS)[number];
  externalId: string;
  name: string | null;
  locale: string;
}

export interface CampaignAudience {
  /** Everyone the audience names, consent or not. */
  members: number;
  /** Those a campaign may write to now: consent on and a reachable account (the preview's sample first). */
  recipients: CampaignRecipient[];
}

/** The audiences understood until saved audiences arrive: everyone who opted in. */
const EVERYONE = new Set(["everyone", "all", "opted-in", "optedin", "opted_in", "所有人", "全部"]);

/** The audience as stored: its words checked, or the owner told it is not one. */
export function checkCampaignAudience(text: string): string {
  const audience = text.trim();
  if (!EVERYONE.has(audience.toLowerCase())) throw new AppError("INVALID_INPUT", { message: `unknown audience ${audience}`, refusal: { kind: "audienceNotFound", name: audience } });
  return audience.toLowerCase();
}

/**
 * The audience's members now and the account each recipient is written to: the channel they last
 * wrote on (an account Telegram refused since they last wrote is left out).
 */
export async function findCampaignRecipients(db: Db, audience: string): Promise<CampaignAudience> {
  checkCampaignAudience(audience);
  const customers = await db.customer.findMany({
    select: {
      id: true,
      name: true,
      locale: true,
      marketingConsent: true,
      identities: { where: { channel: { in: [...CAMPAIGN_CHANNELS] } }, select: { channel: true, externalId: true, displayName: true, unreachableAt: true } },
      conversations: { where: { channel: { in: [...CAMPAIGN_CHANNELS] } }, select: { channel: true, lastInboundAt: true } },
    },
    orderBy: { id: "asc" },
  });
  const consenting = new Set((await db.customer.findMany({ where: { ...MARKETING_CONSENT_WHERE }, select: { id: true } })).map((c) => c.id));
  const recipients: CampaignRecipient[] = [];
  for (const customer of customers) {
    if (!consenting.has(customer.id)) continue;
    const lastWrote = (channel: string) => customer.conversations.find((c) => c.channel === channel)?.lastInboundAt?.getTime() ?? 0;
    const reachable = customer.identities
      .filter((i) => !i.unreachableAt || lastWrote(i.channel) > i.unreachableAt.getTime())
      .sort((a, b) => lastWrote(b.channel) - lastWrote(a.channel) || (a.channel === "telegram" ? -1 : 1));
    const identity = reachable[0];
    if (!identity) continue;
    recipients.push({ customerId: customer.id, channel: identity.channel as CampaignRecipient["channel"], externalId: identity.externalId, name: customer.name ?? identity.displayName, locale: customer.locale });
  }
  return { members: consenting.size, recipients };
}
