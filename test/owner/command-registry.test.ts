/**
 * The registry is the single source of the owner's commands: whatever lists, parses, renders or
 * runs a command (help in both languages, the parser, the console's buttons, Slack's buttons, the
 * handlers' own buttons) is checked here against the list in core/owner/commands/index.ts.
 */
import { readdirSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderNotification, renderOwnerReplies } from "../../adapters/slack/render-block-kit.ts";
import type { Reply } from "../../core/messages.ts";
import type { AnyOwnerCommand, OwnerReply } from "../../core/owner/commands/define-command.ts";
import { OWNER_COMMANDS } from "../../core/owner/commands/index.ts";
import { describeOwnerNotification } from "../../core/owner/describe-notification.ts";
import { checkOwnerCommand, OWNER_VERBS, parseOwnerCommand, readCommandValue, writeCommandValue, writeOwnerCommand, type TOwnerCommand } from "../../core/owner/parse-owner-command.ts";
import type { OwnerNotification } from "../../core/ports.ts";
import { createTestApp, placeOrderInChat, textOf } from "../helpers/test-app.ts";
import { SHARED_MODEL_CACHE } from "../fakes/shared-model-cache.ts";

const REGISTRY: readonly AnyOwnerCommand[] = OWNER_COMMANDS;
const NOTIFICATIONS: Exclude<OwnerNotification, { type: "handoff_requested" }>[] = [
  { type: "new_lead", customerId: 1, leadId: 2, name: "Ann", contact: "ann@example.com" },
  { type: "new_order", orderId: 3, customerId: 1, customerName: null, totalMinor: 1234, currency: "GBP", lines: ["1 × Tea"], address: "Ann\n1 High St" },
  { type: "new_order", orderId: 4, customerId: null, customerName: null, totalMinor: 1234, currency: "GBP", lines: ["1 × Tea"] },
  { type: "payment_received", orderId: 3, totalMinor: 1234, currency: "GBP" },
  { type: "payment_claimed", orderId: 3, customerId: 1, customerName: "Ann", totalMinor: 1234, currency: "GBP" },
  { type: "shipping_address", orderId: 3, customerId: 1, customerName: "Ann", address: "Ann\n1 High St" },
  { type: "low_stock", productId: 4, sku: "TEA-1", name: "Tea", stock: 2, threshold: 5 },
  { type: "campaign_finished", campaignId: 5, name: "Spring tea", sent: 40, failed: 1, skipped: 2, reasons: [{ status: "skipped", reason: "weekly_cap", count: 2 }, { status: "failed", reason: "blocked", count: 1 }] },
];

/** A typed command is registered and its arguments pass its verb's schema unchanged. */
function expectRegistered(command: TOwnerCommand) {
  const { command: verb, ...args } = command;
  expect(REGISTRY.map((c) => c.verb)).toContain(verb);
  expect(checkOwnerCommand(verb, args)).toEqual(command);
}

describe("the owner's command registry", () => {
  it("has one entry per verb, each with a usage line, examples and help in English and Chinese", () => {
    const verbs = REGISTRY.map((c) => c.verb);
    expect(new Set(verbs).size).toBe(verbs.length);
    for (const command of REGISTRY) {
      expect(command.usage.length, command.verb).toBeGreaterThan(0);
      expect(command.examples.length, command.verb).toBeGreaterThan(0);
      expect(command.help.en, command.verb).toMatch(/[a-z]/);
      expect(command.help.zh, command.verb).toMatch(/\p{Script=Han}/u);
      for (const word of command.words) expect(OWNER_VERBS.has(word)).toBe(true);
    }
  });

  it("reads every command's own examples as that command, and writes each back as a line that reads the same", () => {
    for (const command of REGISTRY) {
      for (const example of command.examples) {
        const parsed = parseOwnerCommand(example);
        expect(parsed, example).toMatchObject({ ok: true, value: { command: command.verb } });
        if (!parsed.ok) continue;
        expect(parseOwnerCommand(writeOwnerCommand(parsed.value)), example).toEqual(parsed);
        // A Slack button's value reads back as the same command.
        expect(readCommandValue(writeCommandValue(parsed.value)), example).toEqual(parsed.value);
      }
    }
  });

  describe.each(["en", "zh"] as const)("help in %s", (locale) => {
    let ctx: Awaited<ReturnType<typeof createTestApp>>;
    beforeAll(async () => {
      ctx = await createTestApp({ modelCacheDir: SHARED_MODEL_CACHE, env: { OWNER_LOCALE: locale } });
    });
    afterAll(async () => {
      await ctx?.close();
    });

    it("lists every registered command with its usage line and help", async () => {
      const help = textOf(await ctx.app.owner.handle("help"));
      expect(help.split("\n")[0]).toBe(locale === "zh" ? "命令：" : "Commands:");
      for (const command of REGISTRY) expect(help).toContain(`${command.usage} — ${command.help[locale]}`);
      expect(help.split("\n")).toHaveLength(REGISTRY.length + 1);
    });
  });

  it("gives every owner intent the model predicts to exactly one registered command", () => {
    const intents = readdirSync(new URL("../../prompts/intents/owner/", import.meta.url)).map((f) => f.replace(/\.txt$/, "")).filter((i) => i !== "oos");
    expect(intents.length).toBeGreaterThan(10);
    for (const intent of intents) expect(REGISTRY.filter((c) => c.intents?.includes(intent)).map((c) => c.verb), intent).toHaveLength(1);
    // And no command claims an intent the model does not have.
    for (const command of REGISTRY) for (const intent of command.intents ?? []) expect(intents, command.verb).toContain(intent);
  });

  it.each(["manifest.json", "manifest.http.json"])("offers in Slack's /shop hint (%s) only lines the registry reads", (file) => {
    const manifest = JSON.parse(readFileSync(new URL(`../../slack/${file}`, import.meta.url), "utf8")) as { features: { slash_commands: { usage_hint: string }[] } };
    const hints = manifest.features.slash_commands[0]!.usage_hint.split("|").map((hint) => hint.trim());
    expect(hints.length).toBeGreaterThan(1);
    for (const hint of hints) expect(parseOwnerCommand(hint), hint).toMatchObject({ ok: true });
  });

  it("refuses a button value that is not a registered command with valid arguments", () => {
    expect(readCommandValue("order 12 paid")).toBeNull();
    expect(readCommandValue(JSON.stringify({ verb: "dropTables", args: {} }))).toBeNull();
    expect(readCommandValue(JSON.stringify({ verb: "order", args: { orderId: -1 } }))).toBeNull();
    expect(readCommandValue(JSON.stringify({ verb: "order", args: { orderId: 12, to: "stolen" } }))).toBeNull();
    expect(readCommandValue(JSON.stringify({ verb: "restock", args: { sku: "TEA-1", quantity: 0 } }))).toBeNull();
    expect(readCommandValue(JSON.stringify({ verb: "order", args: { orderId: 12, to: "paid" }, extra: 1 }))).toBeNull();
    expect(readCommandValue(JSON.stringify({ verb: "order", args: { orderId: 12, to: "paid" } }))).toEqual({ command: "order", orderId: 12, to: "paid" });
  });

  it("builds notification buttons, in Slack and in core, only from registered commands", () => {
    for (const n of NOTIFICATIONS) {
      for (const locale of ["en", "zh"] as const) {
        for (const button of describeOwnerNotification(n, locale).buttons) expectRegistered(button.command);
        const values = renderNotification(n, locale).blocks.flatMap((b) => (b.type === "actions" ? b.elements : [])).map((e) => ("value" in e ? e.value : undefined));
        expect(values.length).toBeGreaterThan(0);
        for (const value of values) expect(readCommandValue(value ?? ""), value).not.toBeNull();
      }
    }
  });

  describe("over live data", () => {
    let ctx: Awaited<ReturnType<typeof createTestApp>>;
    beforeAll(async () => {
      ctx = await createTestApp({ modelCacheDir: SHARED_MODEL_CACHE });
    });
    afterAll(async () => {
      await ctx?.close();
    });

    it("gives the console quick buttons from the registry, each a command that reads back", () => {
      const quick = ctx.app.owner.quickButtons();
      expect(quick.map((b) => b.label)).toEqual(REGISTRY.filter((c) => c.quick).map((c) => c.quick!.label.en));
      for (const button of quick) expect(parseOwnerCommand(button.payload), button.payload).toMatchObject({ ok: true });
    });

    it("answers with buttons that are registered commands, as typed buttons (Slack) and as lines (console)", async () => {
      const { id } = await placeOrderInChat(ctx.app, "registry-buyer", "I want 2 linen napkins sets", { address: "Jane Smith, 4 Park Lane, Oxford OX1 2AB" });
      await ctx.app.owner.handle(`order ${id} paid`);
      const { id: cancelled } = await placeOrderInChat(ctx.app, "registry-buyer-2", "I want 1 linen napkins set");
      await ctx.app.owner.handle(`order ${cancelled} paid`);
      await ctx.app.owner.handle(`order ${cancelled} cancel`);
      // Read-only lines, asked twice (typed, then as the console asks): the same buttons both times.
      const lines = ["orders", "orders all", `order ${id}`, `order ${cancelled}`, "leads all", "customers example", "customer 1", "top", "hot", "digest", "stock low", "refunds", "inbox"];
      let typed: OwnerReply[] = [];
      let console: Reply[] = [];
      for (const line of lines) {
        typed = [...typed, ...(await ctx.app.owner.answer(line))];
        console = [...console, ...(await ctx.app.owner.handle(line))];
      }
      const typedButtons = typed.flatMap((r) => r.buttons?.flat() ?? []);
      expect(new Set(typedButtons.map((b) => b.command.command)).size).toBeGreaterThanOrEqual(4);
      for (const button of typedButtons) expectRegistered(button.command);
      for (const value of renderOwnerReplies(typed).blocks.flatMap((b) => (b.type === "actions" ? b.elements : [])).map((e) => ("value" in e ? e.value : ""))) {
        expect(readCommandValue(value ?? ""), value).not.toBeNull();
      }
      // The console's buttons are the same commands, written as lines that read back as them.
      const consoleButtons = console.flatMap((r) => r.buttons?.flat() ?? []);
      expect(consoleButtons.map((b) => b.label)).toEqual(typedButtons.map((b) => b.label));
      consoleButtons.forEach((button, i) => expect(parseOwnerCommand(button.payload)).toEqual({ ok: true, value: typedButtons[i]!.command }));
    });
  });
});
