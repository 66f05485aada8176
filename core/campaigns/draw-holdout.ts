/**
 * The hold-out of a campaign's audience: the customers who are kept out (never sent the message) so
 * that what the others did can be compared with what they would have done anyway.
 *
 * How it is drawn: every customer gets a score, a 53-bit hash (MurmurHash3, x86 32-bit, twice with
 * two keys) of the customer's id keyed by the seed, and the `round(fraction × n)` customers with the
 * lowest scores are kept out (ties, about one in 2^53, go to the lower id). That makes the draw
 * - reproducible: the same audience and seed give the same hold-out, on any machine, so a report can
 *   be rebuilt from the stored seed;
 * - independent of the order the audience arrives in (a database without `ORDER BY` may change it);
 * - random with respect to anything about the customers: the hash mixes every bit of the id, so which
 *   ids are kept out is unrelated to when they joined or what they bought;
 * - stable: a customer added to or removed from the audience moves at most one other customer across
 *   the line, and a larger fraction with the same seed keeps out everyone a smaller one did.
 *
 * Size: `round(fraction × n)` with halves rounded up, n counting each distinct id once, the product
 * taken to 12 significant digits first so that 0.285 × 100 is 28.5 (→ 29) as on paper rather than
 * the binary 28.499999999999996. Fraction 0 keeps nobody out (uplift cannot then be measured).
 */
import { randomBytes } from "node:crypto";
import { z } from "zod";

/** A seed as stored: a number is read as its decimal text, so `42` and `"42"` draw the same hold-out. */
export const ZHoldoutSeed = z.union([z.string().trim().min(1).max(100), z.number().int().safe()]);
export type THoldoutSeed = z.input<typeof ZHoldoutSeed>;

export const ZDrawHoldoutOptions = z.object({
  customerIds: z.array(z.number().int().positive().safe()),
  fraction: z.number().min(0).max(1),
  seed: ZHoldoutSeed,
});

/** The size of the hold-out of `n` customers (see the file's comment for the rule). */
export function holdoutSize(n: number, fraction: number): number {
  return Math.floor(Number((fraction * n).toPrecision(12)) + 0.5);
}

/**
 * The customers kept out of `customerIds` (duplicates count once) for `seed`, as a set whose
 * iteration order is ascending id. The campaign is sent to the others.
 */
export function drawHoldout(customerIds: readonly number[], fraction: number, seed: string | number): Set<number> {
  const options = ZDrawHoldoutOptions.parse({ customerIds, fraction, seed });
  const ids = [...new Set(options.customerIds)];
  const size = holdoutSize(ids.length, options.fraction);
  if (size === 0) return new Set();
  const [keyA, keyB] = seedKeys(String(options.seed).trim());
  const scores = new Float64Array(ids.length);
  const order = Array.from({ length: ids.length }, (_, i) => i);
  for (let i = 0; i < ids.length; i++) scores[i] = scoreOf(ids[i]!, keyA, keyB);
  order.sort((a, b) => scores[a]! - scores[b]! || ids[a]! - ids[b]!);
  return new Set(order.slice(0, size).map((i) => ids[i]!).sort((a, b) => a - b));
}

/**
 * For customers decided one at a time (an automation's, as each occasion comes): kept out with
 * probability `fraction`, from the same keyed hash as {@link drawHoldout}; the same id and seed always
 * decide the same way. (The size is then about, not exactly, fraction × n.)
 */
export function isHeldOut(customerId: number, fraction: number, seed: string | number): boolean {
  const [keyA, keyB] = seedKeys(String(seed).trim());
  return scoreOf(customerId, keyA, keyB) / 2 ** 53 < fraction;
}

/** A fresh seed for a new hold-out: 16 hex digits from the operating system's random source. */
export function newHoldoutSeed(): string {
  return randomBytes(8).toString("hex");
}

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

function mixBlock(h: number, block: number): number {
  let k = Math.imul(block, C1);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, C2);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function finish(h: number, lengthInBytes: number): number {
  h ^= lengthInBytes;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Two 32-bit keys from the seed's text (MurmurHash3 of its UTF-16 code units, seeds 1 and 2). */
function seedKeys(seed: string): [number, number] {
  let a = 1;
  let b = 2;
  for (let i = 0; i < seed.length; i++) {
    a = mixBlock(a, seed.charCodeAt(i));
    b = mixBlock(b, seed.charCodeAt(i));
  }
  return [finish(a, seed.length * 2), finish(b, seed.length * 2)];
}

/** MurmurHash3 of the id's 8 bytes under each key, joined into a number in [0, 2^53). */
function scoreOf(id: number, keyA: number, keyB: number): number {
  const low = id >>> 0;
  const high = Math.floor(id / 4294967296) >>> 0;
  const a = finish(mixBlock(mixBlock(keyA, low), high), 8);
  const b = finish(mixBlock(mixBlock(keyB, low), high), 8);
  return (a >>> 11) * 4294967296 + b;
}
