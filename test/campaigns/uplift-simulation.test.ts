import { describe, expect, it } from "vitest";
import { audienceForUplift, deriveBaseRates, simulateUplift, type UpliftPopulation } from "../../bench/lib/uplift-simulation.ts";

const DAY = 86_400_000;

/** 400 made-up customers whose base rates run evenly from 0 to 30 % (mean ≈ 15 %). */
function syntheticPopulation(): UpliftPopulation {
  const customerIds = Array.from({ length: 400 }, (_, i) => 1000 + 7 * i);
  return { customerIds, baseRates: customerIds.map((_, i) => (0.3 * i) / 399) };
}

describe("simulateUplift", () => {
  it("covers the true uplift about 95 % of the time, without bias, on a small made-up population", () => {
    // 2,000 campaigns of 200 (hold-out 20): coverage's Monte Carlo SE is 0.005, so a correct 95 %
    // interval lands in 0.92–0.98 with room to spare; a Wald interval, or comparing with the wrong
    // truth, would not.
    const result = simulateUplift(syntheticPopulation(), { audienceSize: 200, simulations: 2_000, seed: 7 });
    expect(result.holdoutPeople).toBe(20);
    expect(result.coverage95).toBeGreaterThanOrEqual(0.92);
    expect(result.coverage95).toBeLessThanOrEqual(0.98);
    expect(Math.abs(result.biasPoints)).toBeLessThan(3 * result.biasStandardErrorPoints);
    expect(result.trueUpliftPoints).toBeGreaterThan(2);
    expect(result.trueUpliftPoints).toBeLessThan(3); // effects uniform between two draws from 0–5 points: mean 2.5
    // The naive figure (treated conversion) overstates the effect by the base rate, ~15 points.
    expect(result.naiveErrorPoints).toBeGreaterThan(13);
    expect(result.naiveErrorPoints).toBeLessThan(17);
  });

  it("gives the same figures for the same seed and different ones for another", () => {
    const population = syntheticPopulation();
    const options = { audienceSize: 100, simulations: 50, seed: 3 };
    expect(simulateUplift(population, options)).toEqual(simulateUplift(population, options));
    expect(simulateUplift(population, { ...options, seed: 4 }).biasPoints).not.toBe(simulateUplift(population, options).biasPoints);
  });

  it("finds no effect when the campaign has none, and refuses an audience larger than the population", () => {
    const result = simulateUplift(syntheticPopulation(), { audienceSize: 300, simulations: 200, seed: 1, maxEffect: 0 });
    expect(result.trueUpliftPoints).toBe(0);
    expect(Math.abs(result.biasPoints)).toBeLessThan(3 * result.biasStandardErrorPoints);
    expect(() => simulateUplift(syntheticPopulation(), { audienceSize: 401, simulations: 1, seed: 1 })).toThrow(/at least that many/);
    expect(simulateUplift(syntheticPopulation(), { audienceSize: 1_000, simulations: 5, seed: 1, withReplacement: true }).holdoutPeople).toBe(100);
  });
});

describe("deriveBaseRates", () => {
  it("counts the windows before the cutoff with an order, and who ordered in the window after", () => {
    const cutoffMs = Date.UTC(2011, 8, 1);
    const orders = [
      // Customer 1: two orders in the last fortnight (one window), one 20 days back (the second window).
      { customerId: "1", atMs: cutoffMs - 1 * DAY },
      { customerId: "1", atMs: cutoffMs - 3 * DAY },
      { customerId: "1", atMs: cutoffMs - 20 * DAY },
      // Customer 2: one order 100 days back (window 7 of 0–9), and one in the 14 days after the cutoff.
      { customerId: "2", atMs: cutoffMs - 100 * DAY },
      { customerId: "2", atMs: cutoffMs + 13 * DAY },
      // Customer 3: only older than the 10 windows: in the population with rate 0.
      { customerId: "3", atMs: cutoffMs - 200 * DAY },
      // Customer 4: first order after the cutoff: not in the population.
      { customerId: "4", atMs: cutoffMs + 1 * DAY },
      // Customer 3 again, 14 days after: outside the window after.
      { customerId: "3", atMs: cutoffMs + 14 * DAY },
    ];
    const population = deriveBaseRates(orders, { cutoffMs, windowDays: 14, windows: 10 });
    expect(population.customerIds).toEqual([1, 2, 3]);
    expect(population.baseRates).toEqual([0.2, 0.1, 0]);
    expect(population.actualRate).toBeCloseTo(1 / 3, 12);
  });
});

describe("audienceForUplift", () => {
  it("gives the normal-approximation audience for a 2-point uplift over 10 % with a 10 % hold-out", () => {
    // Variance per person 0.12·0.88/0.9 + 0.10·0.90/0.10 = 1.0173333.
    // Half-width 2 points: 1.959964² · 1.0173333 / 0.02² = 9770.1 → 9,771.
    expect(audienceForUplift(0.1, 0.02, 0.1, 0)).toBe(9771);
    // 80 % power: (1.959964 + 0.841621)² · 1.0173333 / 0.02² = 19962.3 → 19,963.
    expect(audienceForUplift(0.1, 0.02, 0.1, 0.8416212335729143)).toBe(19963);
  });
});
