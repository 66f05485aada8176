/**
 * Contact details in a conversation: delivery addresses (for an order or kept for the next ones), email
 * and phone, the name a customer introduces themselves by, and handing the conversation to the owner.
 */
import { captureContact } from "../crm/capture-contact.ts";
import { saveCustomerAddress } from "../crm/save-customer-address.ts";
import { saveCustomerName } from "../crm/save-customer-name.ts";
import { requestHandoff } from "../crm/request-handoff.ts";
import { isAppError } from "../errors.ts";
import type { Reply } from "../messages.ts";
import { extractCustomerName } from "../nlu/extract-customer-name.ts";
import type { Entities } from "../nlu/extract-entities.ts";
import { containsChinese, normalizeText } from "../nlu/normalize-text.ts";
import type { IntentPrediction } from "../nlu/types.ts";
import { ADDRESSABLE, setShippingAddress } from "../orders/set-shipping-address.ts";
import { HOUSE_NUMBER, ONLY_PLEASANTRIES } from "./customer-phrases.ts";
import { encodeCustomerPayload as pay } from "./payloads.ts";
import { mainMenu } from "./product-replies.ts";
import { type Turn, catalogOf } from "./assistant-turn.ts";
import { mentionsIn } from "./understand/find-mentions.ts";
import { continueOrder, confirmationReply, stillWaiting } from "./take-order.ts";
import { showOrders } from "./answer-about-orders.ts";
import { askForConsentOnce } from "./take-marketing-consent.ts";
import { askFlow, awaitAddress, closeFlow, understood } from "./state/dialogue.ts";

/**
 * Whether a message is an address rather than a question or an order: a postcode (UK, US, Chinese
 * six digits), a Chinese address (province/city/district/road/number characters), or three or more
 * comma- or line-separated parts with a number. A message the classifier confidently reads as
 * shopping ("2 mugs, 3 candles, 1 teapot") is not one unless it has a postcode.
 */
export async function readsAsAddress(turn: Turn, text: string, prediction: IntentPrediction): Promise<boolean> {
  const catalog = await catalogOf(turn);
  return readsAsAddressIn(text, prediction, (t) => mentionsIn(catalog, turn.state, t).length > 0);
}

/** {@link readsAsAddress} with the product lookup given: pure, for the reading of a message. */
export function readsAsAddressIn(text: string, prediction: IntentPrediction, namesProducts: (text: string) => boolean): boolean {
  const t = text.trim();
  if (t.length < 8) return false;
  const postcode = /\b[a-z]{1,2}\d[a-z\d]?\s*\d[a-z]{2}\b|\b\d{5}(?:-\d{4})?\b|(?<!\d)\d{6}(?!\d)/i.test(t);
  if (postcode) return true;
  const chinese = containsChinese(t) && (t.match(/[省市区县镇乡路街巷弄号栋幢室楼]/gu) ?? []).length >= 2;
  const parts = t.split(/[,\n，、]/).filter((p) => p.trim()).length >= 3 && /\d/.test(t);
  if (!chinese && !parts) return false;
  const shopping = ["place_order", "browse_catalog", "product_question", "recommendation", "cancel_order", "order_status"].includes(prediction.intent) && prediction.confidence >= 0.8;
  return !shopping || !namesProducts(text);
}

/** Stores the address for the order (and for the customer's next one) and says where it goes. */
export async function giveAddress(turn: Turn, orderId: number, address: string): Promise<Reply[]> {
  const { db, notifier } = turn.ctx;
  turn.state = awaitAddress(turn.state, undefined);
  if (turn.state.flow?.kind !== "order") turn.state = closeFlow(turn.state);
  try {
    const saved = await setShippingAddress({ db, notifier }, { orderId, customerId: turn.customer.id, address });
    return [{ text: turn.m.addressSaved(saved.orderId, saved.address), buttons: mainMenu(turn.locale) }];
  } catch (error) {
    if (isAppError(error) && error.code === "INVALID_INPUT") {
      turn.state = awaitAddress(turn.state, orderId);
      return [{ text: address.trim().length > 500 ? turn.m.addressTooLong() : turn.m.addressTooShort() }];
    }
    if (isAppError(error) && error.code === "INVALID_STATE") {
      return [{ text: turn.m.addressTooLate(orderId, turn.m.status(error.userMessage)), buttons: [[{ label: turn.m.humanButton(), payload: pay({ action: "human" }) }]] }];
    }
    if (isAppError(error) && error.code === "NOT_FOUND") return showOrders(turn, turn.m.orderNotFound());
    throw error;
  }
}

/**
 * An address given with no placed order waiting for one: kept on the customer for the order being
 * put together (then its open question again) or for the next one.
 */
export async function keepAddress(turn: Turn, address: string, forThisOrder = false): Promise<Reply[]> {
  const { db } = turn.ctx;
  try {
    const saved = await saveCustomerAddress({ db }, { customerId: turn.customer.id, address });
    turn.customer = { ...turn.customer, address: saved };
    if (!forThisOrder) return [{ text: turn.m.addressKept(saved), buttons: mainMenu(turn.locale) }];
    const flow = turn.state.flow;
    const pending = flow?.kind === "order" && flow.awaiting === "confirm"
      ? [await confirmationReply(turn, flow.nonce)]
      : await continueOrder(turn, flow?.kind === "order" ? { ...(flow.productId !== undefined ? { productId: flow.productId } : {}), ...(flow.quantity !== undefined ? { quantity: flow.quantity } : {}) } : {});
    return [{ text: turn.m.addressForThisOrder(saved) }, ...pending];
  } catch (error) {
    if (isAppError(error) && error.code === "INVALID_INPUT") return [{ text: address.trim().length > 500 ? turn.m.addressTooLong() : turn.m.addressTooShort() }];
    throw error;
  }
}

/** The customer's latest order that has not left the shop (its address may still change); optionally only one still without an address. */
export async function latestUnsentOrder(turn: Turn, options: { withoutAddress?: boolean } = {}) {
  const { db } = turn.ctx;
  return db.order.findFirst({ where: { customerId: turn.customer.id, status: { in: [...ADDRESSABLE] }, ...(options.withoutAddress ? { shippingAddress: null } : {}) }, orderBy: { id: "desc" }, select: { id: true } });
}

/** "Can I change the delivery address?": the latest order not yet sent waits for the new one. */
export async function askForNewAddress(turn: Turn): Promise<Reply[]> {
  const order = await latestUnsentOrder(turn);
  if (!order) return [{ text: turn.m.noOrderForAddress(), buttons: mainMenu(turn.locale) }];
  turn.state = awaitAddress(turn.state, order.id);
  return [{ text: turn.m.askNewAddress(order.id) }];
}

/** An email or phone number kept on the customer (the owner is told); without one, asks for it (with a share-contact button where the channel has one). */
export async function leaveContact(turn: Turn, entities: Entities): Promise<Reply[]> {
  const { db, notifier } = turn.ctx;
  if (!entities.email && !entities.phone) {
    if (turn.givenName) return [{ text: turn.m.nameSavedAskContact(turn.givenName), requestContact: { label: turn.m.shareContactButton() } }];
    turn.state = askFlow(turn.state, { kind: "contact" });
    if (entities.invalidEmail) return [{ text: turn.m.invalidEmail() }];
    if (entities.invalidPhone) return [{ text: turn.m.invalidPhone() }];
    return [{ text: turn.m.askContact(), requestContact: { label: turn.m.shareContactButton() } }];
  }
  await captureContact({ db, notifier }, { customerId: turn.customer.id, at: turn.at, ...(entities.email ? { email: entities.email } : {}), ...(entities.phone ? { phone: entities.phone } : {}) });
  if (turn.state.flow?.kind === "contact") turn.state = closeFlow(turn.state);
  const saved = turn.m.contactSaved([entities.email, entities.phone].filter(Boolean).join(", "), turn.givenName);
  // Contact details are a moment to ask, once, whether offers may follow.
  const consentQuestion = await askForConsentOnce(turn);
  const asked = consentQuestion ? [consentQuestion] : [];
  // Given while the order just placed waits for its address: that question again, not the menu
  // (it used to be dropped, and the order went without one).
  if (turn.state.addressFor !== undefined) return [{ text: `${saved}\n${turn.m.askAddress()}` }, ...asked];
  return [{ text: saved, buttons: mainMenu(turn.locale) }, ...asked];
}

/**
 * "My name is Anna", "我叫王小明": the name is saved, and the rest of the message (an email, an
 * order) is handled as if sent alone. A message that was only the name is answered here, with
 * whatever was open asked again. In an address ("my name is Anna Lee, 4 Park Lane …") the name
 * stays part of it. Undefined when the message gives no usable name.
 */
export async function takeGivenName(turn: Turn, text: string): Promise<{ rest: string } | { replies: Reply[] } | undefined> {
  const { db } = turn.ctx;
  const given = extractCustomerName(text);
  if (!given) return undefined;
  try {
    turn.givenName = await saveCustomerName({ db }, { customerId: turn.customer.id, name: given.name });
  } catch (error) {
    if (isAppError(error)) return undefined;
    throw error;
  }
  const onlyTheName = ONLY_PLEASANTRIES.test(normalizeText(given.rest));
  // "我叫李雷，北京市朝阳区建国路88号" is an address with its name: the name stays, the introduction goes.
  if (!onlyTheName && (turn.state.addressFor !== undefined || HOUSE_NUMBER.test(given.rest))) return { rest: `${given.name}${containsChinese(given.name) ? "，" : ", "}${given.rest}` };
  if (!onlyTheName) return { rest: given.rest };
  if (turn.state.addressFor !== undefined) return { replies: [{ text: `${turn.m.nameSaved(turn.givenName)}\n${turn.m.askAddress()}` }] };
  if (turn.state.flow?.kind === "contact") return { replies: [{ text: turn.m.nameSavedAskContact(turn.givenName), requestContact: { label: turn.m.shareContactButton() } }] };
  const waiting = await stillWaiting(turn);
  if (waiting) return { replies: [{ text: turn.m.nameSaved(turn.givenName) }, waiting] };
  return { replies: [{ text: turn.m.nameSaved(turn.givenName), ...(turn.state.flow ? {} : { buttons: mainMenu(turn.locale) }) }] };
}

/** Hands the conversation to the owner (the inbox thread and a notification), with `reason` for them. */
export async function handoff(turn: Turn, reason: string, text?: string): Promise<Reply[]> {
  const { db, notifier } = turn.ctx;
  await requestHandoff({ db, notifier }, { conversationId: turn.conversation.id, reason, at: turn.at });
  // The owner has it now: the bot's count of misunderstandings starts again when it is handed back.
  turn.state = understood(turn.state);
  return [{ text: text ?? turn.m.handoff() }];
}
