import { Prisma, type Conversation, type Customer } from "../../prisma/generated/client.ts";
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
  /**
   * Inside a transaction: lock the conversation row (`FOR UPDATE`) and return it as read after the
   * lock. A second turn of the same conversation, in this process or in another replica on the same
   * PostgreSQL, waits at the lock until this transaction ends and then reads what it saved, so two
   * quick messages cannot both start from the same state and overwrite each other's cart.
   */
  lockConversation?: boolean;
}

/** The customer's columns, each selected as "customer.<field>" beside the conversation's own. */
const CUSTOMER_COLUMNS = Prisma.raw(Object.values(Prisma.CustomerScalarFieldEnum).map((field) => `cu."${field}" AS "customer.${field}"`).join(", "));

/**
 * The customer's conversation on a channel, locked for the rest of the transaction and read after
 * the lock, with the customer, in one statement; null when there is none yet. The rows come back
 * with every column under its field name, as Prisma would read them (see the test).
 */
async function lockConversationOf(db: Db, channel: TChannel, externalUserId: string): Promise<{ conversation: Conversation; customer: Customer } | null> {
  const [row] = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT c.*, ${CUSTOMER_COLUMNS} FROM "Conversation" c
    JOIN "ChannelIdentity" i ON i."customerId" = c."customerId" AND i.channel = c.channel
    JOIN "Customer" cu ON cu.id = c."customerId"
    WHERE i.channel = CAST(${channel} AS "Channel") AND i."externalId" = ${externalUserId}
    FOR UPDATE OF c`;
  if (!row) return null;
  const conversation: Record<string, unknown> = {};
  const customer: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(row)) {
    if (column.startsWith("customer.")) customer[column.slice("customer.".length)] = value;
    else conversation[column] = value;
  }
  return { conversation: conversation as Conversation, customer: customer as Customer };
}

async function lockConversationById(db: Db, id: number): Promise<Conversation | null> {
  const rows = await db.$queryRaw<Conversation[]>`SELECT * FROM "Conversation" WHERE id = ${id} FOR UPDATE`;
  return rows[0] ?? null;
}

/**
 * The customer behind a channel identity, with their conversation on that channel. First contact
 * creates customer, identity, conversation and a "visitor" lead in one transaction; two first
 * messages racing each other end with one customer (the loser re-reads the winner's rows).
 */
export async function findOrCreateCustomer(db: Db, options: FindOrCreateCustomerOptions) {
  if (!options.lockConversation) return findOrCreateUnlocked(db, options);
  const locked = await lockConversationOf(db, options.channel, options.externalUserId);
  if (locked) return { ...locked, created: false };
  // First contact (or a first message on this channel). A conversation this transaction created is
  // its own until the commit; one found (another replica's first message won the race) is locked.
  const found = await findOrCreateUnlocked(db, options);
  if (found.created) return found;
  return { ...found, conversation: (await lockConversationById(db, found.conversation.id)) ?? found.conversation };
}

async function findOrCreateUnlocked(db: Db, options: FindOrCreateCustomerOptions) {
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
      // Plain creates, not nested ones: a nested create reads the customer back once more.
      const customer = await tx.customer.create({ data: { name: options.displayName ?? options.username ?? null, locale: options.locale, createdAt: at } });
      await tx.channelIdentity.create({ data: { customerId: customer.id, channel, externalId: externalUserId, username: options.username, displayName: options.displayName, createdAt: at }, select: { id: true } });
      const conversation = await tx.conversation.create({ data: { customerId: customer.id, channel, createdAt: at } });
      await advanceLead(tx, { customerId: customer.id, to: "visitor", source: channel, at, isNew: true });
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
