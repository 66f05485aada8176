/**
 * Taking an order in a conversation: the product and quantity, several products in one message, the
 * cart, the confirmation (bound to a nonce so an old button cannot place a changed order), placing it
 * through the orders use-case, and changing or abandoning it before it is placed.
 */
import type { Product } from "../../prisma/generated/client.ts";
import { browseCategory, CATALOG_PAGE_SIZE, getActiveProduct } from "../catalog/catalog-queries.ts";
import { readOrderLines } from "../catalog/read-order-lines.ts";
import { closestMatches, matchProducts } from "../catalog/match-products.ts";
import { advanceLead } from "../crm/advance-lead.ts";
import { isAppError } from "../errors.ts";
import { formatOrderDate } from "../i18n.ts";
import type { Reply } from "../messages.ts";
import { formatMoney } from "../money.ts";
import { MAX_LINE_QUANTITY } from "../orders/order-rules.ts";
import { placeOrder } from "../orders/place-order.ts";
import { isOrderWaitingIn, MAX_CART_LINES, orderItemsOf, type TCartLine } from "./dialogue-state.ts";
import { encodeCustomerPayload as pay } from "./payloads.ts";
import { loadOrderItems, orderItemsIn } from "./load-order-items.ts";
import { productIn } from "./understand/find-mentions.ts";
import { stockAlertButton, mainMenu, orderChoiceList, orderLineText, pendingOrderReply, productName } from "./product-replies.ts";
import { type Turn, catalogOf, forgetCatalog, matchableOf, categoriesOf, event, newNonce } from "./assistant-turn.ts";
import { showCategories, rememberList, findMentionedProducts, listedInStock, searchCatalog } from "./browse-catalog.ts";
import { paysOnline } from "./answer-about-orders.ts";
import { askForConsentOnce } from "./take-marketing-consent.ts";
import { isAboutTheItems, previewPromo, promoLineFor, promoProblemText } from "./apply-promo-code.ts";
import { isPromoRefused } from "../promos/promo-refused.ts";
import { dropPromoCode, emptyCart, openNextLine as openNextLineState, orderPlaced, setLines } from "./state/cart.ts";
import { askFlow, closeFlow, discussProduct, leaveFlow as leaveFlowState } from "./state/dialogue.ts";

/** How many of a product the customer can still add: its stock less what the order already holds. */
export function availableFor(turn: Turn, product: Product): number {
  return product.stock - (turn.state.cart.find((l) => l.productId === product.id)?.quantity ?? 0);
}

/** "How many would you like?" with the stock left and a few one-tap quantities; the order now waits for the number. */
export async function askQuantity(turn: Turn, product: Product): Promise<Reply[]> {
  turn.state = discussProduct(askFlow(turn.state, { kind: "order", productId: product.id, awaiting: "quantity", nonce: newNonce() }), product.id);
  const available = availableFor(turn, product);
  const choices = [1, 2, 3, 5].filter((n) => n <= available);
  return [{
    text: turn.m.askQuantity(productName(product, turn.locale), available),
    buttons: [choices.map((n) => ({ label: String(n), payload: pay({ action: "quantity", productId: product.id, quantity: n }) })), [{ label: turn.m.cancelButton(), payload: pay({ action: "abandon" }) }]],
  }];
}

/**
 * "I want a candle", "我要买蜡烛": the category's products in stock to pick from (one tap orders
 * one, or the number asked for); one product in stock goes straight on. Null when none is in stock.
 */
export async function askWhichOfCategory(turn: Turn, category: string, quantity?: number): Promise<Reply[] | null> {
  const { db } = turn.ctx;
  const products = await db.product.findMany({ where: { category, active: true, stock: { gt: 0 } }, orderBy: [{ name: "asc" }, { id: "asc" }], take: CATALOG_PAGE_SIZE });
  if (products.length === 0) return null;
  if (products.length === 1) return continueOrder(turn, { productId: products[0]!.id, ...(quantity !== undefined ? { quantity } : {}) });
  const asked = quantity !== undefined && quantity > 1 ? quantity : undefined;
  turn.state = askFlow(turn.state, { kind: "order", awaiting: "product", nonce: newNonce(), ...(asked !== undefined ? { quantity: asked } : {}) });
  rememberList(turn, products.map((p) => p.id));
  return [orderChoiceList(turn.m.askWhichOfList(asked), products, turn.locale, asked)];
}

/** Moves the order flow forward with whatever is known; asks only for what is missing. */
export async function continueOrder(turn: Turn, flow: { productId?: number; quantity?: number }): Promise<Reply[]> {
  const { db } = turn.ctx;
  if (flow.productId === undefined) {
    turn.state = askFlow(turn.state, { kind: "order", awaiting: "product", nonce: newNonce(), ...(flow.quantity ? { quantity: flow.quantity } : {}) });
    // "I'll take 2" under a list of candles: which of those, one tap each; no list, the categories.
    const listed = await listedInStock(turn);
    if (listed.length > 1) return [orderChoiceList(turn.m.askWhichOfList(flow.quantity), listed, turn.locale, flow.quantity)];
    return showCategories(turn, turn.m.askProduct());
  }
  // From the turn's reading of the catalog (every active product), not a query of its own.
  const product = productIn(await catalogOf(turn), flow.productId);
  if (!product) {
    turn.state = closeFlow(turn.state);
    return showCategories(turn, turn.m.productNotFound());
  }
  const available = availableFor(turn, product);
  if (available <= 0) {
    turn.state = discussProduct(closeFlow(turn.state), product.id); // "tell me when it's back" is about this one
    return [{ text: turn.m.notEnoughStock(productName(product, turn.locale), 0), buttons: [[stockAlertButton(product, turn.locale)], ...mainMenu(turn.locale)] }];
  }
  if (!turn.state.cart.some((l) => l.productId === product.id) && turn.state.cart.length >= MAX_CART_LINES - 1) {
    return [{ text: turn.m.cartFull(MAX_CART_LINES), buttons: [[{ label: turn.m.myCartButton(), payload: pay({ action: "cart" }) }]] }];
  }
  if (flow.quantity === undefined) return askQuantity(turn, product);
  if (Number.isInteger(flow.quantity) && flow.quantity > MAX_LINE_QUANTITY) {
    // "1000 mugs" is a wholesale order: the owner's to arrange, not a typo to correct.
    const replies = await askQuantity(turn, product);
    return [{ text: turn.m.bulkQuantity(MAX_LINE_QUANTITY), buttons: [[{ label: turn.m.askOwnerButton(), payload: pay({ action: "human" }) }]] }, ...replies];
  }
  if (!Number.isInteger(flow.quantity) || flow.quantity < 1 || flow.quantity > MAX_LINE_QUANTITY) {
    const replies = await askQuantity(turn, product);
    return [{ text: turn.m.invalidQuantity() }, ...replies];
  }
  if (flow.quantity > available) {
    const replies = await askQuantity(turn, product);
    replies[0] = { ...replies[0]!, text: turn.m.notEnoughStock(productName(product, turn.locale), available) };
    return replies;
  }
  const nonce = newNonce();
  turn.state = discussProduct(askFlow(turn.state, { kind: "order", productId: product.id, quantity: flow.quantity, awaiting: "confirm", nonce }), product.id);
  await event(turn, "added_to_cart", product.id, { quantity: flow.quantity });
  await db.$transaction((tx) => advanceLead(tx, { customerId: turn.customer.id, to: "cart", source: turn.conversation.channel, at: turn.at }));
  return [await confirmationReply(turn, nonce)];
}

/**
 * "2 jasmine tea and 1 earl grey", "两罐茉莉银针和一个茶壶": every product the message lists joins the
 * order at once (one when no number is given), then the whole order is confirmed; a piece that names
 * a kind ("and a candle") is asked about after the others are in. Quantities above the stock are
 * lowered to it, with a word; null when the message does not list two items (the caller goes on as
 * for one product). `restate`: a product already in the order, named with a number, takes that number
 * instead of adding it (the caller decides, from the words, that the order is being said again).
 */
export async function orderSeveral(turn: Turn, text: string, keepPending: boolean, options: { restate?: boolean } = {}): Promise<Reply[] | null> {
  const { db } = turn.ctx;
  const matchable = await matchableOf(turn);
  const reading = readOrderLines(text, matchable, await categoriesOf(turn), turn.state.lastProductId !== undefined ? { referredProductId: turn.state.lastProductId } : {});
  if (!reading) return null;
  // The products it names, from the turn's reading of the catalog (every active product).
  const products = matchable;
  const cart = keepPending ? orderItemsOf(turn.state) : turn.state.cart.map((l) => ({ ...l }));
  const notes: string[] = [];
  const added: { product: Product; quantity: number }[] = [];
  for (const line of reading.lines) {
    const product = products.find((p) => p.id === line.productId);
    if (!product) continue;
    const wanted = line.quantity ?? 1;
    if (!Number.isInteger(wanted) || wanted < 1 || wanted > MAX_LINE_QUANTITY) return [{ text: turn.m.invalidQuantity() }];
    const inCart = cart.find((l) => l.productId === product.id);
    // Restated ("I want 2 mugs and a teapot" at an order of 2 mugs): the line becomes what was said.
    const restated = options.restate === true && inCart !== undefined && line.quantity !== undefined;
    if (restated) inCart.quantity = 0;
    const quantity = addWithinStock(turn, cart, product, wanted, notes);
    if (quantity === "full") break;
    if (quantity === 0) {
      if (restated) cart.splice(cart.indexOf(inCart), 1);
      continue;
    }
    added.push({ product, quantity });
  }
  turn.state = setLines(turn.state, cart);
  await recordCartAdds(turn, added.map(({ product, quantity }) => ({ productId: product.id, quantity })));
  const intro = notes.length > 0 ? [{ text: notes.join("\n") }] : [];
  const open = reading.open;
  if (open) {
    const choices = open.category
      ? (await browseCategory(db, open.category.category, 0)).products
      : open.productIds.map((id) => products.find((p) => p.id === id)).filter((p): p is Product => Boolean(p));
    const inStock = choices.filter((p) => availableFor(turn, p) > 0);
    if (inStock.length > 0) {
      turn.state = askFlow(turn.state, { kind: "order", awaiting: "product", nonce: newNonce(), ...(open.quantity !== undefined ? { quantity: open.quantity } : {}) });
      rememberList(turn, inStock.map((p) => p.id));
      const lines = added.map((item) => orderLineText(item, turn.locale)).join("; ");
      return [...intro, orderChoiceList(added.length > 0 ? turn.m.addedWhichOf(lines, open.quantity) : turn.m.askWhichOfList(open.quantity), inStock, turn.locale, open.quantity)];
    }
  }
  if (cart.length === 0) {
    turn.state = closeFlow(turn.state);
    return [...intro, { text: turn.m.nothingToConfirm(), buttons: mainMenu(turn.locale) }];
  }
  return [...intro, await askToConfirmCart(turn)];
}

/**
 * Adds up to `wanted` of a product to `cart` within its stock (none of an inactive one), saying in
 * `notes` what was lowered or left out: the quantity added, 0 for none, or "full" when the order has
 * no room for another product (noted too).
 */
function addWithinStock(turn: Turn, cart: TCartLine[], product: Product, wanted: number, notes: string[]): number | "full" {
  const inCart = cart.find((l) => l.productId === product.id);
  const available = product.active ? product.stock - (inCart?.quantity ?? 0) : 0;
  const quantity = Math.min(wanted, available);
  if (quantity < wanted) notes.push(quantity > 0 ? turn.m.loweredToStock(productName(product, turn.locale), quantity) : turn.m.notEnoughStock(productName(product, turn.locale), 0));
  if (quantity <= 0) return 0;
  if (!inCart && cart.length >= MAX_CART_LINES) {
    notes.push(turn.m.cartFull(MAX_CART_LINES));
    return "full";
  }
  if (inCart) inCart.quantity += quantity;
  else cart.push({ productId: product.id, quantity });
  return quantity;
}

/** Products that joined the order: an "added_to_cart" event each (with `data`), and the lead moves to "cart". */
async function recordCartAdds(turn: Turn, added: readonly { productId: number; quantity: number }[], data: Record<string, number> = {}): Promise<void> {
  for (const { productId, quantity } of added) await event(turn, "added_to_cart", productId, { quantity, ...data });
  if (added.length > 0) await turn.ctx.db.$transaction((tx) => advanceLead(tx, { customerId: turn.customer.id, to: "cart", source: turn.conversation.channel, at: turn.at }));
}

/** The order holds as many products as one order can: confirm it first. */
export function cartFullReply(turn: Turn, nonce: string): Reply[] {
  return [{ text: turn.m.cartFull(MAX_CART_LINES), buttons: [[{ label: turn.m.confirmButton(), payload: pay({ action: "confirm", nonce }) }]] }];
}

/**
 * "Add something else": the item being confirmed joins the order's earlier items and the customer
 * picks the next product. A stale button (another confirmation since) changes nothing.
 */
export async function addMore(turn: Turn, nonce: string | null): Promise<Reply[]> {
  const flow = turn.state.flow;
  if (flow?.kind !== "order" || flow.awaiting !== "confirm" || (nonce !== null && nonce !== flow.nonce)) return staleOrderButton(turn, nonce);
  if (!openNextLine(turn)) return cartFullReply(turn, flow.nonce);
  return showCategories(turn, turn.m.addedWhatElse(turn.state.cart.length));
}

/**
 * "Remove the teapot": that product leaves the order being put together and the rest is shown to
 * confirm afresh (the old Confirm button no longer applies); the last one out empties the order.
 * Null when the message names no product, so it is read as usual ("remove my email" is not this).
 */
export async function removeFromOrder(turn: Turn, text: string): Promise<Reply[] | null> {
  const { db } = turn.ctx;
  const items = orderItemsOf(turn.state);
  const flow = turn.state.flow;
  // The product whose quantity is being asked ("and a teapot" → "how many?" → "actually remove the
  // teapot"): not in the order yet, so dropping it drops the question; the order goes on as it was.
  if (flow?.kind === "order" && flow.awaiting === "quantity" && flow.productId !== undefined && !items.some((l) => l.productId === flow.productId)) {
    const pending = await db.product.findUnique({ where: { id: flow.productId } });
    if (pending && closestMatches(matchProducts(text, [pending], { minScore: 0.5, shownProductIds: [pending.id] })).length === 1) {
      turn.state = closeFlow(turn.state);
      if (items.length === 0) return [{ text: turn.m.orderNowEmpty(productName(pending, turn.locale)), buttons: mainMenu(turn.locale) }];
      return [{ text: turn.m.itemRemoved(productName(pending, turn.locale)) }, await askToConfirmCart(turn)];
    }
  }
  const inOrder = await db.product.findMany({ where: { id: { in: items.map((l) => l.productId) } } });
  const named = closestMatches(matchProducts(text, inOrder, { minScore: 0.5, shownProductIds: inOrder.map((p) => p.id) }));
  if (named.length !== 1) {
    const elsewhere = (await findMentionedProducts(turn, text)).length > 0;
    if (!elsewhere) return null;
    return [{ text: turn.m.notInOrder() }, ...(await showCart(turn))];
  }
  const product = inOrder.find((p) => p.id === named[0]!.productId)!;
  const rest = items.filter((l) => l.productId !== product.id);
  if (rest.length === 0) {
    turn.state = emptyCart(closeFlow(turn.state));
    return [{ text: turn.m.orderNowEmpty(productName(product, turn.locale)), buttons: mainMenu(turn.locale) }];
  }
  turn.state = setLines(turn.state, rest);
  return [{ text: turn.m.itemRemoved(productName(product, turn.locale)) }, await askToConfirmCart(turn)];
}

/**
 * A Confirm or "Add something else" button that is not the current one: the order just placed by
 * it (a double tap) is named; an order still being put together is shown as it stands, with its
 * current buttons; otherwise there is nothing to confirm.
 */
export async function staleOrderButton(turn: Turn, nonce: string | null): Promise<Reply[]> {
  if (nonce !== null && turn.state.placed?.nonce === nonce) {
    return [{ text: turn.m.alreadyPlaced(turn.state.placed.orderId), buttons: [[{ label: turn.m.myOrdersButton(), payload: pay({ action: "orders" }) }]] }];
  }
  const flow = turn.state.flow;
  if ((flow?.kind === "order" && (flow.awaiting === "confirm" || flow.productId !== undefined)) || turn.state.cart.length > 0) {
    return [{ text: turn.m.earlierStep() }, ...(await showCart(turn))];
  }
  return [{ text: turn.m.nothingToConfirm(), buttons: mainMenu(turn.locale) }];
}

/** The cart as the order to confirm: a fresh Confirm button (new nonce) over everything it holds. */
export async function askToConfirmCart(turn: Turn, intro?: (lines: string, total: string) => string): Promise<Reply> {
  const nonce = newNonce();
  turn.state = askFlow(turn.state, { kind: "order", awaiting: "confirm", nonce });
  return confirmationReply(turn, nonce, intro);
}

/** "Please confirm your order" with every item, the promo code's line, the total and the Confirm button bound to `nonce`. */
export async function confirmationReply(turn: Turn, nonce: string, intro: (lines: string, total: string) => string = turn.m.confirmOrder): Promise<Reply> {
  const { shop } = turn.ctx;
  const items = orderItemsOf(turn.state);
  const pending = orderItemsIn(await catalogOf(turn), items);
  const preview = await previewPromo(turn, pending);
  const promo = preview ? await promoLineFor(turn, preview) : undefined;
  return pendingOrderReply(pending, nonce, turn.locale, intro, { canAddMore: items.length < MAX_CART_LINES, delivery: shop.delivery, ...(promo ? { promo } : {}) });
}

/**
 * The order's items as they can be bought now: a product gone or out of stock is dropped, a
 * quantity above the stock is lowered to it. The order is then confirmed afresh, all in the cart.
 */
export async function refreshOrder(turn: Turn): Promise<Reply[]> {
  const { db } = turn.ctx;
  // Stock or the catalog changed since the turn read it (an order refused): read it afresh.
  forgetCatalog(turn);
  const items = await loadOrderItems(db, orderItemsOf(turn.state));
  turn.state = setLines(turn.state, items.filter(({ product }) => product.stock > 0).map(({ product, quantity }) => ({ productId: product.id, quantity: Math.min(quantity, product.stock) })));
  if (turn.state.cart.length === 0) {
    turn.state = closeFlow(turn.state);
    const first = items[0]?.product;
    return [{ text: first ? turn.m.notEnoughStock(productName(first, turn.locale), 0) : turn.m.nothingToConfirm(), buttons: mainMenu(turn.locale) }];
  }
  return [{ text: turn.m.cartChanged() }, await askToConfirmCart(turn)];
}

/**
 * The customer's yes: the order is placed through the orders use-case (stock taken in one
 * transaction, the delivery charge added, the promo code's use taken), but only for the Confirm
 * bound to the current nonce, so an old button cannot place an order that has changed since. Stock
 * gone meanwhile: the order is refreshed and confirmed afresh. A code that applied when the order was
 * shown and no longer does (its last use taken a moment before, ended): nothing is placed, the
 * customer is told why and sees the order again without it. A code the confirmation already said
 * does not apply to these items goes unused.
 */
export async function confirmOrder(turn: Turn, nonce: string | null): Promise<Reply[]> {
  const { db, notifier, shop } = turn.ctx;
  const flow = turn.state.flow;
  const items = orderItemsOf(turn.state);
  if (!flow || flow.kind !== "order" || flow.awaiting !== "confirm" || items.length === 0 || (nonce !== null && nonce !== flow.nonce)) {
    return staleOrderButton(turn, nonce);
  }
  const preview = turn.state.promoCode ? await previewPromo(turn, orderItemsIn(await catalogOf(turn), items)) : null;
  if (preview && "problem" in preview && !isAboutTheItems(preview.problem)) {
    turn.state = setLines(dropPromoCode(turn.state), items);
    return [{ text: `${await promoProblemText(turn, preview.code, preview.problem, preview.promo)}\n${turn.m.promo.notPlaced()}` }, await askToConfirmCart(turn)];
  }
  const promoCode = preview && "discountMinor" in preview ? preview.code : undefined;
  try {
    const saved = turn.customer.address ?? undefined;
    const order = await placeOrder({ db, notifier, ...(shop.inventory ? { inventory: shop.inventory } : {}) }, {
      customerId: turn.customer.id,
      channel: turn.conversation.channel as "console" | "telegram" | "slack",
      lines: items,
      delivery: shop.delivery,
      ...(saved ? { shippingAddress: saved } : {}),
      ...(shop.maxUnpaidOrders !== undefined ? { maxUnpaidOrders: shop.maxUnpaidOrders } : {}),
      ...(promoCode ? { promoCode, ...(shop.timeZone ? { timeZone: shop.timeZone } : {}) } : {}),
    }, turn.at);
    // The next message that reads as an address is where this order goes (a changed one, with a saved address).
    turn.state = orderPlaced(turn.state, { nonce: flow.nonce, orderId: order.id });
    // Nothing to pay (a code took it all, no delivery charge): no invoice.
    const online = paysOnline(turn) && order.totalMinor > 0;
    // The customer's first order is the moment to ask, once, whether offers may follow.
    const consentQuestion = await askForConsentOnce(turn);
    const total = `${formatMoney(order.totalMinor, order.currency)}${order.promoCode ? turn.m.promo.orderNote(order.promoCode, formatMoney(order.discountMinor, order.currency)) : ""}`;
    return [{
      text: `${turn.m.orderPlaced(order.id, total, order.totalMinor === 0 ? turn.m.promo.nothingToPay() : online ? turn.m.payOnline() : shop.paymentInstructions[turn.locale])}\n\n${saved ? turn.m.shipsTo(saved) : turn.m.askAddress()}`,
      ...(online ? { checkout: { orderId: order.id } } : {}),
      buttons: [[{ label: turn.m.myOrdersButton(), payload: pay({ action: "orders" }) }, { label: turn.m.cancelButton(), payload: pay({ action: "askCancel", orderId: order.id }) }]],
    }, ...(consentQuestion ? [consentQuestion] : [])];
  } catch (error) {
    if (isAppError(error) && (error.code === "OUT_OF_STOCK" || error.code === "NOT_FOUND")) return refreshOrder(turn);
    // The code stopped applying between the check and the placing (another order took its last use).
    if (isPromoRefused(error)) {
      turn.state = setLines(dropPromoCode(turn.state), items);
      return [{ text: `${await promoProblemText(turn, error.promoCode, error.problem, null)}\n${turn.m.promo.notPlaced()}` }, await askToConfirmCart(turn)];
    }
    // Unpaid orders hold stock: past the shop's limit, pay or cancel one first; this order stays waiting.
    if (isAppError(error) && error.code === "LIMIT_REACHED") {
      return [{ text: turn.m.tooManyUnpaidOrders(shop.maxUnpaidOrders ?? 0), buttons: [[{ label: turn.m.myOrdersButton(), payload: pay({ action: "orders" }) }]] }];
    }
    throw error;
  }
}

/** "Never mind" / Cancel before placing: the order being put together, the cart and its promo code are dropped. */
export function abandonFlow(turn: Turn): Reply[] {
  turn.state = dropPromoCode(emptyCart(closeFlow(turn.state)));
  return [{ text: turn.m.orderAbandoned(), buttons: mainMenu(turn.locale) }];
}

/**
 * The cart: the order being put together (its confirmation or quantity question again, buttons and
 * all, without counting another cart add), then orders placed but not yet paid, with the Pay button
 * where the channel takes payment; or an empty cart and the menu.
 */
export async function showCart(turn: Turn): Promise<Reply[]> {
  const { db } = turn.ctx;
  const replies: Reply[] = [];
  const flow = turn.state.flow;
  if (flow?.kind === "order" && flow.awaiting === "confirm" && orderItemsOf(turn.state).length > 0) {
    replies.push(await confirmationReply(turn, flow.nonce));
  } else {
    if (turn.state.cart.length > 0) {
      const items = await loadOrderItems(db, turn.state.cart);
      if (flow?.kind === "order" && flow.productId !== undefined) {
        // Choosing the next item's quantity: what the order holds so far, then the question again.
        replies.push({ text: [turn.m.yourCart(), ...items.map((item) => orderLineText(item, turn.locale))].join("\n") });
      } else {
        replies.push(await askToConfirmCart(turn));
      }
    }
    if (flow?.kind === "order" && flow.productId !== undefined) {
      const product = await getActiveProduct(db, flow.productId);
      if (product && availableFor(turn, product) > 0) replies.push(...(await askQuantity(turn, product)));
    }
  }
  const unpaid = await db.order.findMany({ where: { customerId: turn.customer.id, status: "placed" }, orderBy: { id: "desc" }, take: 5 });
  if (unpaid.length > 0) {
    const online = paysOnline(turn);
    const lines = unpaid.map((o) => turn.m.orderStatusLine(o.id, turn.m.status(o.status), formatMoney(o.totalMinor, o.currency), formatOrderDate(turn.locale, o.placedAt ?? o.createdAt)));
    replies.push({
      text: [turn.m.cartUnpaid(), ...lines].join("\n"),
      buttons: unpaid.slice(0, 3).map((o) => [{ label: `${turn.m.cancelButton()} #${o.id}`, payload: pay({ action: "askCancel", orderId: o.id }) }]),
      ...(online ? { checkout: { orderId: unpaid[0]!.id } } : {}),
    });
  }
  return replies.length > 0 ? replies : [{ text: turn.m.cartEmpty(), buttons: mainMenu(turn.locale) }];
}

/**
 * An order waiting for its confirmation, shown again after the answer to a side question ("how do
 * I pay?", "do you ship to France?"), so a typed "confirm" still places it; null when none waits.
 */
export async function stillWaiting(turn: Turn): Promise<Reply | null> {
  const flow = turn.state.flow;
  if (!isOrderWaiting(turn) || flow?.kind !== "order") return null;
  return confirmationReply(turn, flow.nonce, turn.m.orderStillWaiting);
}

/** Whether an order with something in it waits for the customer's yes. */
export function isOrderWaiting(turn: Turn): boolean {
  return isOrderWaitingIn(turn.state);
}

/**
 * The order being confirmed becomes the cart and the next product is asked for ("add something
 * else", "also 2 mugs", "再加一个杯子"). False, changing nothing, when the order has no room left.
 */
export function openNextLine(turn: Turn): boolean {
  const next = openNextLineState(turn.state);
  if (!next) return false;
  turn.state = next;
  return true;
}

/**
 * The customer moved on to something else: the open question is dropped, but an item already
 * chosen and waiting for confirmation goes into the cart rather than being lost ("what's in my
 * cart?" and the cart reminder still have it).
 */
export function leaveFlow(turn: Turn): void {
  turn.state = leaveFlowState(turn.state);
}

/**
 * "Same again", "和上次一样", or the Order again button under "My orders": an earlier order's lines
 * (the latest not cancelled, unless one is named) become the order to confirm, at today's prices and
 * as far as the stock goes, joining whatever is being put together. A repeat customer of tea used to
 * have to name every product again. The customer's own orders only: another's id finds nothing.
 */
export async function orderAgain(turn: Turn, orderId?: number): Promise<Reply[]> {
  const { db } = turn.ctx;
  const earlier = await db.order.findFirst({
    where: { customerId: turn.customer.id, status: { not: "cancelled" }, ...(orderId !== undefined ? { id: orderId } : {}) },
    orderBy: { id: "desc" },
    include: { lines: { include: { product: true }, orderBy: { id: "asc" } } },
  });
  if (!earlier || earlier.lines.length === 0) return [{ text: turn.m.noOrderToRepeat(), buttons: mainMenu(turn.locale) }];
  const cart = orderItemsOf(turn.state);
  const notes: string[] = [];
  const added: { productId: number; quantity: number }[] = [];
  for (const { product, quantity: wanted } of earlier.lines) {
    const quantity = addWithinStock(turn, cart, product, wanted, notes);
    if (quantity === "full") break;
    if (quantity > 0) added.push({ productId: product.id, quantity });
  }
  turn.state = setLines(turn.state, cart);
  if (cart.length === 0) {
    turn.state = closeFlow(turn.state);
    return [{ text: [...notes, turn.m.nothingToRepeat(earlier.id)].join("\n"), buttons: mainMenu(turn.locale) }];
  }
  await recordCartAdds(turn, added, { repeatOf: earlier.id });
  return [{ text: [turn.m.orderingAgain(earlier.id), ...notes].join("\n") }, await askToConfirmCart(turn)];
}

/**
 * "再加一个杯子", "and a cup": a kind rather than a product's name. One product of that kind in stock
 * is the one ordered; two to five are offered one tap each (with the quantity asked for). Null: the
 * text names no kind, or (`addingToOrder`: the order being confirmed becomes the cart the pick
 * joins) the order has no room left.
 */
export async function orderOfKind(turn: Turn, text: string, quantity: number | undefined, addingToOrder = false): Promise<Reply[] | null> {
  const ofKind = (await searchCatalog(turn, text)).filter((p) => p.stock > 0);
  if (ofKind.length === 0 || ofKind.length > 5) return null;
  if (addingToOrder && !openNextLine(turn)) return null;
  if (ofKind.length === 1) return continueOrder(turn, { productId: ofKind[0]!.id, ...(quantity !== undefined ? { quantity } : {}) });
  rememberList(turn, ofKind.map((p) => p.id));
  return [orderChoiceList(turn.m.whichProduct(), ofKind, turn.locale, quantity)];
}
