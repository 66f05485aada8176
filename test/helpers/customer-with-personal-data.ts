/**
 * A customer who has left personal data in every place the shop keeps it: name, email, phone and
 * address given in the chat, a chat account with a username and display name, messages (one with a
 * phrase only they wrote, one with a file), a handoff, orders paid, shipped with a tracking number,
 * cancelled and refunded with references, a back-in-stock request, a follow-up, events, and what the
 * rarer columns hold (a Slack thread, the dialogue state, a payment reference, an event's text).
 *
 * `needles` are their personal strings: after an erasure none may be found anywhere in the database.
 */
import type { App } from "../../bot/app.ts";
import { createCustomer, placeOrderInChat, textOf } from "./test-app.ts";

export interface CustomerWithPersonalData {
  customerId: number;
  session: string;
  orderIds: number[];
  conversationId: number;
  needles: string[];
}

/** `tag` makes their strings their own (letters only); `phone` is a UK mobile as typed, e.g. "+44 7911 123456". */
export async function createCustomerWithPersonalData(app: App, tag: string, phone: string): Promise<CustomerWithPersonalData> {
  const owner = (line: string) => app.owner.handle(line).then(textOf);
  const person = {
    session: `session-${tag}-7f3a9c`,
    username: `${tag}_handle`,
    displayName: `${tag} Display`,
    name: `${tag} Quillfeather`,
    email: `${tag}.quillfeather@example.org`,
    phone,
    street: `${tag} Marigold Crescent`,
    phrase: `my parrot ${tag}bang adores oolong`,
    payment: `pay-${tag}-55210`,
    refund: `refund-${tag}-77`,
    tracking: `RM${tag}991122334GB`,
    fileName: `${tag}-passport-scan.pdf`,
  };
  // First contact carries the chat account's username and display name, as Telegram's would.
  await app.customer.handle({ channel: "console", externalUserId: person.session, text: "hi", username: person.username, displayName: person.displayName });
  const chat = createCustomer(app, person.session);
  await chat.say(`my name is ${person.name}, ${person.email}`);
  await chat.say(`my phone is ${person.phone}`);
  await chat.say(person.phrase);
  await app.customer.handle({ channel: "console", externalUserId: person.session, text: "", attachment: { kind: "document", fileRef: `file-${tag}-ref`, fileName: person.fileName, mimeType: "application/pdf", sizeBytes: 1200 } });

  const shipped = await placeOrderInChat(app, person.session, "I want 2 lavender candles", { address: `${person.name}, 12 ${person.street}, Oxford OX1 2AB` });
  await owner(`order ${shipped.id} paid`);
  await owner(`order ${shipped.id} shipped ${person.tracking}`);
  const refunded = await placeOrderInChat(app, person.session, "I'd like 1 celadon teapot");
  await owner(`order ${refunded.id} paid`);
  await owner(`order ${refunded.id} cancel`);
  await owner(`order ${refunded.id} refunded ${person.refund}`);
  await app.db.order.update({ where: { id: refunded.id }, data: { paymentRef: person.payment } });

  await chat.say("when will the envelopes be back?");
  const envelopes = await app.db.product.findUniqueOrThrow({ where: { sku: "STA-004" } });
  await chat.press(`a:${envelopes.id}`);
  await chat.say("I want to talk to a person");

  const identity = await app.db.channelIdentity.findUniqueOrThrow({ where: { channel_externalId: { channel: "console", externalId: person.session } } });
  const conversation = await app.db.conversation.findFirstOrThrow({ where: { customerId: identity.customerId } });
  // What other code paths write there: a Slack thread, a question kept in the dialogue state, an event's text.
  await app.db.conversation.update({ where: { id: conversation.id }, data: { handoffThreadRef: `C0SHOP:${tag}.1`, handoffReason: `${person.name} is upset`, state: { pendingText: person.phrase } } });
  await app.db.event.create({ data: { type: "handoff_requested", customerId: identity.customerId, at: new Date("2026-11-20T10:00:00Z"), data: { reason: `${person.name} called`, orderId: shipped.id } } });
  await app.db.followUp.create({ data: { kind: "unpaid_order", subject: `order:${refunded.id}`, conversationId: conversation.id, delivered: true, sentAt: new Date("2026-11-20T10:00:00Z") } });
  // The owner's note about them, and their words taught to the assistant from the dashboard's queue.
  await owner(`customer ${identity.customerId} note ${person.name} prefers the ${person.street} side door`);
  const said = await app.db.message.findFirstOrThrow({ where: { conversationId: conversation.id, direction: "inbound", text: person.phrase } });
  await owner(`review ${said.id} intent product_question`);

  const orderIds = [shipped.id, refunded.id];
  return {
    customerId: identity.customerId,
    session: person.session,
    orderIds,
    conversationId: conversation.id,
    needles: [person.session, person.username, person.displayName, person.name, person.email, person.phone.replace(/\D/g, "").slice(-10), person.street, `${tag}bang`, person.payment, person.refund, person.tracking, person.fileName, `file-${tag}-ref`, `C0SHOP:${tag}`],
  };
}

/** Every text-like column (text, varchar, json, arrays) of every table of the shop's schema. */
export async function textColumns(db: App["db"]): Promise<{ table: string; column: string }[]> {
  const rows = await db.$queryRaw<{ table_name: string; column_name: string }[]>`
    SELECT table_name, column_name FROM information_schema.columns
    WHERE table_schema = current_schema() AND table_name <> '_prisma_migrations'
      AND data_type IN ('text', 'character varying', 'json', 'jsonb', 'ARRAY', 'USER-DEFINED')
    ORDER BY table_name, column_name`;
  return rows.map((r) => ({ table: r.table_name, column: r.column_name }));
}

/** Where in the database a string occurs (case-insensitive), as "Table.column" entries. */
export async function whereFound(db: App["db"], needle: string): Promise<string[]> {
  const found: string[] = [];
  for (const { table, column } of await textColumns(db)) {
    const [row] = await db.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM "${table}" WHERE "${column}"::text ILIKE $1`, `%${needle}%`);
    if ((row?.n ?? 0) > 0) found.push(`${table}.${column}`);
  }
  return found;
}
