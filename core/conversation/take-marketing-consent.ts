/**
 * Marketing consent in the chat (UK PECR / GDPR: no marketing without it). The customer is asked
 * once in their life, at a natural moment (their first order placed, their contact details left),
 * with a Yes and a No button; "unsubscribe", "退订", "不要再发了" or Stop under a marketing message
 * withdraw it at once and say so; "subscribe", "订阅" give it again. Each statement is recorded with
 * its time and source (core/crm/record-consent.ts) in the turn's transaction.
 */
import { markConsentAsked } from "../crm/mark-consent-asked.ts";
import { recordConsent } from "../crm/record-consent.ts";
import type { Reply } from "../messages.ts";
import type { Turn } from "./assistant-turn.ts";
import { normalizeText } from "../nlu/normalize-text.ts";
import { START_MARKETING, STOP_MARKETING } from "./customer-phrases.ts";
import { consentAnswerPayload, parseCustomerPayload } from "./payloads.ts";

/** How the customer said it: the question's buttons, Stop under a marketing message, or words. */
export type TConsentWay = "answer" | "stop" | "words";

/**
 * The consent question, the first time the moment comes for this customer; null ever after, and for
 * a customer who already said yes or no without being asked ("subscribe", the owner).
 */
export async function askForConsentOnce(turn: Turn): Promise<Reply | null> {
  const { customer } = turn;
  if (customer.consentAskedAt !== null || customer.consentAt !== null) return null;
  if (!(await markConsentAsked({ db: turn.ctx.db }, { customerId: customer.id, at: turn.at }))) return null;
  turn.customer = { ...customer, consentAskedAt: turn.at };
  const m = turn.m.consent;
  return { text: m.question(), buttons: [[{ label: m.yesButton(), payload: consentAnswerPayload(true) }, { label: m.noButton(), payload: consentAnswerPayload(false) }]] };
}

/** Consent given (`given`) or withdrawn, recorded now; the words that tell the customer so. */
export async function takeMarketingConsent(turn: Turn, given: boolean, way: TConsentWay): Promise<string> {
  const { customer } = await recordConsent({ db: turn.ctx.db }, { customerId: turn.customer.id, given, source: way === "words" ? "words" : "button", at: turn.at });
  turn.customer = customer;
  const m = turn.m.consent;
  if (given) return m.given();
  return way === "answer" ? m.declined() : m.withdrawn();
}

/**
 * While the owner has the conversation the bot answers nothing, but a withdrawal cannot wait for
 * them: Stop under a marketing message, or "unsubscribe" / "退订" in words, is recorded and confirmed
 * all the same ("subscribe" too); the owner still sees the message in their thread. Null for anything else.
 */
export async function takeConsentWhileHandedOff(turn: Turn, message: { text: string; payload?: string | undefined }): Promise<Reply | null> {
  if (message.payload !== undefined) {
    const action = parseCustomerPayload(message.payload);
    if (action?.action === "stopMarketing") return { text: await takeMarketingConsent(turn, false, "stop") };
    if (action?.action === "consentAnswer") return { text: await takeMarketingConsent(turn, action.given, "answer") };
    return null;
  }
  const normalized = normalizeText(message.text);
  if (STOP_MARKETING.test(normalized)) return { text: await takeMarketingConsent(turn, false, "words") };
  if (START_MARKETING.test(normalized)) return { text: await takeMarketingConsent(turn, true, "words") };
  return null;
}
