/**
 * What every step of the customer conversation works with: the shop's dependencies (database, clock,
 * notifier, classifier, shop profile, optional recommenders, handoff and language model), gathered
 * once by `createCustomerAssistant`, and the turn — one inbound message being handled. The use-case
 * files of this folder (browse-catalog, take-order, answer-about-orders, …) take the turn and read
 * their dependencies from `turn.ctx`, so none of them holds state between messages.
 */
import type { InventoryPolicy } from "../inventory/inventory-policy.ts";
import { randomBytes } from "node:crypto";
import type { CountryCode } from "libphonenumber-js";
import type { Conversation, Customer, Product } from "../../prisma/generated/client.ts";
import { countCategories, type CatalogCategory } from "../catalog/catalog-queries.ts";
import { advanceLead } from "../crm/advance-lead.ts";
import type { Db, Prisma, TransactionScope } from "../db.ts";
import { recordEvent, type EventType } from "../events/record-event.ts";
import type { CustomerHandoffHooks } from "../handoff/handoff-inbox.ts";
import type { messagesFor } from "../i18n.ts";
import type { LlmAssistant } from "../llm/create-llm-assistant.ts";
import type { TLocale } from "../messages.ts";
import type { IntentClassifier } from "../nlu/types.ts";
import type { DeliveryPolicy } from "../orders/delivery-charge.ts";
import type { Clock, Logger, Notifier } from "../ports.ts";
import { recommendPopular, type RecommendationRequest } from "../recommendations/recommend-popular.ts";
import type { TDialogueState } from "./dialogue-state.ts";

/** Shop facts the assistant tells customers; set by the owner in configuration. */
export interface ShopProfile {
  name: string;
  paymentInstructions: Record<TLocale, string>;
  shippingAndReturns: Record<TLocale, string>;
  /** Country assumed for phone numbers written without a country code. */
  defaultCountry: CountryCode;
  /** The shop's currency (ISO 4217): what "under 20" means when a customer sets a price. */
  currency: string;
  /** What delivery costs: shown before the customer confirms, added to the order when it is placed. */
  delivery: DeliveryPolicy;
  /** At most this many placed, unpaid orders per customer (each holds stock); undefined: no limit. */
  maxUnpaidOrders?: number;
  /** How stock is planned (for the reorder alert a sale may raise); the defaults when absent. */
  inventory?: InventoryPolicy;
  /** The shop's time zone (TZ): a promo code's dates and audience are read in it; the machine's when absent. */
  timeZone?: string;
}

export interface CustomerAssistantDeps {
  db: Db;
  clock: Clock;
  notifier: Notifier;
  logger: Logger;
  classifier: IntentClassifier;
  shop: ShopProfile;
  /** Below this confidence we ask which of the top two intents the customer meant. */
  lowConfidence?: number;
  /** Product recommendations; defaults to popularity. */
  recommend?: (options: RecommendationRequest) => Promise<Product[]>;
  /**
   * Products like one product ("anything similar to the lavender candle?"), or with `boughtTogether`
   * those bought with it ("what goes with the teapot?"); defaults to the best sellers of its category.
   */
  recommendSimilar?: (options: SimilarProductsRequest) => Promise<Product[]>;
  /** The owner's handoff inbox (core/handoff): forwards what the customer says while the owner has the conversation, and gives it back to the bot after the quiet period. */
  handoff?: CustomerHandoffHooks;
  /** Channels that take payment online (Telegram with a payment provider): checkout offers to pay there instead of giving the payment instructions. */
  onlinePaymentChannels?: readonly string[];
  /**
   * Words the shop understands (core/nlu/known-words: the intent training examples); with it, a message
   * of none of these words nor the catalog's ("asdkjh qwe", a language we do not speak) is told it was
   * not understood instead of being offered two guesses. Without it, no such check.
   */
  knownWords?: ReadonlySet<string>;
  /** Optional language model (core/llm): reads messages the classifier cannot place and answers free-form product questions. Any failure falls back to the local answer. */
  llm?: LlmAssistant;
}

/** The dependencies with their defaults filled in. */
export interface AssistantContext extends CustomerAssistantDeps {
  lowConfidence: number;
  recommend: (options: RecommendationRequest) => Promise<Product[]>;
  recommendSimilar: (options: SimilarProductsRequest) => Promise<Product[]>;
}

/** What the chat asks for next to one product; `boughtTogether`: by co-purchase alone, not likeness. */
export interface SimilarProductsRequest {
  productId: number;
  limit: number;
  boughtTogether?: boolean;
  /** The database to read through: the turn's transaction (the recommender's own when absent). */
  db?: Db;
}

/** Fills in the defaults: a 0.5 clarification threshold, popularity for both recommenders. */
export function createAssistantContext(deps: CustomerAssistantDeps): AssistantContext {
  const { db } = deps;
  return {
    ...deps,
    lowConfidence: deps.lowConfidence ?? 0.5,
    recommend: deps.recommend ?? ((o) => recommendPopular(o.db ?? db, o)),
    recommendSimilar: deps.recommendSimilar ?? (async ({ productId, limit, db: through = db }) => {
      const product = await through.product.findUnique({ where: { id: productId }, select: { category: true } });
      return product ? recommendPopular(through, { category: product.category, excludeProductIds: [productId], limit }) : [];
    }),
  };
}

/**
 * The context one customer turn works with inside its transaction (see handle-customer-message.ts):
 * every read and write goes through the transaction's client (recommenders and the handoff hooks
 * too: on PGlite a query outside the open transaction would wait for it to end); what leaves the
 * process (owner notifications, posts to the owner's handoff thread) is queued until the commit;
 * `llm` stands in for the model (answers fetched outside the transaction).
 */
export function scopeAssistantContext(ctx: AssistantContext, scope: TransactionScope, llm: LlmAssistant | undefined): AssistantContext {
  const { notifier, handoff, recommend, recommendSimilar } = ctx;
  const { llm: _model, handoff: _hooks, ...rest } = ctx;
  return {
    ...rest,
    db: scope.db,
    notifier: { notify: async (notification) => scope.afterCommit(() => notifier.notify(notification)) },
    recommend: (options) => recommend({ ...options, db: scope.db }),
    recommendSimilar: (options) => recommendSimilar({ ...options, db: scope.db }),
    ...(handoff
      ? {
        handoff: {
          resumeIfQuiet: (conversation, at) => handoff.resumeIfQuiet(conversation, at, scope),
          customerWrote: async (conversationId, message) => scope.afterCommit(() => handoff.customerWrote(conversationId, message)),
        },
      }
      : {}),
    ...(llm ? { llm } : {}),
  };
}

/**
 * One message being handled: who wrote it, their conversation and its dialogue state (replaced by
 * the named transitions of state/cart.ts and state/dialogue.ts, never assigned field by field, and
 * saved once at the end of the turn), the language of the reply, and the shop's context.
 */
export interface Turn {
  ctx: AssistantContext;
  customer: Customer;
  conversation: Conversation;
  locale: TLocale;
  state: TDialogueState;
  at: Date;
  m: ReturnType<typeof messagesFor>;
  /** Started at the turn's first model call and shared by the rest: one wait per turn, not one per call. */
  llmBudget?: AbortSignal;
  /**
   * Every product for sale, read once per turn (the reading of the message and every handler match
   * names, kinds and positions against it, so a turn queries the catalog once however many look).
   */
  catalog?: Promise<Product[]>;
  /** The catalog's categories, read once per turn. */
  categories?: Promise<CatalogCategory[]>;
  /** Words of the catalog and the FAQ questions, built once per turn when a message has no word of the training examples. */
  shopWords?: Promise<Set<string>>;
  /** The name the customer gave in this message ("my name is Anna"), already saved on their record. */
  givenName?: string;
}

/** A short random token binding a Confirm button to the cart it was shown for. */
export function newNonce(): string {
  return randomBytes(4).toString("hex");
}

/** Every product for sale, read once per turn however many steps look (one query, not one per lookup). */
export const catalogOf = (turn: Turn): Promise<Product[]> => (turn.catalog ??= turn.ctx.db.product.findMany({ where: { active: true } }));
/** The catalog changed within the turn (stock taken or refused): the next look reads it again. */
export function forgetCatalog(turn: Turn): void {
  delete turn.catalog;
  delete turn.categories;
  delete turn.shopWords;
}
/** The catalog's products as matching reads them: the turn's one reading of the catalog. */
export const matchableOf = (turn: Turn): Promise<Product[]> => catalogOf(turn);
/** The catalog's categories with their counts, from the turn's one reading of the catalog (no query of their own). */
export const categoriesOf = (turn: Turn): Promise<CatalogCategory[]> => (turn.categories ??= catalogOf(turn).then(countCategories));

/** Records what the customer did (viewed, asked, added…) for the funnel and the lead scorer. */
export async function event(turn: Turn, type: EventType, productId?: number, data?: Prisma.InputJsonValue) {
  await recordEvent(turn.ctx.db, { type, customerId: turn.customer.id, productId: productId ?? null, at: turn.at, ...(data ? { data } : {}) });
}

/** The customer did more than say hello: their lead moves to "engaged" (never backwards). */
export async function engage(turn: Turn) {
  await turn.ctx.db.$transaction((tx) => advanceLead(tx, { customerId: turn.customer.id, to: "engaged", source: turn.conversation.channel, at: turn.at }));
}
