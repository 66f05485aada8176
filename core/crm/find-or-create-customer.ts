import type { Db } from "../db.ts";
import type { TChannel, TLocale } from "../messages.ts";
import { advanceLead } from "./advance-lead.ts";
import { isUniqueViolation } from "../db-errors.ts";

export interface FindOrCreateCustomerOptions {
  channel: TChannel;
  externalUserId: string;
  displayName?: string;
  username?: string;
  locale: TLocale;
  at: Date;
}

/**
 * The customer behind a channel identity, with their conversation on that channel. First contact
 * creates customer, identity, conversation and a "visitor" lead in one transaction; two first
 * messages racing each other end with one customer (the loser re-reads the winner's rows).
 */
export async function findOrCreateCustomer(db: Db, options: FindOrCreateCustomerOptions) {
  const { channel, externalUserId, at } = options;
  const find = () =>
    db.channelIdentity.findUnique({
      where: { channel_externalId: { channel, externalId: externalUserId } },
      include: { customer: { include: { conversations: { where: { channel } } } } },
    });
  const found = await find();
  if (found) {
    const conversation = found.customer.conversations[0] ?? (await db.conversation.upsert({
      where: { customerId_channel: { customerId: found.customerId, channel } },
      create: { customerId: found.customerId, channel, createdAt: at },
      update: {},
    }));
    return { customer: found.customer, conversation, created: false };
  }
  try {
    return await db.$transaction(async (tx) => {
      const customer = await tx.customer.create({
        data: {
          name: options.displayName ?? options.username ?? null,
          locale: options.locale,
          createdAt: at,
          identities: { create: { channel, externalId: externalUserId, username: options.username, displayName: options.displayName, createdAt: at } },
        },
      });
      const conversation = await tx.conversation.create({ data: { customerId: customer.id, channel, createdAt: at } });
      await advanceLead(tx, { customerId: customer.id, to: "visitor", source: channel, at });
      return { customer, conversation, created: true };
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const winner = await find();
    const conversation = winner?.customer.conversations[0];
    if (!winner || !conversation) throw error;
    return { customer: winner.customer, conversation, created: false };
  }
}
