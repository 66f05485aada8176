/**
 * `npm run bench:campaigns [-- --json] [--recipients N] [--skip-postgres]`: one campaign to 5,000
 * opted-in Telegram customers, against a local fake Bot API server in this process (test/fakes, on its
 * own thread), which records when each request arrives, as Telegram counts its limits.
 *
 * 1. **Pace and priority** (in this process, the embedded database, as `npm start` runs): the real
 *    app, the real Telegram adapter (long polling) and the campaign sender at BROADCAST_RATE (25),
 *    while four customers chat with the shop throughout (a message every 3 s each). Measured: the
 *    most campaign messages in any one second, the most to one chat in any one second, the time
 *    taken against 5,000 / 25, and the p99 time from a customer's message reaching the Bot API to
 *    the shop's reply reaching it, against the same customers chatting before the campaign.
 * 2. **A crash** (embedded database on disk): a sender process is killed with SIGKILL when half the
 *    messages are out and a new one started on the same database; who got the campaign twice, and
 *    who never got it.
 * 3. **Two replicas** (PostgreSQL, when one answers at BENCH_DATABASE_URL): two sender processes on one
 *    database; duplicates and misses.
 *
 * Runs 2 and 3 measure correctness, not pace: their senders run at 250 messages a second (the fake
 * server has no limit) so the whole benchmark stays within a few minutes on two cores.
 * The last line of stdout is one JSON object with `--json`.
 */
import { fork, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createTelegramAdapter } from "../adapters/telegram/create-telegram-adapter.ts";
import { createApp } from "../bot/app.ts";
import { createCampaignSenderJob } from "../bot/campaign-sender-job.ts";
import { telegramServicesFor } from "../bot/channel-services.ts";
import { loadConfig } from "../bot/config.ts";
import { openDatabase, type Database } from "../bot/database.ts";
import { createLogger } from "../bot/logger.ts";
import { createCampaign } from "../core/campaigns/create-campaign.ts";
import { sendCampaign } from "../core/campaigns/send-campaign.ts";
import type { Db } from "../core/db.ts";
import { systemClock } from "../core/ports.ts";
import { seedDemoShop } from "../prisma/seed.ts";
import { Worker } from "node:worker_threads";
import { textMessageUpdate } from "../test/fakes/telegram-bot-api.ts";
import { createScratchPostgres } from "../test/helpers/test-database.ts";
import { isPostgresReachable } from "./lib/postgres-reachable.ts";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CHILD = path.join(HERE, "lib", "campaign-sender-child.ts");
const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const RECIPIENTS = Number(option("--recipients") ?? 5_000);
const RATE = 25;
const FAST_RATE = 250;
const postgresUrl = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
const log = (line: string) => process.stderr.write(`${line}\n`);
/** The trained intent models are kept between runs (the first run trains them, a few seconds). */
const MODELS_DIR = path.join(tmpdir(), "solo-sales-bench-models");
/** Customers chatting with the shop while the campaign goes out (none of them a recipient). */
const CHATTERS = [800_000_001, 800_000_002, 800_000_003, 800_000_004];
const CHAT_INTERVAL_MS = 3_000;
const CHAT_LINES = ["hi", "do you have the lavender candle?", "what teas do you have?", "is it organic?", "show me candles under £20", "what's new?", "thanks"];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A request the fake received: method, chat, HTTP status, arrival (ms since the epoch). */
type Call = [method: string, chatId: number, status: number, at: number];
const sends = ([method, , status]: Call) => (method === "sendMessage" || method === "sendPhoto") && status === 200;

/** The fake Bot API server on its own thread (bench/lib/fake-telegram-worker.ts), and how to ask it things. */
interface FakeTelegram {
  url: string;
  token: string;
  push(update: Record<string, unknown>): void;
  /** When the next message to `chatId` arriving at or after `after` arrived. */
  nextMessageTo(chatId: number, after: number, timeoutMs?: number): Promise<number>;
  calls(): Promise<Call[]>;
  /** Chats in [from, to) that have been sent something. */
  countChats(from: number, to: number): Promise<number>;
  close(): Promise<void>;
}

async function startFakeTelegramThread(): Promise<FakeTelegram> {
  // A worker thread starts without this process's TypeScript loader: it registers tsx's, then loads the fake.
  const loader = import.meta.resolve("tsx/esm/api");
  const entry = new URL("./lib/fake-telegram-worker.ts", import.meta.url).href;
  const worker = new Worker(`import(${JSON.stringify(loader)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`, { eval: true });
  const replies = new Map<number, (value: unknown) => void>();
  const sent = new Map<number, number[]>();
  const waiting = new Set<() => void>();
  let nextId = 0;
  const ready = await new Promise<{ url: string; token: string }>((resolve, reject) => {
    worker.once("error", reject);
    worker.on("message", (message: { ready?: boolean; url: string; token: string; op?: string; id?: number; chatId?: number; at?: number; calls?: Call[]; count?: number }) => {
      if (message.ready) return resolve(message);
      if (message.op === "sent") {
        sent.set(message.chatId!, [...(sent.get(message.chatId!) ?? []), message.at!]);
        for (const wake of [...waiting]) wake();
      } else if (message.id !== undefined) {
        replies.get(message.id)?.(message.op === "calls" ? message.calls : message.count);
        replies.delete(message.id);
      }
    });
  });
  const ask = <T>(request: Record<string, unknown>) =>
    new Promise<T>((resolve) => {
      const id = ++nextId;
      replies.set(id, resolve as (value: unknown) => void);
      worker.postMessage({ ...request, id });
    });
  return {
    ...ready,
    push: (update) => worker.postMessage({ op: "push", update }),
    nextMessageTo(chatId, after, timeoutMs = 30_000) {
      worker.postMessage({ op: "watch", chatId });
      return new Promise((resolve, reject) => {
        const check = () => {
          const at = sent.get(chatId)?.find((t) => t >= after);
          if (at === undefined) return;
          waiting.delete(check);
          clearTimeout(timer);
          resolve(at);
        };
        const timer = setTimeout(() => {
          waiting.delete(check);
          reject(new Error(`no message to chat ${chatId} within ${timeoutMs} ms`));
        }, timeoutMs);
        waiting.add(check);
        check();
      });
    },
    calls: () => ask<Call[]>({ op: "calls" }),
    countChats: (from, to) => ask<number>({ op: "count", from, to }),
    async close() {
      const exited = new Promise((resolve) => worker.once("exit", resolve));
      worker.postMessage({ op: "close" });
      await exited;
    },
  };
}

/** The most timestamps in any half-open window [t, t + ms). */
function maxInWindow(sorted: readonly number[], ms = 1_000): number {
  let best = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= ms) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** `count` opted-in customers with a Telegram chat each (ids from `firstChat`), as the shop would have them. */
async function addRecipients(db: Db, count: number, firstChat: number): Promise<number[]> {
  const chats = Array.from({ length: count }, (_, i) => firstChat + i);
  for (let i = 0; i < chats.length; i += 1_000) {
    const slice = chats.slice(i, i + 1_000);
    const customers = await db.customer.createManyAndReturn({ data: slice.map((chat) => ({ name: `Customer ${chat}`, locale: chat % 5 === 0 ? "zh" : "en", marketingConsent: true, consentAt: new Date() })), select: { id: true } });
    await db.channelIdentity.createMany({ data: customers.map((c, k) => ({ customerId: c.id, channel: "telegram" as const, externalId: String(slice[k]) })) });
    await db.conversation.createMany({ data: customers.map((c) => ({ customerId: c.id, channel: "telegram" as const })) });
  }
  return chats;
}

/** Duplicates (chats that got it more than once) and misses (chats that never got it) among `chats`. */
async function countDeliveries(fake: FakeTelegram, chats: readonly number[]) {
  const wanted = new Set(chats);
  const perChat = new Map<number, number>();
  for (const call of await fake.calls()) {
    const chat = call[1];
    if (sends(call) && wanted.has(chat)) perChat.set(chat, (perChat.get(chat) ?? 0) + 1);
  }
  return { duplicates: [...perChat.values()].filter((n) => n > 1).length, missed: chats.filter((c) => !perChat.has(c)).length, delivered: perChat.size };
}

/** A forked sender process; `done` resolves when it reports the campaign sent. */
function startSender(target: string, fake: FakeTelegram, rate: number, worker: string, campaignId: number) {
  const child: ChildProcess = fork(CHILD, [target, fake.url, fake.token, String(rate), worker, String(campaignId)], { execArgv: ["--import", "tsx"], stdio: ["ignore", "ignore", "inherit", "ipc"] });
  let onDone: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (onDone = resolve));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  child.on("message", (message) => {
    if ((message as { done?: boolean }).done) onDone();
  });
  return {
    done,
    kill() {
      child.kill("SIGKILL");
      return exited;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.disconnect();
      await exited;
    },
  };
}

async function campaignFor(db: Db, name: string): Promise<number> {
  const deps = { db, clock: systemClock, currency: "GBP" };
  const campaign = await createCampaign(deps, { name, audience: "opted-in", textEn: "Hello {first_name}, the winter teas are in: {product} at {price}.", textZh: "{first_name}，冬茶到了：{product}，{price}。", sku: "TEA-001", holdout: "0", createdBy: "bench" });
  await sendCampaign(deps, campaign.id);
  return campaign.id;
}

// ---------- 1. pace and priority ----------

async function measurePace(fake: FakeTelegram, work: string) {
  mkdirSync(MODELS_DIR, { recursive: true });
  const database = await openDatabase({ kind: "pglite", dataDir: path.join(work, "pace") });
  try {
    await seedDemoShop(database.prisma);
    log(`pace: ${RECIPIENTS} opted-in customers…`);
    const chats = await addRecipients(database.prisma, RECIPIENTS, 900_000_000);
    const config = loadConfig({ DATA_DIR: MODELS_DIR, QUIET_HOURS: "off", TZ: "Europe/London", BROADCAST_RATE: String(RATE) });
    const app = await createApp({ config, db: database.prisma, logger: createLogger("error"), clock: systemClock });
    const telegram = createTelegramAdapter({ token: fake.token, apiRoot: fake.url, mode: { kind: "polling", timeoutSeconds: 5 }, ...telegramServicesFor(app), logger: app.logger });
    app.registerMessenger("telegram", telegram.messenger);
    await telegram.start();
    // A first turn outside the measurement: the first message of a process loads what turns share.
    for (const chatId of CHATTERS) {
      fake.push(textMessageUpdate(chatId, "hello"));
      await fake.nextMessageTo(chatId, 0, 60_000);
    }
    await telegram.idle();

    /**
     * Customers chatting: each writes, waits for the reply, and writes again 3 s after the last
     * message (20 a minute, within the adapter's per-chat budget), until `stop` says so. Each reply's
     * latency: from the message reaching the Bot API to the first answer reaching it.
     */
    async function chat(latencies: number[], stop: () => boolean) {
      await Promise.all(CHATTERS.map(async (chatId, k) => {
        await sleep((k * CHAT_INTERVAL_MS) / CHATTERS.length);
        for (let turn = k; !stop(); turn++) {
          const pushedAt = Date.now();
          fake.push(textMessageUpdate(chatId, CHAT_LINES[turn % CHAT_LINES.length]!));
          latencies.push((await fake.nextMessageTo(chatId, pushedAt)) - pushedAt);
          await sleep(Math.max(0, pushedAt + CHAT_INTERVAL_MS - Date.now()));
        }
      }));
    }
    // The same customers chatting with no campaign going: what the campaign's effect is measured against.
    const alone: number[] = [];
    await chat(alone, () => alone.length >= 40);

    const created = await app.owner.handle('campaign new name="Winter tea" audience=opted-in text="Hello {first_name}, the winter teas are in: {product} at {price}." text_zh="{first_name}，冬茶到了：{product}，{price}。" product=TEA-001 holdout=0');
    const id = Number(/Campaign #(\d+)/.exec(created.map((r) => r.text).join("\n"))?.[1]);
    const sender = createCampaignSenderJob(app, args.includes("--no-yield") ? { maxYieldMs: 0 } : {});
    sender.start();
    const started = Date.now();
    log(`pace: campaign #${id} confirmed; sending at ${RATE} a second while a customer chats…`);
    await app.owner.handle(`campaign ${id} send`);

    const latencies: number[] = [];
    let sent = false;
    const chatting = chat(latencies, () => sent);
    for (let tick = 0; !sent; tick++) {
      await sleep(500);
      sent = (await database.prisma.campaign.findUniqueOrThrow({ where: { id } })).status === "sent";
      if (tick % 20 === 0) log(`pace: ${await fake.countChats(chats[0]!, chats[0]! + RECIPIENTS)} of ${RECIPIENTS} sent after ${Math.round((Date.now() - started) / 1000)} s`);
    }
    await chatting;
    await sender.stop();
    await telegram.stop();

    const recipients = new Set(chats);
    const calls = await fake.calls();
    const campaignCalls = calls.filter((c) => sends(c) && recipients.has(c[1]));
    const times = campaignCalls.map((c) => c[3]).sort((a, b) => a - b);
    const perChat = new Map<number, number[]>();
    for (const call of campaignCalls) perChat.set(call[1], [...(perChat.get(call[1]) ?? []), call[3]]);
    const allTimes = calls.filter(sends).filter((c) => c[3] >= started).map((c) => c[3]).sort((a, b) => a - b);
    const { duplicates, missed } = await countDeliveries(fake, chats);
    // The same count by when the sender took each row (its own clock), to tell its pace from the trip's jitter.
    const claimed = (await database.prisma.campaignDelivery.findMany({ where: { campaignId: id }, select: { claimedAt: true } })).map((r) => r.claimedAt!.getTime()).sort((a, b) => a - b);
    return {
      recipients: RECIPIENTS,
      maxPerSecondAsClaimed: maxInWindow(claimed),
      maxPerSecond: maxInWindow(times),
      maxPerSecondWithReplies: maxInWindow(allTimes),
      maxPerChatPerSecond: Math.max(...[...perChat.values()].map((t) => maxInWindow(t.sort((a, b) => a - b)))),
      seconds: Number(((times.at(-1)! - started) / 1000).toFixed(1)),
      idealSeconds: RECIPIENTS / RATE,
      duplicates,
      missed,
      chatP99Ms: Math.round(percentile(latencies, 99)),
      chatP50Ms: Math.round(percentile(latencies, 50)),
      chatSamples: latencies.length,
      chatSamplesWithoutCampaign: alone.length,
      chatP99MsWithoutCampaign: Math.round(percentile(alone, 99)),
      chatP50MsWithoutCampaign: Math.round(percentile(alone, 50)),
    };
  } finally {
    await database.close();
  }
}

// ---------- 2. a crash half-way ----------

async function measureCrash(fake: FakeTelegram, work: string) {
  const dataDir = path.join(work, "crash");
  const database = await openDatabase({ kind: "pglite", dataDir });
  await seedDemoShop(database.prisma);
  const chats = await addRecipients(database.prisma, RECIPIENTS, 910_000_000);
  const campaignId = await campaignFor(database.prisma, "Crash");
  await database.close();
  const target = `pglite:${dataDir}`;
  log(`crash: sending to ${RECIPIENTS} at ${FAST_RATE} a second; SIGKILL at half…`);
  const first = startSender(target, fake, FAST_RATE, "crashing-sender", campaignId);
  while ((await fake.countChats(chats[0]!, chats[0]! + RECIPIENTS)) < RECIPIENTS / 2) await sleep(10);
  await first.kill();
  const atKill = await fake.countChats(chats[0]!, chats[0]! + RECIPIENTS);
  log(`crash: killed with ${atKill} delivered; restarting…`);
  const second = startSender(target, fake, FAST_RATE, "restarted-sender", campaignId);
  await second.done;
  await second.stop();
  const reopened = await openDatabase({ kind: "pglite", dataDir });
  const interrupted = await reopened.prisma.campaignDelivery.count({ where: { campaignId, reason: "interrupted" } });
  await reopened.close();
  const { duplicates, missed } = await countDeliveries(fake, chats);
  return { duplicatesAfterCrash: duplicates, missedAfterCrash: missed, interruptedAfterCrash: interrupted, deliveredAtKill: atKill };
}

// ---------- 3. two replicas on PostgreSQL ----------

async function measureReplicas(fake: FakeTelegram) {
  if (args.includes("--skip-postgres") || !(await isPostgresReachable(postgresUrl))) {
    log(`replicas: PostgreSQL not reachable at ${postgresUrl} (or --skip-postgres): skipped (set BENCH_DATABASE_URL).`);
    return { duplicatesTwoReplicas: "skipped" as const, missedTwoReplicas: "skipped" as const };
  }
  const scratch = await createScratchPostgres(postgresUrl);
  let database: Database | undefined;
  try {
    database = await openDatabase({ kind: "postgres", url: scratch.url });
    await seedDemoShop(database.prisma);
    const chats = await addRecipients(database.prisma, RECIPIENTS, 920_000_000);
    const campaignId = await campaignFor(database.prisma, "Replicas");
    log(`replicas: two sender processes on one PostgreSQL, ${RECIPIENTS} recipients…`);
    const senders = [startSender(`postgres:${scratch.url}`, fake, FAST_RATE / 2, "replica-a", campaignId), startSender(`postgres:${scratch.url}`, fake, FAST_RATE / 2, "replica-b", campaignId)];
    await Promise.race(senders.map((s) => s.done));
    await Promise.all(senders.map((s) => s.stop()));
    const byWorker = await database.prisma.campaignDelivery.groupBy({ by: ["claimedBy"], where: { campaignId }, _count: { _all: true } });
    const { duplicates, missed } = await countDeliveries(fake, chats);
    return { duplicatesTwoReplicas: duplicates, missedTwoReplicas: missed, replicaShares: Object.fromEntries(byWorker.map((w) => [w.claimedBy ?? "none", w._count._all])) };
  } finally {
    await database?.close();
    await scratch.drop();
  }
}

const work = mkdtempSync(path.join(tmpdir(), "solo-bench-campaigns-"));
const fake = await startFakeTelegramThread();
try {
  const pace = await measurePace(fake, work);
  const crash = args.includes("--skip-crash") ? { duplicatesAfterCrash: "skipped" as const, missedAfterCrash: "skipped" as const, interruptedAfterCrash: "skipped" as const, deliveredAtKill: 0 } : await measureCrash(fake, work);
  const replicas = await measureReplicas(fake);
  const result = { ...pace, ...crash, ...replicas };
  const shares = "replicaShares" in replicas && replicas.replicaShares ? ` (${Object.values(replicas.replicaShares).join(" / ")} rows each)` : "";
  console.log("| measure | value | target |");
  console.log("| --- | --- | --- |");
  console.log(`| recipients (opted in, Telegram) | ${result.recipients.toLocaleString("en-GB")} | |`);
  console.log(`| most campaign messages in any one second | ${result.maxPerSecond} (${result.maxPerSecondWithReplies} with the chatting customers' replies) | ≤ ${RATE} (BROADCAST_RATE) |`);
  console.log(`| most messages to one recipient's chat in any one second | ${result.maxPerChatPerSecond} | ≤ 1 |`);
  console.log(`| time to send | ${result.seconds} s | ${result.idealSeconds} s (${result.recipients.toLocaleString("en-GB")} / ${RATE}) |`);
  console.log(`| reply to ${CHATTERS.length} customers chatting meanwhile, p99 (p50; ${result.chatSamples} messages) | ${result.chatP99Ms} ms (${result.chatP50Ms} ms) | ≤ 1,000 ms |`);
  console.log(`| the same with no campaign going, p99 (p50; ${result.chatSamplesWithoutCampaign} messages) | ${result.chatP99MsWithoutCampaign} ms (${result.chatP50MsWithoutCampaign} ms) | |`);
  console.log(`| duplicates / missed, one sender | ${result.duplicates} / ${result.missed} | 0 / 0 |`);
  console.log(`| SIGKILL half-way (${result.deliveredAtKill} out), restarted: duplicates / missed (interrupted claims) | ${result.duplicatesAfterCrash} / ${result.missedAfterCrash} (${result.interruptedAfterCrash}) | 0 / as few as the sends in flight |`);
  console.log(`| two processes on PostgreSQL: duplicates / missed | ${result.duplicatesTwoReplicas} / ${result.missedTwoReplicas}${shares} | 0 / 0 |`);
  if (args.includes("--json")) console.log(JSON.stringify(result));
} finally {
  await fake.close();
  rmSync(work, { recursive: true, force: true });
}
