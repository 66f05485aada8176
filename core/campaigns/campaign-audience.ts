/**
 * Whom a campaign goes to: its audience (a saved audience's name or a definition, core/audiences/)
 * evaluated when sending starts, narrowed to the members whose marketing consent is on and who have
 * an account a message can reach. Consent is read again by the sender right before each message
 * (`claim-next-delivery.ts`); this list only decides which outbox rows are written.
 */
import { REACHABLE_CHANNELS } from "../audiences/audience-facts.ts";
import { findAudienceMembers } from "../audiences/find-audience-members.ts";
import { writeAudienceDefinition } from "../audiences/audience-definition.ts";
import { resolveAudience } from "../audiences/resolve-audience.ts";
import { MARKETING_CONSENT_WHERE } from "../crm/has-marketing-consent.ts";
import type { Db } from "../db.ts";
import { AppError } from "../errors.ts";
import type { TChannel } from "../messages.ts";
import type { Clock } from "../ports.ts";

/**
 * Channels a campaign reaches customers on: those an audience counts as reachable (Telegram chats;
 * a console session ends with its browser tab).
 */
export const CAMPAIGN_CHANNELS = REACHABLE_CHANNELS satisfies readonly TChannel[];

/** What reading an audience needs: the database, the clock, the shop's zone ("within N days") and currency (`clv>100`). */
export interface CampaignAudienceDeps {
  db: Db;
  clock: Clock;
  currency: string;
  timeZone?: string;
}

/** One outbox row to be: who, and the account to write to. */
export interface CampaignRecipient {
  customerId: number;
  channel: (typeof CAMPAIGN_CHANNELS)[number];
  externalId: string;
  name: string | null;
  locale: string;
}

export interface CampaignAudience {
  /** Everyone the audience names now, consent or not. */
  members: number;
  /** Members whose marketing consent is on. */
  optedIn: number;
  /** Those a campaign may write to now: consent on and a reachable account, in the audience's order. */
  recipients: CampaignRecipient[];
}

/**
 * The audience as a campaign keeps it: a saved audience by its name (evaluated as it stands when
 * sending starts), or a definition written back in its canonical form. Throws the owner's refusal
 * when it is neither.
 */
export async function checkCampaignAudience(deps: Pick<CampaignAudienceDeps, "db" | "currency">, text: string): Promise<string> {
  const resolved = await resolveAudience(deps.db, text, { currency: deps.currency });
  if (!resolved.ok) throw new AppError("INVALID_INPUT", { message: `audience refused: ${resolved.refusal.kind}`, refusal: resolved.refusal });
  return resolved.name ?? writeAudienceDefinition(resolved.definition);
}

/**
 * The audience's members now and the account each recipient is written to: the channel they last
 * wrote on, (an account the channel refused since the customer last wrote is left out).
 */
export async function findCampaignRecipients(deps: CampaignAudienceDeps, audience: string): Promise<CampaignAudience> {
  const resolved = await resolveAudience(deps.db, audience, { currency: deps.currency });
  if (!resolved.ok) throw new AppError("INVALID_INPUT", { message: `audience refused: ${resolved.refusal.kind}`, refusal: resolved.refusal });
  const found = await findAudienceMembers({ db: deps.db, clock: deps.clock, ...(deps.timeZone ? { timeZone: deps.timeZone } : {}) }, resolved.definition);
  const { optedIn, recipients } = await findReachableRecipients(deps.db, found.members.map((m) => m.customerId));
  return { members: found.counts.total, optedIn, recipients };
}

/**
 * Of these customers, those whose marketing consent is on, each with the account a message goes to:
 * the channel they last wrote on (Telegram first), leaving out an account the channel refused since
 * the customer last wrote. In the order given.
 */
export async function findReachableRecipients(db: Db, ids: readonly number[]): Promise<{ optedIn: number; recipients: CampaignRecipient[] }> {
  const consenting = await db.customer.findMany({
    where: { id: { in: [...ids] }, ...MARKETING_CONSENT_WHERE },
    select: {
      id: true,
      name: true,
      locale: true,
      identities: { where: { channel: { in: [...CAMPAIGN_CHANNELS] } }, select: { channel: true, externalId: true, displayName: true, unreachableAt: true } },
      conversations: { where: { channel: { in: [...CAMPAIGN_CHANNELS] } }, select: { channel: true, lastInboundAt: true } },
    },
  });
  const byId = new Map(consenting.map((c) => [c.id, c]));
  const recipients: CampaignRecipient[] = [];
  for (const id of ids) {
    const customer = byId.get(id);
    if (!customer) continue;
    const lastWrote = (channel: string) => customer.conversations.find((c) => c.channel === channel)?.lastInboundAt?.getTime() ?? 0;
    const identity = customer.identities
      .filter((i) => !i.unreachableAt || lastWrote(i.channel) > i.unreachableAt.getTime())
      .sort((a, b) => (a.channel === "telegram" ? 0 : 1) - (b.channel === "telegram" ? 0 : 1) || lastWrote(b.channel) - lastWrote(a.channel))[0];
    if (!identity) continue;
    recipients.push({ customerId: id, channel: identity.channel as CampaignRecipient["channel"], externalId: identity.externalId, name: customer.name ?? identity.displayName, locale: customer.locale });
  }
  return { optedIn: consenting.length, recipients };
}
