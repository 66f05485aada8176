/**
 * The campaign sender: a loop that empties the outbox at the pace the {@link SendPacer} allows.
 * Each turn of the loop waits for the pacer, claims one row (`claim-next-delivery.ts`: consent, the
 * weekly cap, handoffs and quiet hours are checked there, at the moment of sending), and sends it
 * without waiting for the answer, so a slow Bot API call does not slow the pace (at most
 * `maxInFlight` messages are on their way at once). Every second or so it also does the
 * housekeeping: claims of a dead sender settled, scheduled campaigns started, finished ones closed
 * and summarised for the owner; every ten minutes the automations write the messages their
 * triggers call for (`core/automations/run-automations.ts`) to the same outbox.
 *
 * Several processes may run it against one PostgreSQL database: rows are claimed with
 * `FOR UPDATE SKIP LOCKED` and every status change is conditional. Each process paces itself, so
 * with N replicas the pace is N × BROADCAST_RATE at most; run it in one (or divide the rate).
 *
 * Customers who are chatting come first: replies share the pacer's budget (the Telegram adapter
 * records them), and while turns are being handled (`busy`) the loop waits a little before its
 * next claim, so a reply's database work never queues behind a run of campaign writes.
 */
import { randomBytes } from "node:crypto";
import os from "node:os";
import type { Db } from "../db.ts";
import type { Clock, CustomerMessenger, Logger, Notifier } from "../ports.ts";
import { claimNextDelivery, type ClaimedDelivery, type DeliveryRules } from "./claim-next-delivery.ts";
import { loggedText } from "../conversation/send-to-customer.ts";
import { DEFAULT_CLAIM_LEASE_MS, messageFor, recordDeliveryResult, sendClaimedDelivery, settleInterruptedDeliveries, type CampaignContent } from "./deliver-campaign-message.ts";
import { finishCampaigns, startDueCampaigns } from "./finish-campaigns.ts";
import { runAutomations } from "../automations/run-automations.ts";
import type { SendPacer } from "./send-pacer.ts";

export interface CampaignSenderDeps {
  db: Db;
  clock: Clock;
  /** The shop's currency, for audiences that name amounts (a scheduled campaign's audience is read here). */
  currency: string;
  timeZone?: string;
  messenger: CustomerMessenger;
  notifier: Notifier;
  logger: Logger;
  pacer: SendPacer;
  /**
   * Waits `ms`, or less when `signal` aborts. Real timers by default; tests pass one that moves a
   * fixed clock instead, so a run of pacing takes no real time.
   */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** True while customers' turns are being handled (the sender then waits, up to `maxYieldMs`). */
  busy?: () => boolean;
}

export interface CampaignSenderOptions {
  rules: DeliveryRules;
  /** Who this sender is on the rows it claims; host:pid:random by default. */
  worker?: string;
  /** How long a claim may stay unsettled before its sender is taken for dead (default 60 s). */
  claimLeaseMs?: number;
  /**
   * Messages on their way at once (default 5: at Telegram's usual 50–200 ms an answer, enough for 25
   * a second; more would let a stalled process release a bunch at once).
   */
  maxInFlight?: number;
  /** Housekeeping every this long (default 1 s). */
  housekeepingMs?: number;
  /** How long to wait when nothing is due (default 1 s); {@link CampaignSender.wake} cuts it short. */
  idleMs?: number;
  /** Longest wait for customers' turns before a claim (default 100 ms). */
  maxYieldMs?: number;
  /** How often the automations look for customers their triggers name (default 10 minutes; 0: never). */
  automationEveryMs?: number;
}

export interface CampaignSender {
  readonly worker: string;
  start(): void;
  /** Stops claiming, lets the messages on their way be recorded, then resolves. */
  stop(): Promise<void>;
  /** Something may be due now (a campaign was just confirmed): stop waiting. */
  wake(): void;
  /** Resolves when nothing is due and nothing is on its way (tests and the benchmark). */
  idle(): Promise<void>;
}

const realSleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });

export function createCampaignSender(deps: CampaignSenderDeps, options: CampaignSenderOptions): CampaignSender {
  const { db, clock, logger, pacer } = deps;
  const worker = options.worker ?? `${os.hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  const sleep = deps.sleep ?? realSleep;
  const maxInFlight = options.maxInFlight ?? 5;
  const housekeepingMs = options.housekeepingMs ?? 1_000;
  const idleMs = options.idleMs ?? 1_000;
  const maxYieldMs = options.maxYieldMs ?? 100;
  const automationEveryMs = options.automationEveryMs ?? 10 * 60_000;
  let lastAutomationRun = Number.NEGATIVE_INFINITY;
  const inFlight = new Set<Promise<void>>();
  const contents = new Map<number, { content: CampaignContent; readAt: number }>();
  let stopping = new AbortController();
  let wakeUp = new AbortController();
  let running: Promise<void> | undefined;
  let stopped = false;
  let lastHousekeeping = Number.NEGATIVE_INFINITY;
  const idleWaiters: (() => void)[] = [];
  let isIdle = false;

  /** The campaign's texts and product, read at most every few seconds (the owner may cancel, not edit). */
  async function contentOf(campaignId: number): Promise<CampaignContent | null> {
    const cached = contents.get(campaignId);
    const now = clock.now().getTime();
    if (cached && now - cached.readAt < 10_000) return cached.content;
    const campaign = await db.campaign.findUnique({ where: { id: campaignId }, include: { product: true } });
    if (!campaign) return null;
    const content: CampaignContent = { id: campaign.id, textEn: campaign.textEn, textZh: campaign.textZh, promoCode: campaign.promoCode, product: campaign.product };
    contents.set(campaignId, { content, readAt: now });
    return content;
  }

  async function deliver(delivery: ClaimedDelivery): Promise<void> {
    const content = await contentOf(delivery.campaignId);
    if (!content) {
      await recordDeliveryResult(deps, delivery, { kind: "failed", retry: false, reason: "campaign_gone" }, { worker, text: "" });
      return;
    }
    // An automation's re-order reminder is about the product the customer buys again, not one of the campaign's.
    const product = delivery.productId !== null && delivery.productId !== content.product?.id ? await db.product.findUnique({ where: { id: delivery.productId } }) : content.product;
    const message = messageFor({ ...content, product }, delivery);
    const result = await sendClaimedDelivery(deps, delivery, message);
    if (result.kind === "rateLimited") {
      pacer.pause(result.retryAfterMs);
      logger.warn("campaign sender: rate limited; pausing", { retryAfterMs: result.retryAfterMs });
    }
    await recordDeliveryResult(deps, delivery, result, { worker, text: loggedText(message) });
  }

  /** Returns true when automations wrote rows (there is something to send). */
  async function housekeeping(): Promise<boolean> {
    lastHousekeeping = clock.now().getTime();
    const interrupted = await settleInterruptedDeliveries(deps, { leaseMs: options.claimLeaseMs ?? DEFAULT_CLAIM_LEASE_MS });
    if (interrupted > 0) logger.warn("campaign sender: claims of a stopped sender settled as interrupted (not sent again)", { count: interrupted });
    await startDueCampaigns(deps);
    await finishCampaigns(deps);
    if (automationEveryMs > 0 && lastHousekeeping - lastAutomationRun >= automationEveryMs) {
      lastAutomationRun = lastHousekeeping;
      const runs = await runAutomations(deps);
      return runs.some((r) => r.written > 0);
    }
    return false;
  }

  async function wait(ms: number) {
    if (ms <= 0) return;
    await sleep(ms, AbortSignal.any([stopping.signal, wakeUp.signal]));
    if (wakeUp.signal.aborted) wakeUp = new AbortController();
  }

  function markIdle(value: boolean) {
    isIdle = value;
    if (value) for (const resolve of idleWaiters.splice(0)) resolve();
  }

  async function loop() {
    while (!stopped) {
      try {
        if (clock.now().getTime() - lastHousekeeping >= housekeepingMs) await housekeeping();
        for (let waited = 0; deps.busy?.() && waited < maxYieldMs && !stopped; waited += 5) await wait(5);
        const delay = pacer.bulkDelay();
        if (delay > 0) {
          await wait(delay);
          continue;
        }
        if (inFlight.size >= maxInFlight) {
          await Promise.race(inFlight);
          continue;
        }
        const claim = await claimNextDelivery(deps, { worker, rules: options.rules, chatDelay: (chat) => pacer.chatDelay(chat) });
        if (claim.kind === "claimed") {
          markIdle(false);
          pacer.recordBulk(claim.delivery.chat);
          const sending: Promise<void> = deliver(claim.delivery)
            .catch((error: unknown) => logger.error("campaign sender: a message was not recorded", { deliveryId: claim.delivery.id, error: String(error) }))
            .finally(() => inFlight.delete(sending));
          inFlight.add(sending);
        } else if (claim.kind === "settled") {
          markIdle(false);
        } else {
          if (inFlight.size > 0) {
            await Promise.all(inFlight);
            continue;
          }
          // Done with what is due: close what finished before saying so (and send what automations wrote meanwhile).
          if (await housekeeping()) continue;
          markIdle(true);
          // Through the night in a few long waits (a confirmed campaign wakes it, a moved clock is seen within 15 minutes).
          await wait(claim.kind === "quiet" ? Math.min(claim.until.getTime() - clock.now().getTime(), 15 * 60_000) : idleMs);
        }
      } catch (error) {
        logger.error("campaign sender: a step failed; trying again shortly", { error: error instanceof Error ? error.message : String(error) });
        await wait(idleMs);
      }
    }
    await Promise.all(inFlight);
  }

  return {
    worker,
    start() {
      if (running) return;
      stopped = false;
      stopping = new AbortController();
      running = loop();
    },
    async stop() {
      stopped = true;
      stopping.abort();
      await running;
      running = undefined;
      markIdle(true);
    },
    wake() {
      markIdle(false);
      wakeUp.abort();
    },
    idle() {
      if (isIdle) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
  };
}
