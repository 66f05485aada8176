/**
 * Campaign tests' harness: the real app and Telegram adapter against the fake Bot API server (see
 * telegram-harness.ts), customers with Telegram chats made directly in the database, and a campaign
 * sender whose waits move the fixed clock instead of sleeping, so a minute of pacing or a night of
 * quiet hours takes no real time.
 */
import { createCampaignSender, type CampaignSenderOptions } from "../../core/campaigns/campaign-sender.ts";
import { createSendPacer, type SendPacer } from "../../core/campaigns/send-pacer.ts";
import type { Db } from "../../core/db.ts";
import type { Reply } from "../../core/messages.ts";
import { startTelegramHarness, type TelegramHarness } from "../telegram/telegram-harness.ts";

export type CampaignHarness = TelegramHarness & {
  /** A sender on the harness's app; its waits move the clock. */
  sender(options?: Partial<CampaignSenderOptions> & { pacer?: SendPacer; db?: Db }): ReturnType<typeof createCampaignSender>;
  /** Runs a sender until nothing is due, then stops it. */
  sendDue(options?: Partial<CampaignSenderOptions>): Promise<void>;
  /** The owner's answer to a typed command, as text. */
  owner(line: string): Promise<Reply[]>;
};

export async function startCampaignHarness(env: Record<string, string> = {}): Promise<CampaignHarness> {
  const harness = await startTelegramHarness({ env: { TZ: "Europe/London", ...env } });
  const { app, clock } = harness;
  const sender: CampaignHarness["sender"] = (options = {}) => {
    const { pacer, db, ...rest } = options;
    return createCampaignSender(
      {
        db: db ?? app.db,
        clock,
        currency: app.currency,
        ...(app.deliveryRules.timeZone ? { timeZone: app.deliveryRules.timeZone } : {}),
        messenger: app.messenger,
        notifier: app.notifier,
        logger: harness.logger,
        pacer: pacer ?? createSendPacer({ ratePerSecond: 25, clock }),
        sleep: async (ms) => {
          clock.advance(ms);
          await new Promise((resolve) => setImmediate(resolve));
        },
      },
      { rules: app.deliveryRules, ...rest },
    );
  };
  return {
    ...harness,
    sender,
    async sendDue(options) {
      const running = sender(options);
      running.start();
      await running.idle();
      await running.stop();
    },
    owner: (line) => app.owner.handle(line),
  };
}

let nextChat = 4_000_000;

/** A customer with a Telegram chat (and its conversation), consenting to marketing or not. */
export async function telegramCustomer(db: Db, options: { consent?: boolean; name?: string; locale?: "en" | "zh" } = {}) {
  const chatId = nextChat++;
  const customer = await db.customer.create({
    data: {
      name: options.name ?? null,
      locale: options.locale ?? "en",
      marketingConsent: options.consent ?? true,
      identities: { create: { channel: "telegram", externalId: String(chatId), displayName: options.name ?? null } },
      conversations: { create: { channel: "telegram" } },
    },
  });
  return { customer, chatId };
}

/** Messages the fake Telegram accepted for a chat (every method that sends). */
export function deliveredTo(harness: TelegramHarness, chatId: number) {
  return harness.fake.calls.filter((c) => (c.method === "sendMessage" || c.method === "sendPhoto") && Number(c.params.chat_id) === chatId && c.status === 200);
}

/** The campaign messages a chat received: those carrying the Stop button (a reply to the customer does not). */
export function campaignMessagesTo(harness: TelegramHarness, chatId: number) {
  return deliveredTo(harness, chatId).filter((c) => JSON.stringify(c.params.reply_markup ?? {}).includes('"callback_data":"ms"'));
}

/** Every customer loses consent: each test starts with only its own customers opted in. */
export async function withdrawEveryonesConsent(db: Db) {
  await db.customer.updateMany({ data: { marketingConsent: false } });
}

/** The id a `campaign new` answer names. */
export function campaignIdIn(replies: Reply[]): number {
  const id = Number(/(?:Campaign|营销活动) #(\d+)/.exec(replies.map((r) => r.text).join("\n"))?.[1]);
  if (!(id > 0)) throw new Error(`no campaign in: ${replies.map((r) => r.text).join("\n")}`);
  return id;
}
