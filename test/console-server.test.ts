import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { slashCommand } from "../adapters/console/slash-commands.ts";
import { createConsoleServer } from "../adapters/console/web-server.ts";
import { consoleServicesFor, isDatabaseAnswering } from "../bot/channel-services.ts";
import { createTestApp } from "./helpers/test-app.ts";

let ctx: Awaited<ReturnType<typeof createTestApp>>;
let open: ReturnType<typeof createConsoleServer>;
let locked: ReturnType<typeof createConsoleServer>;
let openUrl: string;
let lockedUrl: string;
const TOKEN = "correct-horse-battery-staple";

beforeAll(async () => {
  ctx = await createTestApp();
  open = createConsoleServer({ ...consoleServicesFor(ctx.app), host: "127.0.0.1", port: 0 });
  locked = createConsoleServer({ ...consoleServicesFor(ctx.app), host: "127.0.0.1", port: 0, ownerToken: TOKEN });
  openUrl = (await open.listen()).url;
  lockedUrl = (await locked.listen()).url;
});
afterAll(async () => {
  await open?.close();
  await locked?.close();
  await ctx?.close();
});

const json = (body: unknown, headers: Record<string, string> = {}) => ({ method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });

async function chat(base: string, cookie: string | undefined, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}/api/customer/messages`, json(body, { ...headers, ...(cookie ? { cookie } : {}) }));
  return { res, data: (await res.json()) as { replies: { text: string }[] }, cookie: cookie ?? res.headers.get("set-cookie")!.split(";")[0]! };
}

describe("the web console", () => {
  it("serves the page with a strict content security policy", async () => {
    const res = await fetch(`${openUrl}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(await res.text()).toContain("Customer chat");
  });

  it("reads the Telegram bot's commands typed in the chat as Telegram does", async () => {
    const start = await chat(openUrl, undefined, { text: "/start" });
    expect(start.data.replies[0]!.text).toMatch(/^Hello! Welcome to/);
    expect((await chat(openUrl, start.cookie, { text: "/catalog" })).data.replies[0]!.text).toBe("Here are our categories:");
    expect((await chat(openUrl, start.cookie, { text: "/orders" })).data.replies[0]!.text).toContain("You have no orders yet");
    // Only the command alone: anything after it makes it text like any other.
    expect(slashCommand("/catalog please")).toBeNull();
    // A command, not made-up text: core greets in the browser's language and stores what was typed.
    expect(slashCommand("/start")).toEqual({ name: "start" });
    const zh = await chat(openUrl, undefined, { text: "/start" }, { "accept-language": "zh-CN,zh;q=0.9" });
    expect(zh.data.replies[0]!.text).toMatch(/^您好！欢迎光临/);
    const stored = await (await fetch(`${openUrl}/api/customer/messages`, { headers: { cookie: zh.cookie } })).json() as { messages: { direction: string; text: string }[] };
    expect(stored.messages.filter((m) => m.direction === "inbound").map((m) => m.text)).toEqual(["/start"]);
  });

  it("opens a product's card from /start with its SKU, and offers the languages on /language", async () => {
    const linked = await chat(openUrl, undefined, { text: "/start TEA-001" });
    expect(linked.data.replies[0]!.text).toContain("Jasmine Silver Needle Tea — £14.50");
    const picker = (await chat(openUrl, linked.cookie, { text: "/language" })).data.replies[0] as { text: string; buttons: { label: string; payload: string }[][] };
    expect(picker.text).toBe("Which language would you like?");
    expect(picker.buttons.flat().map((b) => b.label)).toEqual(["English", "中文"]);
    const chinese = await chat(openUrl, linked.cookie, { payload: picker.buttons[0]![1]!.payload });
    expect(chinese.data.replies[0]!.text).toMatch(/^您好！欢迎光临/);
  });

  it("gives each browser its own customer session that sees only its own messages", async () => {
    const a = await chat(openUrl, undefined, { text: "hi, my email is private@example.com" });
    expect(a.cookie).toMatch(/^solo_session=[a-f0-9]{32}$/);
    const b = await chat(openUrl, undefined, { text: "hello" });
    expect(b.cookie).not.toBe(a.cookie);
    const history = await (await fetch(`${openUrl}/api/customer/messages`, { headers: { cookie: b.cookie } })).json() as { messages: { text: string }[] };
    expect(history.messages.map((m) => m.text).join("\n")).not.toContain("private@example.com");
    const own = await (await fetch(`${openUrl}/api/customer/messages`, { headers: { cookie: a.cookie } })).json() as { messages: { text: string }[] };
    expect(own.messages.map((m) => m.text).join("\n")).toContain("private@example.com");
  });

  it("runs owner commands on localhost without a token when none is configured", async () => {
    const res = await fetch(`${openUrl}/api/owner/command`, json({ text: "stock low" }));
    expect(res.status).toBe(200);
    expect(JSON.stringify(await res.json())).toContain("STA-004");
  });

  it("refuses every owner request without the token when one is configured", async () => {
    const noToken = await fetch(`${lockedUrl}/api/owner/command`, json({ text: "orders" }));
    expect(noToken.status).toBe(401);
    const wrong = await fetch(`${lockedUrl}/api/owner/command`, json({ text: "orders" }, { authorization: "Bearer nope" }));
    expect(wrong.status).toBe(401);
    const feed = await fetch(`${lockedUrl}/api/owner/notifications`);
    expect(feed.status).toBe(401);
    const right = await fetch(`${lockedUrl}/api/owner/command`, json({ text: "orders" }, { authorization: `Bearer ${TOKEN}` }));
    expect(right.status).toBe(200);
  });

  it("refuses cross-site and non-JSON owner requests", async () => {
    const crossSite = await fetch(`${openUrl}/api/owner/command`, json({ text: "orders" }, { origin: "https://evil.example" }));
    expect(crossSite.status).toBe(403);
    const form = await fetch(`${openUrl}/api/owner/command`, { method: "POST", headers: { "content-type": "text/plain" }, body: JSON.stringify({ text: "orders" }) });
    expect(form.status).toBe(415);
  });

  it("answers malformed requests with a clear error", async () => {
    const badJson = await fetch(`${openUrl}/api/customer/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: "{not json" });
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toEqual({ error: "The request body is not valid JSON." });
    const wrongShape = await fetch(`${openUrl}/api/customer/messages`, json({ text: 42 }));
    expect(wrongShape.status).toBe(400);
    const tooBig = await fetch(`${openUrl}/api/customer/messages`, json({ text: "x".repeat(300_000) }));
    expect(tooBig.status).toBe(413);
    expect((await fetch(`${openUrl}/nope`)).status).toBe(404);
  });

  it("accepts a 100 KB customer message", async () => {
    const { res, data } = await chat(openUrl, undefined, { text: "tea ".repeat(25_000) });
    expect(res.status).toBe(200);
    expect(data.replies.length).toBeGreaterThan(0);
  });
});

describe("the web console under bad input and a failing database", () => {
  it("treats a malformed cookie as none (a new session), not as a server error", async () => {
    const res = await fetch(`${openUrl}/api/customer/messages`, json({ text: "hi" }, { cookie: "solo_session=%E0%A4%A; other=%" }));
    expect(res.status).toBe(200);
    expect(res.headers.get("set-cookie")).toMatch(/^solo_session=[a-f0-9]{32};/);
  });

  it("answers /healthz 200 while the database answers and 503 when it does not", async () => {
    expect((await fetch(`${openUrl}/healthz`)).status).toBe(200);
    const down = createConsoleServer({
      ...consoleServicesFor(ctx.app),
      host: "127.0.0.1",
      port: 0,
      isHealthy: () => isDatabaseAnswering({ $queryRaw: () => new Promise(() => undefined) } as never, 200),
    });
    const { url } = await down.listen();
    try {
      const health = await fetch(`${url}/healthz`);
      expect(health.status).toBe(503);
      expect(await health.json()).toEqual({ ok: false, error: "The database is not answering." });
    } finally {
      await down.close();
    }
  });
});
