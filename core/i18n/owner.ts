/**
 * Every text the shop's owner reads (answers to commands, help, notifications, clarifying questions),
 * in English and Chinese, chosen by OWNER_LOCALE. `zh` is typed as {@link OwnerMessages}: a text
 * added in English and not in Chinese is a compile error. Where a count decides the wording, the
 * plural category comes from `Intl.PluralRules`, never from `n === 1`.
 */
import type { TAudienceSyntaxError, TAudienceTermKey } from "../audiences/parse-audience-definition.ts";
import type { TAutomationTrigger } from "../automations/automation-trigger.ts";
import type { Refusal } from "../errors.ts";
import type { TDemandBasis } from "../inventory/forecast/forecast-weekly-demand.ts";
import type { TLocale } from "../messages.ts";

const enPlural = new Intl.PluralRules("en");
/** "1 order", "2 orders": English wording chosen by the count's plural category. */
function en_(n: number, one: string, other: string): string {
  return `${n} ${enPlural.select(n) === "one" ? one : other}`;
}

/** One notification for the owner, in words: its headline and what follows it (layout is the channel's). */
export interface NoticeWords {
  /** The notice's subject, e.g. "New order #12 from Ann" (bold in Slack). */
  headline: string;
  /** The whole notice on one line: the console feed's text and any plain channel's. */
  line: string;
  /** A short form for push notifications (Slack's fallback text). */
  brief: string;
  /** What follows the headline in a card (Slack), one entry per line; none when the headline says it all. */
  body: string[];
}

type OrderTo = "paid" | "shipped" | "delivered" | "cancelled";

/** What an erasure touches, as the owner is told it (before and after). */
interface ErasureWords {
  identities: number;
  messages: number;
  orders: number;
  openOrders: number;
  events: number;
  stockAlerts: number;
}

/** One product of a stock plan, as its line says it. */
export interface StockPlanWords {
  sku: string;
  name: string;
  stock: number;
  /** Days the stock lasts at the expected pace; null when nothing is expected to sell. */
  cover: number | null;
  leadDays: number;
  reorderPoint: number;
  orderUpTo: number;
  quantity: number;
  /** The quantity is the supplier's minimum order (more than the plan needs). */
  minimumApplied: boolean;
  /** Days until the reorder point (order soon). */
  daysUntil: number | null;
  /** Expected units a day over the lead time. */
  pace: number;
  /** Next week's expected units and 80 % interval. */
  week: { mean: number; low: number; high: number };
  basis: TDemandBasis;
  historyWeeks: number;
  /** The pool: the category's name, or null for the whole shop. */
  category: string | null;
  /** Next week's yearly factor (1: none). */
  seasonal: number;
  waiting: number;
  threshold: number;
}

/** A figure of units as the owner reads it: one decimal below 10, whole above. */
export function units(x: number): string {
  return x < 9.95 ? x.toFixed(1) : String(Math.round(x));
}

const enCover = (d: number | null) =>
  d === null ? "nothing is expected to sell" : d >= 365 ? "it lasts more than a year" : d < 1 ? "it runs out within a day" : `it runs out in about ${en_(Math.round(d), "day", "days")}`;
const enPool = (category: string | null) => (category ? `the ${category} category` : "the shop");
const enBasis = (p: Pick<StockPlanWords, "basis" | "historyWeeks" | "category" | "seasonal">) =>
  ({
    own: "from its own last 8 weeks",
    intermittent: `it sells in fewer than half the weeks: its last ${p.historyWeeks} weeks, at ${enPool(p.category)}'s pace now`,
    recent: `from its ${p.historyWeeks} weeks of sales`,
    pooled: `from ${en_(p.historyWeeks, "week", "weeks")} of its own and ${enPool(p.category)}'s pace`,
    new: `new: as a typical product of ${enPool(p.category)}`,
    unsold: `no sale in its last ${p.historyWeeks} weeks`,
    none: "nothing has sold yet",
  })[p.basis] + (Math.abs(p.seasonal - 1) >= 0.05 ? `, with last year's season (×${p.seasonal.toFixed(2)})` : "");
const enReason = (p: StockPlanWords) => `About ${units(p.pace)} a day (${units(p.week.mean)} a week, 80 %: ${units(p.week.low)}–${units(p.week.high)}), ${enBasis(p)}.`;

const en = {
  noName: "(no name)",
  noContact: "no contact",
  none: "none",
  guest: "guest",
  contact: "Contact",
  history: "History",
  ordersLabel: "Orders",
  customer: "Customer",
  address: "Address",
  stage: "Stage",
  customerRef: (id: number) => `customer ${id}`,
  customerButton: (id: number) => `Customer #${id}`,
  customerNotFound: (id: number) => `No customer #${id}.`,
  orderButton: (id: number) => `Order #${id}`,
  orderCount: (n: number) => en_(n, "order", "orders"),
  notAvailable: (what: string) => `${what}: not available yet.`,
  usage: (line: string) => `Usage: ${line}`,
  unknownCommand: (word: string) => `I don't know "${word}". Type help for the list of commands.`,
  failed: "Sorry, that failed on our side; the details are in the log.",
  pleaseFix: (problems: readonly string[]) => `Please fix: ${problems.join("; ")}.`,
  notReached: (n: number) => `${en_(n, "message", "messages")} could not reach the customer's chat right now; ${enPlural.select(n) === "one" ? "it is" : "they are"} saved in the conversation.`,
  help: { heading: "Commands:" },
  settings: {
    none: "No settings to show here.",
    heading: "Shop settings (set in the environment or .env; restart to change them):",
  },
  leads: {
    none: "No leads yet.",
    noneShown: "No leads yet (visitors who only said hello are hidden; `leads all` shows them).",
    heading: (n: number) => `Leads, newest first (${n}):`,
    since: "since",
    score: "score",
    button: (id: number) => `Lead #${id}`,
  },
  lead: {
    notFound: (id: number) => `No lead #${id}.`,
    title: (id: number, name: string, customerId: number, locale: string) => `Lead #${id}: ${name} (customer ${customerId}, ${locale})`,
    stage: (stage: string, source: string, lastActive: string) => `Stage: ${stage} · source ${source} · last active ${lastActive}`,
  },
  orders: {
    noneOpen: "No open orders. (`orders all` lists every order.)",
    nonePlaced: (day: "today" | "yesterday") => `No orders placed ${day}.`,
    none: "No orders.",
    noAddress: "no address yet",
    heading: (filter: string, shown: number, total: number) => `Orders (${filter}, ${shown}${total > shown ? ` of ${total}` : ""}):`,
  },
  attribution: {
    source: (described: string) => `Source: ${described}`,
    direct: (days: number) => `Source: direct (no campaign, link or code in the ${en_(days, "day", "days")} before)`,
    touch: (t: { kind: string; campaignId: number | null; campaignName: string | null; automation: boolean; code: string | null; at: string }) => {
      const what = t.campaignId !== null ? `${t.automation ? "automation" : "campaign"} #${t.campaignId}${t.campaignName ? ` "${t.campaignName}"` : ""}` : `code ${t.code ?? "?"}`;
      const how = ({ delivered: "message received", pressed: "button pressed", link: "link opened", code: `code ${t.code ?? ""} used` } as Record<string, string>)[t.kind] ?? t.kind;
      return `${what} (${how} ${t.at})`;
    },
    short: (t: { campaignId: number | null; automation: boolean; code: string | null }) => (t.campaignId !== null ? `${t.automation ? "automation" : "campaign"} #${t.campaignId}` : `code ${t.code ?? "?"}`),
  },
  order: {
    notFound: (id: number) => `No order #${id}.`,
    title: (id: number) => `Order #${id}`,
    cancelButton: "Cancel",
    markButton: (to: string) => `Mark ${to}`,
    refundButton: "Refund done",
    shipAnywayButton: "Ship anyway",
    showButton: "Show order",
    refunded: (date: string, ref: string | null) => `Refunded: ${date}${ref ? ` (${ref})` : ""}`,
    refundDue: (amount: string, paymentRef: string | null) => `Refund due: ${amount}${paymentRef ? ` (payment ${paymentRef})` : ""}`,
    delivery: "delivery",
    shipTo: "Ship to",
    noAddress: "(none given yet)",
    by: "by",
    tracking: "Tracking",
    noAddressYet: (id: number) =>
      `Order #${id} has no delivery address yet: the customer was asked for one but has not sent it. Ship it anyway if you have the address from elsewhere; otherwise ask the customer first.`,
    already: (id: number, to: OrderTo) => `Order #${id} is already ${to}.`,
    moved: (o: { orderId: number; from: string; to: OrderTo; paid: { amount: string; paymentRef: string | null } | null; askTracking: boolean }) =>
      `Order #${o.orderId}: ${o.from} → ${o.to}.${o.to === "cancelled" ? " Stock returned." : ""}` +
      (o.paid ? ` It was paid (${o.paid.amount}${o.paid.paymentRef ? `, payment ${o.paid.paymentRef}` : ""}): refund the customer through the way they paid, then record it with \`order ${o.orderId} refunded\`.` : "") +
      (o.askTracking ? ` To send the customer a tracking number: \`order ${o.orderId} tracking <number or link>\`.` : ""),
  },
  tracking: {
    saved: (id: number, ref: string, was: string | null, customer: "told" | "sent" | "notYet") =>
      `Order #${id}: tracking ${ref}${was ? ` (was ${was})` : ""}.${customer === "told" ? " The customer was told." : customer === "notYet" ? " The customer gets it when you mark the order shipped." : ""}`,
  },
  consent: {
    set: (who: string, given: boolean, changed: boolean) => `${who}: marketing consent ${given ? "on" : "off"}${changed ? "" : " (it already was; recorded again)"}.`,
    historyHeading: "Consent history, newest first:",
    line: (at: string, given: boolean, source: "button" | "words" | "owner" | "import", actor: string | null) =>
      `${at} ${given ? "on" : "off"} — ${({ button: "button in the chat", words: "words in the chat", owner: "owner", import: "import" })[source]}${actor && source !== "owner" ? ` (${actor})` : ""}`,
  },
  refund: {
    already: (id: number, date: string, ref: string | null) => `Order #${id}'s refund was already recorded on ${date}${ref ? ` (${ref})` : ""}.`,
    recorded: (id: number, amount: string, ref: string | null, told: boolean) => `Order #${id}: refund of ${amount} recorded${ref ? ` (${ref})` : ""}.${told ? " The customer was told." : ""}`,
  },
  refunds: {
    noneEver: "No paid order has been cancelled: no refunds owed.",
    noneOwed: "No refunds owed.",
    owed: (n: number, total: string) => `Refunds owed (${n}, ${total}):`,
    payment: "payment",
    recorded: "Recorded:",
    refundedOn: "refunded",
    doneButton: (id: number) => `Refund done #${id}`,
  },
  stock: {
    noneLow: "Nothing is at or below its reorder point (or, without a forecast, its low-stock threshold).",
    noProducts: 'No products yet. Add one with: product add sku=… name="…" price=… category=…',
    inactive: "(inactive)",
    waiting: (n: number) => `${n} waiting`,
    heading: (n: number, lowOnly: boolean) => `Stock (${en_(n, "product", "products")}${lowOnly ? " at or below the reorder point or threshold" : ""}):`,
    /** `point`: the stock is at or below its reorder point (from its forecast) or its low-stock threshold. */
    changed: (c: { sku: string; name: string; before: number; after: number; point: { reorder: boolean; value: number } | null; told: number }) =>
      `${c.sku} ${c.name}: stock ${c.before} → ${c.after}.${c.point ? ` (at or below ${c.point.reorder ? "its reorder point" : "the low-stock threshold"} of ${c.point.value})` : ""}${toldWaitingEn(c.told)}`,
  },
  stockPlan: {
    heading: (serviceLevel: string, leadDays: number, coverDays: number) =>
      `Stock plan (service level ${serviceLevel}; lead time ${leadDays} days unless a product has its own; each order covers ${coverDays} days of sales):`,
    orderNow: (n: number) => `Order now (${n}):`,
    orderSoon: (n: number) => `Order within the lead time (${n}):`,
    lowStock: (n: number) => `Low stock, not enough sales yet for a forecast (${n}):`,
    nothing: "Nothing to order: every product lasts longer than its lead time, and none is at its low-stock threshold.",
    noProducts: 'No products yet. Add one with: product add sku=… name="…" price=… category=…',
    nowLine: (p: StockPlanWords) =>
      `• ${p.sku} ${p.name}: ${p.stock} in stock; ${enCover(p.cover)} (lead time ${en_(p.leadDays, "day", "days")}) — order ${p.quantity}${p.minimumApplied ? " (the supplier's minimum)" : ""}. ${enReason(p)}`,
    soonLine: (p: StockPlanWords) =>
      `• ${p.sku} ${p.name}: ${p.stock} in stock, down to its reorder point of ${p.reorderPoint} in about ${en_(p.daysUntil ?? 0, "day", "days")} (lead time ${en_(p.leadDays, "day", "days")}) — order about ${p.quantity} then. ${enReason(p)}`,
    lowLine: (p: StockPlanWords) =>
      `• ${p.sku} ${p.name}: ${p.stock} (≤ ${p.threshold}), ${p.stock === 0 ? "out of stock" : enCover(p.cover)}${p.waiting > 0 ? `, ${en_(p.waiting, "customer", "customers")} waiting for it` : ""}`,
    rest: (n: number) => `The other ${en_(n, "product lasts", "products last")} longer than the lead time.`,
    detailButton: (sku: string) => `Plan ${sku}`,
    /** `stock plan <sku>`: one product's forecast and plan in full. */
    detail: (d: StockPlanWords & { minOrder: number | null; ownLeadDays: boolean; weeks: { from: string; mean: number; low: number; high: number }[]; days: { date: string; mean: number; low: number; high: number }[]; serviceLevel: string; protectionDemand: number; safetyStock: number; forecasted: boolean; coverDays: number }) =>
      [
        `${d.sku} ${d.name}: ${d.stock} in stock; lead time ${en_(d.leadDays, "day", "days")}${d.ownLeadDays ? "" : " (the default)"}${d.minOrder ? `; minimum order ${d.minOrder}` : ""}.`,
        `Forecast, ${enBasis(d)}:`,
        ...d.weeks.map((w) => `  week from ${w.from}: ${units(w.mean)} (80 %: ${units(w.low)}–${units(w.high)})`),
        `Next days: ${d.days.map((x) => `${x.date.slice(5)} ${units(x.mean)} (${units(x.low)}–${units(x.high)})`).join(", ")}`,
        `${enCover(d.cover).replace(/^it /, "It ").replace(/^nothing/, "Nothing")}.`,
        d.cover === null
          ? "No reorder point without expected sales."
          : `Reorder point ${d.reorderPoint}: ${units(d.protectionDemand)} expected over the lead time + ${units(d.safetyStock)} safety stock for ${d.serviceLevel}. Order up to ${d.orderUpTo} (${d.coverDays} more days of sales).` +
            (d.stock <= d.reorderPoint ? ` Order ${d.quantity} now.` : d.daysUntil !== null ? ` Order about ${d.quantity} in about ${en_(d.daysUntil, "day", "days")}.` : ""),
        ...(d.forecasted ? [] : [`Alerts use its low-stock threshold (${d.threshold}) until it has 4 weeks of sales of its own.`]),
      ].join("\n"),
  },
  product: {
    added: (sku: string, name: string, price: string, stock: number, category: string) => `Added ${sku} ${name} — ${price}, stock ${stock}, category ${category}.`,
    updated: (p: { sku: string; name: string; price: string; was: string | null; stock: number; active: boolean; told: number; supply: { leadDays: number; ownLeadDays: boolean; minOrder: number | null } | null }) =>
      `Updated ${p.sku} ${p.name} — ${p.price}${p.was ? ` (was ${p.was})` : ""}, stock ${p.stock}, ${p.active ? "active" : "inactive"}` +
      (p.supply ? `, lead time ${en_(p.supply.leadDays, "day", "days")}${p.supply.ownLeadDays ? "" : " (the default)"}, ${p.supply.minOrder ? `minimum order ${p.supply.minOrder}` : "no minimum order"}` : "") +
      `.${toldWaitingEn(p.told)}`,
  },
  productFields: {
    badPrice: (value: string) => `price "${value}" is not an amount like 12.50`,
    badWholeNumber: (key: string, value: string) => `${key} "${value}" is not a whole number from 0 to 1000000`,
    badYesNo: (key: string) => `${key} should be yes or no`,
    badLeadDays: (value: string) => `lead_days "${value}" is not a whole number of days from 1 to 365 (or "default")`,
    unknownField: (key: string) => `unknown field "${key}"`,
    pleaseFix: (problems: readonly string[]) => `Please fix: ${problems.join("; ")}.`,
  },
  customers: {
    none: (q: string) => `No customer matches "${q}".`,
    heading: (q: string) => `Customers matching "${q}":`,
  },
  funnel: {
    heading: (total: number) => `Funnel (${total} people):`,
    now: "now",
    reached: "reached",
  },
  inbox: {
    none: "No conversations are waiting for you.",
    conversation: (id: number) => `Conversation ${id}`,
    since: "since",
    customer: "customer",
    answerWith: (id: number) => `Answer with: reply ${id} <text>`,
    resumeButton: "Resume bot",
  },
  notes: {
    customerAdded: (id: number) => `Note kept on customer #${id}.`,
    conversationAdded: (id: number) => `Note kept on conversation ${id} (the customer does not see it).`,
  },
  review: {
    notFound: (id: number) => `No customer message #${id}.`,
    unknownIntent: (intent: string, known: string) => `"${intent}" is not one of the assistant's intents: ${known}.`,
    taught: (id: number, intent: string, examples: number) => `Message #${id} taught as "${intent}" (${en_(examples, "example", "examples")} of yours so far). Press Retrain to use it.`,
    faq: (id: number, faqId: number) => `Message #${id} is now FAQ #${faqId}.`,
    dismissed: (id: number) => `Message #${id} dismissed.`,
  },
  retrain: {
    started: (examples: number) => `Retraining the assistant in the background with ${en_(examples, "example", "examples")} of yours; the dashboard shows the accuracy before and after when it is done.`,
    running: "A retraining is already running.",
    unavailable: "Retraining is not available here.",
  },
  reply: {
    notFound: (id: number) => `No conversation ${id}.`,
    sent: (id: number) => `Sent to conversation ${id}.`,
    saved: (id: number) => `Saved on conversation ${id}; the customer will see it when they next open the chat.`,
  },
  resume: {
    done: (id: number) => `The bot answers conversation ${id} again.`,
    notWaiting: (id: number) => `Conversation ${id} was not waiting for you.`,
  },
  faq: {
    none: "No answers yet. Add one: faq add Do you gift wrap? | Yes, £2 per item, chosen at checkout.",
    heading: "Your answers (customers asking these in their own words get them):",
    added: (id: number, question: string, answer: string) => `Added answer #${id}: "${question}" → ${answer}`,
    removed: (id: number) => `Removed answer #${id}.`,
  },
  audit: {
    none: (about: string | null) => (about ? `No changes recorded about ${about}.` : "No changes recorded yet."),
    heading: (n: number, about: string | null) => `${about ? `Changes about ${about}` : "Changes"}, newest first (${n}): when · who · what · subject · before → after`,
  },
  /** A customer's data rights: their data exported, or erased. */
  dataRights: {
    exported: (id: number, file: string, c: { orders: number; conversations: number; messages: number; events: number }) =>
      `Everything held about customer #${id}: ${en_(c.orders, "order", "orders")}, ${en_(c.conversations, "conversation", "conversations")}, ${en_(c.messages, "message", "messages")}, ${en_(c.events, "event", "events")} (${file}).`,
    erasePreview: (id: number, c: ErasureWords) =>
      `Erasing customer #${id} removes for good their name, email, phone, addresses, chat accounts (${c.identities}), the text of their ${en_(c.messages, "message", "messages")}, ` +
      `their delivery addresses and payment and tracking references, and ${en_(c.stockAlerts, "back-in-stock request", "back-in-stock requests")}. ` +
      `Their ${en_(c.orders, "order", "orders")} and ${en_(c.events, "event", "events")} stay for the accounts and the figures, anonymous.` +
      (c.openOrders > 0 ? ` ${en_(c.openOrders, "order is", "orders are")} not sent yet and will have no delivery address.` : "") +
      ` A new message from their chat starts a new customer. This cannot be undone; if they asked for their data, export it first: customer ${id} export`,
    eraseButton: (id: number) => `Erase customer #${id}`,
    erased: (id: number, c: ErasureWords) =>
      `Customer #${id} erased: ${en_(c.identities, "chat account", "chat accounts")} and ${en_(c.stockAlerts, "back-in-stock request", "back-in-stock requests")} deleted, ${en_(c.messages, "message", "messages")} emptied; ${en_(c.orders, "order", "orders")} kept, anonymous. Backups taken before now still hold their data until they are rotated out.`,
    alreadyErased: (id: number, date: string) => `Customer #${id}'s data was already erased on ${date}.`,
  },
  backup: {
    onServer: "The shop's data is on a PostgreSQL server (DATABASE_URL): back it up with that server's tools, e.g. pg_dump.",
    done: (location: string, megabytes: string, kept: number) => `Backed up to ${location} (${megabytes} MB; ${kept} kept). Restore with: npm run restore -- ${location}`,
  },
  campaign: {
    statuses: { draft: "draft", scheduled: "scheduled", sending: "sending", sent: "sent", cancelled: "cancelled" } as Record<string, string>,
    title: (id: number, name: string, status: string) => `Campaign #${id} "${name}" — ${status}`,
    audience: (audience: string, members: number, optedIn: number, reachable: number) => `Audience: ${audience} — ${en_(members, "customer", "customers")}, ${optedIn} opted in, ${reachable} reachable on a chat now`,
    product: (sku: string, name: string, price: string) => `Product: ${sku} ${name} — ${price}`,
    productGone: "Product: no longer in the catalog (sent without its card)",
    promoCode: (code: string) => `Promo code: ${code} (a "Use ${code}" button under the message)`,
    estimate: (duration: string, rate: number, quiet: string | null, cap: number) =>
      `Sending takes about ${duration} at ${rate} messages a second${quiet ? `, never in the quiet hours (${quiet})` : ""}; at most ${en_(cap, "campaign message", "campaign messages")} per customer a week.`,
    holdoutPlanned: (percent: number, n: number) =>
      percent > 0
        ? `Hold-out: ${percent}% kept out at random (${en_(n, "customer", "customers")} now) and never sent, to measure what the campaign causes.`
        : "Hold-out: none (holdout=0). Warning: without one the uplift cannot be measured, only what the recipients did.",
    link: (parameter: string) => `Link for posts and stories (opening it counts for this campaign): https://t.me/<your bot>?start=${parameter}`,
    holdoutKept: (n: number, percent: number) => `Held out: ${en_(n, "customer", "customers")} (${percent}%), never sent.`,
    scheduledFor: (at: string) => `Starts at ${at} once you confirm.`,
    scheduledAt: (at: string) => `Scheduled: starts at ${at}.`,
    startedAt: (at: string) => `Started ${at}.`,
    finishedAt: (at: string) => `Finished ${at}.`,
    progress: (p: { sent: number; total: number; failed: number; skipped: number; waiting: number }) =>
      `Sent ${p.sent} of ${p.total} · failed ${p.failed} · skipped ${p.skipped}${p.waiting > 0 ? ` · still to send ${p.waiting}` : ""}`,
    reasonsOf: (status: "skipped" | "failed" | "pending", list: string) => `${{ skipped: "Skipped", failed: "Failed", pending: "Waiting" }[status]}: ${list}`,
    reasons: {
      no_consent: "consent withdrawn",
      unreachable: "blocked the bot before",
      weekly_cap: "weekly limit reached",
      handoff: "in a conversation with you",
      cancelled: "cancelled",
      interrupted: "interrupted by a restart (not sent again)",
      blocked: "blocked the bot",
      chat_not_found: "chat not found",
      rate_limited: "Telegram asked to slow down",
      chat_busy: "chat written to a moment ago",
      network: "network error",
      no_customer: "customer deleted",
      campaign_gone: "campaign deleted",
    } as Record<string, string>,
    duration: (seconds: number) => (seconds < 90 ? `${Math.max(1, Math.round(seconds))} s` : seconds < 5_400 ? `${Math.round(seconds / 60)} min` : `${Math.floor(seconds / 3_600)} h ${Math.round((seconds % 3_600) / 60)} min`),
    timeLeft: (duration: string) => `About ${duration} to go.`,
    quietNow: (until: string) => `Quiet hours now: sending resumes at ${until}.`,
    previewHeading: (language: string, who: string | null) => `As customers see it — ${language}${who ? ` (shown for ${who})` : ""}:`,
    languages: { en: "English", zh: "Chinese" } as Record<string, string>,
    fallbackNote: (other: string) => `(no text in this language: customers get the ${other} text)`,
    buttonsLine: (labels: readonly string[]) => labels.map((l) => `[ ${l} ]`).join(" "),
    confirm: (n: number) => `Nothing has been sent. Send it to ${en_(n, "customer", "customers")}?`,
    confirmScheduled: (n: number, at: string) => `Nothing has been sent. Schedule it for ${at} (${en_(n, "customer", "customers")} now)?`,
    sendButton: (n: number) => `Send to ${n}`,
    scheduleButton: "Schedule",
    cancelButton: "Cancel campaign",
    showButton: (id: number) => `Campaign #${id}`,
    started: (id: number, n: number, duration: string) => `Campaign #${id} is sending to ${en_(n, "customer", "customers")} (about ${duration}). \`campaign ${id}\` shows its progress.`,
    scheduled: (id: number, at: string) => `Campaign #${id} will start at ${at}. \`campaign ${id} cancel\` stops it before then.`,
    cancelled: (id: number, skipped: number) => `Campaign #${id} cancelled.${skipped > 0 ? ` ${en_(skipped, "message", "messages")} not sent.` : ""}`,
    none: 'No campaigns yet. Start one: campaign new name="Spring tea" audience=opted-in text="Hi {first_name}! …"',
    listHeading: (n: number) => `Campaigns, newest first (${n}):`,
    effect: {
      heading: (days: number, complete: boolean, until: string) => (complete ? `Effect over the ${en_(days, "day", "days")} after it started:` : `Effect so far (its ${days}-day window ends ${until}):`),
      month: (month: string, complete: boolean) => `${month}${complete ? "" : " (so far)"}:`,
      message: (m: { sent: number; optedOut: number; pressed: number; credited: number }) =>
        `Message: sent ${m.sent} · opted out ${m.optedOut} · pressed a button or opened the link ${m.pressed} · orders credited to it by last touch ${m.credited}`,
      group: (treated: boolean, g: { people: number; ordered: number; conversion: string; revenue: string; perPerson: string }) =>
        `${treated ? "Picked to receive it" : "Hold-out (not sent)"}: ${en_(g.people, "person", "people")}, ${g.ordered} ordered (${g.conversion}), revenue ${g.revenue}, ${g.perPerson} a person`,
      uplift: (points: string, interval: string) => `Uplift (what it caused): ${points} points of conversion, 95% interval ${interval}`,
      revenue: (money: string, interval: string) => `Revenue a person against the hold-out: ${money}, 95% interval ${interval}`,
      incremental: (orders: string, ordersInterval: string, revenue: string, revenueInterval: string) => `Incremental: ${orders} more customers ordering (${ordersInterval}), ${revenue} more revenue (${revenueInterval})`,
      cost: (cost: string, budget: string, discount: string) => `Cost: ${cost} (budget ${budget} + discounts given ${discount})`,
      returnOnSpend: (value: string, interval: string) => `Return on spend (incremental revenue ÷ cost): ${value} (95% interval ${interval})`,
      index: (goal: string, naive: string, caused: string, unit: string) =>
        `Effectiveness index (objective achieved ÷ budget, goal ${goal}): ${naive} ${unit} per unit of budget counting everything recipients did; ${caused} counting only what it caused`,
      goalOrders: (n: number) => `${n} customers ordering`,
      goalRevenue: (money: string) => `${money} revenue`,
      unitOrders: "orders",
      unitRevenue: "of revenue",
      attainment: (percent: string) => `Goal reached: ${percent} (everything recipients did)`,
      noHoldout: "No hold-out (holdout=0): the uplift cannot be measured. Part of what recipients did would have happened anyway.",
      noInterval: "n/a",
      listLine: (c: { id: number; name: string; sent: number; optedOut: number; pressed: number; ordered: number; uplift: string; revenue: string }) =>
        `#${c.id} ${c.name}: sent ${c.sent} · opted out ${c.optedOut} · pressed ${c.pressed} · ordered ${c.ordered} · revenue ${c.revenue} · uplift ${c.uplift}`,
      listHeading: (days: number) => `Results side by side (${days}-day windows; uplift against each hold-out, 95% interval):`,
    },
    listLine: (c: { id: number; name: string; status: string; sent: number; total: number; at: string }) => `#${c.id} ${c.name} — ${c.status}${c.total > 0 ? `, ${c.sent}/${c.total} sent` : ""} · ${c.at}`,
  },
  automation: {
    statuses: { sending: "active", paused: "paused", cancelled: "deleted" } as Record<string, string>,
    trigger: (t: TAutomationTrigger): string => {
      switch (t.kind) {
        case "afterDelivered": return `${en_(t.days, "day", "days")} after an order is delivered`;
        case "reorder": return "when a customer is due to buy a product again (from their own rhythm)";
        case "noOrder": return `${en_(t.days, "day", "days")} after a customer's last order, if none since (win-back)`;
        case "firstOrder": return "after a customer's first order (welcome)";
        case "stage": return `when a customer reaches the ${t.stage} stage`;
        case "hot": return `when the chance to order within 14 days is ${t.inclusive ? "at least" : "above"} ${Math.round(t.probability * 100)}%`;
      }
    },
    title: (id: number, name: string, status: string) => `Automation #${id} "${name}" — ${status}`,
    when: (described: string, written: string) => `When: ${described} (when=${written})`,
    audience: (audience: string | null) => (audience ? `Audience: ${audience}` : "Audience: everyone the trigger names who agreed to offers"),
    reorderProduct: "Product: the one each customer buys again (its card and Order button)",
    rules: (since: string, cooldown: number, quiet: string | null, cap: number) =>
      `Acts on what happens from ${since} on. Each customer at most once per occasion and once in ${en_(cooldown, "day", "days")}; like campaigns, only with consent${quiet ? `, never in the quiet hours (${quiet})` : ""}, at most ${en_(cap, "marketing message", "marketing messages")} per customer a week.`,
    counts: (c: { sent: number; recent: number; failed: number; skipped: number; waiting: number }) =>
      `Sent ${c.sent} (${c.recent} in the last 30 days) · failed ${c.failed} · skipped ${c.skipped}${c.waiting > 0 ? ` · waiting ${c.waiting}` : ""}`,
    created: (id: number) => `Automation #${id} is active: every 10 minutes it looks for the customers its trigger names.`,
    changed: (id: number, action: "pause" | "resume" | "delete", skipped: number) =>
      action === "pause"
        ? `Automation #${id} paused.${skipped > 0 ? ` ${en_(skipped, "message", "messages")} waiting to go will not be sent.` : ""}`
        : action === "resume"
          ? `Automation #${id} resumed: it acts on what happens from now on.`
          : `Automation #${id} deleted.${skipped > 0 ? ` ${en_(skipped, "message", "messages")} waiting to go will not be sent.` : ""}`,
    none: 'No automations yet. For example: automation new name="How is it?" when=delivered+7d text="Hi {first_name}, how are you finding your order?"',
    listHeading: (n: number) => `Automations (${n}):`,
    listLine: (a: { id: number; name: string; status: string; when: string; sent: number; recent: number }) => `#${a.id} ${a.name} — ${a.status} · ${a.when} · ${a.sent} sent (${a.recent} in 30 days)`,
    showButton: (id: number) => `Automation #${id}`,
    pauseButton: "Pause",
    resumeButton: "Resume",
    deleteButton: "Delete",
  },
  promo: {
    statuses: { live: "live", scheduled: "not started yet", expired: "expired", ended: "ended", usedUp: "used up" } as Record<string, string>,
    title: (code: string, status: string) => `Promo code ${code} — ${status}`,
    value: (t: { kind: "percent" | "amount"; percent: number; amount: string }) => (t.kind === "percent" ? `${t.percent}% off` : `${t.amount} off`),
    covers: (t: { skus: readonly string[]; category: string | null }) => (t.skus.length > 0 ? `only ${t.skus.join(", ")}` : t.category ? `only the ${t.category} category` : "every product"),
    minimum: (amount: string) => `when what it covers comes to ${amount} or more`,
    audience: (audience: string) => `for ${audience} (its members when they use it)`,
    everyone: "for everyone",
    from: (at: string) => `from ${at}`,
    until: (at: string) => `until ${at}`,
    times: "shop time",
    uses: (used: number, max: number | null) => (max === null ? `used ${used} times (no limit)` : `used ${used} of ${max}`),
    perCustomer: (n: number) => `at most ${en_(n, "use", "uses")} per customer`,
    results: (r: { orders: number; revenue: string; discount: string; cancelled: number }) =>
      `Orders with it: ${r.orders} · revenue ${r.revenue} · discount given ${r.discount}${r.cancelled > 0 ? ` · ${en_(r.cancelled, "order", "orders")} cancelled (${enPlural.select(r.cancelled) === "one" ? "its use" : "their uses"} given back)` : ""}`,
    created: (code: string) => `Promo code ${code} created. Customers type it in the chat (any case), or tap it under a campaign with code=${code}.`,
    ended: (code: string, orders: number) => `Promo code ${code} ended: it applies to no new order. ${en_(orders, "order", "orders")} placed with it keep their discount.`,
    endButton: "End code",
    showButton: (code: string) => code,
    none: "No promo codes yet. Create one: promo add SPRING10 percent=10 until=2026-12-31",
    listHeading: (n: number) => `Promo codes, newest first (${n}):`,
    listLine: (p: { code: string; value: string; status: string; uses: string; until: string | null }) => `${p.code} — ${p.value} — ${p.status} — ${p.uses}${p.until ? ` — until ${p.until}` : ""}`,
    onOrder: (code: string, discount: string) => `code ${code} −${discount}`,
  },
  audiences: {
    none: "No saved audiences yet. Save one, e.g.: audience save lapsed no-order=60d",
    heading: (n: number) => `Saved audiences (${n}), as they stand now:`,
    line: (a: { name: string; definition: string; total: number; optedIn: number; both: number }) =>
      `• ${a.name}: ${a.definition} — ${en_(a.total, "customer", "customers")}, ${a.optedIn} opted in, ${a.both} opted in and reachable`,
    unreadable: (name: string) => `• ${name}: saved by an older version and no longer readable; save it again.`,
    title: (name: string | null, definition: string) => (name ? `Audience "${name}": ${definition}` : `Audience: ${definition}`),
    counts: (c: { total: number; optedIn: number; reachable: number; both: number }) =>
      `${en_(c.total, "customer", "customers")}: ${c.optedIn} opted in to marketing, ${c.reachable} reachable on Telegram, ${c.both} both (whom a campaign would reach).`,
    empty: "Nobody fits it right now.",
    first: (shown: number, total: number) => (shown < total ? `The first ${shown}, highest lifetime value first:` : "Highest lifetime value first:"),
    member: (m: { rank: number; id: number; name: string; contact: string; clv: string; lastOrder: string; optedIn: boolean; reachable: boolean }) =>
      `${m.rank}. #${m.id} ${m.name} — ${m.contact} — CLV ${m.clv} — last order ${m.lastOrder}${m.optedIn ? " · opted in" : ""}${m.reachable ? " · Telegram" : ""}`,
    lastOrder: (date: string, total: string) => `${date} (${total})`,
    noOrder: "none",
    saved: (a: { name: string; definition: string; total: number; replaced: boolean }) =>
      `${a.replaced ? "Replaced" : "Saved"} audience "${a.name}": ${a.definition} (${en_(a.total, "customer", "customers")} now). See them with: audience ${a.name}`,
    deleted: (name: string) => `Deleted audience "${name}".`,
  },
  /** The plain-words interpreter's questions back, when the words leave something out. */
  clarify: {
    notSure: "I'm not sure what you'd like. Type `help` for the list of commands.",
    whichRefunded: "Which order was refunded? For example: `order 12 refunded`.",
    whichTracking: "Which order is it for? For example: `order 12 shipped RM123456789GB`.",
    whichLead: "Which lead? For example: `lead 12`.",
    whichCustomer: "Which customer? For example: `customer 7`, or search with `customers <name>`.",
    whomToFind: "Whom should I look for? For example: `customers Alice` or `customers alice@example.com`.",
    whichOrder: "Which order? For example: `order 12 shipped`.",
    oneOrder: "One order at a time, please: `order <id> paid|shipped|delivered|cancel`.",
    whichProduct: (usage: string) => `Which product and how many? For example: ${usage}.`,
    addProduct: 'To add a product, use: `product add sku=TEA-9 name="Jasmine tea" price=8.50 category=Tea stock=20`.',
    changeProduct: "To change a product, use: `product update <sku> price=9.00 stock=12 …`.",
    whichAudience: "Which customers? For example: `audience no-order=60d`, `audience bought=TEA-001 within=30d`, `audience opted-in and lang=zh`.",
    newCampaign: 'To write a campaign, type for example: `campaign new name="Spring tea" audience=opted-in text="Hi {first_name}, the spring teas are in!" text_zh="{first_name}，春茶上新啦！" product=TEA-001`. You see its preview before anything is sent.',
    newAutomation: 'To set one up, type for example: `automation new name="How is it?" when=delivered+7d text="Hi {first_name}, how are you finding your order?"`. Triggers: when=delivered+7d, reorder, no-order=60d, first-order, stage=cart, hot>0.6.',
  },
  /** Words of the owner's Slack workspace around the answers: refusals, forms, the handoff card. */
  slack: {
    refusal: "Sorry, only the shop's owner can do that here. If you should have access, ask the owner to add your Slack user id to SLACK_OWNER_IDS.",
    notSentToCustomer: "Your message was not sent to the customer.",
    buttonInvalid: "That button is not valid any more.",
    filesNotSent: (files: readonly string[]) => `Not sent to the customer: ${files.join("; ")}.`,
    fileUploaded: (name: string) => `${name} is in the shop's channel.`,
    fileNotUploaded: (name: string, why: string) => `${name} could not be uploaded to the shop's channel (${why}); run the command in the console to get it.`,
    savedNotDelivered: "Saved, but the customer could not be reached on their channel right now; they will see it in the conversation log.",
    alreadyAnswering: "The bot is already answering this customer.",
    trackingInvalid: "A tracking number has digits, or is a link (https://…).",
    done: "Done.",
    moreBlocks: (n: number, max: number) => `…${n} more block(s) not shown: Slack shows at most ${max}. Narrow the request (e.g. \`orders paid\`, \`stock low\`).`,
    shipTitle: (id: number) => `Ship order #${id}`,
    shipSubmit: "Mark shipped",
    shipCancel: "Cancel",
    trackingLabel: "Tracking number or link",
    trackingHint: "Sent to the customer with the shipped message. Leave it empty if the parcel has none.",
    campaignTitle: "New campaign",
    campaignSubmit: "Preview",
    campaignFields: {
      name: "Name (for you)",
      audience: "Audience: a saved audience or a definition (opted-in, no-order=60d, hot>0.4 and lang=zh…)",
      text: "Message in English ({first_name}, {product}, {price})",
      textZh: "Message in Chinese",
      product: "Product SKU (optional: its card and Order button go with it)",
      at: "Start at (optional, shop time: 2026-12-24T10:00, tomorrow 10:00)",
      holdout: "Hold-out (optional; 10% unless given)",
    } as Record<string, string>,
    campaignNeedsText: "Write the message in English or Chinese (or both).",
    campaignFormHint: "Nothing is sent yet: you get the preview, exactly as customers will see it, with a Send button.",
    handoff: {
      customerNumber: (id: number) => `Customer #${id}`,
      customer: "Customer",
      language: "Language",
      channel: "Channel",
      why: "Why",
      recent: "Recent messages",
      noMessages: "_No messages yet._",
      openOrders: "Open orders:",
      none: "none",
      howToReply: (channel: string) => `Reply in this thread to answer on ${channel}. Start with \`note:\` to keep a note for yourself; the customer never sees it.`,
      resumeButton: "Resume bot",
      openCustomer: "Open customer",
      languages: { en: "English", zh: "Chinese (中文)" } as Record<string, string>,
      from: { customer: "Customer", bot: "Bot", owner: "You", note: "Note" },
      customerName: "Customer",
      sent: (description: string, missing: string | undefined, text: string) => `(sent ${description}${missing ? `, but ${missing}` : ""})${text ? ` ${text}` : ""}`,
    },
  },
  notices: {
    newLead: (n: { leadId: number; name: string | null; contact: string }): NoticeWords => {
      const headline = `New lead #${n.leadId}`;
      const rest = `${n.name ?? "(no name)"} — ${n.contact}`;
      return { headline, line: `${headline}: ${rest}`, brief: `${headline}: ${rest}`, body: [rest] };
    },
    newOrder: (n: { orderId: number; buyer: string; lines: readonly string[]; total: string; address: string | null }): NoticeWords => {
      const headline = `New order #${n.orderId} from ${n.buyer}`;
      return {
        headline,
        line: `${headline}: ${n.lines.join(", ")} — ${n.total}${n.address ? `; ships to ${n.address}` : ""}`,
        brief: `${headline} — ${n.total}`,
        body: [n.total, ...n.lines.map((l) => `• ${l}`), ...(n.address ? [`ships to ${n.address}`] : [])],
      };
    },
    buyer: (customerName: string | null, customerId: number | null) => customerName ?? (customerId !== null ? `customer ${customerId}` : "a guest"),
    paymentReceived: (n: { orderId: number; total: string }): NoticeWords => {
      const headline = `Payment received for order #${n.orderId}`;
      return { headline, line: `${headline}: ${n.total}`, brief: `${headline}: ${n.total}`, body: [n.total] };
    },
    paymentClaimed: (n: { orderId: number; who: string; total: string }): NoticeWords => {
      const headline = `${n.who} says they have paid order #${n.orderId}`;
      return { headline, line: `${headline} (${n.total}). When it is in your account: order ${n.orderId} paid`, brief: `${headline}: ${n.total}`, body: [`(${n.total}). When it is in your account, mark it paid.`] };
    },
    claimant: (customerName: string | null, customerId: number) => customerName ?? `Customer ${customerId}`,
    shippingAddress: (n: { orderId: number; address: string; addressLines: string }): NoticeWords => {
      const headline = `Order #${n.orderId} ships to`;
      return { headline, line: `${headline}: ${n.address}`, brief: `${headline}: ${n.address}`, body: [n.addressLines] };
    },
    lowStock: (n: { sku: string; name: string; stock: number; threshold: number }): NoticeWords => {
      const headline = `Low stock: ${n.sku} ${n.name}`;
      return { headline, line: `${headline} has ${n.stock} left (threshold ${n.threshold})`, brief: `${headline} has ${n.stock} left`, body: [`has ${n.stock} left (threshold ${n.threshold}). Restock with \`/shop restock ${n.sku} <qty>\`.`] };
    },
    reorder: (n: { sku: string; name: string; stock: number; daysOfCover: number | null; leadDays: number; orderQuantity: number; reorderPoint: number }): NoticeWords => {
      const headline = `Reorder ${n.sku} ${n.name}`;
      const pace = `${enCover(n.daysOfCover).replace(/^it /, `the ${n.name} `)}${n.daysOfCover !== null && n.daysOfCover < 365 ? " at the current pace" : ""}`;
      const text = `${pace}; lead time ${en_(n.leadDays, "day", "days")}; order ${n.orderQuantity}`;
      return {
        headline,
        line: `${headline}: ${text} (${n.stock} left, reorder point ${n.reorderPoint}).`,
        brief: `${headline}: order ${n.orderQuantity}`,
        body: [`${text.charAt(0).toUpperCase()}${text.slice(1)}.`, `${n.stock} left, reorder point ${n.reorderPoint}. When it arrives: \`/shop restock ${n.sku} ${n.orderQuantity}\`.`],
      };
    },
    reorderSummary: (n: { products: readonly { sku: string; name: string; stock: number; orderQuantity: number | null }[]; total: number }): NoticeWords => {
      const headline = `${en_(n.total, "product needs", "products need")} reordering`;
      const lines = n.products.map((p) => `${p.sku} ${p.name}: ${p.stock} left${p.orderQuantity !== null ? ` — order ${p.orderQuantity}` : " (at its low-stock threshold)"}`);
      const more = n.total > n.products.length ? [`…and ${n.total - n.products.length} more: \`/shop stock plan\``] : [];
      return { headline, line: `${headline}: ${[...lines, ...more].join("; ")}`, brief: headline, body: [...lines.map((l) => `• ${l}`), ...more] };
    },
    /** A customer asked for a person; `again` when they ask once more in a thread already open. */
    handoff: (n: { conversationId: number; who: string | null; reason: string; again?: boolean }): NoticeWords => {
      const headline = `${n.who ?? "A customer"} ${n.again ? "needs you again" : "needs you"}`;
      const brief = `${headline} (conversation ${n.conversationId}): ${n.reason}`;
      return { headline, line: `${brief}. Answer with: reply ${n.conversationId} <text>`, brief, body: [n.reason] };
    },
    campaignFinished: (n: { campaignId: number; name: string; sent: number; failed: number; skipped: number; reasons: string | null }): NoticeWords => {
      const headline = `Campaign #${n.campaignId} "${n.name}" sent`;
      const counts = `${n.sent} sent, ${n.failed} failed, ${n.skipped} skipped`;
      return { headline, line: `${headline}: ${counts}${n.reasons ? ` (${n.reasons})` : ""}`, brief: `${headline}: ${counts}`, body: [counts, ...(n.reasons ? [n.reasons] : [])] };
    },
    /** A customer asked in the chat for their data (access) or for its erasure; answered with the buttons or the typed commands. */
    dataRequest: (n: { customerId: number; who: string; request: "access" | "erasure"; channel: string }): NoticeWords => {
      const headline = n.request === "erasure" ? `${n.who} asks you to delete their data` : `${n.who} asks for a copy of their data`;
      const next = n.request === "erasure" ? `Erase with: customer ${n.customerId} erase (export first with customer ${n.customerId} export)` : `Export with: customer ${n.customerId} export`;
      const asked = `Customer ${n.customerId}, on ${n.channel}. They have been told you will answer.`;
      return { headline, line: `${headline} (customer ${n.customerId}). ${next}`, brief: headline, body: [asked] };
    },
    buttons: {
      openCustomer: "Open customer",
      lead: (id: number) => `Lead #${id}`,
      markPaid: "Mark paid",
      markShipped: "Mark shipped",
      showOrder: "Show order",
      lowStockList: "Low stock list",
      stockPlan: "Stock plan",
      productPlan: (sku: string) => `Plan ${sku}`,
      showCampaign: "Show campaign",
      exportData: "Export",
      eraseData: "Erase",
    },
  },
};

function toldWaitingEn(told: number): string {
  return told > 0 ? ` Told ${en_(told, "customer", "customers")} waiting for it that it is back.` : "";
}

/** Every owner text; Chinese must have each English key (a missing one does not compile). */
export type OwnerMessages = typeof en;

const ZH_STATUS: Record<string, string> = { placed: "已下单", paid: "已付款", shipped: "已发货", delivered: "已送达", cancelled: "已取消" };
const zhStatus = (s: string) => ZH_STATUS[s] ?? s;
const zhDay = (day: "today" | "yesterday") => (day === "today" ? "今天" : "昨天");

const zhCover = (d: number | null) =>
  d === null ? "预计不会卖出" : d >= 365 ? "够卖一年以上" : d < 1 ? "不到一天就会卖完" : `约 ${Math.round(d)} 天后卖完`;
const zhPool = (category: string | null) => (category ? `“${category}”类` : "全店");
const zhBasis = (p: Pick<StockPlanWords, "basis" | "historyWeeks" | "category" | "seasonal">) =>
  ({
    own: "依据它自己最近 8 周的销量",
    intermittent: `它不到一半的周有销量：按它最近 ${p.historyWeeks} 周的销量和${zhPool(p.category)}现在的节奏`,
    recent: `依据它 ${p.historyWeeks} 周的销量`,
    pooled: `依据它自己 ${p.historyWeeks} 周的销量和${zhPool(p.category)}的节奏`,
    new: `新品：按${zhPool(p.category)}的一般商品估算`,
    unsold: `最近 ${p.historyWeeks} 周没有卖出`,
    none: "还没有任何销量",
  })[p.basis] + (Math.abs(p.seasonal - 1) >= 0.05 ? `，并参考去年同期（×${p.seasonal.toFixed(2)}）` : "");
const zhReason = (p: StockPlanWords) => `每天约 ${units(p.pace)} 件（每周 ${units(p.week.mean)} 件，80%：${units(p.week.low)}–${units(p.week.high)}），${zhBasis(p)}。`;

const zh: OwnerMessages = {
  noName: "（无名）",
  noContact: "无联系方式",
  none: "无",
  guest: "访客",
  contact: "联系方式",
  history: "历史",
  ordersLabel: "订单",
  customer: "客户",
  address: "地址",
  stage: "阶段",
  customerRef: (id) => `客户 ${id}`,
  customerButton: (id) => `客户 #${id}`,
  customerNotFound: (id) => `没有客户 #${id}。`,
  orderButton: (id) => `订单 #${id}`,
  orderCount: (n) => `${n} 单`,
  notAvailable: (what) => `${what}：暂不可用。`,
  usage: (line) => `用法：${line}`,
  unknownCommand: (word) => `没有“${word}”这个命令。输入 help 查看所有命令。`,
  failed: "抱歉，系统出错了；详情已记录在日志中。",
  pleaseFix: (problems) => `请修正：${problems.join("；")}。`,
  notReached: (n) => `${n} 条消息暂时无法送达顾客的聊天；已保存在对话记录中。`,
  help: { heading: "命令：" },
  settings: {
    none: "这里没有可显示的设置。",
    heading: "店铺设置（在环境变量或 .env 中设置；修改后需重启）：",
  },
  leads: {
    none: "还没有线索。",
    noneShown: "还没有线索（只打过招呼的访客已隐藏；`leads all` 可显示）。",
    heading: (n) => `线索，最新在前（${n} 个）：`,
    since: "始于",
    score: "评分",
    button: (id) => `线索 #${id}`,
  },
  lead: {
    notFound: (id) => `没有线索 #${id}。`,
    title: (id, name, customerId, locale) => `线索 #${id}：${name}（客户 ${customerId}，${locale}）`,
    stage: (stage, source, lastActive) => `阶段：${stage} · 来源 ${source} · 最近活跃 ${lastActive}`,
  },
  orders: {
    noneOpen: "没有未完成的订单。（`orders all` 列出所有订单。）",
    nonePlaced: (day) => `${zhDay(day)}没有新订单。`,
    none: "没有订单。",
    noAddress: "尚无地址",
    heading: (filter, shown, total) => `订单（${filter}，${shown}${total > shown ? ` / ${total}` : ""} 笔）：`,
  },
  attribution: {
    source: (described) => `来源：${described}`,
    direct: (days) => `来源：直接（下单前 ${days} 天内没有营销活动、链接或优惠码）`,
    touch: (t) => {
      const what = t.campaignId !== null ? `${t.automation ? "自动化" : "营销活动"} #${t.campaignId}${t.campaignName ? `「${t.campaignName}」` : ""}` : `优惠码 ${t.code ?? "?"}`;
      const how = ({ delivered: "收到消息", pressed: "点击按钮", link: "打开链接", code: `使用优惠码 ${t.code ?? ""}` } as Record<string, string>)[t.kind] ?? t.kind;
      return `${what}（${how} ${t.at}）`;
    },
    short: (t) => (t.campaignId !== null ? `${t.automation ? "自动化" : "营销活动"} #${t.campaignId}` : `优惠码 ${t.code ?? "?"}`),
  },
  order: {
    notFound: (id) => `没有订单 #${id}。`,
    title: (id) => `订单 #${id}`,
    cancelButton: "取消",
    markButton: (to) => `标记为${zhStatus(to)}`,
    refundButton: "已退款",
    shipAnywayButton: "仍然发货",
    showButton: "查看订单",
    refunded: (date, ref) => `已退款：${date}${ref ? `（${ref}）` : ""}`,
    refundDue: (amount, paymentRef) => `待退款：${amount}${paymentRef ? `（付款 ${paymentRef}）` : ""}`,
    delivery: "运费",
    shipTo: "收货地址",
    noAddress: "（尚未提供）",
    by: "操作人",
    tracking: "快递单号",
    noAddressYet: (id) => `订单 #${id} 还没有收货地址：已向顾客询问，但对方尚未回复。如果您从别处得知地址，可以仍然发货；否则请先询问顾客。`,
    already: (id, to) => `订单 #${id} 已经是${zhStatus(to)}状态。`,
    moved: (o) =>
      `订单 #${o.orderId}：${zhStatus(o.from)} → ${zhStatus(o.to)}。${o.to === "cancelled" ? "库存已退回。" : ""}` +
      (o.paid ? `该订单已付款（${o.paid.amount}${o.paid.paymentRef ? `，付款 ${o.paid.paymentRef}` : ""}）：请按顾客的付款方式退款，然后用 \`order ${o.orderId} refunded\` 记录。` : "") +
      (o.askTracking ? `要把快递单号发给顾客：\`order ${o.orderId} tracking <单号或链接>\`。` : ""),
  },
  tracking: {
    saved: (id, ref, was, customer) =>
      `订单 #${id}：快递单号 ${ref}${was ? `（原为 ${was}）` : ""}。${customer === "told" ? "已告知顾客。" : customer === "notYet" ? "标记发货时会告诉顾客。" : ""}`,
  },
  consent: {
    set: (who, given, changed) => `${who}：营销消息许可已${given ? "开启" : "关闭"}${changed ? "" : "（本来就是如此，已再次记录）"}。`,
    historyHeading: "许可记录（最新在前）：",
    line: (at, given, source, actor) => `${at} ${given ? "开启" : "关闭"} — ${({ button: "聊天中的按钮", words: "聊天中的文字", owner: "店主", import: "导入" })[source]}${actor && source !== "owner" ? `（${actor}）` : ""}`,
  },
  refund: {
    already: (id, date, ref) => `订单 #${id} 的退款已于 ${date} 记录${ref ? `（${ref}）` : ""}。`,
    recorded: (id, amount, ref, told) => `订单 #${id}：已记录退款 ${amount}${ref ? `（${ref}）` : ""}。${told ? "已告知顾客。" : ""}`,
  },
  refunds: {
    noneEver: "没有已付款后取消的订单：无需退款。",
    noneOwed: "没有待退款。",
    owed: (n, total) => `待退款（${n} 笔，共 ${total}）：`,
    payment: "付款",
    recorded: "已记录：",
    refundedOn: "退款于",
    doneButton: (id) => `已退款 #${id}`,
  },
  stock: {
    noneLow: "没有商品处于或低于再订货点（没有预测的商品按库存预警线）。",
    noProducts: '还没有商品。添加：product add sku=… name="…" price=… category=…',
    inactive: "（已下架）",
    waiting: (n) => `${n} 人在等`,
    heading: (n, lowOnly) => `库存（${n} 个商品${lowOnly ? "，处于或低于再订货点或预警线" : ""}）：`,
    changed: (c) => `${c.sku} ${c.name}：库存 ${c.before} → ${c.after}。${c.point ? `（处于或低于${c.point.reorder ? "再订货点" : "库存预警线"} ${c.point.value}）` : ""}${c.told > 0 ? `已通知 ${c.told} 位在等的顾客商品已到货。` : ""}`,
  },
  stockPlan: {
    heading: (serviceLevel, leadDays, coverDays) => `补货计划（服务水平 ${serviceLevel}；未单独设置的商品供货周期按 ${leadDays} 天计；每次订货够卖 ${coverDays} 天）：`,
    orderNow: (n) => `现在就订（${n}）：`,
    orderSoon: (n) => `供货周期内要订（${n}）：`,
    lowStock: (n) => `库存不足，销量还不够做预测（${n}）：`,
    nothing: "暂时不用订货：每个商品都够卖过供货周期，也没有商品处于库存预警线。",
    noProducts: '还没有商品。添加：product add sku=… name="…" price=… category=…',
    nowLine: (p) => `• ${p.sku} ${p.name}：库存 ${p.stock}，${zhCover(p.cover)}（供货周期 ${p.leadDays} 天）— 建议订购 ${p.quantity} 件${p.minimumApplied ? "（供应商起订量）" : ""}。${zhReason(p)}`,
    soonLine: (p) => `• ${p.sku} ${p.name}：库存 ${p.stock}，约 ${p.daysUntil ?? 0} 天后降到再订货点 ${p.reorderPoint}（供货周期 ${p.leadDays} 天）— 届时订购约 ${p.quantity} 件。${zhReason(p)}`,
    lowLine: (p) => `• ${p.sku} ${p.name}：${p.stock}（≤ ${p.threshold}），${p.stock === 0 ? "已缺货" : zhCover(p.cover)}${p.waiting > 0 ? `，${p.waiting} 位顾客在等到货` : ""}`,
    rest: (n) => `其余 ${n} 个商品够卖过供货周期。`,
    detailButton: (sku) => `${sku} 计划`,
    detail: (d) =>
      [
        `${d.sku} ${d.name}：库存 ${d.stock}；供货周期 ${d.leadDays} 天${d.ownLeadDays ? "" : "（默认）"}${d.minOrder ? `；起订量 ${d.minOrder}` : ""}。`,
        `预测（${zhBasis(d)}）：`,
        ...d.weeks.map((w) => `  ${w.from} 起一周：${units(w.mean)} 件（80%：${units(w.low)}–${units(w.high)}）`),
        `未来几天：${d.days.map((x) => `${x.date.slice(5)} ${units(x.mean)}（${units(x.low)}–${units(x.high)}）`).join("，")}`,
        `按目前的速度${zhCover(d.cover)}。`,
        d.cover === null
          ? "没有预计销量，就没有再订货点。"
          : `再订货点 ${d.reorderPoint}：供货周期内预计卖出 ${units(d.protectionDemand)} 件 + 安全库存 ${units(d.safetyStock)} 件（服务水平 ${d.serviceLevel}）。订货补到 ${d.orderUpTo} 件（再够卖 ${d.coverDays} 天）。` +
            (d.stock <= d.reorderPoint ? `现在订购 ${d.quantity} 件。` : d.daysUntil !== null ? `约 ${d.daysUntil} 天后订购约 ${d.quantity} 件。` : ""),
        ...(d.forecasted ? [] : [`在它有 4 周自己的销量之前，提醒按库存预警线（${d.threshold}）发出。`]),
      ].join("\n"),
  },
  product: {
    added: (sku, name, price, stock, category) => `已添加 ${sku} ${name} — ${price}，库存 ${stock}，分类 ${category}。`,
    updated: (p) =>
      `已更新 ${p.sku} ${p.name} — ${p.price}${p.was ? `（原价 ${p.was}）` : ""}，库存 ${p.stock}，${p.active ? "在售" : "已下架"}` +
      (p.supply ? `，供货周期 ${p.supply.leadDays} 天${p.supply.ownLeadDays ? "" : "（默认）"}，${p.supply.minOrder ? `起订量 ${p.supply.minOrder}` : "无起订量"}` : "") +
      `。${p.told > 0 ? `已通知 ${p.told} 位在等的顾客商品已到货。` : ""}`,
  },
  productFields: {
    badPrice: (value) => `price "${value}" 不是像 12.50 这样的金额`,
    badWholeNumber: (key, value) => `${key} "${value}" 不是 0 到 1000000 之间的整数`,
    badYesNo: (key) => `${key} 应为 yes 或 no`,
    badLeadDays: (value) => `lead_days "${value}" 不是 1 到 365 之间的整数天数（或 "default"）`,
    unknownField: (key) => `未知字段 "${key}"`,
    pleaseFix: (problems) => `请修正：${problems.join("；")}。`,
  },
  customers: {
    none: (q) => `没有与“${q}”匹配的客户。`,
    heading: (q) => `与“${q}”匹配的客户：`,
  },
  funnel: {
    heading: (total) => `漏斗（共 ${total} 人）：`,
    now: "当前",
    reached: "到达",
  },
  inbox: {
    none: "没有等待您回复的对话。",
    conversation: (id) => `对话 ${id}`,
    since: "始于",
    customer: "顾客",
    answerWith: (id) => `回复：reply ${id} <内容>`,
    resumeButton: "交还机器人",
  },
  notes: {
    customerAdded: (id) => `已为客户 #${id} 记下备注。`,
    conversationAdded: (id) => `已在对话 ${id} 记下备注（顾客看不到）。`,
  },
  review: {
    notFound: (id) => `没有顾客消息 #${id}。`,
    unknownIntent: (intent, known) => `“${intent}”不是助手的意图之一：${known}。`,
    taught: (id, intent, examples) => `消息 #${id} 已作为“${intent}”的例句（您已教了 ${examples} 条）。点击“重新训练”后生效。`,
    faq: (id, faqId) => `消息 #${id} 已设为常见问题 #${faqId}。`,
    dismissed: (id) => `消息 #${id} 已忽略。`,
  },
  retrain: {
    started: (examples) => `正在后台用您的 ${examples} 条例句重新训练助手；完成后仪表板会显示训练前后的准确率。`,
    running: "已有一次重新训练在进行。",
    unavailable: "此处无法重新训练。",
  },
  reply: {
    notFound: (id) => `没有对话 ${id}。`,
    sent: (id) => `已发送到对话 ${id}。`,
    saved: (id) => `已保存在对话 ${id}；顾客下次打开聊天时会看到。`,
  },
  resume: {
    done: (id) => `机器人重新接管对话 ${id}。`,
    notWaiting: (id) => `对话 ${id} 并未在等您。`,
  },
  faq: {
    none: "还没有回答。添加一条：faq add 可以礼品包装吗？ | 可以，每件 £2，结账时选择。",
    heading: "您的回答（顾客用自己的话问到这些问题时会收到）：",
    added: (id, question, answer) => `已添加回答 #${id}：“${question}” → ${answer}`,
    removed: (id) => `已删除回答 #${id}。`,
  },
  audit: {
    none: (about) => (about ? `没有关于${about}的变更记录。` : "还没有变更记录。"),
    heading: (n, about) => `${about ? `关于${about}的变更` : "变更记录"}，最新在前（${n} 条）：时间 · 操作人 · 操作 · 对象 · 之前 → 之后`,
  },
  dataRights: {
    exported: (id, file, c) => `客户 #${id} 的全部数据：${c.orders} 个订单、${c.conversations} 个对话、${c.messages} 条消息、${c.events} 条行为记录（${file}）。`,
    erasePreview: (id, c) =>
      `清除客户 #${id} 将永久删除其姓名、邮箱、电话、地址、聊天账号（${c.identities} 个）、${c.messages} 条消息的内容、订单的收货地址和付款及快递单号，以及 ${c.stockAlerts} 个到货通知请求。` +
      `其 ${c.orders} 个订单和 ${c.events} 条行为记录会匿名保留，用于账目和统计。` +
      (c.openOrders > 0 ? `有 ${c.openOrders} 个订单尚未发货，清除后将没有收货地址。` : "") +
      `之后从其聊天发来的新消息会作为新客户。此操作无法撤销；如果顾客要求获取其数据，请先导出：customer ${id} export`,
    eraseButton: (id) => `清除客户 #${id}`,
    erased: (id, c) => `客户 #${id} 已清除：删除了 ${c.identities} 个聊天账号和 ${c.stockAlerts} 个到货通知请求，清空了 ${c.messages} 条消息；${c.orders} 个订单已匿名保留。此前的备份在轮换删除之前仍含有其数据。`,
    alreadyErased: (id, date) => `客户 #${id} 的数据已于 ${date} 清除。`,
  },
  backup: {
    onServer: "店铺数据在 PostgreSQL 服务器上（DATABASE_URL）：请用该服务器的工具备份，例如 pg_dump。",
    done: (location, megabytes, kept) => `已备份到 ${location}（${megabytes} MB；保留 ${kept} 份）。恢复：npm run restore -- ${location}`,
  },
  campaign: {
    statuses: { draft: "草稿", scheduled: "已排期", sending: "发送中", sent: "已发送", cancelled: "已取消" },
    title: (id, name, status) => `营销活动 #${id}「${name}」— ${status}`,
    audience: (audience, members, optedIn, reachable) => `受众：${audience} — ${members} 位客户，${optedIn} 位同意接收，当前可通过聊天触达 ${reachable} 位`,
    product: (sku, name, price) => `商品：${sku} ${name} — ${price}`,
    productGone: "商品：已不在目录中（发送时不附商品卡片）",
    promoCode: (code) => `优惠码：${code}（消息下方带“使用 ${code}”按钮）`,
    estimate: (duration, rate, quiet, cap) => `按每秒 ${rate} 条发送约需 ${duration}${quiet ? `，免打扰时段（${quiet}）不发送` : ""}；每位客户每周最多收到 ${cap} 条营销消息。`,
    holdoutPlanned: (percent, n) =>
      percent > 0 ? `对照组：随机留出 ${percent}%（当前 ${n} 位客户），不发送，用来衡量活动带来的效果。` : "对照组：无（holdout=0）。注意：没有对照组就无法衡量提升效果，只能看到收件人的行为。",
    link: (parameter) => `用于帖子和快拍的链接（打开即计入本活动）：https://t.me/<您的机器人>?start=${parameter}`,
    holdoutKept: (n, percent) => `对照组：${n} 位客户（${percent}%），不发送。`,
    scheduledFor: (at) => `确认后将于 ${at} 开始发送。`,
    scheduledAt: (at) => `已排期：${at} 开始发送。`,
    startedAt: (at) => `开始于 ${at}。`,
    finishedAt: (at) => `完成于 ${at}。`,
    progress: (p) => `已发送 ${p.sent}/${p.total} · 失败 ${p.failed} · 跳过 ${p.skipped}${p.waiting > 0 ? ` · 待发送 ${p.waiting}` : ""}`,
    reasonsOf: (status, list) => `${{ skipped: "跳过", failed: "失败", pending: "等待" }[status]}：${list}`,
    reasons: {
      no_consent: "已撤回同意",
      unreachable: "此前已屏蔽机器人",
      weekly_cap: "已达每周上限",
      handoff: "正在与您对话",
      cancelled: "已取消",
      interrupted: "因重启中断（不会重发）",
      blocked: "屏蔽了机器人",
      chat_not_found: "找不到聊天",
      rate_limited: "Telegram 要求放慢",
      chat_busy: "刚刚给该聊天发过消息",
      network: "网络错误",
      no_customer: "客户已删除",
      campaign_gone: "活动已删除",
    },
    duration: (seconds) => (seconds < 90 ? `${Math.max(1, Math.round(seconds))} 秒` : seconds < 5_400 ? `${Math.round(seconds / 60)} 分钟` : `${Math.floor(seconds / 3_600)} 小时 ${Math.round((seconds % 3_600) / 60)} 分钟`),
    timeLeft: (duration) => `预计还需 ${duration}。`,
    quietNow: (until) => `现在是免打扰时段：${until} 恢复发送。`,
    previewHeading: (language, who) => `客户看到的样子 — ${language}${who ? `（以 ${who} 为例）` : ""}：`,
    languages: { en: "英文", zh: "中文" },
    fallbackNote: (other) => `（此语言没有文案：客户将收到${other}文案）`,
    buttonsLine: (labels) => labels.map((l) => `[ ${l} ]`).join(" "),
    confirm: (n) => `尚未发送任何消息。发送给 ${n} 位客户吗？`,
    confirmScheduled: (n, at) => `尚未发送任何消息。排期在 ${at} 发送吗（当前 ${n} 位客户）？`,
    sendButton: (n) => `发送给 ${n} 位`,
    scheduleButton: "排期",
    cancelButton: "取消活动",
    showButton: (id) => `活动 #${id}`,
    started: (id, n, duration) => `营销活动 #${id} 正在发送给 ${n} 位客户（约 ${duration}）。\`campaign ${id}\` 查看进度。`,
    scheduled: (id, at) => `营销活动 #${id} 将于 ${at} 开始。在此之前可用 \`campaign ${id} cancel\` 取消。`,
    cancelled: (id, skipped) => `营销活动 #${id} 已取消。${skipped > 0 ? `${skipped} 条消息未发送。` : ""}`,
    none: '还没有营销活动。新建：campaign new name="春茶" audience=opted-in text_zh="{first_name}，春茶上新啦！…"',
    listHeading: (n) => `营销活动，最新在前（${n}）：`,
    effect: {
      heading: (days, complete, until) => (complete ? `开始后 ${days} 天内的效果：` : `目前的效果（${days} 天统计期于 ${until} 结束）：`),
      month: (month, complete) => `${month}${complete ? "" : "（进行中）"}：`,
      message: (m) => `消息：已发送 ${m.sent} · 退订 ${m.optedOut} · 点击按钮或打开链接 ${m.pressed} · 按最后接触归因的订单 ${m.credited}`,
      group: (treated, g) => `${treated ? "收件组" : "对照组（未发送）"}：${g.people} 人，${g.ordered} 人下单（${g.conversion}），收入 ${g.revenue}，人均 ${g.perPerson}`,
      uplift: (points, interval) => `提升（活动带来的）：转化率 ${points} 个百分点，95% 区间 ${interval}`,
      revenue: (money, interval) => `人均收入相对对照组：${money}，95% 区间 ${interval}`,
      incremental: (orders, ordersInterval, revenue, revenueInterval) => `增量：多 ${orders} 位客户下单（${ordersInterval}），多 ${revenue} 收入（${revenueInterval}）`,
      cost: (cost, budget, discount) => `成本：${cost}（预算 ${budget} + 优惠 ${discount}）`,
      returnOnSpend: (value, interval) => `投入回报（增量收入 ÷ 成本）：${value}（95% 区间 ${interval}）`,
      index: (goal, naive, caused, unit) => `效果指数（目标达成 ÷ 预算，目标 ${goal}）：按收件人全部行为每单位预算 ${naive} ${unit}；只算活动带来的为 ${caused}`,
      goalOrders: (n) => `${n} 位客户下单`,
      goalRevenue: (money) => `收入 ${money}`,
      unitOrders: "单",
      unitRevenue: "收入",
      attainment: (percent) => `目标完成：${percent}（按收件人全部行为）`,
      noHoldout: "没有对照组（holdout=0）：无法衡量提升。收件人的部分行为本来也会发生。",
      noInterval: "无法计算",
      listLine: (c) => `#${c.id} ${c.name}：已发送 ${c.sent} · 退订 ${c.optedOut} · 点击 ${c.pressed} · 下单 ${c.ordered} · 收入 ${c.revenue} · 提升 ${c.uplift}`,
      listHeading: (days) => `效果对比（${days} 天统计期；相对各自对照组的提升，95% 区间）：`,
    },
    listLine: (c) => `#${c.id} ${c.name} — ${c.status}${c.total > 0 ? `，已发送 ${c.sent}/${c.total}` : ""} · ${c.at}`,
  },
  automation: {
    statuses: { sending: "运行中", paused: "已暂停", cancelled: "已删除" },
    trigger: (t) => {
      switch (t.kind) {
        case "afterDelivered": return `订单送达 ${t.days} 天后`;
        case "reorder": return "客户按自己的购买节奏该再次购买某商品时";
        case "noOrder": return `客户最后一次下单 ${t.days} 天后仍未再下单（挽回）`;
        case "firstOrder": return "客户首次下单后（欢迎）";
        case "stage": return `客户到达「${t.stage}」阶段时`;
        case "hot": return `14 天内下单概率${t.inclusive ? "不低于" : "高于"} ${Math.round(t.probability * 100)}% 时`;
      }
    },
    title: (id, name, status) => `自动化 #${id}「${name}」— ${status}`,
    when: (described, written) => `触发：${described}（when=${written}）`,
    audience: (audience) => (audience ? `受众：${audience}` : "受众：触发条件涉及且同意接收营销的所有客户"),
    reorderProduct: "商品：每位客户要再次购买的那件（附商品卡片和下单按钮）",
    rules: (since, cooldown, quiet, cap) =>
      `从 ${since} 起对发生的事生效。每位客户每个触发事件最多一次，且 ${cooldown} 天内最多一次；与营销活动相同，只发给同意接收的客户${quiet ? `，免打扰时段（${quiet}）不发送` : ""}，每位客户每周最多 ${cap} 条营销消息。`,
    counts: (c) => `已发送 ${c.sent}（近 30 天 ${c.recent}）· 失败 ${c.failed} · 跳过 ${c.skipped}${c.waiting > 0 ? ` · 等待 ${c.waiting}` : ""}`,
    created: (id) => `自动化 #${id} 已启用：每 10 分钟查找一次符合触发条件的客户。`,
    changed: (id, action, skipped) =>
      action === "pause"
        ? `自动化 #${id} 已暂停。${skipped > 0 ? `${skipped} 条待发消息不再发送。` : ""}`
        : action === "resume"
          ? `自动化 #${id} 已恢复：从现在起对发生的事生效。`
          : `自动化 #${id} 已删除。${skipped > 0 ? `${skipped} 条待发消息不再发送。` : ""}`,
    none: '还没有自动化。例如：automation new name="使用反馈" when=delivered+7d text_zh="{first_name}，您的订单用得怎么样？"',
    listHeading: (n) => `自动化（${n} 个）：`,
    listLine: (a) => `#${a.id} ${a.name} — ${a.status} · ${a.when} · 已发送 ${a.sent}（近 30 天 ${a.recent}）`,
    showButton: (id) => `自动化 #${id}`,
    pauseButton: "暂停",
    resumeButton: "恢复",
    deleteButton: "删除",
  },
  promo: {
    statuses: { live: "生效中", scheduled: "尚未开始", expired: "已过期", ended: "已停用", usedUp: "已用完" },
    title: (code, status) => `优惠码 ${code} — ${status}`,
    value: (t) => (t.kind === "percent" ? `减 ${t.percent}%` : `减 ${t.amount}`),
    covers: (t) => (t.skus.length > 0 ? `仅限 ${t.skus.join("、")}` : t.category ? `仅限「${t.category}」分类` : "所有商品"),
    minimum: (amount) => `适用商品满 ${amount} 可用`,
    audience: (audience) => `限受众 ${audience}（以使用时的成员为准）`,
    everyone: "所有客户可用",
    from: (at) => `${at} 起`,
    until: (at) => `至 ${at}`,
    times: "店铺时间",
    uses: (used, max) => (max === null ? `已使用 ${used} 次（不限次数）` : `已使用 ${used}/${max} 次`),
    perCustomer: (n) => `每位客户最多 ${n} 次`,
    results: (r) => `使用该码的订单：${r.orders} · 销售额 ${r.revenue} · 已优惠 ${r.discount}${r.cancelled > 0 ? ` · ${r.cancelled} 个订单已取消（使用次数已退回）` : ""}`,
    created: (code) => `优惠码 ${code} 已创建。客户在聊天中输入即可（不区分大小写），或在带 code=${code} 的营销活动中点按使用。`,
    ended: (code, orders) => `优惠码 ${code} 已停用：新订单不再适用。已用它下单的 ${orders} 个订单保留原优惠。`,
    endButton: "停用优惠码",
    showButton: (code) => code,
    none: "还没有优惠码。新建：promo add SPRING10 percent=10 until=2026-12-31",
    listHeading: (n) => `优惠码，最新在前（${n}）：`,
    listLine: (p) => `${p.code} — ${p.value} — ${p.status} — ${p.uses}${p.until ? ` — 至 ${p.until}` : ""}`,
    onOrder: (code, discount) => `优惠码 ${code} −${discount}`,
  },
  audiences: {
    none: "还没有保存的受众。保存一个，例如：audience save lapsed no-order=60d",
    heading: (n) => `已保存的受众（${n} 个），按当前数据：`,
    line: (a) => `• ${a.name}：${a.definition} — ${a.total} 位客户，${a.optedIn} 位同意营销，${a.both} 位同意且可联系`,
    unreadable: (name) => `• ${name}：由旧版本保存，现已无法读取；请重新保存。`,
    title: (name, definition) => (name ? `受众「${name}」：${definition}` : `受众：${definition}`),
    counts: (c) => `${c.total} 位客户：${c.optedIn} 位同意接收营销消息，${c.reachable} 位可通过 Telegram 联系，两者兼有 ${c.both} 位（活动可送达的人数）。`,
    empty: "目前没有符合条件的客户。",
    first: (shown, total) => (shown < total ? `前 ${shown} 位，按终身价值从高到低：` : "按终身价值从高到低："),
    member: (m) => `${m.rank}. #${m.id} ${m.name} — ${m.contact} — 终身价值 ${m.clv} — 最近订单 ${m.lastOrder}${m.optedIn ? " · 已同意营销" : ""}${m.reachable ? " · Telegram" : ""}`,
    lastOrder: (date, total) => `${date}（${total}）`,
    noOrder: "无",
    saved: (a) => `${a.replaced ? "已更新" : "已保存"}受众「${a.name}」：${a.definition}（当前 ${a.total} 位客户）。查看：audience ${a.name}`,
    deleted: (name) => `已删除受众「${name}」。`,
  },
  clarify: {
    notSure: "我不太明白您的意思。输入 `help` 查看所有命令。",
    whichRefunded: "哪个订单已退款？例如：`order 12 refunded`。",
    whichTracking: "是哪个订单的？例如：`order 12 shipped SF1234567890`。",
    whichLead: "哪一个线索？例如：`lead 12`。",
    whichCustomer: "哪一位客户？例如：`customer 7`，或用 `customers <名字>` 搜索。",
    whomToFind: "要找哪位客户？例如：`customers Alice`。",
    whichOrder: "哪个订单？例如：`order 12 shipped`。",
    oneOrder: "请一次处理一个订单：`order <编号> paid|shipped|delivered|cancel`。",
    whichProduct: (usage) => `哪个商品、多少件？例如：${usage}。`,
    addProduct: '添加商品请使用：`product add sku=TEA-9 name="Jasmine tea" price=8.50 category=Tea stock=20`。',
    changeProduct: "修改商品请使用：`product update <sku> price=9.00 stock=12 …`。",
    whichAudience: "哪些客户？例如：`audience no-order=60d`、`audience bought=TEA-001 within=30d`、`audience opted-in and lang=zh`。",
    newCampaign: '新建营销活动请输入，例如：`campaign new name="春茶" audience=opted-in text_zh="{first_name}，春茶上新啦！" text="Hi {first_name}, the spring teas are in!" product=TEA-001`。发送前会先给您预览。',
    newAutomation: '设置自动化请输入，例如：`automation new name="使用反馈" when=delivered+7d text_zh="{first_name}，您的订单用得怎么样？"`。触发条件：when=delivered+7d、reorder、no-order=60d、first-order、stage=cart、hot>0.6。',
  },
  slack: {
    refusal: "抱歉，只有店主可以在这里操作。如果您应该有权限，请让店主把您的 Slack 用户 ID 加入 SLACK_OWNER_IDS。",
    notSentToCustomer: "您的消息没有发送给顾客。",
    buttonInvalid: "这个按钮已失效。",
    filesNotSent: (files) => `未发送给顾客：${files.join("；")}。`,
    fileUploaded: (name) => `${name} 已上传到店铺频道。`,
    fileNotUploaded: (name, why) => `${name} 无法上传到店铺频道（${why}）；请在控制台中运行该命令获取。`,
    savedNotDelivered: "已保存，但目前无法通过顾客的渠道联系到对方；对方会在对话记录中看到。",
    alreadyAnswering: "机器人已经在回复这位顾客了。",
    trackingInvalid: "快递单号需包含数字，或是一个链接（https://…）。",
    done: "完成。",
    moreBlocks: (n, max) => `…还有 ${n} 个区块未显示：Slack 最多显示 ${max} 个。请缩小范围（例如 \`orders paid\`、\`stock low\`）。`,
    shipTitle: (id) => `订单 #${id} 发货`,
    shipSubmit: "标记已发货",
    shipCancel: "取消",
    trackingLabel: "快递单号或链接",
    trackingHint: "会随发货消息一起发给顾客。没有单号可以留空。",
    campaignTitle: "新建营销活动",
    campaignSubmit: "预览",
    campaignFields: {
      name: "名称（仅您可见）",
      audience: "受众：已保存的受众或定义（opted-in、no-order=60d、hot>0.4 and lang=zh…）",
      text: "英文消息（{first_name}、{product}、{price}）",
      textZh: "中文消息",
      product: "商品 SKU（可选：附上商品卡片和下单按钮）",
      at: "开始时间（可选，店铺时间：2026-12-24T10:00、明天 10:00）",
      holdout: "对照组（可选；默认 10%）",
    },
    campaignNeedsText: "请写英文或中文消息（或两者）。",
    campaignFormHint: "现在不会发送：您会先看到预览（与客户看到的一样）和发送按钮。",
    handoff: {
      customerNumber: (id) => `客户 #${id}`,
      customer: "客户",
      language: "语言",
      channel: "渠道",
      why: "原因",
      recent: "最近消息",
      noMessages: "_还没有消息。_",
      openOrders: "未完成订单：",
      none: "无",
      howToReply: (channel) => `在此话题中回复即可通过 ${channel} 回答顾客。以 \`note:\` 开头可写给自己的备注，顾客看不到。`,
      resumeButton: "交还机器人",
      openCustomer: "查看客户",
      languages: { en: "英文 (English)", zh: "中文" },
      from: { customer: "顾客", bot: "机器人", owner: "您", note: "备注" },
      customerName: "顾客",
      sent: (description, missing, text) => `（发送了 ${description}${missing ? `，但${missing}` : ""}）${text ? ` ${text}` : ""}`,
    },
  },
  notices: {
    newLead: (n) => {
      const headline = `新线索 #${n.leadId}`;
      const rest = `${n.name ?? "（无名）"} — ${n.contact}`;
      return { headline, line: `${headline}：${rest}`, brief: `${headline}：${rest}`, body: [rest] };
    },
    newOrder: (n) => {
      const headline = `新订单 #${n.orderId}，来自${n.buyer}`;
      return {
        headline,
        line: `${headline}：${n.lines.join("，")} — ${n.total}${n.address ? `；寄往 ${n.address}` : ""}`,
        brief: `${headline} — ${n.total}`,
        body: [n.total, ...n.lines.map((l) => `• ${l}`), ...(n.address ? [`寄往 ${n.address}`] : [])],
      };
    },
    buyer: (customerName, customerId) => customerName ?? (customerId !== null ? `客户 ${customerId}` : "访客"),
    paymentReceived: (n) => {
      const headline = `订单 #${n.orderId} 已收到付款`;
      return { headline, line: `${headline}：${n.total}`, brief: `${headline}：${n.total}`, body: [n.total] };
    },
    paymentClaimed: (n) => {
      const headline = `${n.who} 说已支付订单 #${n.orderId}`;
      return { headline, line: `${headline}（${n.total}）。款项到账后：order ${n.orderId} paid`, brief: `${headline}：${n.total}`, body: [`（${n.total}）。款项到账后请标记为已付款。`] };
    },
    claimant: (customerName, customerId) => customerName ?? `客户 ${customerId}`,
    shippingAddress: (n) => {
      const headline = `订单 #${n.orderId} 寄往`;
      return { headline, line: `${headline}：${n.address}`, brief: `${headline}：${n.address}`, body: [n.addressLines] };
    },
    lowStock: (n) => {
      const headline = `库存不足：${n.sku} ${n.name}`;
      return { headline, line: `${headline} 仅剩 ${n.stock}（预警线 ${n.threshold}）`, brief: `${headline} 仅剩 ${n.stock}`, body: [`仅剩 ${n.stock}（预警线 ${n.threshold}）。补货：\`/shop restock ${n.sku} <数量>\`。`] };
    },
    reorder: (n) => {
      const headline = `需要补货：${n.sku} ${n.name}`;
      const text = `${n.name}${n.daysOfCover === null ? "预计不会卖出" : n.daysOfCover >= 365 ? "够卖一年以上" : `按目前的销售速度${zhCover(n.daysOfCover)}`}；供货周期 ${n.leadDays} 天；建议订购 ${n.orderQuantity} 件`;
      return {
        headline,
        line: `${headline}：${text}（剩 ${n.stock}，再订货点 ${n.reorderPoint}）。`,
        brief: `${headline}：订购 ${n.orderQuantity} 件`,
        body: [`${text}。`, `剩 ${n.stock}，再订货点 ${n.reorderPoint}。到货后：\`/shop restock ${n.sku} ${n.orderQuantity}\`。`],
      };
    },
    reorderSummary: (n) => {
      const headline = `${n.total} 个商品需要补货`;
      const lines = n.products.map((p) => `${p.sku} ${p.name}：剩 ${p.stock}${p.orderQuantity !== null ? ` — 订购 ${p.orderQuantity} 件` : "（已到库存预警线）"}`);
      const more = n.total > n.products.length ? [`……还有 ${n.total - n.products.length} 个：\`/shop stock plan\``] : [];
      return { headline, line: `${headline}：${[...lines, ...more].join("；")}`, brief: headline, body: [...lines.map((l) => `• ${l}`), ...more] };
    },
    handoff: (n) => {
      const headline = `${n.who ?? "一位顾客"}${n.again ? "又需要您了" : "需要您"}`;
      const brief = `${headline}（对话 ${n.conversationId}）：${n.reason}`;
      return { headline, line: `${brief}。回复：reply ${n.conversationId} <内容>`, brief, body: [n.reason] };
    },
    campaignFinished: (n) => {
      const headline = `营销活动 #${n.campaignId}「${n.name}」已发送完毕`;
      const counts = `发送 ${n.sent}，失败 ${n.failed}，跳过 ${n.skipped}`;
      return { headline, line: `${headline}：${counts}${n.reasons ? `（${n.reasons}）` : ""}`, brief: `${headline}：${counts}`, body: [counts, ...(n.reasons ? [n.reasons] : [])] };
    },
    dataRequest: (n) => {
      const headline = n.request === "erasure" ? `${n.who} 请您删除其个人数据` : `${n.who} 索取其个人数据副本`;
      const next = n.request === "erasure" ? `删除：customer ${n.customerId} erase（可先导出：customer ${n.customerId} export）` : `导出：customer ${n.customerId} export`;
      const asked = `客户 ${n.customerId}，来自 ${n.channel}。已告知对方您会处理。`;
      return { headline, line: `${headline}（客户 ${n.customerId}）。${next}`, brief: headline, body: [asked] };
    },
    buttons: {
      openCustomer: "查看客户",
      lead: (id) => `线索 #${id}`,
      markPaid: "标记已付款",
      markShipped: "标记已发货",
      showOrder: "查看订单",
      lowStockList: "库存不足列表",
      stockPlan: "补货计划",
      productPlan: (sku) => `${sku} 计划`,
      showCampaign: "查看活动",
      exportData: "导出",
      eraseData: "删除",
    },
  },
};

const OWNER_MESSAGES: Record<TLocale, OwnerMessages> = { en, zh };

/** The owner's texts in their language (OWNER_LOCALE). */
export function ownerMessagesFor(locale: TLocale): OwnerMessages {
  return OWNER_MESSAGES[locale];
}

/** How each refusal of an owner's change reads; a new kind of {@link Refusal} without its texts does not compile. */
type RefusalTexts = { [K in Refusal["kind"]]: (r: Extract<Refusal, { kind: K }>) => string };

const FAQ_PROBLEMS_EN = {
  questionEmpty: "The question is empty.",
  questionTooLong: "Keep the question under 300 characters.",
  answerEmpty: "The answer is empty.",
  answerTooLong: "Keep the answer under 2,000 characters: it is sent as one chat message.",
};

const REFUSALS: Record<TLocale, RefusalTexts> = {
  en: {
    orderNotFound: (r) => `No order #${r.orderId}.`,
    customerNotFound: (r) => `No customer #${r.customerId}.`,
    orderCannotBecome: (r) => `Order #${r.orderId} is ${r.from}; it cannot become ${r.to}.`,
    orderChangedMeanwhile: (r) => `Order #${r.orderId} changed meanwhile; please try again.`,
    refundNotCancelled: (r) => `Order #${r.orderId} is ${r.status}, not cancelled: cancel it first (order ${r.orderId} cancel), which returns its stock, then record the refund.`,
    refundNeverPaid: (r) => `Order #${r.orderId} was never paid: there is nothing to refund.`,
    nothingToTrack: (r) => `Order #${r.orderId} is ${r.status}: nothing goes out to track.`,
    productNotFound: (r) => `No product with SKU ${r.sku}.`,
    skuTaken: (r) => `A product with SKU ${r.sku} already exists (${r.name}).`,
    nothingToUpdate: () => "Nothing to update: give at least one field, e.g. price=12.50",
    stockOutOfRange: (r) => (r.mode === "set" ? `Stock must be a whole number from 0 to ${r.max}.` : `Restock by a whole number from 1 to ${r.max}.`),
    stockTooHigh: (r) => `That would make more than ${r.max} in stock.`,
    faqNotFound: (r) => `There is no answer #${r.id}. Type faq to see them.`,
    faqInvalid: (r) => `${r.problems.map((p) => FAQ_PROBLEMS_EN[p]).join(" ")} Usage: faq add <question> | <answer>`,
    campaignNotFound: (r) => `No campaign #${r.id}. Type campaigns to see them.`,
    campaignNoText: () => 'A campaign needs a text: text="…" (English) and/or text_zh="…" (Chinese).',
    campaignTextTooLong: (r) => `Keep each text under ${r.max} characters: it goes as one message with the product's card.`,
    campaignPlaceholders: (r) => `Unknown placeholder${r.names.length === 1 ? "" : "s"} ${r.names.map((n) => `{${n}}`).join(", ")}: use {first_name}, and {product} and {price} with product=SKU.`,
    campaignTimeInvalid: (r) => `"${r.text}" is not a time: at=2026-12-24T10:00, at=10:00 or at="tomorrow 10:00" (shop time).`,
    campaignTimePast: () => "That time has passed: give a time in the future, or leave at= out to send when you confirm.",
    campaignCannot: (r) => (r.action === "send" ? `Campaign #${r.id} is ${r.status}: only a draft can be sent.` : `Campaign #${r.id} is ${r.status}: it can no longer be cancelled.`),
    campaignNoRecipients: (r) => `Campaign #${r.id} has nobody to send to: no one in its audience has agreed to offers and can be reached on a chat now.`,
    audienceInvalid: (r) => describeAudienceSyntax("en", r.text, r.error),
    audienceNotFound: (r) => `No saved audience "${r.name}". Type audiences for the list, or give a definition such as no-order=60d.`,
    audienceUnknownProduct: (r) => (r.category ? `No product with SKU ${r.sku}; "${r.category}" is a category: use bought-category=${r.category}.` : `No product with SKU ${r.sku}.`),
    audienceUnknownCategory: (r) => `No category "${r.category}" in the catalog.`,
    audienceNameInvalid: (r) => `"${r.name}" can't be an audience's name: up to 60 characters, without = < > ( ) or quotes, and not a word such as and, or, not, everyone.`,
    audienceStoredInvalid: (r) => `Audience "${r.name}" was saved by an older version and can't be read now; save it again: audience save ${r.name} <definition>`,
    campaignHoldoutInvalid: (r) => `"${r.text}" is not a hold-out: a whole percent from 0 to ${r.max}, e.g. holdout=10%.`,
    campaignBudgetInvalid: (r) => `"${r.text}" is not an amount: budget=50 or budget=49.99, in the shop's currency.`,
    campaignGoalInvalid: (r) => `"${r.text}" is not a goal: goal=orders:50 (customers ordering) or goal=revenue:1000.`,
    campaignIsAutomation: (r) => `#${r.id} is an automation: automation ${r.id} pause, resume or delete.`,
    automationNotFound: (r) => `No automation #${r.id}. Type automations to see them.`,
    automationTriggerInvalid: (r) => `"${r.text}" is not a trigger. Use one of: when=delivered+7d, when=reorder, when=no-order=60d, when=first-order, when=stage=cart, when=hot>0.6`,
    automationCannot: (r) => `Automation #${r.id} is ${({ sending: "active", paused: "paused", cancelled: "deleted" } as Record<string, string>)[r.status] ?? r.status}: it cannot be ${({ pause: "paused", resume: "resumed", delete: "deleted" } as const)[r.action]}.`,
    promoCodeInvalid: (r) => `"${r.code}" can't be a promo code: 4 to 20 letters, digits, - or _, with at least one letter (SPRING10).`,
    promoCodeTaken: (r) => `Promo code ${r.code} already exists: promo ${r.code} shows it. Pick another code.`,
    promoCodeIsSku: (r) => `${r.code} is a product's SKU: customers typing it would be asking for the product. Pick another code.`,
    promoNotFound: (r) => `No promo code ${r.code}. Type promos to see them.`,
    promoValueMissing: () => "Say what the code takes off: percent=10 or amount=5 (one of them).",
    promoPercentInvalid: (r) => `"${r.text}" is not a percentage: a whole number from 1 to 100 (percent=10).`,
    promoAmountInvalid: (r) => `${r.field}=${r.text} is not an amount in the shop's currency (${r.field}=5 or ${r.field}=4.50).`,
    promoCountInvalid: (r) => `${r.field}=${r.text}: give a whole number, 1 or more.`,
    promoDateInvalid: (r) => `${r.field}=${r.text} is not a date: ${r.field}=2026-12-31, ${r.field}=today, ${r.field}=tomorrow or ${r.field}=2026-12-31T18:00 (shop time).`,
    promoDatesOrder: () => "until= must be after from=.",
    promoUntilPast: () => "That until= has passed: the code would never apply.",
    promoProductsAndCategory: () => "Give products= or category=, not both.",
    promoUnknownCategory: (r) => `No category "${r.category}" in the catalog.`,
    promoAlreadyEnded: (r) => `Promo code ${r.code} has already ended.`,
  },
  zh: {
    orderNotFound: (r) => `没有订单 #${r.orderId}。`,
    customerNotFound: (r) => `没有客户 #${r.customerId}。`,
    orderCannotBecome: (r) => `订单 #${r.orderId} 当前为${zhStatus(r.from)}，不能改为${zhStatus(r.to)}。`,
    orderChangedMeanwhile: (r) => `订单 #${r.orderId} 刚被改动过，请再试一次。`,
    refundNotCancelled: (r) => `订单 #${r.orderId} 当前为${zhStatus(r.status)}，尚未取消：请先取消（order ${r.orderId} cancel，库存会退回），再记录退款。`,
    refundNeverPaid: (r) => `订单 #${r.orderId} 从未付款，无需退款。`,
    nothingToTrack: (r) => `订单 #${r.orderId} 当前为${zhStatus(r.status)}：没有发出的包裹可跟踪。`,
    productNotFound: (r) => `没有 SKU 为 ${r.sku} 的商品。`,
    skuTaken: (r) => `SKU ${r.sku} 已被商品「${r.name}」使用。`,
    nothingToUpdate: () => "没有要修改的内容：请至少给出一个字段，例如 price=12.50",
    stockOutOfRange: (r) => (r.mode === "set" ? `库存须为 0 到 ${r.max} 之间的整数。` : `补货数量须为 1 到 ${r.max} 之间的整数。`),
    stockTooHigh: (r) => `这样库存会超过 ${r.max}。`,
    faqNotFound: (r) => `没有第 ${r.id} 条问答。输入 faq 查看全部。`,
    faqInvalid: (r) =>
      `${r.problems.map((p) => ({ questionEmpty: "问题为空。", questionTooLong: "问题请少于 300 字。", answerEmpty: "答案为空。", answerTooLong: "答案请少于 2000 字：它会作为一条消息发出。" })[p]).join("")}用法：faq add <问题> | <答案>`,
    campaignNotFound: (r) => `没有营销活动 #${r.id}。输入 campaigns 查看全部。`,
    campaignNoText: () => '营销活动需要文案：text="…"（英文）和/或 text_zh="…"（中文）。',
    campaignTextTooLong: (r) => `每段文案请少于 ${r.max} 字：它会和商品卡片一起作为一条消息发出。`,
    campaignPlaceholders: (r) => `未知的占位符 ${r.names.map((n) => `{${n}}`).join("、")}：可用 {first_name}；指定 product=SKU 时还可用 {product} 和 {price}。`,
    campaignTimeInvalid: (r) => `「${r.text}」不是时间：at=2026-12-24T10:00、at=10:00 或 at="明天 10:00"（店铺时间）。`,
    campaignTimePast: () => "这个时间已经过去：请给出将来的时间，或不写 at=，确认后立即发送。",
    campaignCannot: (r) => (r.action === "send" ? `营销活动 #${r.id} 当前为${({ draft: "草稿", scheduled: "已排期", sending: "发送中", sent: "已发送", cancelled: "已取消" } as Record<string, string>)[r.status] ?? r.status}：只有草稿可以发送。` : `营销活动 #${r.id} 当前为${({ draft: "草稿", scheduled: "已排期", sending: "发送中", sent: "已发送", cancelled: "已取消" } as Record<string, string>)[r.status] ?? r.status}：已无法取消。`),
    campaignNoRecipients: (r) => `营销活动 #${r.id} 没有可发送的对象：受众中目前没有同意接收且可通过聊天触达的客户。`,
    audienceInvalid: (r) => describeAudienceSyntax("zh", r.text, r.error),
    audienceNotFound: (r) => `没有名为「${r.name}」的受众。输入 audiences 查看列表，或直接给出定义，例如 no-order=60d。`,
    audienceUnknownProduct: (r) => (r.category ? `没有 SKU 为 ${r.sku} 的商品；「${r.category}」是一个分类：请用 bought-category=${r.category}。` : `没有 SKU 为 ${r.sku} 的商品。`),
    audienceUnknownCategory: (r) => `商品目录中没有分类「${r.category}」。`,
    audienceNameInvalid: (r) => `「${r.name}」不能作为受众名称：最多 60 个字符，不含 = < > ( ) 或引号，也不能是 and、or、not、everyone 等词。`,
    audienceStoredInvalid: (r) => `受众「${r.name}」由旧版本保存，现已无法读取；请重新保存：audience save ${r.name} <定义>`,
    campaignHoldoutInvalid: (r) => `「${r.text}」不是对照组比例：请给出 0 到 ${r.max} 的整数百分比，例如 holdout=10%。`,
    campaignBudgetInvalid: (r) => `「${r.text}」不是金额：budget=50 或 budget=49.99（店铺货币）。`,
    campaignGoalInvalid: (r) => `「${r.text}」不是目标：goal=orders:50（下单客户数）或 goal=revenue:1000（收入）。`,
    campaignIsAutomation: (r) => `#${r.id} 是自动化：请用 automation ${r.id} pause、resume 或 delete。`,
    automationNotFound: (r) => `没有自动化 #${r.id}。输入 automations 查看全部。`,
    automationTriggerInvalid: (r) => `「${r.text}」不是触发条件。可用：when=delivered+7d、when=reorder、when=no-order=60d、when=first-order、when=stage=cart、when=hot>0.6`,
    automationCannot: (r) => `自动化 #${r.id} 当前${({ sending: "运行中", paused: "已暂停", cancelled: "已删除" } as Record<string, string>)[r.status] ?? r.status}：无法${({ pause: "暂停", resume: "恢复", delete: "删除" } as const)[r.action]}。`,
    promoCodeInvalid: (r) => `「${r.code}」不能作为优惠码：4 到 20 个字母、数字、- 或 _，且至少含一个字母（如 SPRING10）。`,
    promoCodeTaken: (r) => `优惠码 ${r.code} 已存在：promo ${r.code} 可查看。请换一个。`,
    promoCodeIsSku: (r) => `${r.code} 是商品的 SKU：客户输入它会被当作询问该商品。请换一个。`,
    promoNotFound: (r) => `没有优惠码 ${r.code}。输入 promos 查看全部。`,
    promoValueMissing: () => "请说明优惠方式：percent=10 或 amount=5（二选一）。",
    promoPercentInvalid: (r) => `「${r.text}」不是百分比：请给 1 到 100 的整数（percent=10）。`,
    promoAmountInvalid: (r) => `${r.field}=${r.text} 不是店铺货币金额（${r.field}=5 或 ${r.field}=4.50）。`,
    promoCountInvalid: (r) => `${r.field}=${r.text}：请给 1 或更大的整数。`,
    promoDateInvalid: (r) => `${r.field}=${r.text} 不是日期：${r.field}=2026-12-31、${r.field}=today、${r.field}=tomorrow 或 ${r.field}=2026-12-31T18:00（店铺时间）。`,
    promoDatesOrder: () => "until= 必须晚于 from=。",
    promoUntilPast: () => "这个 until= 已经过去：优惠码将永远无法使用。",
    promoProductsAndCategory: () => "products= 和 category= 只能给一个。",
    promoUnknownCategory: (r) => `商品目录中没有分类「${r.category}」。`,
    promoAlreadyEnded: (r) => `优惠码 ${r.code} 已经停用。`,
  },
};

/** A refused owner change in the owner's language. */
export function describeRefusal(locale: TLocale, refusal: Refusal): string {
  return (REFUSALS[locale][refusal.kind] as (r: Refusal) => string)(refusal);
}

const TERMS_LIST = "opted-in, everyone, segment=, hot>, bought=, bought-category=, no-order=, clv>, spent>, lang=, stage=";
const OPERATORS_OF: Record<TAudienceTermKey, string> = {
  segment: "=", hot: "> or >=", bought: "=", "bought-category": "=", "no-order": "=", clv: "> or >=", spent: "> or >=", lang: "=", stage: "= or >=", within: "=",
};
const SEGMENT_LIST = "champions, loyal, promising, new, needs_attention, at_risk, hibernating, lost";
const STAGE_LIST = "visitor, engaged, lead, cart, ordered, paid, repeat";

/** Why an audience definition does not read, in each owner language. */
const AUDIENCE_SYNTAX: Record<TLocale, { why: (e: TAudienceSyntaxError) => string; at: (character: number, found: string) => string; line: (why: string, where: string) => string }> = {
  en: {
    why: (e) => {
      switch (e.kind) {
        case "empty": return "it is empty";
        case "tooLong": return `it is longer than ${e.max} characters`;
        case "tooDeep": return `it nests deeper than ${e.max} levels`;
        case "unclosedQuote": return "this quote is never closed";
        case "unclosedParenthesis": return "this parenthesis is never closed";
        case "unexpected":
          return {
            term: `a term was expected (${TERMS_LIST})`,
            operator: "= or > was expected",
            value: "a value was expected",
            andOr: "and, or, or the end was expected",
            closingParenthesis: "a closing parenthesis was expected",
          }[e.expected];
        case "unknownTerm": return `"${e.found}" is not a term (${TERMS_LIST})`;
        case "badOperator": return `${e.term} takes ${OPERATORS_OF[e.term]}`;
        case "withinAlone": return "within= goes right after bought=… or bought-category=…";
        case "badValue":
          return {
            segment: `segment= takes one of ${SEGMENT_LIST} (or their names)`,
            hot: "hot> takes a chance from 0 to 1 (0.4) or a percentage (40%)",
            bought: "bought= takes a product's SKU",
            "bought-category": "bought-category= takes a category's name",
            "no-order": "no-order= takes days (60d) or weeks (8w)",
            within: "within= takes days (30d) or weeks (4w)",
            clv: "clv> takes an amount in the shop's currency (100 or 49.50)",
            spent: "spent> takes an amount in the shop's currency (100 or 49.50)",
            lang: "lang= takes en or zh",
            stage: `stage= takes one of ${STAGE_LIST}`,
          }[e.term];
      }
    },
    at: (character, found) => (found ? `at character ${character} ("${found}")` : "at the end"),
    line: (why, where) => `Can't read that audience${where ? ` ${where}` : ""}: ${why}.`,
  },
  zh: {
    why: (e) => {
      switch (e.kind) {
        case "empty": return "定义为空";
        case "tooLong": return `超过 ${e.max} 个字符`;
        case "tooDeep": return `嵌套超过 ${e.max} 层`;
        case "unclosedQuote": return "这个引号没有闭合";
        case "unclosedParenthesis": return "这个括号没有闭合";
        case "unexpected":
          return {
            term: `此处应为一个条件（${TERMS_LIST}）`,
            operator: "此处应为 = 或 >",
            value: "此处应为一个值",
            andOr: "此处应为 and、or 或结束",
            closingParenthesis: "此处应为右括号",
          }[e.expected];
        case "unknownTerm": return `“${e.found}”不是条件（可用：${TERMS_LIST}）`;
        case "badOperator": return `${e.term} 只能用 ${OPERATORS_OF[e.term].replace(" or ", " 或 ")}`;
        case "withinAlone": return "within= 必须紧跟在 bought=… 或 bought-category=… 之后";
        case "badValue":
          return {
            segment: `segment= 的值应为 ${SEGMENT_LIST} 之一（或其名称）`,
            hot: "hot> 的值应为 0 到 1 之间的概率（0.4）或百分比（40%）",
            bought: "bought= 的值应为商品 SKU",
            "bought-category": "bought-category= 的值应为分类名称",
            "no-order": "no-order= 的值应为天数（60d）或周数（8w）",
            within: "within= 的值应为天数（30d）或周数（4w）",
            clv: "clv> 的值应为店铺货币金额（100 或 49.50）",
            spent: "spent> 的值应为店铺货币金额（100 或 49.50）",
            lang: "lang= 的值应为 en 或 zh",
            stage: `stage= 的值应为 ${STAGE_LIST} 之一`,
          }[e.term];
      }
    },
    at: (character, found) => (found ? `第 ${character} 个字符处（“${found}”）` : "末尾处"),
    line: (why, where) => `无法读取这个受众定义${where ? `，${where}` : ""}：${why}。`,
  },
};

/** A definition that does not read, worded: why, and the character (counted from 1) where reading stopped. */
function describeAudienceSyntax(locale: TLocale, text: string, error: TAudienceSyntaxError): string {
  const words = AUDIENCE_SYNTAX[locale];
  const where = "position" in error ? words.at([...text.slice(0, error.position)].length + 1, "found" in error ? error.found : text.slice(error.position, error.position + 1)) : "";
  return words.line(words.why(error), where);
}
