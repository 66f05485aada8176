/**
 * Who is in an audience right now: the definition evaluated at `at` against the live database (the
 * injected clock's moment; "within N days" counted in the shop's calendar days), with what a listing
 * or a campaign needs of each member. Audiences are evaluated when used, never stored as lists, so a
 * campaign sent next week reaches whoever fits then.
 *
 * Each term is one read (see `audience-facts.ts`: all customers, the sales, one query per `bought`
 * term, the lead events for `hot`, the lead stages for `stage`), shared between terms; and / or /
 * not are set intersection, union and difference from every customer, in memory.
 */
import { FUNNEL_STAGES } from "../analytics/funnel/compute-funnel.ts";
import type { TAudienceDefinition } from "./audience-definition.ts";
import { createAudienceFacts, type AudienceDeps, type AudienceFacts, type TReachableChannel } from "./audience-facts.ts";

export type { AudienceDeps } from "./audience-facts.ts";

export interface AudienceMember {
  customerId: number;
  name: string | null;
  email: string | null;
  phone: string | null;
  /** The customer's language ("en" or "zh"): a campaign's text is chosen by it. */
  locale: string;
  /** Marketing consent as it stands now (Customer.marketingConsent). */
  marketingConsent: boolean;
  /** The accounts a message can reach them on later (Telegram chats); empty when there is none. */
  reachableOn: { channel: TReachableChannel; externalId: string }[];
  /** Their last sold order before `at` (placed or later, not cancelled), or null. */
  lastOrder: { at: Date; totalMinor: number } | null;
  /** Spent so far + expected (the `top` command's figure), minor units; null before a first order. */
  lifetimeValueMinor: number | null;
}

export interface AudienceMembers {
  /** The moment it was evaluated at. */
  at: Date;
  /** The members' customer ids, in the order of {@link members}. */
  customerIds: number[];
  /** Highest lifetime value first, then the most recent order, then the newest customer. */
  members: AudienceMember[];
  counts: {
    total: number;
    /** Members whose marketing consent is on. */
    optedIn: number;
    /** Members with an account a message can reach ({@link AudienceMember.reachableOn}). */
    reachable: number;
    /** Both: whom a campaign to this audience could send to now. */
    optedInAndReachable: number;
  };
}

async function evaluate(facts: AudienceFacts, definition: TAudienceDefinition): Promise<Set<number>> {
  const customers = await facts.customers();
  const where = <V>(map: Map<number, V>, keep: (value: V) => boolean) => {
    const ids = new Set<number>();
    for (const [id, value] of map) if (keep(value) && customers.has(id)) ids.add(id);
    return ids;
  };
  const above = (value: number, threshold: number, inclusive: boolean) => (inclusive ? value >= threshold : value > threshold);
  switch (definition.kind) {
    case "everyone":
      return new Set(customers.keys());
    case "optedIn":
      return where(customers, (c) => c.marketingConsent);
    case "lang":
      return where(customers, (c) => c.locale === definition.locale);
    case "segment":
      return where(await facts.segments(), (key) => key === definition.segment);
    case "hot":
      return where(await facts.leadChances(), (p) => above(p, definition.probability, definition.inclusive));
    case "bought":
      return facts.buyers({ sku: definition.sku }, definition.withinDays);
    case "boughtCategory":
      return facts.buyers({ category: definition.category }, definition.withinDays);
    case "noOrder": {
      const since = facts.since(definition.days).getTime();
      return where(await facts.sales(), (s) => s.lastOrder.at.getTime() < since);
    }
    case "spent":
      return where(await facts.sales(), (s) => above(s.spentMinor, definition.amountMinor, definition.inclusive));
    case "clv":
      return where(await facts.lifetimeValues(), (v) => above(v, definition.amountMinor, definition.inclusive));
    case "stage": {
      const wanted = FUNNEL_STAGES.indexOf(definition.stage);
      return where(await facts.stages(), (stage) => (definition.orLater ? FUNNEL_STAGES.indexOf(stage) >= wanted : stage === definition.stage));
    }
    case "and": {
      let result = await evaluate(facts, definition.of[0]!);
      for (const part of definition.of.slice(1)) {
        if (result.size === 0) break;
        const next = await evaluate(facts, part);
        result = new Set([...result].filter((id) => next.has(id)));
      }
      return result;
    }
    case "or": {
      const result = new Set<number>();
      for (const part of definition.of) for (const id of await evaluate(facts, part)) result.add(id);
      return result;
    }
    case "not": {
      const excluded = await evaluate(facts, definition.of);
      return new Set([...customers.keys()].filter((id) => !excluded.has(id)));
    }
  }
}

/**
 * The members of `definition` at `at` (the clock's now by default). Pass `facts` (from
 * `createAudienceFacts`, same `at`) to share what was read between several audiences evaluated
 * together.
 */
export async function findAudienceMembers(deps: AudienceDeps, definition: TAudienceDefinition, at: Date = deps.clock.now(), options: { facts?: AudienceFacts } = {}): Promise<AudienceMembers> {
  const facts = options.facts ?? createAudienceFacts(deps, at);
  if (facts.at.getTime() !== at.getTime()) throw new Error("findAudienceMembers: the facts given were read for another moment");
  const ids = await evaluate(facts, definition);
  const [customers, reachable, sales, lifetimeValues] = await Promise.all([facts.customers(), facts.reachable(), facts.sales(), facts.lifetimeValues()]);
  const members: AudienceMember[] = [];
  for (const id of ids) {
    const customer = customers.get(id);
    if (!customer) continue;
    members.push({
      customerId: id,
      name: customer.name,
      email: customer.email,
      phone: customer.phone,
      locale: customer.locale,
      marketingConsent: customer.marketingConsent,
      reachableOn: reachable.get(id) ?? [],
      lastOrder: sales.get(id)?.lastOrder ?? null,
      lifetimeValueMinor: lifetimeValues.get(id) ?? null,
    });
  }
  members.sort((a, b) =>
    (b.lifetimeValueMinor ?? -1) - (a.lifetimeValueMinor ?? -1)
    || (b.lastOrder?.at.getTime() ?? 0) - (a.lastOrder?.at.getTime() ?? 0)
    || b.customerId - a.customerId);
  const optedIn = members.filter((m) => m.marketingConsent).length;
  const reachableCount = members.filter((m) => m.reachableOn.length > 0).length;
  const both = members.filter((m) => m.marketingConsent && m.reachableOn.length > 0).length;
  return { at, customerIds: members.map((m) => m.customerId), members, counts: { total: members.length, optedIn, reachable: reachableCount, optedInAndReachable: both } };
}

/**
 * Only who is in the audience at `at` (customer ids), without the details a listing shows (contact,
 * reachability, lifetime value): what checking one customer needs, e.g. a promo code meant for an
 * audience, at the moment it is redeemed.
 */
export async function findAudienceCustomerIds(deps: AudienceDeps, definition: TAudienceDefinition, at: Date = deps.clock.now()): Promise<ReadonlySet<number>> {
  return evaluate(createAudienceFacts(deps, at), definition);
}
