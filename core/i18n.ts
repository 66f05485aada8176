/**
 * Everything the shop says to a customer, in English and Simplified Chinese. One table so a
 * translation is never missing: the type makes `zh` carry every key `en` has.
 */
import type { TLocale } from "./messages.ts";

const en = {
  greeting: (shop: string) => `Hello! Welcome to ${shop}. I can show you the catalog, answer questions about a product, recommend something, take an order or check one. What are you looking for?`,
  goodbye: () => "Thank you for visiting! Write any time.",
  browseButton: () => "Browse the catalog",
  recommendButton: () => "Recommend something",
  myOrdersButton: () => "My orders",
  humanButton: () => "Talk to a person",
  categories: () => "Here are our categories:",
  noProducts: () => "We have no products to show right now. Please check back soon.",
  categoryPage: (category: string, page: number, pages: number) => `${category} (page ${page} of ${pages}):`,
  nextPage: () => "Next ›",
  prevPage: () => "‹ Previous",
  productCard: (name: string, price: string, stockLine: string, description: string) => `${name} — ${price}\n${stockLine}\n\n${description}`,
  inStock: (n: number) => (n === 1 ? "1 in stock" : `${n} in stock`),
  outOfStock: () => "Out of stock at the moment",
  orderButton: () => "Order",
  detailsButton: () => "Details",
  productNotFound: () => "I couldn't find that product. Here are our categories, or tell me its name:",
  whichProduct: () => "Which product do you mean?",
  askProduct: () => "Which product would you like to order? Tell me its name or pick from the catalog.",
  askQuantity: (name: string, stock: number) => `How many ${name} would you like? (${stock} available)`,
  confirmOrder: (lines: string, total: string) => `Please confirm your order:\n${lines}\nTotal: ${total}`,
  confirmButton: () => "Confirm",
  cancelButton: () => "Cancel",
  orderPlaced: (id: number, total: string, payment: string) => `Thank you! Order #${id} is placed (${total}).\n${payment}`,
  orderAbandoned: () => "OK, I've cancelled that. Anything else?",
  nothingToConfirm: () => "There is no order waiting for confirmation. What would you like to order?",
  notEnoughStock: (name: string, available: number) => available > 0 ? `Sorry, we only have ${available} ${name} left. How many would you like?` : `Sorry, ${name} is out of stock right now.`,
  invalidQuantity: () => "Please tell me a quantity between 1 and 99, e.g. \"2\".",
  noOrders: () => "You have no orders yet. Would you like to browse the catalog?",
  orderStatusLine: (id: number, status: string, total: string, date: string) => `Order #${id}: ${status} — ${total} (${date})`,
  yourOrders: () => "Your orders:",
  orderNotFound: () => "I couldn't find that order among yours. Here are your recent orders:",
  orderNotFoundNoOrders: () => "I couldn't find that order among yours, and you have no orders yet.",
  cancelWhich: () => "Which order would you like to cancel?",
  confirmCancel: (id: number) => `Cancel order #${id}? The items go back on the shelf.`,
  cancelYes: () => "Yes, cancel it",
  keepIt: () => "Keep it",
  orderCancelled: (id: number) => `Order #${id} is cancelled. Nothing will be charged.`,
  cannotCancel: (id: number, status: string) => `Order #${id} is already ${status}, so I can't cancel it here. Would you like to talk to the owner?`,
  noCancellable: () => "You have no order that can still be cancelled.",
  askContact: () => "Please send your email address or phone number (with country code), and the owner will get back to you.",
  contactSaved: (contact: string) => `Thank you! I've saved ${contact}. The owner will be in touch.`,
  invalidEmail: () => "That email address doesn't look right. Could you check it?",
  invalidPhone: () => "That phone number doesn't look right. Please include the country code, e.g. +44 7700 900123.",
  handoff: () => "I've asked the owner to join. They'll reply here as soon as they can.",
  handoffWaiting: () => "The owner has your message and will reply here soon.",
  payOnline: () => "Tap the Pay button below to pay securely in Telegram.",
  recommendations: () => "You might like these:",
  noRecommendations: () => "I have nothing to recommend right now. Would you like to browse the catalog?",
  shippingReturns: (text: string) => text,
  payment: (text: string) => text,
  complaint: () => "I'm sorry to hear that. I've passed this to the owner, who will look into it personally and reply here.",
  outOfScope: () => "I'm the shop's assistant, so I can help with products, orders and delivery. Would you like to talk to a person instead?",
  clarify: (a: string, b: string) => `Sorry, I'm not sure what you mean. Did you mean "${a}" or "${b}"?`,
  emptyMessage: () => "I didn't catch anything there. You can ask about a product, browse the catalog or check an order.",
  unsupportedMessage: () => "I can only read text messages. Please type what you're looking for.",
  somethingWrong: () => "Sorry, something went wrong on our side. Please try again in a moment.",
  staleButton: () => "That button has expired. Here is where we are now:",
  status: (s: string) => ({ cart: "in your cart", placed: "placed, awaiting payment", paid: "paid, being prepared", shipped: "shipped", delivered: "delivered", cancelled: "cancelled" })[s] ?? s,
  more: () => "More",
};

type Messages = typeof en;

const zh: Messages = {
  greeting: (shop) => `您好！欢迎光临${shop}。我可以为您展示商品目录、解答商品问题、推荐商品、下单或查询订单。请问您在找什么？`,
  goodbye: () => "感谢光临！随时欢迎再来。",
  browseButton: () => "浏览商品",
  recommendButton: () => "为我推荐",
  myOrdersButton: () => "我的订单",
  humanButton: () => "联系人工",
  categories: () => "这是我们的商品分类：",
  noProducts: () => "目前暂无商品，请稍后再来看看。",
  categoryPage: (category, page, pages) => `${category}（第 ${page}/${pages} 页）：`,
  nextPage: () => "下一页 ›",
  prevPage: () => "‹ 上一页",
  productCard: (name, price, stockLine, description) => `${name} — ${price}\n${stockLine}\n\n${description}`,
  inStock: (n) => `库存 ${n} 件`,
  outOfStock: () => "暂时缺货",
  orderButton: () => "下单",
  detailsButton: () => "详情",
  productNotFound: () => "没有找到这个商品。这是我们的分类，或者告诉我商品名称：",
  whichProduct: () => "您指的是哪一个商品？",
  askProduct: () => "您想订购哪个商品？请告诉我名称，或从目录中选择。",
  askQuantity: (name, stock) => `您想要几件${name}？（现有 ${stock} 件）`,
  confirmOrder: (lines, total) => `请确认您的订单：\n${lines}\n合计：${total}`,
  confirmButton: () => "确认",
  cancelButton: () => "取消",
  orderPlaced: (id, total, payment) => `谢谢！订单 #${id} 已下单（${total}）。\n${payment}`,
  orderAbandoned: () => "好的，已取消。还有什么可以帮您？",
  nothingToConfirm: () => "目前没有待确认的订单。您想订购什么？",
  notEnoughStock: (name, available) => available > 0 ? `抱歉，${name}只剩 ${available} 件了。您想要几件？` : `抱歉，${name}目前缺货。`,
  invalidQuantity: () => "请告诉我 1 到 99 之间的数量，例如“2”。",
  noOrders: () => "您还没有订单。要浏览商品目录吗？",
  orderStatusLine: (id, status, total, date) => `订单 #${id}：${status} — ${total}（${date}）`,
  yourOrders: () => "您的订单：",
  orderNotFound: () => "在您的订单中没有找到这个订单。这是您最近的订单：",
  orderNotFoundNoOrders: () => "在您的订单中没有找到这个订单，您目前还没有订单。",
  cancelWhich: () => "您想取消哪个订单？",
  confirmCancel: (id) => `确定取消订单 #${id} 吗？商品将退回库存。`,
  cancelYes: () => "是的，取消",
  keepIt: () => "保留订单",
  orderCancelled: (id) => `订单 #${id} 已取消，不会收取任何费用。`,
  cannotCancel: (id, status) => `订单 #${id} 已${status}，无法在这里取消。需要联系店主吗？`,
  noCancellable: () => "您没有可以取消的订单。",
  askContact: () => "请发送您的邮箱或手机号（含国家区号），店主会与您联系。",
  contactSaved: (contact) => `谢谢！已保存 ${contact}，店主会与您联系。`,
  invalidEmail: () => "这个邮箱地址好像不对，请检查一下。",
  invalidPhone: () => "这个电话号码好像不对，请加上国家区号，例如 +86 138 0013 8000。",
  handoff: () => "我已通知店主，店主会尽快在这里回复您。",
  handoffWaiting: () => "店主已收到您的消息，很快会在这里回复。",
  payOnline: () => "请点击下方的支付按钮，在 Telegram 中安全付款。",
  recommendations: () => "您可能会喜欢：",
  noRecommendations: () => "目前没有可推荐的商品。要浏览商品目录吗？",
  shippingReturns: (text) => text,
  payment: (text) => text,
  complaint: () => "非常抱歉给您带来不便。我已转告店主，店主会亲自处理并在这里回复您。",
  outOfScope: () => "我是本店的助手，可以帮您了解商品、订单和配送。需要联系人工吗？",
  clarify: (a, b) => `抱歉，我不太确定您的意思。您是想“${a}”还是“${b}”？`,
  emptyMessage: () => "我没有收到内容。您可以询问商品、浏览目录或查询订单。",
  unsupportedMessage: () => "我只能读取文字消息，请输入您想找的商品。",
  somethingWrong: () => "抱歉，我们这边出了点问题，请稍后再试。",
  staleButton: () => "这个按钮已失效。这是当前的状态：",
  status: (s) => ({ cart: "在购物车中", placed: "已下单，待付款", paid: "已付款，正在备货", shipped: "已发货", delivered: "已送达", cancelled: "已取消" })[s] ?? s,
  more: () => "更多",
};

const tables: Record<TLocale, Messages> = { en, zh };

/** The message table for a locale. */
export function messagesFor(locale: TLocale): Messages {
  return tables[locale];
}

/** An order's date as customers read it ("20 Nov 2026", "2026年11月20日"). */
export function formatOrderDate(locale: TLocale, date: Date): string {
  return new Intl.DateTimeFormat(locale === "zh" ? "zh-CN" : "en-GB", { dateStyle: "medium", timeZone: "UTC" }).format(date);
}

/** Short names of intents, used on "did you mean" buttons. */
export function intentLabel(locale: TLocale, intent: string): string {
  const labels: Record<string, [string, string]> = {
    greeting: ["Say hello", "打招呼"],
    goodbye: ["Say goodbye", "道别"],
    browse_catalog: ["Browse the catalog", "浏览商品"],
    product_question: ["Ask about a product", "咨询商品"],
    recommendation: ["Get a recommendation", "获取推荐"],
    place_order: ["Place an order", "下单"],
    order_status: ["Check my order", "查询订单"],
    cancel_order: ["Cancel an order", "取消订单"],
    leave_contact: ["Leave my contact details", "留下联系方式"],
    human_handoff: ["Talk to a person", "联系人工"],
    shipping_returns: ["Shipping and returns", "配送与退货"],
    payment: ["Payment", "付款方式"],
    complaint: ["Report a problem", "投诉问题"],
  };
  const pair = labels[intent];
  return pair ? pair[locale === "zh" ? 1 : 0] : intent;
}
