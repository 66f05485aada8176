/**
 * Customer segmentation for the owner: RFM (recency, frequency, monetary value) per customer, k-means
 * on log(1 + x) standardised RFM with k in 2..8 chosen by silhouette, and each segment named in words
 * (champions, loyal, at risk, new, lost, …) in English and Chinese so the digest can say "12 champions,
 * 30 at risk" rather than "cluster 3".
 *
 * Naming: each segment gets R, F and M scores in [0, 1] from its members' averages, measured against
 * the shop itself rather than against the other segments (ranking segments against each other called
 * one-time buyers of six weeks ago "lost" beside repeat buyers of five weeks ago, because one of two
 * segments had to come last):
 * - R = G / max(G, mean days since the last order), G the shop's usual gap between a customer's orders
 *   (median over customers with two or more orders; 90 days when nobody has two): 1 while the segment
 *   is within the usual gap, ½ at twice it (the "still active" reading of the lifetime-value module);
 * - F = 1 − 1 / mean orders (one order 0, two ½, ten 0.9);
 * - M = share of all customers who spent less than the segment's mean (ties count half).
 * Segments are then matched one-to-one to the nearest archetype (e.g. champions = (1, 1, 1), new =
 * (1, 0, 0.2), at risk = (0.2, 0.8, 0.8), lost = (0, 0, 0)), closest pairs first, so two segments never
 * share a name.
 */
import { median } from "../lib/statistics.ts";
import { clusterKMeans } from "./cluster-k-means.ts";
import { computeSilhouette } from "./compute-silhouette.ts";
import type { CustomerKey } from "../recommendations/types.ts";
import { digestMessagesFor } from "../../i18n/digest.ts";

export interface SegmentOrderRecord {
  customerId: CustomerKey;
  at: Date;
  totalMinor: number;
}

export interface SegmentCustomersOptions {
  orders: readonly SegmentOrderRecord[];
  /** Recency is counted back from here; later orders are ignored. */
  asOf: Date;
  minK?: number;
  maxK?: number;
  seed?: number;
  /** Silhouette is computed on at most this many customers (seeded sample); default 2,000. */
  silhouetteSampleSize?: number;
}

export type SegmentKey =
  | "champions"
  | "loyal"
  | "promising"
  | "new"
  | "needs_attention"
  | "at_risk"
  | "hibernating"
  | "lost";

/** A segment's words in each owner language; they come from the analytics catalog (core/i18n/digest.ts). */
export interface LocalizedLabel {
  en: string;
  zh: string;
}

export interface CustomerSegment {
  id: number;
  key: SegmentKey;
  label: LocalizedLabel;
  /** What the owner might do about them. */
  advice: LocalizedLabel;
  size: number;
  /** Mean raw RFM of the members. */
  average: { recencyDays: number; orders: number; monetaryMinor: number };
  /** The segment's R, F and M scores, 0 (worst) … 1 (best), that chose its name (see the module comment). */
  scores: { recency: number; frequency: number; monetary: number };
}

export interface SegmentedCustomer {
  customerId: CustomerKey;
  segmentId: number;
  recencyDays: number;
  orders: number;
  monetaryMinor: number;
}

export interface CustomerSegmentation {
  k: number;
  /** Mean silhouette of the chosen k (0 when fewer than three customers). */
  silhouette: number;
  silhouetteByK: Record<number, number>;
  /** Ordered by mean spend, highest first. */
  segments: CustomerSegment[];
  customers: SegmentedCustomer[];
}

interface Archetype {
  key: SegmentKey;
  rfm: [number, number, number];
  label: LocalizedLabel;
  advice: LocalizedLabel;
}

/** A segment's name and advice in each owner language, from the analytics catalog (core/i18n/digest.ts). */
function namesOf(key: SegmentKey): { label: LocalizedLabel; advice: LocalizedLabel } {
  const en = digestMessagesFor("en").segmentNames[key];
  const zh = digestMessagesFor("zh").segmentNames[key];
  return { label: { en: en.label, zh: zh.label }, advice: { en: en.advice, zh: zh.advice } };
}

/** The segment names and where they sit in (recency, frequency, monetary) rank space. */
export const SEGMENT_ARCHETYPES: readonly Archetype[] = [
  {
    key: "champions",
    rfm: [1, 1, 1],
    ...namesOf("champions"),
  },
  {
    key: "loyal",
    rfm: [0.7, 0.8, 0.7],
    ...namesOf("loyal"),
  },
  {
    key: "promising",
    rfm: [0.75, 0.4, 0.4],
    ...namesOf("promising"),
  },
  {
    key: "new",
    rfm: [1, 0, 0.2],
    ...namesOf("new"),
  },
  {
    key: "needs_attention",
    rfm: [0.5, 0.5, 0.5],
    ...namesOf("needs_attention"),
  },
  {
    key: "at_risk",
    rfm: [0.2, 0.8, 0.8],
    ...namesOf("at_risk"),
  },
  {
    key: "hibernating",
    rfm: [0.25, 0.25, 0.3],
    ...namesOf("hibernating"),
  },
  {
    key: "lost",
    rfm: [0, 0, 0],
    ...namesOf("lost"),
  },
];

const MS_PER_DAY = 86_400_000;

/** Days between a customer's orders, as usual in this shop: the median over customers with two or more orders. */
function usualGapDays(spans: readonly { firstMs: number; lastMs: number; orders: number }[]): number {
  const gaps = spans.filter((s) => s.orders >= 2).map((s) => (s.lastMs - s.firstMs) / MS_PER_DAY / (s.orders - 1)).filter((g) => g > 0);
  return gaps.length === 0 ? 90 : median(gaps);
}

/** Share of `sorted` (ascending) below `value`, values equal to it counting half. */
function shareBelow(sorted: readonly number[], value: number): number {
  let below = 0;
  let equal = 0;
  for (const v of sorted) {
    if (v < value) below++;
    else if (v === value) equal++;
    else break;
  }
  return (below + equal / 2) / sorted.length;
}

/** One-to-one names for segments by their RFM scores, nearest (cluster, archetype) pairs first. */
function nameSegments(ranks: readonly [number, number, number][]): Archetype[] {
  const pairs: { cluster: number; archetype: number; distance: number }[] = [];
  ranks.forEach((rank, cluster) => {
    SEGMENT_ARCHETYPES.forEach((archetype, index) => {
      const distance = rank.reduce((sum, v, d) => sum + (v - archetype.rfm[d]!) ** 2, 0);
      pairs.push({ cluster, archetype: index, distance });
    });
  });
  pairs.sort((a, b) => a.distance - b.distance || a.cluster - b.cluster || a.archetype - b.archetype);
  const chosen = new Map<number, Archetype>();
  const used = new Set<number>();
  for (const pair of pairs) {
    if (chosen.has(pair.cluster) || used.has(pair.archetype)) continue;
    chosen.set(pair.cluster, SEGMENT_ARCHETYPES[pair.archetype]!);
    used.add(pair.archetype);
  }
  return ranks.map((_, cluster) => chosen.get(cluster)!);
}

/** Segments the customers who ordered before `asOf`. */
export function segmentCustomers(options: SegmentCustomersOptions): CustomerSegmentation {
  const asOfMs = options.asOf.getTime();
  const rfm = new Map<CustomerKey, { firstMs: number; lastMs: number; orders: number; monetaryMinor: number }>();
  for (const order of options.orders) {
    const at = order.at.getTime();
    if (!(at < asOfMs)) continue;
    const entry = rfm.get(order.customerId) ?? { firstMs: at, lastMs: at, orders: 0, monetaryMinor: 0 };
    entry.firstMs = Math.min(entry.firstMs, at);
    entry.lastMs = Math.max(entry.lastMs, at);
    entry.orders++;
    entry.monetaryMinor += order.totalMinor;
    rfm.set(order.customerId, entry);
  }
  const customers: SegmentedCustomer[] = [...rfm].map(([customerId, entry]) => ({
    customerId,
    segmentId: 0,
    recencyDays: (asOfMs - entry.lastMs) / MS_PER_DAY,
    orders: entry.orders,
    monetaryMinor: entry.monetaryMinor,
  }));
  if (customers.length === 0) return { k: 0, silhouette: 0, silhouetteByK: {}, segments: [], customers: [] };

  const raw = customers.map((c) => [Math.log1p(c.recencyDays), Math.log1p(c.orders), Math.log1p(Math.max(0, c.monetaryMinor))]);
  const means = [0, 1, 2].map((d) => raw.reduce((sum, p) => sum + p[d]!, 0) / raw.length);
  const sds = [0, 1, 2].map((d) => Math.sqrt(raw.reduce((sum, p) => sum + (p[d]! - means[d]!) ** 2, 0) / raw.length) || 1);
  const points = raw.map((p) => p.map((v, d) => (v - means[d]!) / sds[d]!));

  const seed = options.seed ?? 42;
  const minK = Math.max(2, options.minK ?? 2);
  const maxK = Math.min(options.maxK ?? 8, customers.length - 1);
  const silhouetteByK: Record<number, number> = {};
  let best: { k: number; silhouette: number; assignments: number[]; centroids: number[][] } | null = null;
  for (let k = minK; k <= maxK; k++) {
    const result = clusterKMeans({ points, k, seed });
    const silhouette = computeSilhouette({
      points,
      assignments: result.assignments,
      sampleSize: options.silhouetteSampleSize ?? 2000,
      seed,
    });
    silhouetteByK[k] = silhouette;
    if (!best || silhouette > best.silhouette + 1e-12) best = { k, silhouette, assignments: result.assignments, centroids: result.centroids };
  }
  // Fewer than three customers: one segment.
  const chosen = best ?? { k: 1, silhouette: 0, assignments: customers.map(() => 0), centroids: [[0, 0, 0]] };

  const k = chosen.centroids.length;
  const members = Array.from({ length: k }, () => ({ size: 0, recency: 0, orders: 0, monetary: 0 }));
  chosen.assignments.forEach((cluster, i) => {
    const m = members[cluster]!;
    const c = customers[i]!;
    m.size++;
    m.recency += c.recencyDays;
    m.orders += c.orders;
    m.monetary += c.monetaryMinor;
  });
  const gap = usualGapDays([...rfm.values()]);
  const spend = customers.map((c) => c.monetaryMinor).sort((a, b) => a - b);
  const scores = members.map((m) => {
    const size = Math.max(1, m.size);
    return {
      recency: gap / Math.max(gap, m.recency / size),
      frequency: 1 - 1 / Math.max(1, m.orders / size),
      monetary: shareBelow(spend, m.monetary / size),
    };
  });
  const names = nameSegments(scores.map((s) => [s.recency, s.frequency, s.monetary]));
  const unsorted = members.map((m, cluster) => ({
    cluster,
    segment: {
      id: 0,
      key: names[cluster]!.key,
      label: names[cluster]!.label,
      advice: names[cluster]!.advice,
      size: m.size,
      average: {
        recencyDays: m.size ? m.recency / m.size : 0,
        orders: m.size ? m.orders / m.size : 0,
        monetaryMinor: m.size ? Math.round(m.monetary / m.size) : 0,
      },
      scores: scores[cluster]!,
    } satisfies CustomerSegment,
  }));
  unsorted.sort((a, b) => b.segment.average.monetaryMinor - a.segment.average.monetaryMinor || a.cluster - b.cluster);
  const idOfCluster = new Map<number, number>();
  unsorted.forEach((entry, id) => {
    entry.segment.id = id;
    idOfCluster.set(entry.cluster, id);
  });
  chosen.assignments.forEach((cluster, i) => {
    customers[i]!.segmentId = idOfCluster.get(cluster)!;
  });
  return {
    k,
    silhouette: chosen.silhouette,
    silhouetteByK,
    segments: unsorted.map((entry) => entry.segment),
    customers,
  };
}
