/**
 * The owner's back office in Slack (@slack/bolt): the `/shop` slash command, @mentions in plain
 * English or Chinese, buttons, real-time notifications in the owner channel, and the handoff
 * inbox (one thread per handed-off conversation; the owner's replies there reach the customer).
 *
 * Thin: bolt verifies the request signature (HTTP mode) or holds the Socket Mode connection,
 * every listener acknowledges first and works after, only `SLACK_OWNER_IDS` may use it (anyone
 * else gets a polite refusal and a log line), payloads are validated with zod, and the work is
 * core's (`OwnerConsole`, `HandoffDesk`). Slack retries an event it thinks was missed, so events
 * are claimed once (`claimEvent`, core's claim in the database, like Telegram updates). The adapter
 * never touches the database itself: it is given services.
 *
 * Answers, help and notifications are in the owner's language (`owner.locale`, OWNER_LOCALE).
 * Buttons carry typed commands (`{ verb, args }`), checked against the command's schema when pressed.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { App, LogLevel, type Logger as BoltLogger } from "@slack/bolt";
import { z } from "zod";
import type { DigestPublisher } from "../../core/digest/publish-digest.ts";
import type { HandoffDesk } from "../../core/handoff/create-handoff-desk.ts";
import type { HandoffInbox } from "../../core/handoff/handoff-inbox.ts";
import { isInternalNote, type TOwnerReplyResult } from "../../core/handoff/reply-from-owner.ts";
import type { OwnerConsole, OwnerReply } from "../../core/owner/handle-owner-command.ts";
import { ownerMessagesFor } from "../../core/i18n/owner.ts";
import { checkOwnerCommand, readCommandValue, ZTrackingRef } from "../../core/owner/parse-owner-command.ts";
import type { FileContent } from "../../core/messages.ts";
import type { Logger, Notifier } from "../../core/ports.ts";
import { downloadSlackFile, isOnSlackHost, slackFileName, ZSlackFile, type TSlackFile } from "./slack-files.ts";
import { CAMPAIGN_FIELDS, CAMPAIGN_VIEW, COMMAND_ACTION, RESUME_ACTION, SHIP_VIEW, renderCampaignModal, type TCampaignField, TRACKING_BLOCK, TRACKING_INPUT, renderShipModal, describeCustomerAttachment, renderCustomerFileComment, renderCustomerMessage, renderDigest, renderHandoff, renderNotification, renderOwnerReplies, renderStatus, slackToPlainText, type SlackMessage } from "./render-block-kit.ts";

export type SlackMode = { kind: "socket"; appToken: string } | { kind: "http"; signingSecret: string; host: string; port: number };

export interface SlackAdapterOptions {
  botToken: string;
  mode: SlackMode;
  /** The Web API base URL (GovSlack, a proxy); Slack's by default. */
  apiUrl?: string;
  /** Slack user ids allowed to run the shop. */
  ownerIds: readonly string[];
  /** Where notifications and handoff threads go. */
  channelId: string;
  /**
   * Claims a Slack event id before it is handled: true the first time, false for a redelivery
   * (core's `claimUpdate` with source "slack", bound by the composition root).
   */
  claimEvent(eventId: string): Promise<boolean>;
  logger: Logger;
  owner: OwnerConsole;
  handoff: HandoffDesk;
  /** Web API retries after a failure or a 429 (default 2); tests use 0. */
  retries?: number;
}

export type SlackStarted = { mode: "socket" } | { mode: "http"; host: string; port: number };

export interface SlackAdapter {
  /** Posts owner notifications to the channel; register with the app. */
  readonly notifier: Notifier;
  /** Handoff threads in the channel; register with `app.handoff.registerInbox`. */
  readonly inbox: HandoffInbox;
  /** Posts the daily digest (and its chart) to the channel; register with `app.registerDigestPublisher`. */
  readonly digestPublisher: DigestPublisher;
  start(): Promise<SlackStarted>;
  /** Stops taking requests and resolves once the work already acknowledged is done. */
  stop(): Promise<void>;
  /** Resolves once every piece of acknowledged work has finished. */
  idle(): Promise<void>;
}

const ZButtonValue = z.string().trim().min(1).max(2_000);
const ZConversationId = z.coerce.number().int().positive().max(2_147_483_647);
const ZShipMetadata = z.object({ orderId: z.number().int().positive().max(2_147_483_647), responseUrl: z.url({ protocol: /^https?$/ }).max(2_000) });
const ZThreadMessage = z.looseObject({
  type: z.literal("message"),
  channel: z.string().min(1),
  user: z.string().min(1).optional(),
  text: z.string().default(""),
  ts: z.string().min(1),
  thread_ts: z.string().optional(),
  subtype: z.string().optional(),
  bot_id: z.string().optional(),
  files: z.array(ZSlackFile).max(20).optional(),
});
const ZMention = z.looseObject({ channel: z.string().min(1), user: z.string().min(1).optional(), text: z.string().default(""), ts: z.string().min(1), thread_ts: z.string().optional() });

/** Web API errors read "An API error occurred: channel_not_found"; never a token. */
function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Bolt's log lines into ours (signature failures arrive here as warnings). */
function boltLogger(logger: Logger): BoltLogger {
  const join = (parts: unknown[]) => parts.map((p) => (typeof p === "string" ? p : p instanceof Error ? p.message : JSON.stringify(p))).join(" ");
  let level = LogLevel.INFO;
  return {
    debug: () => undefined,
    info: (...parts: unknown[]) => logger.info(`slack: ${join(parts)}`),
    warn: (...parts: unknown[]) => logger.warn(`slack: ${join(parts)}`),
    error: (...parts: unknown[]) => logger.error(`slack: ${join(parts)}`),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}

export function createSlackAdapter(options: SlackAdapterOptions): SlackAdapter {
  const { logger, owner, handoff } = options;
  // The owner's language for everything this adapter says itself (answers come in it from core).
  const locale = owner.locale;
  const t = ownerMessagesFor(locale).slack;
  const REFUSAL = t.refusal;
  const owners = new Set(options.ownerIds);
  const app = new App({
    token: options.botToken,
    ...(options.mode.kind === "socket" ? { socketMode: true, appToken: options.mode.appToken } : { signingSecret: options.mode.signingSecret }),
    clientOptions: {
      slackApiUrl: options.apiUrl ?? "https://slack.com/api/",
      timeout: 10_000,
      retryConfig: { retries: options.retries ?? 2, factor: 2, minTimeout: 500, maxTimeout: 5_000 },
    },
    logger: boltLogger(logger),
    logLevel: LogLevel.INFO,
    deferInitialization: true,
  });
  const client = app.client;
  let botUserId: string | undefined;
  const inFlight = new Set<Promise<void>>();
  let stopped = false;

  /** Runs acknowledged work in the background, tracked so shutdown can wait for it, errors logged. */
  function track(label: string, work: () => Promise<void>): Promise<void> {
    const run = work().catch((error: unknown) => logger.error(`slack: ${label} failed`, { error: describe(error) }));
    inFlight.add(run);
    void run.finally(() => inFlight.delete(run));
    return run;
  }

  /** The files of an owner's thread reply, downloaded; those that cannot be had are named with why. */
  async function downloadSharedFiles(shared: readonly TSlackFile[]): Promise<{ files: FileContent[]; refused: string[] }> {
    const files: FileContent[] = [];
    const refused: string[] = [];
    for (const file of shared) {
      try {
        files.push(await downloadSlackFile({ botToken: options.botToken, ...(options.apiUrl ? { apiUrl: options.apiUrl } : {}) }, file));
      } catch (error) {
        logger.warn("slack: could not download a file shared in a handoff thread", { file: file.id, error: describe(error) });
        refused.push(`"${slackFileName(file)}" (${describe(error)})`);
      }
    }
    return { files, refused };
  }

  function isOwner(userId: string | undefined, where: string): boolean {
    if (userId && owners.has(userId)) return true;
    logger.warn("slack: refused a non-owner", { user: userId ?? "unknown", where });
    return false;
  }

  async function post(channel: string, message: SlackMessage, threadTs?: string) {
    return client.chat.postMessage({ channel, text: message.text, blocks: message.blocks, unfurl_links: false, unfurl_media: false, ...(threadTs ? { thread_ts: threadTs } : {}) });
  }

  async function once(eventId: string | undefined): Promise<boolean> {
    if (!eventId) return true;
    return options.claimEvent(eventId);
  }

  /**
   * Renders the owner's replies, first uploading their files (a customer's data export) to the
   * shop's channel: never to the channel a command or mention came from, which may be a public one.
   * A file that could not be uploaded is said so in the answer.
   */
  async function renderWithFiles(replies: readonly OwnerReply[]): Promise<SlackMessage> {
    const notes: OwnerReply[] = [];
    for (const { file } of replies) {
      if (!file) continue;
      try {
        await client.files.uploadV2({ channel_id: options.channelId, file: Buffer.from(file.content, "utf8"), filename: file.name, title: file.name });
        notes.push({ text: t.fileUploaded(file.name) });
      } catch (error) {
        logger.warn("slack: could not upload a file for the owner", { file: file.name, error: describe(error) });
        notes.push({ text: t.fileNotUploaded(file.name, describe(error)) });
      }
    }
    return renderOwnerReplies([...replies, ...notes], locale);
  }

  /** The audit trail's actor for a Slack user. */
  const actorOf = (userId: string) => `slack:${userId}`;

  async function answerOwnerText(text: string, userId: string) {
    return renderWithFiles(await owner.answer(text, { plainWords: true, actor: actorOf(userId) }));
  }

  // ---------- /shop ----------

  app.command("/shop", async ({ command, ack, respond }) => {
    await ack();
    await track("/shop", async () => {
      if (!isOwner(command.user_id, "/shop")) {
        await respond({ response_type: "ephemeral", text: REFUSAL });
        return;
      }
      // `/shop campaign new` alone opens a form with the campaign's fields (a typed line still works).
      if (/^\s*campaign\s+new\s*$/i.test(command.text) && command.trigger_id) {
        try {
          await client.views.open({ trigger_id: command.trigger_id, view: renderCampaignModal(JSON.stringify({ responseUrl: command.response_url }), locale) });
          return;
        } catch (error) {
          logger.warn("slack: could not open the campaign form; answering with the usage", { error: describe(error) });
        }
      }
      const message = await renderWithFiles(await owner.answer(command.text.slice(0, 10_000), { actor: actorOf(command.user_id) }));
      await respond({ response_type: "ephemeral", text: message.text, blocks: message.blocks });
    });
  });

  // ---------- @mentions in plain language ----------

  app.event("app_mention", async ({ event, body }) => {
    await track("mention", async () => {
      const mention = ZMention.safeParse(event);
      if (!mention.success) return;
      if (!(await once((body as { event_id?: string }).event_id))) return;
      const { channel, user, ts } = mention.data;
      const threadTs = mention.data.thread_ts ?? ts;
      if (!isOwner(user, "mention")) {
        if (user) await client.chat.postEphemeral({ channel, user, text: REFUSAL, thread_ts: threadTs });
        return;
      }
      const text = mention.data.text.replace(/<@[UW][A-Z0-9]+>/g, " ").trim();
      await post(channel, await answerOwnerText(text, user ?? "unknown"), threadTs);
    });
  });

  // ---------- the owner answers in a handoff thread ----------

  app.event("message", async ({ event, body }) => {
    await track("thread reply", async () => {
      const parsed = ZThreadMessage.safeParse(event);
      if (!parsed.success) return;
      const message = parsed.data;
      // Replies by people in a thread, with or without files; edits, joins and bots (ourselves
      // included) are not answers.
      if (message.bot_id || (message.subtype && message.subtype !== "thread_broadcast" && message.subtype !== "file_share")) return;
      if (!message.thread_ts || message.thread_ts === message.ts) return;
      // A mention of the bot is a request to the bot, answered as an app_mention.
      if (botUserId && message.text.includes(`<@${botUserId}>`)) return;
      const threadRef = `${message.channel}:${message.thread_ts}`;
      const thread = await handoff.findThread(threadRef);
      if (!thread) return;
      if (!(await once((body as { event_id?: string }).event_id ?? `message:${message.channel}:${message.ts}`))) return;
      if (!isOwner(message.user, "handoff thread")) {
        if (message.user) await client.chat.postEphemeral({ channel: message.channel, user: message.user, thread_ts: message.thread_ts, text: `${REFUSAL} ${t.notSentToCustomer}` });
        return;
      }
      const text = slackToPlainText(message.text);
      const shared = message.files ?? [];
      const react = (name: string) => client.reactions.add({ channel: message.channel, timestamp: message.ts, name }).catch((error: unknown) => logger.warn("slack: could not add a reaction", { error: describe(error) }));
      let result: TOwnerReplyResult;
      if (isInternalNote(text)) {
        // A note's files stay in Slack beside it: named in the note, not downloaded.
        result = await handoff.ownerWrote({ threadRef, text: [text, ...shared.map((f) => `[file: ${slackFileName(f)}]`)].join(" ") });
      } else {
        const { files, refused } = await downloadSharedFiles(shared);
        if (refused.length > 0) await post(message.channel, renderStatus(t.filesNotSent(refused)), message.thread_ts);
        if (files.length === 0 && !text.trim() && refused.length > 0) return;
        result = await handoff.ownerWrote({ threadRef, text, ...(files.length > 0 ? { files } : {}) });
      }
      if (result.kind === "note") await react("memo");
      else if (result.kind === "sent" && result.delivered) await react("white_check_mark");
      else if (result.kind === "sent") await post(message.channel, renderStatus(t.savedNotDelivered), message.thread_ts);
    });
  });

  // ---------- buttons ----------

  app.action(new RegExp(`^${COMMAND_ACTION}(?::\\d+)?$`), async ({ ack, body, action, respond }) => {
    await ack();
    await track("button", async () => {
      if (!isOwner(body.user.id, "button")) {
        await respond({ response_type: "ephemeral", replace_original: false, text: REFUSAL });
        return;
      }
      const value = ZButtonValue.safeParse("value" in action ? action.value : undefined);
      const command = value.success ? readCommandValue(value.data) : null;
      if (!command) {
        logger.warn("slack: refused a button without a valid command", { user: body.user.id });
        await respond({ response_type: "ephemeral", replace_original: false, text: t.buttonInvalid });
        return;
      }
      // "Mark shipped" asks for the tracking number first, in a form; if the form cannot open, it ships.
      const ship = command.command === "order" && command.to === "shipped" && !command.force && !command.trackingRef ? command.orderId : null;
      const responseUrl = "response_url" in body ? body.response_url : undefined;
      if (ship !== null && "trigger_id" in body && body.trigger_id && responseUrl) {
        try {
          await client.views.open({ trigger_id: body.trigger_id, view: renderShipModal(ship, JSON.stringify({ orderId: ship, responseUrl }), locale) });
          return;
        } catch (error) {
          logger.warn("slack: could not open the shipping form; shipping without a tracking number", { error: describe(error) });
        }
      }
      const message = await renderWithFiles(await owner.execute(command, { actor: actorOf(body.user.id) }));
      await respond({ response_type: "ephemeral", replace_original: false, text: message.text, blocks: message.blocks });
    });
  });

  app.view(SHIP_VIEW, async ({ ack, body, view }) => {
    if (!isOwner(body.user.id, "shipping form")) {
      await ack();
      return;
    }
    const metadata = readShipMetadata(view.private_metadata);
    const typed = view.state.values[TRACKING_BLOCK]?.[TRACKING_INPUT]?.value?.trim() ?? "";
    const tracking = typed ? ZTrackingRef.safeParse(typed) : undefined;
    if (tracking && !tracking.success) {
      await ack({ response_action: "errors", errors: { [TRACKING_BLOCK]: t.trackingInvalid } });
      return;
    }
    await ack();
    if (!metadata) {
      logger.warn("slack: refused a shipping form without a valid order", { user: body.user.id });
      return;
    }
    await track("shipping form", async () => {
      const message = renderOwnerReplies(await owner.execute({ command: "order", orderId: metadata.orderId, to: "shipped", ...(tracking?.success ? { trackingRef: tracking.data } : {}) }, { actor: actorOf(body.user.id) }), locale);
      // The answer goes where the button was, as the button's own answer would have.
      const response = await fetch(metadata.responseUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ response_type: "ephemeral", replace_original: false, text: message.text, blocks: message.blocks }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok) logger.warn("slack: could not answer the shipping form", { status: response.status });
    });
  });

  app.view(CAMPAIGN_VIEW, async ({ ack, body, view }) => {
    if (!isOwner(body.user.id, "campaign form")) {
      await ack();
      return;
    }
    const typed = Object.fromEntries(CAMPAIGN_FIELDS.map((field) => [field, view.state.values[field]?.[field]?.value?.trim() || undefined])) as Record<TCampaignField, string | undefined>;
    if (!typed.text && !typed.textZh) {
      await ack({ response_action: "errors", errors: { text: t.campaignNeedsText } });
      return;
    }
    await ack();
    const metadata = readResponseUrl(view.private_metadata);
    if (!metadata) {
      logger.warn("slack: refused a campaign form without a valid answer address", { user: body.user.id });
      return;
    }
    await track("campaign form", async () => {
      // The same command as a typed `campaign new …`: checked by its schema, run, audited, answered with the preview.
      const args = Object.fromEntries(Object.entries(typed).filter(([, value]) => value !== undefined));
      const command = checkOwnerCommand("campaignNew", args);
      const replies = command ? await owner.execute(command, { actor: actorOf(body.user.id) }) : [{ text: t.buttonInvalid }];
      const message = renderOwnerReplies(replies, locale);
      const response = await fetch(metadata.responseUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ response_type: "ephemeral", replace_original: false, text: message.text, blocks: message.blocks }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok) logger.warn("slack: could not answer the campaign form", { status: response.status });
    });
  });

  /** A form's answer address, as we wrote it: only on Slack's hooks host (or the API's own, for a proxy or tests). */
  function readResponseUrl(raw: string): { responseUrl: string } | null {
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      return null;
    }
    const parsed = ZShipMetadata.pick({ responseUrl: true }).safeParse(value);
    if (!parsed.success) return null;
    return isOnSlackHost(new URL(parsed.data.responseUrl), "hooks.slack.com", options.apiUrl) ? parsed.data : null;
  }

  /** The form's private metadata, as we wrote it; its answer URL only on Slack's hooks host (or the API's own, for a proxy or tests). */
  function readShipMetadata(raw: string): { orderId: number; responseUrl: string } | null {
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      return null;
    }
    const parsed = ZShipMetadata.safeParse(value);
    if (!parsed.success) return null;
    return isOnSlackHost(new URL(parsed.data.responseUrl), "hooks.slack.com", options.apiUrl) ? parsed.data : null;
  }

  app.action(RESUME_ACTION, async ({ ack, body, action, respond }) => {
    await ack();
    await track("resume", async () => {
      if (!isOwner(body.user.id, "resume button")) {
        await respond({ response_type: "ephemeral", replace_original: false, text: REFUSAL });
        return;
      }
      const conversationId = ZConversationId.safeParse("value" in action ? action.value : undefined);
      if (!conversationId.success) {
        logger.warn("slack: refused a resume button with an invalid conversation", { user: body.user.id });
        return;
      }
      const resumed = await handoff.resume({ conversationId: conversationId.data, by: `<@${body.user.id}>` });
      if (!resumed) await respond({ response_type: "ephemeral", replace_original: false, text: t.alreadyAnswering });
    });
  });

  app.error(async (error) => {
    logger.error("slack: listener failed", { error: describe(error) });
  });

  // ---------- ports for core ----------

  const notifier: Notifier = {
    async notify(notification) {
      if (notification.type === "handoff_requested") return; // the handoff desk opens a thread instead
      try {
        await post(options.channelId, renderNotification(notification, owner.locale));
      } catch (error) {
        logger.error("slack: could not post a notification", { type: notification.type, error: describe(error) });
      }
    },
  };

  const parseRef = (threadRef: string) => {
    const [channel, ts] = threadRef.split(":");
    if (!channel || !ts) throw new Error(`not a Slack thread reference: ${threadRef}`);
    return { channel, ts };
  };

  const inbox: HandoffInbox = {
    async open(summary, existingThreadRef) {
      const message = renderHandoff(summary, { again: existingThreadRef !== null, locale });
      if (existingThreadRef) {
        const { channel, ts } = parseRef(existingThreadRef);
        await client.chat.postMessage({ channel, thread_ts: ts, reply_broadcast: true, text: message.text, blocks: message.blocks });
        return existingThreadRef;
      }
      const posted = await post(options.channelId, message);
      if (!posted.ts || !posted.channel) throw new Error("Slack did not return the message's timestamp");
      return `${posted.channel}:${posted.ts}`;
    },
    async postCustomerMessage(threadRef, message) {
      const { channel, ts } = parseRef(threadRef);
      const { attachment } = message;
      if (!attachment) {
        await post(channel, renderCustomerMessage(message, locale), ts);
        return;
      }
      let missing = attachment.missing;
      if (attachment.file) {
        const text = describeCustomerAttachment(message.text, attachment, locale);
        try {
          await client.files.uploadV2({
            channel_id: channel,
            thread_ts: ts,
            file: Buffer.from(attachment.file.bytes),
            filename: attachment.file.fileName,
            initial_comment: renderCustomerFileComment({ customerName: message.customerName, text }, locale),
          });
          return;
        } catch (error) {
          // The owner still learns that something came, and what, from a plain thread reply.
          logger.warn("slack: could not upload the customer's file to the handoff thread", { threadRef, error: describe(error) });
          missing = `it could not be uploaded here (${describe(error)})`;
        }
      }
      const text = describeCustomerAttachment(message.text, { description: attachment.description, ...(missing ? { missing } : {}) }, locale);
      await post(channel, renderCustomerMessage({ customerName: message.customerName, text }, locale), ts);
    },
    async postStatus(threadRef, text) {
      const { channel, ts } = parseRef(threadRef);
      await post(channel, renderStatus(text), ts);
    },
  };

  const digestPublisher: DigestPublisher = {
    name: "slack",
    // Throws on failure: the digest job marks the period failed and retries this publisher only.
    async publishDigest(digest, chartPng) {
      await post(options.channelId, renderDigest(digest.title, digest.sections, locale));
      if (chartPng) {
        await client.files.uploadV2({ channel_id: options.channelId, file: Buffer.from(chartPng), filename: "digest.png", title: digest.title });
      }
    },
  };

  return {
    notifier,
    inbox,
    digestPublisher,
    async start() {
      try {
        await app.init();
        const auth = await client.auth.test();
        botUserId = auth.user_id;
      } catch (error) {
        throw new Error(`Slack refused SLACK_BOT_TOKEN or could not be reached (${describe(error)}). Check the token under OAuth & Permissions, and SLACK_API_URL.`);
      }
      if (options.mode.kind === "socket") {
        await app.start();
        logger.info("slack: connected in Socket Mode");
        return { mode: "socket" };
      }
      const server = (await app.start({ port: options.mode.port, host: options.mode.host })) as unknown as Server;
      const address = server.address() as AddressInfo;
      logger.info("slack: listening for requests", { host: address.address, port: address.port });
      return { mode: "http", host: address.address, port: address.port };
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await app.stop().catch((error: unknown) => logger.warn("slack: stopping the receiver failed", { error: describe(error) }));
      while (inFlight.size > 0) await Promise.all([...inFlight]);
      logger.info("slack: stopped; acknowledged work finished");
    },
    async idle() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
}
