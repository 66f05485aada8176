/**
 * advanceLead reads and moves an existing lead in one statement (a raw UPDATE … FROM a locked read):
 * it must still move only forward, record each step with the stage it came from, touch the activity
 * time on every call, and hand back the lead as Prisma would read it.
 */
import { describe, expect, it } from "vitest";
import { advanceLead } from "../../core/crm/advance-lead.ts";
import { openTestDatabase } from "../helpers/test-database.ts";

describe("advanceLead", () => {
  it("creates, moves forward, never back, and records each step with the stage before", async () => {
    const database = await openTestDatabase();
    try {
      const db = database.prisma;
      const customer = await db.customer.create({ data: { name: "Anna" } });
      const at = (minute: number) => new Date(Date.UTC(2026, 10, 20, 10, minute));

      const first = await db.$transaction((tx) => advanceLead(tx, { customerId: customer.id, to: "visitor", source: "console", at: at(0) }));
      expect(first).toMatchObject({ created: true, changed: true, from: null });

      const engaged = await db.$transaction((tx) => advanceLead(tx, { customerId: customer.id, to: "engaged", source: "console", at: at(1) }));
      expect(engaged).toMatchObject({ created: false, changed: true, from: "visitor" });
      expect(engaged.lead).toMatchObject({ id: first.lead.id, customerId: customer.id, stage: "engaged", source: "console" });
      expect(engaged.lead.lastActivityAt).toEqual(at(1));

      const ordered = await db.$transaction((tx) => advanceLead(tx, { customerId: customer.id, to: "ordered", source: "order", at: at(2) }));
      expect(ordered).toMatchObject({ changed: true, from: "engaged" });

      // Backwards (and sideways): the stage stays, only the activity time moves; no history step.
      const back = await db.$transaction((tx) => advanceLead(tx, { customerId: customer.id, to: "lead", source: "contact", at: at(3) }));
      expect(back).toMatchObject({ created: false, changed: false, from: "ordered" });
      expect(back.lead.stage).toBe("ordered");
      const same = await db.$transaction((tx) => advanceLead(tx, { customerId: customer.id, to: "ordered", source: "order", at: at(4) }));
      expect(same).toMatchObject({ changed: false, from: "ordered" });

      const stored = await db.lead.findUniqueOrThrow({ where: { customerId: customer.id }, include: { history: { orderBy: { id: "asc" } } } });
      expect(stored.stage).toBe("ordered");
      expect(stored.lastActivityAt).toEqual(at(4));
      expect(stored.history.map((h) => [h.fromStage, h.toStage, h.source, h.at.toISOString()])).toEqual([
        [null, "visitor", "console", at(0).toISOString()],
        ["visitor", "engaged", "console", at(1).toISOString()],
        ["engaged", "ordered", "order", at(2).toISOString()],
      ]);
    } finally {
      await database.close();
    }
  });

  it("creates the lead when a customer who was not new has none yet", async () => {
    const database = await openTestDatabase();
    try {
      const db = database.prisma;
      const customer = await db.customer.create({ data: { name: "Ben" } });
      const step = await db.$transaction((tx) => advanceLead(tx, { customerId: customer.id, to: "engaged", source: "console", at: new Date("2026-11-20T10:00:00Z") }));
      expect(step).toMatchObject({ created: true, changed: true, from: null });
      expect(await db.leadStageChange.count({ where: { leadId: step.lead.id } })).toBe(1);
    } finally {
      await database.close();
    }
  });
});
