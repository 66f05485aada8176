import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, expect, it } from "vitest";
import { openDatabase } from "../../bot/database.ts";
import { startFakeTelegram, textMessageUpdate } from "../fakes/telegram-bot-api.ts";
import { createScratchPostgres, TEST_DATABASE_URL } from "../helpers/test-database.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

it("npm start with a Telegram token: on SIGTERM it stops polling, finishes the update in flight, closes the database and exits 0", async () => {
  const fake = await startFakeTelegram();
  cleanups.push(() => fake.close());
  const dataDir = mkdtempSync(path.join(tmpdir(), "solo-sales-shutdown-"));
  let databaseUrl: string | undefined;
  if (TEST_DATABASE_URL) {
    const scratch = await createScratchPostgres(TEST_DATABASE_URL);
    databaseUrl = scratch.url;
    cleanups.push(() => scratch.drop());
  }
  const child = spawn(process.execPath, ["--import", "tsx", "bot/main.ts"], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, CONSOLE_ENABLED: "false", TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.url, LOG_LEVEL: "info", ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  cleanups.push(async () => {
    if (child.exitCode === null) child.kill("SIGKILL");
  });

  await expect.poll(() => stdout, { timeout: 60_000, interval: 100 }).toContain("Channels: telegram @solo_shop_bot (long polling)");
  const held = fake.hold("sendMessage");
  const update = fake.pushUpdate(textMessageUpdate(4242, "hello"));
  await held.held();

  child.kill("SIGTERM");
  await expect.poll(() => stderr, { timeout: 10_000, interval: 50 }).toContain('"message":"stopping","signal":"SIGTERM"');
  // Still running: the reply to the update in flight has not gone out yet.
  expect(child.exitCode).toBeNull();
  const later = fake.pushUpdate(textMessageUpdate(4243, "hello"));
  held.release();

  expect(await exited).toBe(0);
  expect(stderr).toContain("telegram: stopped; every update in flight was handled");
  const replies = fake.callsTo("sendMessage");
  expect(replies.map((c) => [Number(c.params.chat_id), c.status])).toEqual([[4242, 200]]);

  // The database was closed cleanly (the embedded one reopens; its lock was released) and holds the handled update only.
  const database = await openDatabase(databaseUrl ? { kind: "postgres", url: databaseUrl } : { kind: "pglite", dataDir });
  try {
    const claimed = await database.prisma.processedUpdate.findMany({ where: { source: "telegram" } });
    expect(claimed.map((c) => c.updateId)).toEqual([String(update.update_id)]);
    expect(await database.prisma.message.count({ where: { direction: "inbound", text: "hello" } })).toBe(1);
  } finally {
    await database.close();
  }
  // Telegram was told the handled update is done; the one that came late stays for the next start.
  const confirmation = fake.callsTo("getUpdates").at(-1)!;
  expect(confirmation.params).toMatchObject({ offset: update.update_id + 1, timeout: 0 });
  expect(later.update_id).toBeGreaterThanOrEqual(update.update_id + 1);
}, 90_000);
