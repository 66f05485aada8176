/**
 * One campaign-sending process for `bench:campaigns`' crash and replica runs, forked by the
 * benchmark: it opens the shop's database (an embedded PGlite directory or a PostgreSQL URL), sends
 * through the real Telegram adapter to the benchmark's fake Bot API server, and runs the campaign
 * sender as `npm start` does, with the settings given on its command line. It tells the parent
 * `{ ready }` once sending, and `{ done }` when the campaign is sent; the parent may SIGKILL it at any
 * moment, or disconnect to stop it cleanly.
 *
 *   tsx bench/lib/campaign-sender-child.ts <pglite:DIR | postgres:URL> <apiRoot> <token> <rate> <worker> <campaignId>
 */
import { createTelegramAdapter } from "../../adapters/telegram/create-telegram-adapter.ts";
import { openDatabase } from "../../bot/database.ts";
import { createLogger } from "../../bot/logger.ts";
import { createCampaignSender } from "../../core/campaigns/campaign-sender.ts";
import { createSendPacer } from "../../core/campaigns/send-pacer.ts";
import { systemClock } from "../../core/ports.ts";

const [target, apiRoot, token, rate, worker, campaignId] = process.argv.slice(2);
if (!target || !apiRoot || !token || !rate || !worker || !campaignId || !process.send) throw new Error("usage: fork campaign-sender-child.ts <pglite:DIR|postgres:URL> <apiRoot> <token> <rate> <worker> <campaignId>");
const send = (message: unknown) => process.send!(message);

const database = await openDatabase(target.startsWith("pglite:") ? { kind: "pglite", dataDir: target.slice("pglite:".length) } : { kind: "postgres", url: target.slice("postgres:".length) });
const logger = createLogger("error");
const telegram = createTelegramAdapter({
  token,
  apiRoot,
  mode: { kind: "polling" },
  logger,
  customer: { handle: async () => [] },
  payments: {} as never,
  updates: { claim: async () => true, release: async () => undefined },
  clock: systemClock,
  // A send that takes longer than this is taken for lost; the claim lease below is longer.
  marketingTimeoutMs: 3_000,
});
const sender = createCampaignSender(
  { db: database.prisma, clock: systemClock, currency: "GBP", messenger: telegram.messenger, notifier: { notify: async () => undefined }, logger, pacer: createSendPacer({ ratePerSecond: Number(rate), clock: systemClock }) },
  // The lease is short so the restarted process settles the dead one's claims within seconds.
  { worker, rules: { maxPerWeek: 2, quietHours: null }, claimLeaseMs: 5_000, housekeepingMs: 250, idleMs: 100 },
);
sender.start();
send({ ready: true });

const timer = setInterval(() => {
  void database.prisma.campaign.findUnique({ where: { id: Number(campaignId) }, select: { status: true } }).then((c) => {
    if (c?.status === "sent") send({ done: true });
  });
}, 200);

process.on("disconnect", () => {
  clearInterval(timer);
  void sender
    .stop()
    .then(() => database.close())
    .finally(() => process.exit(0));
});
