/**
 * One error type for the domain. `message` is for the log; `userMessage` is what the customer or
 * owner reads (already polite, already in their language when the caller knows it).
 */
import type { TAudienceSyntaxError } from "./audiences/parse-audience-definition.ts";

export type AppErrorCode =
  | "NOT_FOUND"
  | "OUT_OF_STOCK"
  | "INVALID_INPUT"
  | "INVALID_STATE"
  | "FORBIDDEN"
  | "CONFLICT"
  /** A limit the shop sets was reached (e.g. MAX_UNPAID_ORDERS). */
  | "LIMIT_REACHED"
  /** A promo code the order carries does not apply (core/promos/promo-refused.ts says why). */
  | "PROMO_REFUSED";

/**
 * Why the shop refused an owner's change, as a value: the owner's console words it in OWNER_LOCALE
 * (`refusals` in core/i18n/owner.ts), so a use-case never writes the owner's language itself.
 */
export type Refusal =
  | { kind: "orderNotFound"; orderId: number }
  | { kind: "customerNotFound"; customerId: number }
  | { kind: "orderCannotBecome"; orderId: number; from: string; to: string }
  | { kind: "orderChangedMeanwhile"; orderId: number }
  | { kind: "refundNotCancelled"; orderId: number; status: string }
  | { kind: "refundNeverPaid"; orderId: number }
  | { kind: "nothingToTrack"; orderId: number; status: string }
  | { kind: "productNotFound"; sku: string }
  | { kind: "skuTaken"; sku: string; name: string }
  | { kind: "nothingToUpdate" }
  | { kind: "stockOutOfRange"; mode: "set" | "add"; max: number }
  | { kind: "stockTooHigh"; max: number }
  | { kind: "faqNotFound"; id: number }
  | { kind: "faqInvalid"; problems: ("questionEmpty" | "questionTooLong" | "answerEmpty" | "answerTooLong")[] }
  | { kind: "campaignNotFound"; id: number }
  /** A campaign needs a text in at least one language. */
  | { kind: "campaignNoText" }
  | { kind: "campaignTextTooLong"; max: number }
  /** Placeholders the text uses that nothing fills (a misspelling, or `{price}` with no product). */
  | { kind: "campaignPlaceholders"; names: string[] }
  /** `at=` that does not read as a time. */
  | { kind: "campaignTimeInvalid"; text: string }
  | { kind: "campaignTimePast" }
  /** The campaign is `status`: it cannot be sent (only a draft can) or cancelled (only before it has been sent). */
  | { kind: "campaignCannot"; id: number; status: string; action: "send" | "cancel" }
  /** Nobody in the audience has consent and a reachable chat. */
  | { kind: "campaignNoRecipients"; id: number }
  /** `holdout=` that is not a whole percent from 0 to `max`. */
  | { kind: "campaignHoldoutInvalid"; text: string; max: number }
  | { kind: "campaignBudgetInvalid"; text: string }
  /** `goal=` that is neither `orders:<n>` nor `revenue:<amount>`. */
  | { kind: "campaignGoalInvalid"; text: string }
  /** The id is an automation's: it is paused, resumed or deleted with `automation <id> …`. */
  | { kind: "campaignIsAutomation"; id: number }
  | { kind: "automationNotFound"; id: number }
  /** `when=` that is none of the triggers. */
  | { kind: "automationTriggerInvalid"; text: string }
  /** The automation is `status`: that action does not apply (resume an active one, pause a paused one). */
  | { kind: "automationCannot"; id: number; status: string; action: "pause" | "resume" | "delete" }
  /** An audience definition that does not read (where and why: core/audiences/parse-audience-definition.ts). */
  | { kind: "audienceInvalid"; text: string; error: TAudienceSyntaxError }
  /** No saved audience has that name (and it does not read as a definition either). */
  | { kind: "audienceNotFound"; name: string }
  /** `bought=` names no product; `category` is set when a category has that name (`bought-category=` was meant). */
  | { kind: "audienceUnknownProduct"; sku: string; category: string | null }
  | { kind: "audienceUnknownCategory"; category: string }
  /** A name an audience cannot have (empty, too long, operators or quotes, or a word of the definition language). */
  | { kind: "audienceNameInvalid"; name: string }
  /** A saved audience whose stored definition an older version wrote and this one no longer reads. */
  | { kind: "audienceStoredInvalid"; name: string }
  /** A promo code must be 4–20 letters, digits, - or _, with a letter. */
  | { kind: "promoCodeInvalid"; code: string }
  | { kind: "promoCodeTaken"; code: string }
  /** A code that is a product's SKU would be read as the product in the chat. */
  | { kind: "promoCodeIsSku"; code: string }
  | { kind: "promoNotFound"; code: string }
  /** Neither `percent=` nor `amount=`, or both. */
  | { kind: "promoValueMissing" }
  | { kind: "promoPercentInvalid"; text: string }
  /** `amount=` or `min=` that is not an amount above nothing in the shop's currency. */
  | { kind: "promoAmountInvalid"; field: "amount" | "min"; text: string }
  | { kind: "promoCountInvalid"; field: "uses" | "per_customer"; text: string }
  | { kind: "promoDateInvalid"; field: "from" | "until"; text: string }
  /** `until=` not after `from=`. */
  | { kind: "promoDatesOrder" }
  | { kind: "promoUntilPast" }
  /** `products=` and `category=` together. */
  | { kind: "promoProductsAndCategory" }
  | { kind: "promoUnknownCategory"; category: string }
  | { kind: "promoAlreadyEnded"; code: string };

/** The refusals about audiences: what `resolveAudience` returns instead of a definition. */
export type TAudienceRefusal = Extract<Refusal, { kind: `audience${string}` }>;

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly userMessage: string;
  /** Set when the owner is the one refused: what the console words in the owner's language. */
  readonly refusal: Refusal | undefined;

  constructor(code: AppErrorCode, options: { message: string; userMessage?: string; refusal?: Refusal }) {
    super(options.message);
    this.name = "AppError";
    this.code = code;
    this.userMessage = options.userMessage ?? options.message;
    this.refusal = options.refusal;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
