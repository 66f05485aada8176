/**
 * The scripted conversation of `npm run measure:round-trips`: every customer turn is one
 * transaction (one BEGIN, one COMMIT), and the conversation costs no more round trips than it did
 * when the turn became one transaction (208 on the frame before it; lower this figure when it falls).
 */
import { describe, expect, it } from "vitest";
import { measureScriptedConversation } from "../scripts/lib/measure-scripted-conversation.ts";
import { SHARED_MODEL_CACHE } from "./fakes/shared-model-cache.ts";

/** Round trips of the scripted conversation with one transaction per turn (208 before). */
// 115 before the state update and the messages insert became one statement; 103 before the first order
// asked for marketing consent (one conditional update stamping consentAskedAt, once in a customer's life).
const ROUND_TRIPS_AT_MOST = 104;

describe("the scripted 12-turn conversation", () => {
  it("is one transaction per turn, and no more round trips than measured", async () => {
    const { turns, errors } = await measureScriptedConversation({ modelCacheDir: SHARED_MODEL_CACHE });
    expect(errors).toEqual([]);
    expect(turns).toHaveLength(12);
    for (const turn of turns) {
      expect({ text: turn.text, transactions: turn.transactions, ends: turn.transactionEnds }).toEqual({ text: turn.text, transactions: 1, ends: 1 });
      expect(turn.statements[0]).toBe("BEGIN");
      expect(turn.statements.at(-1)).toBe("COMMIT");
    }
    expect(turns.find((t) => t.text === "yes")!.replies[0]!.text).toMatch(/Order #1 is placed/);
    expect(turns.reduce((sum, t) => sum + t.total, 0)).toBeLessThanOrEqual(ROUND_TRIPS_AT_MOST);
  }, 120_000);
});
