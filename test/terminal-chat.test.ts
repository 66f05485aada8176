import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runTerminalChat } from "../adapters/console/terminal-chat.ts";
import { createTestApp } from "./helpers/test-app.ts";

let ctx: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => {
  await ctx?.close();
});

describe("npm run chat", () => {
  it("orders by typing and pressing numbered buttons, then the owner ships it", async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let screen = "";
    output.on("data", (chunk) => (screen += String(chunk)));
    const done = runTerminalChat(ctx.app, { input, output }, "terminal-test");
    const lines = ["I want to buy 2 canvas tote bags", "1", "Jane Smith, 4 Park Lane, Oxford OX1 2AB", "/owner", "orders", "order 1 shipped", "/customer", "where is order 1?", "/quit"];
    input.end(lines.join("\n") + "\n");
    await done;
    expect(screen).toContain("[1] Confirm");
    expect(screen).toMatch(/Order #1 is placed \(£44\.00\)/);
    expect(screen).toContain("#1 PLACED");
    expect(screen).toContain("placed → shipped");
    expect(screen).toContain("Order #1: shipped");
  });
});
