import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consoleHostsFor } from "../adapters/console/console-hosts.ts";
import { slashCommand } from "../adapters/console/slash-commands.ts";
import { createConsoleServer } from "../adapters/console/web-server.ts";
import { consoleServicesFor, isDatabaseAnswering } from "../bot/channel-services.ts";
import { createTestApp } from "./helpers/test-app.ts";

let ctx: Awaited<ReturnType<typeof createTestApp>>;
let open: ReturnType<typeof createConsoleServer>;
let openUrl: string;
let openPort: number;
const TOKEN = "correct-horse-battery-staple";
/** What the page sends on every owner request, with the token it read from the start-up link. */
const OWNER = { authorization: `Bearer ${TOKEN}` };

beforeAll(async () => {
  ctx = await createTestApp();
  open = createConsoleServer({ ...consoleServicesFor(ctx.app), host: "127.0.0.1", port: 0, ownerToken: TOKEN });
  ({ url: openUrl, port: openPort } = await open.listen());
});
afterAll(async () => {
  await open?.close();
  await ctx?.close();
});

const json = (body: unknown, headers: Record<string, string> = {}) => ({ method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });

/**
 * A request with the `Host` a browser would send for the name in its address bar (fetch cannot
 * set Host): what a DNS rebinding page's requests look like when its name resolves to 127.0.0.1.
 */
function requestAs(port: number, options: { host: string; method?: string; path: string; headers?: Record<string, string>; body?: unknown }) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }>((resolve, reject) => {
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        method: options.method ?? (body ? "POST" : "GET"),
        path: options.path,
        headers: { host: options.host, ...(body ? { "content-type": "application/json" } : {}), ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString("utf8") }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

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

  it("runs owner commands on loopback only with the owner's token", async () => {
    const faqsBefore = await ctx.app.db.faqEntry.count();
    const addFaq = { text: "faq add how do I pay | Transfer to IBAN XX00 NOT-THE-OWNER" };
    const wrongHeaders: Record<string, string>[] = [{}, { authorization: "Bearer nope" }, { authorization: `Bearer ${TOKEN}x` }, { authorization: TOKEN }];
    for (const headers of wrongHeaders) {
      const refused = await fetch(`${openUrl}/api/owner/command`, json(addFaq, headers));
      expect(refused.status).toBe(401);
      expect(((await refused.json()) as { error: string }).error).toContain("open the link npm start printed");
    }
    for (const path of ["/api/owner/notifications", "/api/owner/quick"]) {
      expect((await fetch(`${openUrl}${path}`)).status).toBe(401);
      expect((await fetch(`${openUrl}${path}`, { headers: { authorization: "Bearer nope" } })).status).toBe(401);
      expect((await fetch(`${openUrl}${path}`, { headers: OWNER })).status).toBe(200);
    }
    expect(await ctx.app.db.faqEntry.count()).toBe(faqsBefore);

    const right = await fetch(`${openUrl}/api/owner/command`, json({ text: "stock low" }, OWNER));
    expect(right.status).toBe(200);
    expect(JSON.stringify(await right.json())).toContain("STA-004");
  });

  it("will not start an owner console without a token", () => {
    expect(() => createConsoleServer({ ...consoleServicesFor(ctx.app), host: "127.0.0.1", port: 0, ownerToken: "" })).toThrow(/owner token/);
  });

  it("gives the customer chat no way into the owner's commands", async () => {
    const faqsBefore = await ctx.app.db.faqEntry.findMany({ orderBy: { id: "asc" } });
    const typed = await chat(openUrl, undefined, { text: "faq add how do I pay | Transfer to IBAN XX00 ATTACKER" });
    expect(typed.res.status).toBe(200);
    const pressed = await chat(openUrl, typed.cookie, { payload: "faq add how do I pay | IBAN XX00 ATTACKER" });
    expect(pressed.res.status).toBe(200); // read as a customer's stale button, nothing more
    expect(await ctx.app.db.faqEntry.findMany({ orderBy: { id: "asc" } })).toEqual(faqsBefore);
    // The owner's routes ignore the customer's session cookie: it is not a credential.
    expect((await fetch(`${openUrl}/api/owner/command`, json({ text: "orders" }, { cookie: typed.cookie }))).status).toBe(401);
  });

  it("refuses cross-site and non-JSON owner requests, even with the token", async () => {
    const crossSite = await fetch(`${openUrl}/api/owner/command`, json({ text: "orders" }, { origin: "https://evil.example", ...OWNER }));
    expect(crossSite.status).toBe(403);
    const form = await fetch(`${openUrl}/api/owner/command`, { method: "POST", headers: { "content-type": "text/plain", ...OWNER }, body: JSON.stringify({ text: "orders" }) });
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

describe("the web console against DNS rebinding", () => {
  const ATTACKER = () => `rebind.attacker.example:${openPort}`;

  it("answers 421 to a name it does not know, before any route, and runs nothing", async () => {
    const customer = await ctx.app.db.customer.create({ data: { name: "Ada Private", address: "12 Secret Road, Oxford OX1 1AA" } });
    const faqsBefore = await ctx.app.db.faqEntry.findMany({ orderBy: { id: "asc" } });
    const attacks = [
      { path: "/api/owner/command", body: { text: `customer ${customer.id}` } },
      { path: "/api/owner/command", body: { text: "faq add how do I pay | Transfer to IBAN XX00 ATTACKER" } },
      // Even the token does not help at a name the console does not answer to.
      { path: "/api/owner/command", body: { text: "faq add how do I pay | Transfer to IBAN XX00 ATTACKER" }, headers: OWNER },
      { path: "/api/owner/notifications", headers: OWNER },
      { path: "/api/owner/quick" },
      { path: "/api/customer/messages", body: { text: "hi" } },
      { path: "/api/customer/messages" },
      { path: "/" },
      { path: "/app.js" },
    ];
    for (const attack of attacks) {
      const res = await requestAs(openPort, { host: ATTACKER(), ...attack, headers: { origin: `http://${ATTACKER()}`, ...attack.headers } });
      expect(res.status, attack.path).toBe(421);
      expect(res.headers["content-type"]).toBe("text/plain; charset=utf-8");
      expect(res.headers["set-cookie"]).toBeUndefined();
      expect(res.text).not.toContain("Secret Road");
      expect(res.text.length).toBeLessThan(200);
    }
    expect(await ctx.app.db.faqEntry.findMany({ orderBy: { id: "asc" } })).toEqual(faqsBefore);

    // The same command at the console's own address, with the token, is the owner's and works.
    const owner = await requestAs(openPort, { host: `127.0.0.1:${openPort}`, path: "/api/owner/command", body: { text: `customer ${customer.id}` }, headers: OWNER });
    expect(owner.status).toBe(200);
    expect(owner.text).toContain("Secret Road");
  });

  it("refuses a loopback name at another port, a missing Host and a look-alike", async () => {
    for (const host of [`127.0.0.1:${openPort + 1}`, "127.0.0.1", `localhost.attacker.example:${openPort}`, `127.0.0.1.nip.io:${openPort}`, `127.0.0.1:${openPort}.attacker.example`]) {
      expect((await requestAs(openPort, { host, path: "/" })).status, host).toBe(421);
    }
    const noHost = await new Promise<number>((resolve, reject) => {
      const req = http.request({ host: "127.0.0.1", port: openPort, path: "/", setHost: false }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      req.end();
    });
    expect([400, 421]).toContain(noHost); // node refuses HTTP/1.1 without Host itself
  });

  it("serves the loopback names at its port, with the token as always", async () => {
    for (const host of [`127.0.0.1:${openPort}`, `localhost:${openPort}`, `LOCALHOST:${openPort}`, `[::1]:${openPort}`]) {
      expect((await requestAs(openPort, { host, path: "/" })).status, host).toBe(200);
      expect((await requestAs(openPort, { host, path: "/api/owner/quick", headers: OWNER })).status, host).toBe(200);
      expect((await requestAs(openPort, { host, path: "/api/owner/quick" })).status, host).toBe(401);
    }
  });

  it("serves the configured public host as well, and no other", async () => {
    const proxied = createConsoleServer({ ...consoleServicesFor(ctx.app), host: "127.0.0.1", port: 0, ownerToken: TOKEN, publicHost: "shop.example.com" });
    const { port } = await proxied.listen();
    try {
      const page = await requestAs(port, { host: "shop.example.com", path: "/" });
      expect(page.status).toBe(200);
      const command = await requestAs(port, { host: "shop.example.com", path: "/api/owner/command", body: { text: "stock low" }, headers: { origin: "https://shop.example.com", ...OWNER } });
      expect(command.status).toBe(200);
      expect(command.text).toContain("STA-004");
      expect((await requestAs(port, { host: "other.example.com", path: "/" })).status).toBe(421);
      expect((await requestAs(port, { host: `localhost:${port}`, path: "/" })).status).toBe(200);
    } finally {
      await proxied.close();
    }
  });

  it("answers /healthz at any name, saying nothing but up or down", async () => {
    const res = await requestAs(openPort, { host: ATTACKER(), path: "/healthz" });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ ok: true });
    expect(res.headers["set-cookie"]).toBeUndefined();
  });

  it("knows the loopback names, the one address it listens on and the public host", () => {
    expect([...consoleHostsFor({ listenHost: "127.0.0.1", port: 3000 })].sort()).toEqual(["127.0.0.1:3000", "[::1]:3000", "localhost:3000"]);
    expect([...consoleHostsFor({ listenHost: "0.0.0.0", port: 3000, publicHost: "Shop.Example.com" })].sort()).toEqual(["127.0.0.1:3000", "[::1]:3000", "localhost:3000", "shop.example.com"]);
    expect(consoleHostsFor({ listenHost: "192.168.1.5", port: 3000 }).has("192.168.1.5:3000")).toBe(true);
    expect(consoleHostsFor({ listenHost: "fd00::5", port: 3000 }).has("[fd00::5]:3000")).toBe(true);
    expect(consoleHostsFor({ listenHost: "::", port: 3000 }).has("[::]:3000")).toBe(false);
    // A browser leaves the port out on 80.
    expect(consoleHostsFor({ listenHost: "127.0.0.1", port: 80 }).has("localhost")).toBe(true);
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
      ownerToken: TOKEN,
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
