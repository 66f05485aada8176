import { describe, expect, it } from "vitest";
import { createChatBudget } from "../../adapters/shared/chat-budget.ts";
import { createFixedClock } from "../../core/ports.ts";

describe("createChatBudget", () => {
  const setUp = (limit = 3) => {
    const clock = createFixedClock("2026-12-07T11:00:00Z");
    return { clock, budget: createChatBudget({ limit, windowMs: 60_000, clock }) };
  };

  it("admits a chat's first messages of a window, warns once on the next, then drops until the window ends", () => {
    const { clock, budget } = setUp();
    expect(Array.from({ length: 7 }, () => budget.take("chat:1"))).toEqual(["admit", "admit", "admit", "warn", "drop", "drop", "drop"]);
    expect(budget.isOver("chat:1")).toBe(true);
    clock.advance(59_999);
    expect(budget.take("chat:1")).toBe("drop");
    clock.advance(1);
    expect(budget.isOver("chat:1")).toBe(false);
    expect(Array.from({ length: 5 }, () => budget.take("chat:1"))).toEqual(["admit", "admit", "admit", "warn", "drop"]);
  });

  it("counts each chat on its own, its window starting with its own first message", () => {
    const { clock, budget } = setUp(2);
    expect([budget.take("chat:1"), budget.take("chat:1"), budget.take("chat:1")]).toEqual(["admit", "admit", "warn"]);
    clock.advance(30_000);
    expect([budget.take("chat:2"), budget.take("chat:2")]).toEqual(["admit", "admit"]);
    expect(budget.isOver("chat:2")).toBe(false);
    clock.advance(30_000);
    // chat 1's window is over; chat 2's has 30 s to go.
    expect([budget.take("chat:1"), budget.take("chat:2")]).toEqual(["admit", "warn"]);
  });

  it("starts a new window when the clock is set back, and admits everything with a limit of 0", () => {
    const { clock, budget } = setUp(1);
    expect([budget.take("chat:1"), budget.take("chat:1")]).toEqual(["admit", "warn"]);
    clock.advance(-1_000);
    expect(budget.take("chat:1")).toBe("admit");
    const off = setUp(0).budget;
    expect(Array.from({ length: 100 }, () => off.take("chat:1")).every((verdict) => verdict === "admit")).toBe(true);
    expect(off.isOver("chat:1")).toBe(false);
  });
});
