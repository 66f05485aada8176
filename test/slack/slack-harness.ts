/**
 * The real Slack adapter (real bolt, HTTP mode, real signature checks) on a real app and a fresh
 * database, talking to a local fake Slack Web API. Requests are signed like Slack signs them.
 * With `telegram: true` the real Telegram adapter runs on the same app, for the handoff round trip.
 */
import path from "node:path";
import { createSlackAdapter } from "../../adapters/slack/create-slack-adapter.ts";
import { createTelegramAdapter } from "../../adapters/telegram/create-telegram-adapter.ts";
import { slackServicesFor, telegramServicesFor } from "../../bot/channel-services.ts";
import { parseOwnerCommand, writeCommandValue } from "../../core/owner/parse-owner-command.ts";
import { buttonPress, viewSubmission, signSlackRequest, slackEvent, slashCommand, startFakeSlack, type SlackRequest } from "../fakes/slack-web-api.ts";
import { startFakeTelegram } from "../fakes/telegram-bot-api.ts";
import { SHARED_MODEL_CACHE } from "../fakes/shared-model-cache.ts";
import { createTestApp } from "../helpers/test-app.ts";

export const SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
export const OWNER = "U0OWNER01";
export const STRANGER = "U0STRANGER";
export const CHANNEL = "C0SHOPOWNER";

export const OWNER_MODEL_CACHE = path.join(SHARED_MODEL_CACHE, "models");

export async function startSlackHarness(options: { telegram?: boolean; env?: Record<string, string> } = {}) {
  const testApp = await createTestApp({ modelCacheDir: SHARED_MODEL_CACHE, ...(options.env ? { env: options.env } : {}) });
  const { app, logger } = testApp;
  const slack = await startFakeSlack();
  const adapter = createSlackAdapter({
    botToken: slack.botToken,
    mode: { kind: "http", signingSecret: SIGNING_SECRET, host: "127.0.0.1", port: 0 },
    apiUrl: slack.apiUrl,
    ownerIds: [OWNER],
    channelId: CHANNEL,
    logger,
    ...slackServicesFor(app),
    retries: 0,
  });
  app.registerNotifier(adapter.notifier);
  app.handoff.registerInbox(adapter.inbox);
  const started = await adapter.start();
  if (started.mode !== "http") throw new Error("expected HTTP mode");
  const eventsUrl = `http://127.0.0.1:${started.port}/slack/events`;

  const telegramFake = options.telegram ? await startFakeTelegram() : undefined;
  const telegram = telegramFake
    ? createTelegramAdapter({ token: telegramFake.token, apiRoot: telegramFake.url, mode: { kind: "polling", timeoutSeconds: 1 }, ...telegramServicesFor(app), logger, sleep: async () => undefined })
    : undefined;
  if (telegram) {
    app.registerMessenger("telegram", telegram.messenger);
    await telegram.start();
  }

  /** Sends a request to the app, signed (or not) the way Slack would. */
  async function send(request: SlackRequest, signing: { secret?: string; ageSeconds?: number; signature?: string } = {}) {
    const timestamp = Math.floor(Date.now() / 1000) - (signing.ageSeconds ?? 0);
    const headers = signSlackRequest(request.body, signing.secret ?? SIGNING_SECRET, timestamp);
    if (signing.signature) headers["x-slack-signature"] = signing.signature;
    return fetch(eventsUrl, { method: "POST", headers: { "content-type": request.contentType, ...headers }, body: request.body });
  }

  return {
    ...testApp,
    slack,
    adapter,
    telegram,
    telegramFake,
    eventsUrl,
    send,
    /** `/shop <text>`; resolves with the HTTP answer and the response_url the reply goes to. */
    async shop(text: string, userId = OWNER) {
      const responseUrl = slack.responseUrl();
      const response = await send(slashCommand({ text, userId, channelId: CHANNEL, responseUrl }));
      return { response, responseUrl };
    },
    async event(event: Record<string, unknown>, eventId?: string) {
      const request = slackEvent(event, eventId ? { eventId } : {});
      return { response: await send(request), eventId: request.eventId };
    },
    async press(actionId: string, value: string, userId = OWNER, messageTs = "1700000000.000001") {
      const responseUrl = slack.responseUrl();
      const response = await send(buttonPress({ userId, actionId, value, channelId: CHANNEL, messageTs, responseUrl }));
      return { response, responseUrl };
    },
    /** Submits a modal; resolves with the HTTP answer (its body holds field errors, if any). */
    async submit(callbackId: string, privateMetadata: string, values: Record<string, Record<string, string | null>>, userId = OWNER) {
      return send(viewSubmission({ userId, callbackId, privateMetadata, values }));
    },
    async close() {
      await telegram?.stop();
      await adapter.stop();
      await telegramFake?.close();
      await slack.close();
      await testApp.close();
    },
  };
}

export type SlackHarness = Awaited<ReturnType<typeof startSlackHarness>>;

/** The text of a Block Kit message, sections and contexts, for assertions. */
export function blocksText(body: { blocks?: unknown; text?: unknown }): string {
  const blocks = (body.blocks ?? []) as { type: string; text?: { text: string }; fields?: { text: string }[]; elements?: { text?: string | { text: string } }[] }[];
  return blocks
    .map((b) => [b.text?.text, ...(b.fields ?? []).map((f) => f.text), ...(b.type === "context" ? (b.elements ?? []).map((e) => (typeof e.text === "string" ? e.text : "")) : [])].filter(Boolean).join("\n"))
    .join("\n");
}

export function buttonsOf(body: { blocks?: unknown }): { text: string; value: string; action_id: string }[] {
  const blocks = (body.blocks ?? []) as { type: string; elements?: { type: string; text: { text: string }; value: string; action_id: string }[] }[];
  return blocks.filter((b) => b.type === "actions").flatMap((b) => (b.elements ?? []).map((e) => ({ text: e.text.text, value: e.value, action_id: e.action_id })));
}

/** What a Slack button running `line` carries: the typed command, as the renderer writes it. */
export function commandValue(line: string): string {
  const parsed = parseOwnerCommand(line);
  if (!parsed.ok) throw new Error(`not a command: ${line}`);
  return writeCommandValue(parsed.value);
}
