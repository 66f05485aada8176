/**
 * Labelled examples for the lead scorer from the shop's own history: at each past cutoff, every known
 * customer's features (what was known then) and whether they ordered in the following `horizonDays`.
 * Several cutoffs (say, every two weeks over the last months) give a small shop enough examples.
 */
import type { CustomerKey } from "../recommendations/types.ts";
import { extractLeadFeatures, type LeadEventRecord, type LeadFeatures, type LeadOrderRecord } from "./extract-lead-features.ts";

export interface LabelledLeadExample {
  customerId: CustomerKey;
  cutoff: Date;
  features: LeadFeatures;
  /** 1 when the customer placed an order in [cutoff, cutoff + horizonDays). */
  label: 0 | 1;
}

export interface BuildLeadTrainingSetOptions {
  orders: readonly LeadOrderRecord[];
  events?: readonly LeadEventRecord[];
  /** Cutoffs whose label window must already be over (cutoff + horizonDays ≤ now), or labels are wrong. */
  cutoffs: readonly Date[];
  /** Label window; default 14 days (the product's question: "will they order within two weeks?"). */
  horizonDays?: number;
  /**
   * Only customers with an order or a chat event in this many days before each cutoff (default: every
   * known customer). A scorer that only ever scores recently active customers learns from the same
   * population, and skips thousands of long-gone customers whose label is almost always 0.
   */
  activeWithinDays?: number;
}

export function buildLeadTrainingSet(options: BuildLeadTrainingSetOptions): LabelledLeadExample[] {
  const horizonMs = (options.horizonDays ?? 14) * 86_400_000;
  const examples: LabelledLeadExample[] = [];
  for (const cutoff of options.cutoffs) {
    const start = cutoff.getTime();
    const buyers = new Set<CustomerKey>();
    for (const order of options.orders) {
      const at = order.at.getTime();
      if (at >= start && at < start + horizonMs) buyers.add(order.customerId);
    }
    let customerIds: CustomerKey[] | undefined;
    if (options.activeWithinDays !== undefined) {
      const since = start - options.activeWithinDays * 86_400_000;
      const active = new Set<CustomerKey>();
      for (const order of options.orders) {
        const at = order.at.getTime();
        if (at >= since && at < start) active.add(order.customerId);
      }
      for (const event of options.events ?? []) {
        const at = event.at.getTime();
        if (at >= since && at < start) active.add(event.customerId);
      }
      customerIds = [...active];
    }
    const features = extractLeadFeatures({ orders: options.orders, events: options.events, asOf: cutoff, ...(customerIds ? { customerIds } : {}) });
    for (const [customerId, vector] of features) {
      examples.push({ customerId, cutoff, features: vector, label: buyers.has(customerId) ? 1 : 0 });
    }
  }
  return examples;
}
