import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { drawHoldout, holdoutSize, newHoldoutSeed } from "../../core/campaigns/draw-holdout.ts";
import { createSeededRandom } from "../../core/lib/seeded-random.ts";

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

function shuffled(values: readonly number[], seed: number): number[] {
  const copy = [...values];
  const random = createSeededRandom(seed);
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

describe("drawHoldout", () => {
  it("keeps out round(fraction × n) customers, halves rounded up", () => {
    expect(drawHoldout(range(1, 1000), 0.1, "s").size).toBe(100);
    expect(drawHoldout(range(1, 15), 0.1, "s").size).toBe(2); // 1.5 → 2
    expect(drawHoldout(range(1, 14), 0.1, "s").size).toBe(1); // 1.4 → 1
    expect(drawHoldout(range(1, 4), 0.1, "s").size).toBe(0); // 0.4 → 0
    expect(holdoutSize(100, 0.285)).toBe(29); // 28.5 on paper, 28.499999999999996 in binary
    expect(holdoutSize(3, 0.5)).toBe(2);
  });

  it("keeps nobody out at 0 % and everybody at 100 %", () => {
    expect(drawHoldout(range(1, 50), 0, "s")).toEqual(new Set());
    expect(drawHoldout([], 0.1, "s")).toEqual(new Set());
    expect([...drawHoldout(range(1, 50), 1, "s")]).toEqual(range(1, 50));
  });

  it("draws the same hold-out from the same seed whatever the order of the audience", () => {
    const audience = range(1000, 1999);
    const first = drawHoldout(audience, 0.1, "campaign-7");
    expect(drawHoldout(shuffled(audience, 1), 0.1, "campaign-7")).toEqual(first);
    expect(drawHoldout([...audience].reverse(), 0.1, "campaign-7")).toEqual(first);
    expect(drawHoldout([...audience, ...audience.slice(0, 300)], 0.1, "campaign-7")).toEqual(first);
    expect([...first]).toEqual([...first].sort((a, b) => a - b));
  });

  it("draws a different hold-out from a different seed", () => {
    const audience = range(1, 1000);
    const a = drawHoldout(audience, 0.1, "a");
    const b = drawHoldout(audience, 0.1, "b");
    const shared = [...a].filter((id) => b.has(id)).length;
    // Two independent draws of 100 out of 1,000 share 10 on average.
    expect(shared).toBeLessThan(30);
  });

  it("reads a numeric seed as its decimal text", () => {
    expect(drawHoldout(range(1, 200), 0.1, 42)).toEqual(drawHoldout(range(1, 200), 0.1, "42"));
  });

  it("gives the hold-out a stored seed gave before (the hash must never change)", () => {
    // Pinned when the draw was written: a report rebuilt from a stored seed must find the same people.
    expect([...drawHoldout(range(1, 40), 0.25, "spring-sale")]).toEqual([3, 9, 11, 13, 17, 21, 24, 25, 34, 38]);
    expect([...drawHoldout([17850, 13047, 12583, 13748, 15100, 15291, 14688, 17809, 15311, 14527], 0.2, 20261208)]).toEqual([14688, 15311]);
  });

  it("keeps out, at a larger fraction, everyone a smaller one kept out", () => {
    const audience = range(1, 500);
    const small = drawHoldout(audience, 0.05, "x");
    const large = drawHoldout(audience, 0.2, "x");
    for (const id of small) expect(large.has(id)).toBe(true);
  });

  it("moves at most one other customer when one joins the audience", () => {
    const audience = range(1, 299);
    const before = drawHoldout(audience, 0.1, "y");
    const after = drawHoldout([...audience, 300], 0.1, "y");
    const left = [...before].filter((id) => !after.has(id));
    const joined = [...after].filter((id) => !before.has(id) && id !== 300);
    expect(left.length + joined.length).toBeLessThanOrEqual(1);
  });

  it("keeps each customer out about as often as the fraction says, whatever their id", () => {
    // 2,000 seeds over 20 ids (consecutive and spread out): each is kept out ~Binomial(2000, 0.1)
    // times, mean 200, sd 13.4; the bounds are 4.5 sd either side.
    const ids = [...range(1, 10), 100, 1_000, 10_000, 65_535, 65_536, 4_294_967_295, 4_294_967_296, 2 ** 40, 2 ** 52, Number.MAX_SAFE_INTEGER];
    const counts = new Map(ids.map((id) => [id, 0]));
    for (let seed = 0; seed < 2000; seed++) {
      for (const id of drawHoldout(ids, 0.1, `seed-${seed}`)) counts.set(id, counts.get(id)! + 1);
    }
    for (const [, count] of counts) {
      expect(count).toBeGreaterThan(140);
      expect(count).toBeLessThan(260);
    }
  });

  it("spreads the hold-out evenly over the range of ids", () => {
    // 10,000 consecutive ids, 1,000 kept out: each block of 1,000 ids holds ~100 (hypergeometric, sd ≈ 9).
    const holdout = [...drawHoldout(range(1, 10_000), 0.1, "even")];
    for (let block = 0; block < 10; block++) {
      const inBlock = holdout.filter((id) => id > block * 1000 && id <= (block + 1) * 1000).length;
      expect(inBlock).toBeGreaterThan(60);
      expect(inBlock).toBeLessThan(140);
    }
  });

  it("refuses a fraction outside 0–1, ids that are not positive integers and an empty seed", () => {
    expect(() => drawHoldout([1, 2], 1.5, "s")).toThrow(ZodError);
    expect(() => drawHoldout([1, 2], -0.1, "s")).toThrow(ZodError);
    expect(() => drawHoldout([1, 2.5], 0.1, "s")).toThrow(ZodError);
    expect(() => drawHoldout([0, 2], 0.1, "s")).toThrow(ZodError);
    expect(() => drawHoldout([1, 2], 0.1, "  ")).toThrow(ZodError);
    expect(() => drawHoldout([1, 2], 0.1, 1.5)).toThrow(ZodError);
  });
});

describe("newHoldoutSeed", () => {
  it("makes a new 16-hex-digit seed each time", () => {
    const a = newHoldoutSeed();
    const b = newHoldoutSeed();
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(a).not.toBe(b);
  });
});
