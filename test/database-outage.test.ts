/**
 * A database that stops answering: no error, no reply, connections left open. The shop must not
 * hang with it: the open fails with a message that names the server, and on a running shop every
 * statement gives up after the shop's timeout, so a customer gets an apology rather than silence.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../bot/app.ts";
import { loadConfig } from "../bot/config.ts";
import { openDatabase, type Database } from "../bot/database.ts";
import { createMemoryLogger } from "../bot/logger.ts";
import { messagesFor } from "../core/i18n.ts";
import { createFixedClock } from "../core/ports.ts";
import { seedDemoShop } from "../prisma/seed.ts";
import { SHARED_MODEL_CACHE } from "./fakes/shared-model-cache.ts";
import { startFakeTelegram, textMessageUpdate } from "./fakes/telegram-bot-api.ts";
import { startTcpProxy, type TcpProxy } from "./helpers/tcp-proxy.ts";
import { createScratchPostgres, TEST_DATABASE_URL } from "./helpers/test-database.ts";
import { textOf } from "./helpers/test-app.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe("a PostgreSQL server that does not answer", () => {
  it("fails the open within the connect timeout, naming the server and not the password", async () => {
    // Accepts the connection and never says a word, like a host behind a dropped route.
    const silent = await startTcpProxy({ host: "127.0.0.1", port: 9 }, { blackHoled: true });
    cleanups.push(() => silent.close());
    const started = Date.now();
    const error = await openDatabase({ kind: "postgres", url: `postgresql://shop:s3cret@127.0.0.1:${silent.port}/shop`, connectTimeoutMs: 1_000 }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(error?.message).toMatch(new RegExp(`Could not connect to PostgreSQL at 127\\.0\\.0\\.1:${silent.port} \\(DATABASE_URL\\) within 1 s`));
    expect(error?.message).not.toContain("s3cret");
  });
});

describe.skipIf(!TEST_DATABASE_URL)("a PostgreSQL server that stops answering while the shop runs (TEST_DATABASE_URL)", () => {
  it("gives up each statement after the timeout, and the customer gets an apology, not silence", async () => {
    const scratch = await createScratchPostgres(TEST_DATABASE_URL!);
    cleanups.push(() => scratch.drop());
    const server = new URL(scratch.url);
    const proxy: TcpProxy = await startTcpProxy({ host: server.hostname, port: Number(server.port || 5432) });
    cleanups.push(() => proxy.close());
    const viaProxy = new URL(scratch.url);
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    const database: Database = await openDatabase({ kind: "postgres", url: viaProxy.toString(), queryTimeoutMs: 1_500 });
    // Closed after the proxy has dropped its sockets (cleanups run in reverse).
    cleanups.unshift(() => database.close().catch(() => undefined));
    await seedDemoShop(database.prisma);
    const config = loadConfig({ DATA_DIR: SHARED_MODEL_CACHE });
    const app = await createApp({ config: { ...config, DATA_DIR: SHARED_MODEL_CACHE }, db: database.prisma, logger: createMemoryLogger(), clock: createFixedClock("2026-11-20T10:00:00Z") });
    const say = (text: string) => app.customer.handle({ channel: "console", externalUserId: "outage", text });
    expect(textOf(await say("hi"))).not.toContain(messagesFor("en").somethingWrong());

    proxy.blackHole();
    const started = Date.now();
    await expect(database.prisma.product.count()).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(6_000);
    const askedAt = Date.now();
    const replies = await say("show me the catalog");
    expect(Date.now() - askedAt).toBeLessThan(15_000);
    expect(textOf(replies)).toBe(messagesFor("en").somethingWrong());
  }, 60_000);
});

describe.skipIf(!TEST_DATABASE_URL)("stopping a shop whose PostgreSQL stopped answering (TEST_DATABASE_URL)", () => {
  it("npm start exits 0 on SIGTERM within 20 s, with a Telegram update hanging on the database", async () => {
    const scratch = await createScratchPostgres(TEST_DATABASE_URL!);
    cleanups.push(() => scratch.drop());
    const server = new URL(scratch.url);
    const proxy = await startTcpProxy({ host: server.hostname, port: Number(server.port || 5432) });
    cleanups.push(() => proxy.close());
    const viaProxy = new URL(scratch.url);
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    const telegram = await startFakeTelegram();
    cleanups.push(() => telegram.close());
    const child = spawn(process.execPath, ["--import", "tsx", "bot/main.ts"], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: SHARED_MODEL_CACHE, DATABASE_URL: viaProxy.toString(), CONSOLE_ENABLED: "false", TELEGRAM_BOT_TOKEN: telegram.token, TELEGRAM_API_ROOT: telegram.url, LOG_LEVEL: "info" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    cleanups.push(async () => void (child.exitCode === null && child.kill("SIGKILL")));
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.resume();
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    await expect.poll(() => stdout, { timeout: 60_000, interval: 100 }).toContain("Channels: telegram");

    proxy.blackHole();
    // A customer writes while the database is gone: its update is in flight when the stop comes.
    telegram.pushUpdate(textMessageUpdate(5151, "hi"));
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const stoppedAt = Date.now();
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(Date.now() - stoppedAt).toBeLessThan(20_000);
  }, 120_000);
});
