/**
 * Audience definitions evaluated against five hand-made customers whose membership can be checked by
 * hand, on a real database: each term, and / or / not, "within N days" in the shop's calendar days,
 * what a listing gets of each member, and resolving and saving audiences by name.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../bot/database.ts";
import { createAudienceFacts } from "../../core/audiences/audience-facts.ts";
import { SEGMENT_KEYS } from "../../core/audiences/audience-definition.ts";
import { deleteAudience } from "../../core/audiences/delete-audience.ts";
import { findAudienceMembers } from "../../core/audiences/find-audience-members.ts";
import { listAudiences } from "../../core/audiences/list-audiences.ts";
import { parseAudienceDefinition } from "../../core/audiences/parse-audience-definition.ts";
import { resolveAudience } from "../../core/audiences/resolve-audience.ts";
import { saveAudience } from "../../core/audiences/save-audience.ts";
import { isAppError } from "../../core/errors.ts";
import { createFixedClock } from "../../core/ports.ts";
import type { FunnelStage, OrderStatus } from "../../prisma/generated/client.ts";
import { seedDemoShop } from "../../prisma/seed.ts";
import { openTestDatabase } from "../helpers/test-database.ts";

/** Friday 20 November 2026, 18:00 in Shanghai (UTC+8, no summer time): "within 30 days" starts 22 October 00:00 there, 21 October 16:00 UTC. */
const AT = new Date("2026-11-20T10:00:00Z");
const SHANGHAI = "Asia/Shanghai";

let database: Database;
const people = new Map<string, number>();
const nameOf = (id: number) => [...people].find(([, value]) => value === id)?.[0] ?? `#${id}`;

async function customer(name: string, data: { email?: string; phone?: string; locale: string; consent?: boolean; telegram?: string; console?: string; stage?: FunnelStage }) {
  const created = await database.prisma.customer.create({
    data: {
      name,
      locale: data.locale,
      marketingConsent: data.consent ?? false,
      ...(data.email ? { email: data.email } : {}),
      ...(data.phone ? { phone: data.phone } : {}),
      identities: { create: [...(data.telegram ? [{ channel: "telegram" as const, externalId: data.telegram }] : []), ...(data.console ? [{ channel: "console" as const, externalId: data.console }] : [])] },
      ...(data.stage ? { lead: { create: { stage: data.stage, source: "test" } } } : {}),
    },
  });
  people.set(name, created.id);
}

async function order(who: string | null, sku: string, placedAt: string | null, options: { status?: OrderStatus; totalMinor?: number } = {}) {
  const product = await database.prisma.product.findUniqueOrThrow({ where: { sku } });
  await database.prisma.order.create({
    data: {
      customerId: who === null ? null : people.get(who)!,
      status: options.status ?? "paid",
      channel: "console",
      totalMinor: options.totalMinor ?? product.priceMinor,
      currency: "GBP",
      placedAt: placedAt === null ? null : new Date(placedAt),
      lines: { create: [{ productId: product.id, quantity: 1, unitPriceMinor: product.priceMinor }] },
    },
  });
}

beforeAll(async () => {
  database = await openTestDatabase();
  await seedDemoShop(database.prisma);
  // Ann: opted in, on Telegram, a repeat buyer: jasmine tea ten days ago, a candle in June.
  await customer("Ann", { email: "ann@example.com", locale: "en", consent: true, telegram: "1001", stage: "repeat" });
  // Bo: Chinese, only a console session (not reachable later), tea in the first hour of 22 October in Shanghai.
  await customer("Bo", { phone: "+8613800138000", locale: "zh", console: "bo-session", stage: "cart" });
  // Cy: Chinese, opted in, on Telegram, never ordered (a cart left open does not count).
  await customer("Cy", { locale: "zh", consent: true, telegram: "1003", stage: "lead" });
  // Di: on Telegram, not opted in, no lead record: a teapot in August, and a tea order she cancelled.
  await customer("Di", { email: "di@example.com", locale: "en", telegram: "1004" });
  // Ed: opted in, no channel at all (imported), ten pu-erh cakes late on 21 October in Shanghai.
  await customer("Ed", { locale: "en", consent: true });
  await order("Ann", "TEA-001", "2026-11-10T12:00:00Z");
  await order("Ann", "CND-001", "2026-06-01T12:00:00Z", { status: "delivered" });
  await order("Bo", "TEA-001", "2026-10-21T17:00:00Z", { status: "placed" });
  await order("Cy", "TEA-001", null, { status: "cart" });
  await order("Di", "CER-001", "2026-08-01T12:00:00Z", { status: "delivered" });
  await order("Di", "TEA-001", "2026-11-15T12:00:00Z", { status: "cancelled" });
  await order("Ed", "TEA-002", "2026-10-21T15:00:00Z", { status: "shipped", totalMinor: 32_000 });
  await order(null, "TEA-001", "2026-11-12T12:00:00Z");
  // An order after the moment evaluated is not there yet.
  await order("Cy", "CER-002", "2026-11-21T09:00:00Z");
});
afterAll(async () => {
  await database?.close();
});

const deps = (timeZone = SHANGHAI) => ({ db: database.prisma, clock: createFixedClock(AT), timeZone });

/** The members' names, sorted, for a definition as typed. */
async function members(text: string, timeZone = SHANGHAI): Promise<string[]> {
  const parsed = parseAudienceDefinition(text, { currency: "GBP" });
  if (!parsed.ok) throw new Error(`${text}: ${JSON.stringify(parsed.error)}`);
  const result = await findAudienceMembers(deps(timeZone), parsed.definition, AT);
  return result.customerIds.map(nameOf).sort();
}

describe("who is in an audience", () => {
  it.each<[string, string[]]>([
    ["everyone", ["Ann", "Bo", "Cy", "Di", "Ed"]],
    ["opted-in", ["Ann", "Cy", "Ed"]],
    ["lang=zh", ["Bo", "Cy"]],
    ["lang=en", ["Ann", "Di", "Ed"]],
    ["stage=lead", ["Cy"]],
    ["stage=cart", ["Bo"]],
    ["stage>=cart", ["Ann", "Bo"]],
    // Sold orders only: Di's cancelled tea, Cy's open cart and the guest's order do not count.
    ["bought=TEA-001", ["Ann", "Bo"]],
    ["bought=tea-001", ["Ann", "Bo"]],
    ["bought=CND-001", ["Ann"]],
    ["bought=CND-001 within=30d", []],
    ["bought=CER-002", []],
    // Bo's tea was at 01:00 on 22 October in Shanghai: within the 30 days; Ed's cakes at 23:00 the day before: not.
    ["bought=TEA-001 within=30d", ["Ann", "Bo"]],
    ["bought=TEA-001 within=7d", []],
    ["bought-category=Tea within=30d", ["Ann", "Bo"]],
    ["bought-category=茶叶", ["Ann", "Bo", "Ed"]],
    ["bought-category=ceramics", ["Di"]],
    // Ordered before, but nothing since the start of 22 October (Shanghai).
    ["no-order=30d", ["Di", "Ed"]],
    ["no-order=60d", ["Di"]],
    ["no-order=200d", []],
    ["spent>100", ["Ed"]],
    ["spent>48", ["Ed"]],
    ["spent>=48", ["Di", "Ed"]],
    ["spent>0", ["Ann", "Bo", "Di", "Ed"]],
    // Lifetime value is spent so far plus expected: everyone who bought has one above what they spent.
    ["clv>0", ["Ann", "Bo", "Di", "Ed"]],
    ["clv>320", ["Ed"]],
    // Active in the last 90 days (an order since 21 August): scored; Di's August order is older, Cy never ordered.
    ["hot>0", ["Ann", "Bo", "Ed"]],
    ["hot>=100%", []],
    // and / or / not
    ["opted-in and lang=zh", ["Cy"]],
    ["opted-in lang=zh", ["Cy"]],
    ["opted-in or lang=zh", ["Ann", "Bo", "Cy", "Ed"]],
    ["not opted-in", ["Bo", "Di"]],
    ["not bought=TEA-001", ["Cy", "Di", "Ed"]],
    ["not everyone", []],
    ["bought=TEA-001 and not bought=TEA-001 within=7d", ["Ann", "Bo"]],
    ["(opted-in or lang=zh) and not bought-category=Tea", ["Cy"]],
    ["opted-in or lang=zh and no-order=30d", ["Ann", "Cy", "Ed"]],
    ["(opted-in or lang=zh) and no-order=30d", ["Ed"]],
    ["spent>=48 or stage=lead", ["Cy", "Di", "Ed"]],
    ["no-order=60d and lang=zh", []],
    ["not (stage>=cart or no-order=30d)", ["Cy"]],
  ])("%s", async (text, expected) => {
    expect(await members(text)).toEqual(expected);
  });

  it("counts \"within N days\" in the shop's calendar days", async () => {
    // In UTC the 30 days start at midnight UTC on 22 October, after Bo's order.
    expect(await members("bought=TEA-001 within=30d", "UTC")).toEqual(["Ann"]);
    expect(await members("no-order=30d", "UTC")).toEqual(["Bo", "Di", "Ed"]);
    expect(await members("bought-category=Tea within=30d", "UTC")).toEqual(["Ann"]);
  });

  it("puts every customer who bought in exactly one segment, named by key or by label alike", async () => {
    const bySegment = await Promise.all(SEGMENT_KEYS.map((key) => members(`segment=${key}`)));
    expect(bySegment.flat().sort()).toEqual(["Ann", "Bo", "Di", "Ed"]);
    const atRisk = await members("segment=at_risk");
    expect(await members('segment="At risk"')).toEqual(atRisk);
    expect(await members("segment=流失风险")).toEqual(atRisk);
  });

  it("gives each member's contact details, consent, reachable channels, last order and lifetime value, worth most first", async () => {
    const result = await findAudienceMembers(deps(), { kind: "everyone" }, AT);
    expect(result.counts).toEqual({ total: 5, optedIn: 3, reachable: 3, optedInAndReachable: 2 });
    expect(result.members[0]?.customerId).toBe(people.get("Ed"));
    // Without an order there is no lifetime value: last.
    expect(result.members.at(-1)).toEqual({
      customerId: people.get("Cy"),
      name: "Cy",
      email: null,
      phone: null,
      locale: "zh",
      marketingConsent: true,
      reachableOn: [{ channel: "telegram", externalId: "1003" }],
      lastOrder: null,
      lifetimeValueMinor: null,
    });
    const ann = result.members.find((m) => m.name === "Ann")!;
    expect(ann).toMatchObject({ email: "ann@example.com", marketingConsent: true, reachableOn: [{ channel: "telegram", externalId: "1001" }], lastOrder: { at: new Date("2026-11-10T12:00:00Z"), totalMinor: 1450 } });
    expect(ann.lifetimeValueMinor).toBeGreaterThan(1450 + 1250);
    // A console session is not a way to reach someone later.
    expect(result.members.find((m) => m.name === "Bo")?.reachableOn).toEqual([]);
    const lifetimeValues = result.members.map((m) => m.lifetimeValueMinor ?? -1);
    expect(lifetimeValues).toEqual([...lifetimeValues].sort((a, b) => b - a));
    expect(result.customerIds).toEqual(result.members.map((m) => m.customerId));
  });

  it("evaluates at the moment it is given, with the clock's now by default", async () => {
    const parsed = parseAudienceDefinition("bought=CER-002", { currency: "GBP" });
    if (!parsed.ok) throw new Error("parse");
    expect((await findAudienceMembers(deps(), parsed.definition, AT)).customerIds).toEqual([]);
    const later = { ...deps(), clock: createFixedClock("2026-11-22T00:00:00Z") };
    expect((await findAudienceMembers(later, parsed.definition)).customerIds).toEqual([people.get("Cy")]);
  });

  it("shares what it read between audiences evaluated together, and refuses facts read for another moment", async () => {
    const facts = createAudienceFacts(deps(), AT);
    const one = await findAudienceMembers(deps(), { kind: "optedIn" }, AT, { facts });
    const two = await findAudienceMembers(deps(), { kind: "lang", locale: "zh" }, AT, { facts });
    expect([one.counts.total, two.counts.total]).toEqual([3, 2]);
    await expect(findAudienceMembers(deps(), { kind: "optedIn" }, new Date("2026-11-21T00:00:00Z"), { facts })).rejects.toThrow(/another moment/);
  });
});

describe("resolving and saving audiences", () => {
  const currency = { currency: "GBP" };

  it("saves a definition under a name, finds it in any case, and replaces it when saved again", async () => {
    const saved = await saveAudience(database.prisma, { name: "Lapsed", definition: "no-order=30d", ...currency });
    expect(saved).toMatchObject({ name: "Lapsed", definition: { kind: "noOrder", days: 30 }, replaced: false });
    expect(await resolveAudience(database.prisma, "lapsed", currency)).toEqual({ ok: true, name: "Lapsed", definition: { kind: "noOrder", days: 30 } });
    expect(await resolveAudience(database.prisma, '"LAPSED"', currency)).toMatchObject({ ok: true, name: "Lapsed" });
    const again = await saveAudience(database.prisma, { name: "LAPSED", definition: "no-order=60d and lang=en", ...currency });
    expect(again).toMatchObject({ id: saved.id, name: "LAPSED", replaced: true });
    expect((await listAudiences(database.prisma)).map((a) => a.name)).toEqual(["LAPSED"]);
    const resolved = await resolveAudience(database.prisma, "Lapsed", currency);
    if (!resolved.ok) throw new Error("not resolved");
    expect((await findAudienceMembers(deps(), resolved.definition, AT)).customerIds.map(nameOf)).toEqual(["Di"]);
    // The database itself keeps names unique whatever their case.
    await expect(database.prisma.audience.create({ data: { name: "lapsed", definition: { kind: "everyone" } } })).rejects.toThrow();
    expect(await deleteAudience(database.prisma, "lapsed")).toMatchObject({ name: "LAPSED" });
    expect(await listAudiences(database.prisma)).toEqual([]);
  });

  it("stores products and categories as the catalog spells them", async () => {
    const saved = await saveAudience(database.prisma, { name: "tea_people", definition: "bought=tea-001 within=30d or bought-category=tea", ...currency });
    expect(saved.definition).toEqual({ kind: "or", of: [{ kind: "bought", sku: "TEA-001", withinDays: 30 }, { kind: "boughtCategory", category: "Tea" }] });
    // "_" in a name is a character, not a wildcard.
    expect(await resolveAudience(database.prisma, "tea-people", currency)).toMatchObject({ ok: false, refusal: { kind: "audienceNotFound", name: "tea-people" } });
    await deleteAudience(database.prisma, "tea_people");
  });

  it("reads a definition that is not a saved name, and refuses what is neither, saying why", async () => {
    expect(await resolveAudience(database.prisma, "opted-in and lang=zh", currency)).toEqual({ ok: true, name: null, definition: { kind: "and", of: [{ kind: "optedIn" }, { kind: "lang", locale: "zh" }] } });
    expect(await resolveAudience(database.prisma, "Tea lovers", currency)).toEqual({ ok: false, refusal: { kind: "audienceNotFound", name: "Tea lovers" } });
    expect(await resolveAudience(database.prisma, "no-order=60d and lang=fr", currency)).toEqual({
      ok: false,
      refusal: { kind: "audienceInvalid", text: "no-order=60d and lang=fr", error: { kind: "badValue", position: 22, found: "fr", term: "lang" } },
    });
    expect(await resolveAudience(database.prisma, "bought=Candles", currency)).toEqual({ ok: false, refusal: { kind: "audienceUnknownProduct", sku: "Candles", category: "Candles" } });
    expect(await resolveAudience(database.prisma, "bought=NOPE-1", currency)).toEqual({ ok: false, refusal: { kind: "audienceUnknownProduct", sku: "NOPE-1", category: null } });
    expect(await resolveAudience(database.prisma, "bought-category=Toys", currency)).toEqual({ ok: false, refusal: { kind: "audienceUnknownCategory", category: "Toys" } });
  });

  it.each(["and", "Everyone", "a=b", "(vip)", 'say "hi"', "x".repeat(61), " "])("refuses %j as a name", async (name) => {
    const error = await saveAudience(database.prisma, { name, definition: "opted-in", ...currency }).catch((e: unknown) => e);
    expect(isAppError(error) && error.refusal).toEqual({ kind: "audienceNameInvalid", name });
  });

  it("refuses to save a definition that does not read or names what the catalog lacks", async () => {
    const error = await saveAudience(database.prisma, { name: "broken", definition: "segment=vip", ...currency }).catch((e: unknown) => e);
    expect(isAppError(error) && error.refusal).toEqual({ kind: "audienceInvalid", text: "segment=vip", error: { kind: "badValue", position: 8, found: "vip", term: "segment" } });
    expect(await listAudiences(database.prisma)).toEqual([]);
  });

  it("lists a stored definition this version cannot read as unreadable, and refuses to resolve it", async () => {
    await database.prisma.audience.create({ data: { name: "old", definition: { kind: "favourites" } } });
    expect(await listAudiences(database.prisma)).toMatchObject([{ name: "old", definition: null }]);
    expect(await resolveAudience(database.prisma, "old", currency)).toEqual({ ok: false, refusal: { kind: "audienceStoredInvalid", name: "old" } });
    await deleteAudience(database.prisma, "old");
  });
});
