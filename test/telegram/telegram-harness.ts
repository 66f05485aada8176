/**
 * The real Telegram adapter (real telegraf) wired to a real app on a fresh database, talking to a
 * local fake Bot API server. Sleeps are recorded, not slept, so a 429 test takes no time.
 */
import { createTelegramAdapter, type TelegramMode } from "../../adapters/telegram/create-telegram-adapter.ts";
import { telegramServicesFor } from "../../bot/channel-services.ts";
import { startFakeTelegram } from "../fakes/telegram-bot-api.ts";
import { SHARED_MODEL_CACHE } from "../fakes/shared-model-cache.ts";
import { createTestApp } from "../helpers/test-app.ts";

export const WEBHOOK_SECRET = "test-webhook-secret_0123456789";

/**
 * `sleep` replaces the default of recording waits without waiting: a test whose adapter retries
 * against a failing database needs waits that yield to the event loop (e.g. scaled down).
 */
export async function startTelegramHarness(options: { env?: Record<string, string>; paymentProviderToken?: string; sleep?: (ms: number) => Promise<void> } = {}) {
  const testApp = await createTestApp({ modelCacheDir: SHARED_MODEL_CACHE, ...(options.env ? { env: options.env } : {}) });
  const fake = await startFakeTelegram();
  const sleeps: number[] = [];
  const mode: TelegramMode = { kind: "polling", timeoutSeconds: 1 };
  const adapter = createTelegramAdapter({
    token: fake.token,
    apiRoot: fake.url,
    mode,
    ...telegramServicesFor(testApp.app),
    logger: testApp.logger,
    ...(options.paymentProviderToken ? { paymentProviderToken: options.paymentProviderToken } : {}),
    messagesPerMinute: testApp.config.TELEGRAM_MESSAGES_PER_MINUTE,
    sleep: async (ms) => {
      sleeps.push(ms);
      await options.sleep?.(ms);
    },
  });
  testApp.app.registerMessenger("telegram", adapter.messenger);
  const started = await adapter.start();
  return {
    ...testApp,
    fake,
    adapter,
    started,
    sleeps,
    async close() {
      await adapter.stop();
      await fake.close();
      await testApp.close();
    },
  };
}

export type TelegramHarness = Awaited<ReturnType<typeof startTelegramHarness>>;

/** Texts the customer saw (entities parsed) in chat `chatId`, in order. */
export function seenBy(harness: TelegramHarness, chatId: number): string[] {
  return harness.fake.calls.filter((c) => (c.method === "sendMessage" || c.method === "sendPhoto") && Number(c.params.chat_id) === chatId && c.status === 200).map((c) => c.plain ?? "");
}

/** Pushes an update and waits until the adapter has answered it in that chat and gone idle. */
export async function sendAndWait(harness: TelegramHarness, chatId: number, update: Record<string, unknown>) {
  const before = harness.fake.calls.length;
  harness.fake.pushUpdate(update);
  await harness.fake.waitForCall("sendMessage", (c) => harness.fake.calls.indexOf(c) >= before && Number(c.params.chat_id) === chatId);
  await harness.adapter.idle();
}
