/**
 * The consent use-cases on their own: every statement is a row with its time, source and actor and
 * the customer carries the current value; the question is claimed once even when two turns (two
 * channels, two replicas on PostgreSQL) reach the moment together.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasMarketingConsent, MARKETING_CONSENT_WHERE } from "../../core/crm/has-marketing-consent.ts";
import { markConsentAsked } from "../../core/crm/mark-consent-asked.ts";
import { recordConsent } from "../../core/crm/record-consent.ts";
import { isAppError } from "../../core/errors.ts";
import type { Database } from "../../bot/database.ts";
import { openTestDatabase } from "../helpers/test-database.ts";

const at = (minute: number) => new Date(Date.UTC(2026, 11, 7, 14, minute));

describe("consent use-cases", () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });

  it("records each statement, says whether it changed the value, and keeps the value on the customer", async () => {
    const db = database.prisma;
    const { id } = await db.customer.create({ data: { name: "Mei" } });
    const first = await recordConsent({ db }, { customerId: id, given: true, source: "button", at: at(0) });
    expect(first.changed).toBe(true);
    expect(first.customer).toMatchObject({ marketingConsent: true, consentAt: at(0) });
    const again = await recordConsent({ db }, { customerId: id, given: true, source: "words", at: at(1) });
    expect(again.changed).toBe(false);
    const off = await recordConsent({ db }, { customerId: id, given: false, source: "owner", at: at(2), actor: "owner" });
    expect(off.changed).toBe(true);
    expect(await hasMarketingConsent(db, id)).toBe(false);
    const rows = await db.consentChange.findMany({ where: { customerId: id }, orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.given, r.source, r.at.toISOString(), r.actor])).toEqual([
      [true, "button", at(0).toISOString(), null],
      [true, "words", at(1).toISOString(), null],
      [false, "owner", at(2).toISOString(), "owner"],
    ]);
    expect(await db.customer.count({ where: { id, ...MARKETING_CONSENT_WHERE } })).toBe(0);
  });

  it("refuses an unknown customer with a refusal the owner's console can word", async () => {
    const error = await recordConsent({ db: database.prisma }, { customerId: 987_654, given: true, source: "owner", at: at(0) }).catch((e: unknown) => e);
    expect(isAppError(error) && error.refusal).toEqual({ kind: "customerNotFound", customerId: 987_654 });
    await expect(recordConsent({ db: database.prisma }, { customerId: 1, given: true, source: "nonsense" as "owner", at: at(0) })).rejects.toThrow();
  });

  it("gives the question to exactly one of two turns that reach the moment together", async () => {
    const db = database.prisma;
    const { id } = await db.customer.create({ data: { name: "Two channels" } });
    const claims = await Promise.all([markConsentAsked({ db }, { customerId: id, at: at(5) }), markConsentAsked({ db }, { customerId: id, at: at(5) })]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await markConsentAsked({ db }, { customerId: id, at: at(6) })).toBe(false);
    expect((await db.customer.findUniqueOrThrow({ where: { id } })).consentAskedAt).toEqual(at(5));
  });

  it("never asks a customer who already said yes or no on their own", async () => {
    const db = database.prisma;
    const { id } = await db.customer.create({ data: { name: "Said it first" } });
    await recordConsent({ db }, { customerId: id, given: false, source: "words", at: at(7) });
    expect(await markConsentAsked({ db }, { customerId: id, at: at(8) })).toBe(false);
  });

  it("keeps both of two statements made at once, the value being the last one recorded", async () => {
    const db = database.prisma;
    const { id } = await db.customer.create({ data: { name: "Racing" } });
    await Promise.all([
      recordConsent({ db }, { customerId: id, given: true, source: "button", at: at(9) }),
      recordConsent({ db }, { customerId: id, given: false, source: "words", at: at(9) }),
    ]);
    const rows = await db.consentChange.findMany({ where: { customerId: id }, orderBy: { id: "asc" } });
    expect(rows).toHaveLength(2);
    expect((await db.customer.findUniqueOrThrow({ where: { id } })).marketingConsent).toBe(rows.at(-1)!.given);
  });
});
