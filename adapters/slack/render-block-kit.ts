/**
 * Renders replies, owner notifications and handoff threads as Block Kit, within Slack's limits
 * (≤ 50 blocks a message, section text ≤ 3,000 characters, button text ≤ 75, button value ≤ 2,000,
 * ≤ 25 elements in an actions block). Pure: tested without Slack.
 *
 * Anything that came from a customer or the catalog is escaped (`&`, `<`, `>`), so a customer
 * called `<!channel>` cannot ping the channel and a product name cannot forge a link: in the blocks
 * and in the message's plain `text` too, which Slack reads as mrkdwn for the notification it shows
 * (and pings from). Limits count the escaped text, as Slack does.
 */
import type { types } from "@slack/bolt";
import type { HandoffSummary } from "../../core/handoff/handoff-inbox.ts";
import type { TLocale } from "../../core/messages.ts";
import type { OwnerButton, OwnerReply } from "../../core/owner/commands/define-command.ts";
import { ownerMessagesFor } from "../../core/i18n/owner.ts";
import { describeOwnerNotification } from "../../core/owner/describe-notification.ts";
import { writeCommandValue, type TOwnerCommand } from "../../core/owner/parse-owner-command.ts";
import type { OwnerNotification } from "../../core/ports.ts";
import { splitText } from "../shared/split-text.ts";

type KnownBlock = types.KnownBlock;
type ActionsBlock = types.ActionsBlock;
type SlackButton = types.Button;

export const SLACK_LIMITS = { blocks: 50, sectionText: 3_000, buttonText: 75, buttonValue: 2_000, actionsElements: 25, headerText: 150, fallbackText: 3_000 } as const;

/** action_id prefix of buttons whose value is a typed owner command (`{"verb":"order","args":{…}}`). */
export const COMMAND_ACTION = "shop_cmd";
/** callback_id of the "Ship order" form a "Mark shipped" button opens; block and input of its tracking field. */
export const SHIP_VIEW = "ship_order";
export const TRACKING_BLOCK = "tracking";
export const TRACKING_INPUT = "tracking_input";
/** action_id of the "Resume bot" button; its value is the conversation id. */
export const RESUME_ACTION = "handoff_resume";
/** The form `/shop campaign new` opens (its fields are CAMPAIGN_FIELDS, each a block whose input has the same id). */
export const CAMPAIGN_VIEW = "new_campaign";
export const CAMPAIGN_FIELDS = ["name", "audience", "text", "textZh", "product", "at", "holdout"] as const;
export type TCampaignField = (typeof CAMPAIGN_FIELDS)[number];

export interface SlackMessage {
  /** Fallback for notifications and clients without blocks: escaped mrkdwn, like the blocks. */
  text: string;
  blocks: KnownBlock[];
}

export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * What the owner typed in Slack, as the customer should read it: links become "label (url)",
 * mentions become names, Slack's escapes are undone.
 */
export function slackToPlainText(text: string): string {
  return text
    .replace(/<([^<>|]+)(?:\|([^<>]*))?>/g, (_, target: string, label: string | undefined) => {
      if (target.startsWith("@") || target.startsWith("#")) return label ? `${target[0]}${label}` : "";
      if (target.startsWith("!")) return "";
      const url = target.replace(/^mailto:/, "");
      if (!label || label === url || label === target) return url;
      return `${label} (${url})`;
    })
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .trim();
}

/** Shortens text to `limit` characters with "…", never between the halves of a surrogate pair. */
function cut(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const end = /[\uD800-\uDBFF]/.test(text[limit - 2] ?? "") ? limit - 2 : limit - 1;
  return `${text.slice(0, end)}…`;
}

/** {@link cut} for escaped mrkdwn: also never inside an escape (`&am…` would show as typed). */
function cutMrkdwn(text: string, limit: number): string {
  if (text.length <= limit) return text;
  return `${cut(text, limit).slice(0, -1).replace(/&[a-z]{0,3}$/, "")}…`;
}

/** Text built from customer or catalog data as the message's `text` fallback: escaped, within Slack's limit. */
function fallbackText(text: string): string {
  return cutMrkdwn(escapeMrkdwn(text), SLACK_LIMITS.fallbackText);
}

/** Owner texts with aligned columns (stock lists) read best in monospace. */
function looksTabular(text: string): boolean {
  return text.split("\n").filter((line) => /\S {2,}\S/.test(line)).length >= 2;
}

function textSections(text: string): KnownBlock[] {
  const tabular = looksTabular(text);
  const limit = SLACK_LIMITS.sectionText - (tabular ? 6 : 0);
  // Escaping lengthens the text: pieces are cut where their escaped form fits the limit.
  return splitText(text, limit, { escape: escapeMrkdwn }).map((piece) => ({ type: "section", text: { type: "mrkdwn", text: tabular ? `\`\`\`${escapeMrkdwn(piece)}\`\`\`` : escapeMrkdwn(piece) } }));
}

/**
 * A button that runs an owner command: its value is the typed command (`{ verb, args }`), checked
 * against the command's schema when pressed, never a line to parse again.
 */
export function commandButton(label: string, command: TOwnerCommand, index: number, style?: "primary" | "danger"): SlackButton {
  return {
    type: "button",
    action_id: `${COMMAND_ACTION}:${index}`,
    text: { type: "plain_text", text: cut(label, SLACK_LIMITS.buttonText), emoji: true },
    value: writeCommandValue(command),
    ...(style ? { style } : {}),
  };
}

/** Buttons whose command fits in a button's value (a product's long description might not: that button is left out). */
function commandButtons(buttons: readonly OwnerButton[], first = 0): SlackButton[] {
  return buttons.map((b, i) => commandButton(b.label, b.command, first + i, b.style)).filter((b) => (b.value ?? "").length <= SLACK_LIMITS.buttonValue);
}

function actionBlocks(buttons: SlackButton[]): ActionsBlock[] {
  const blocks: ActionsBlock[] = [];
  for (let i = 0; i < buttons.length; i += SLACK_LIMITS.actionsElements) blocks.push({ type: "actions", elements: buttons.slice(i, i + SLACK_LIMITS.actionsElements) });
  return blocks;
}

/**
 * Keeps a message within 50 blocks, saying so (in the owner's language) when something was left out.
 * `text` is the plain fallback before escaping.
 */
function withinLimits(text: string, blocks: KnownBlock[], locale: TLocale = "en"): SlackMessage {
  let kept = blocks;
  if (blocks.length > SLACK_LIMITS.blocks) {
    kept = blocks.slice(0, SLACK_LIMITS.blocks - 1);
    kept.push({ type: "context", elements: [{ type: "mrkdwn", text: ownerMessagesFor(locale).slack.moreBlocks(blocks.length - kept.length, SLACK_LIMITS.blocks) }] });
  }
  return { text: fallbackText(text), blocks: kept };
}

/**
 * Owner replies from core: their buttons carry typed commands, which come back as the button's
 * value and run as the same command.
 */
export function renderOwnerReplies(replies: readonly OwnerReply[], locale: TLocale = "en"): SlackMessage {
  const done = ownerMessagesFor(locale).slack.done;
  const blocks: KnownBlock[] = [];
  let index = 0;
  replies.forEach((reply, i) => {
    if (i > 0) blocks.push({ type: "divider" });
    blocks.push(...textSections(reply.text));
    const buttons = commandButtons((reply.buttons ?? []).flat(), index);
    index += buttons.length;
    blocks.push(...actionBlocks(buttons));
  });
  if (blocks.length === 0) blocks.push({ type: "section", text: { type: "mrkdwn", text: done } });
  return withinLimits(replies.map((r) => r.text).join("\n\n") || done, blocks, locale);
}

/** The daily digest: its title as a header, then each section (their buttons, if any, as commands). */
export function renderDigest(title: string, sections: readonly OwnerReply[], locale: TLocale = "en"): SlackMessage {
  const body = renderOwnerReplies(sections, locale);
  const blocks: KnownBlock[] = [{ type: "header", text: { type: "plain_text", text: cut(title, SLACK_LIMITS.headerText), emoji: true } }, ...body.blocks];
  return withinLimits([title, ...sections.map((s) => s.text)].join("\n\n"), blocks, locale);
}

/**
 * A notification for the owner channel in the owner's language, with buttons for what one usually
 * does next. The words are core's (`describeOwnerNotification`, the same the console feed shows);
 * the card's layout is Slack's: an icon, the headline in bold, the rest below.
 */
export function renderNotification(n: Exclude<OwnerNotification, { type: "handoff_requested" }>, locale: TLocale = "en"): SlackMessage {
  const notice = describeOwnerNotification(n, locale);
  const [first = "", ...more] = notice.body.map(escapeMrkdwn);
  const text = `:${notice.icon}: *${escapeMrkdwn(notice.headline)}*${first ? ` ${/^[(（]/.test(first) ? "" : "— "}${first}` : ""}${more.length ? `\n${more.join("\n")}` : ""}`;
  return withinLimits(notice.brief, [
    { type: "section", text: { type: "mrkdwn", text: cutMrkdwn(text, SLACK_LIMITS.sectionText) } },
    ...actionBlocks(commandButtons(notice.buttons)),
  ], locale);
}

/** The first message of a handoff thread: who, language, recent messages, open orders, and what to do. */
export function renderHandoff(summary: HandoffSummary, options: { again: boolean; locale?: TLocale }): SlackMessage {
  const locale = options.locale ?? "en";
  const t = ownerMessagesFor(locale).slack.handoff;
  const who = summary.customerName ?? (summary.username ? `@${summary.username}` : t.customerNumber(summary.customerId));
  // The notice's words are the console feed's (one wording); the card around them is Slack's.
  const notice = ownerMessagesFor(locale).notices.handoff({ conversationId: summary.conversationId, who, reason: summary.reason, again: options.again });
  const recent = summary.recentMessages.map((m) => `*${t.from[m.from]}:* ${escapeMrkdwn(cut(m.text.replace(/\s+/g, " "), 280))}`).join("\n") || t.noMessages;
  const orders = summary.openOrders.map((o) => `#${o.id} ${o.status} ${o.total}`).join(", ") || t.none;
  const blocks: KnownBlock[] = [
    { type: "header", text: { type: "plain_text", text: cut(`🙋 ${notice.headline}`, SLACK_LIMITS.headerText), emoji: true } },
    {
      type: "section",
      fields: [
        { type: "mrkdwn", text: `*${t.customer}*\n${cutMrkdwn(escapeMrkdwn(who), 200)}${summary.username ? ` (@${cutMrkdwn(escapeMrkdwn(summary.username), 200)})` : ""} · #${summary.customerId}` },
        { type: "mrkdwn", text: `*${t.language}*\n${t.languages[summary.locale] ?? summary.locale}` },
        { type: "mrkdwn", text: `*${t.channel}*\n${escapeMrkdwn(summary.channel)}` },
        { type: "mrkdwn", text: `*${t.why}*\n${cutMrkdwn(escapeMrkdwn(summary.reason), 500)}` },
      ],
    },
    ...splitText(`*${t.recent}*\n${recent}`, SLACK_LIMITS.sectionText).map((piece): KnownBlock => ({ type: "section", text: { type: "mrkdwn", text: piece } })),
    { type: "section", text: { type: "mrkdwn", text: `*${t.openOrders}* ${orders}` } },
    { type: "context", elements: [{ type: "mrkdwn", text: t.howToReply(escapeMrkdwn(summary.channel)) }] },
    {
      type: "actions",
      elements: [
        { type: "button", action_id: RESUME_ACTION, text: { type: "plain_text", text: t.resumeButton }, value: String(summary.conversationId), style: "primary" },
        commandButton(t.openCustomer, { command: "customer", customerId: summary.customerId }, 0),
      ],
    },
  ];
  return withinLimits(notice.brief, blocks, locale);
}

/** What the customer wrote while the owner has the conversation, as a thread reply. */
export function renderCustomerMessage(message: { customerName: string | null; text: string }, locale: TLocale = "en"): SlackMessage {
  const name = message.customerName ?? ownerMessagesFor(locale).slack.handoff.customerName;
  const prefix = `:speech_balloon: *${cutMrkdwn(escapeMrkdwn(name), 200)}:* `;
  // Every piece leaves room for the prefix, so the first one fits with it.
  const pieces = splitText(message.text, SLACK_LIMITS.sectionText - prefix.length, { escape: escapeMrkdwn }).map(escapeMrkdwn);
  return withinLimits(`${name}: ${message.text}`, pieces.map((piece, i) => ({ type: "section", text: { type: "mrkdwn", text: i === 0 ? `${prefix}${piece}` : piece } })), locale);
}

/**
 * What the customer wrote with a photo, file, voice message or location, for the thread: the caption
 * after what was sent ("sent a photo"), and why the file is not there when it could not be had.
 */
export function describeCustomerAttachment(text: string, attachment: { description: string; missing?: string }, locale: TLocale = "en"): string {
  return ownerMessagesFor(locale).slack.handoff.sent(attachment.description, attachment.missing, text);
}

/** The comment posted with an uploaded customer file (mrkdwn, like the thread's other customer lines). */
export function renderCustomerFileComment(message: { customerName: string | null; text: string }, locale: TLocale = "en"): string {
  return cutMrkdwn(`:speech_balloon: *${cutMrkdwn(escapeMrkdwn(message.customerName ?? ownerMessagesFor(locale).slack.handoff.customerName), 200)}:* ${escapeMrkdwn(message.text)}`, SLACK_LIMITS.sectionText);
}

/** A status line in a thread; user mentions (`<@U…>`) stay mentions, everything else is escaped. */
export function renderStatus(text: string): SlackMessage {
  const escaped = cutMrkdwn(escapeMrkdwn(text), SLACK_LIMITS.sectionText).replace(/&lt;@([UW][A-Z0-9]{2,20})&gt;/g, "<@$1>");
  return { text: escaped, blocks: [{ type: "context", elements: [{ type: "mrkdwn", text: escaped }] }] };
}

/**
 * The form a "Mark shipped" button opens: one optional field for the parcel's tracking number or
 * link, sent to the customer with the shipped message. `privateMetadata` comes back on submission.
 */
/** The form for a new campaign: what `campaign new` takes, field by field; submitting it answers with the preview. */
export function renderCampaignModal(privateMetadata: string, locale: TLocale = "en") {
  const t = ownerMessagesFor(locale).slack;
  const required = new Set<TCampaignField>(["name", "audience"]);
  const multiline = new Set<TCampaignField>(["text", "textZh"]);
  return {
    type: "modal" as const,
    callback_id: CAMPAIGN_VIEW,
    private_metadata: privateMetadata,
    title: { type: "plain_text" as const, text: cut(t.campaignTitle, 24) },
    submit: { type: "plain_text" as const, text: t.campaignSubmit },
    close: { type: "plain_text" as const, text: t.shipCancel },
    blocks: [
      { type: "context", elements: [{ type: "mrkdwn", text: t.campaignFormHint }] },
      ...CAMPAIGN_FIELDS.map((field) => ({
        type: "input",
        block_id: field,
        optional: !required.has(field),
        label: { type: "plain_text", text: cut(t.campaignFields[field] ?? field, 2_000) },
        element: {
          type: "plain_text_input",
          action_id: field,
          multiline: multiline.has(field),
          max_length: multiline.has(field) ? 700 : field === "audience" ? 1_000 : 100,
          ...(field === "audience" ? { initial_value: "opted-in" } : {}),
        },
      })),
    ],
  };
}

export function renderShipModal(orderId: number, privateMetadata: string, locale: TLocale = "en") {
  const t = ownerMessagesFor(locale).slack;
  return {
    type: "modal" as const,
    callback_id: SHIP_VIEW,
    private_metadata: privateMetadata,
    title: { type: "plain_text" as const, text: cut(t.shipTitle(orderId), 24) },
    submit: { type: "plain_text" as const, text: t.shipSubmit },
    close: { type: "plain_text" as const, text: t.shipCancel },
    blocks: [{
      type: "input",
      block_id: TRACKING_BLOCK,
      optional: true,
      label: { type: "plain_text", text: t.trackingLabel },
      hint: { type: "plain_text", text: t.trackingHint },
      element: { type: "plain_text_input", action_id: TRACKING_INPUT, max_length: 200, placeholder: { type: "plain_text", text: "RM123456789GB" } },
    }],
  };
}
