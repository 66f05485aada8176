/**
 * The turn's own write (`saveTurn`): one statement that sets the conversation's state and inserts
 * the turn's messages. Read back through Prisma, the rows are what the two writes it replaced made:
 * the turn's instant, the messages in order, an attachment and a confidence as given, and the
 * handoff acknowledgement only ever switched on.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveTurn } from "../core/conversation/save-turn.ts";
import type { Database } from "../bot/database.ts";
import { openTestDatabase } from "./helpers/test-database.ts";

describe("saving a turn", () => {
  let database: Database;
  let conversationId: number;
  beforeAll(async () => {
    database = await openTestDatabase();
    const customer = await database.prisma.customer.create({ data: { name: "Save Turn" } });
    conversationId = (await database.prisma.conversation.create({ data: { customerId: customer.id, channel: "console" } })).id;
  });
  afterAll(async () => {
    await database?.close();
  });

  it("writes the state and the messages in order, at the turn's instant", async () => {
    const at = new Date("2026-03-29T00:30:00.123Z");
    const saved = await database.prisma.$transaction((tx) =>
      saveTurn(tx, {
        conversationId,
        state: { locale: "zh", listedProductIds: [3, 1] },
        at,
        handoffAcknowledged: false,
        messages: [
          { direction: "inbound", text: "照片 'quoted' \\ \"x\"", payload: "p:1", attachment: { kind: "photo", fileId: "F1" }, intent: "product_info", confidence: 0.8125 },
          { direction: "outbound", text: "first reply" },
          { direction: "outbound", text: "second reply" },
        ],
      }),
    );
    expect(saved.map((m) => m.direction)).toEqual(["inbound", "outbound", "outbound"]);
    const rows = await database.prisma.message.findMany({ where: { conversationId }, orderBy: { id: "asc" } });
    expect(rows.map((m) => m.id)).toEqual(saved.map((m) => m.id));
    expect(rows.map((m) => [m.direction, m.text])).toEqual([["inbound", "照片 'quoted' \\ \"x\""], ["outbound", "first reply"], ["outbound", "second reply"]]);
    expect(rows[0]).toMatchObject({ payload: "p:1", attachment: { kind: "photo", fileId: "F1" }, intent: "product_info", confidence: 0.8125 });
    expect(rows[1]).toMatchObject({ payload: null, attachment: null, intent: null, confidence: null });
    for (const row of rows) expect(row.createdAt.toISOString()).toBe(at.toISOString());
    const conversation = await database.prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } });
    expect(conversation.state).toEqual({ locale: "zh", listedProductIds: [3, 1] });
    expect(conversation.lastInboundAt?.toISOString()).toBe(at.toISOString());
    expect(conversation.handoffAcknowledged).toBe(false);
  });

  it("switches the handoff acknowledgement on, and a later turn does not switch it off", async () => {
    const at = new Date("2026-11-20T10:00:00Z");
    const save = (handoffAcknowledged: boolean) =>
      database.prisma.$transaction((tx) => saveTurn(tx, { conversationId, state: {}, at, handoffAcknowledged, messages: [{ direction: "inbound", text: "x" }] }));
    await save(true);
    expect((await database.prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } })).handoffAcknowledged).toBe(true);
    await save(false);
    expect((await database.prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } })).handoffAcknowledged).toBe(true);
  });

  it("fails, writing nothing, for a conversation that does not exist", async () => {
    const before = await database.prisma.message.count();
    await expect(database.prisma.$transaction((tx) => saveTurn(tx, { conversationId: 999_999, state: {}, at: new Date(), handoffAcknowledged: false, messages: [{ direction: "inbound", text: "lost" }] }))).rejects.toThrow(/not saved/);
    expect(await database.prisma.message.count()).toBe(before);
  });
});
