/**
 * The few things only the Telegram adapter says (what the bot understands when it gets a sticker,
 * the menu of commands, the language picker). Everything else the customer reads comes from core.
 */
import { messagesFor } from "../../core/i18n.ts";
import type { TLocale } from "../../core/messages.ts";

export function localeOf(languageCode: string | undefined): TLocale {
  return languageCode?.toLowerCase().startsWith("zh") ? "zh" : "en";
}

const TEXTS = {
  en: {
    unsupported: () => `${messagesFor("en").unsupportedMessage()} I can show the catalog (/catalog), your orders (/orders), or pass you to the owner.`,
    edited: () => "I only read new messages, not edits. Please send what you meant as a new message.",
    ownContactOnly: () => "I can only save your own phone number: tap \"Share my phone number\", or type your number or email.",
    chooseLanguage: () => "Which language would you like?",
    paymentReceivedPending: () => "We have received your payment; the owner will confirm your order shortly.",
    greetingText: () => "hello",
  },
  zh: {
    unsupported: () => `${messagesFor("zh").unsupportedMessage()} 我可以展示商品目录（/catalog）、查询您的订单（/orders），或为您联系店主。`,
    edited: () => "我只读取新消息，不读取修改后的消息。请把您想说的内容作为新消息发送。",
    ownContactOnly: () => "我只能保存您本人的手机号：请点击“分享我的手机号”，或直接输入您的手机号或邮箱。",
    chooseLanguage: () => "您想使用哪种语言？",
    paymentReceivedPending: () => "我们已收到您的付款，店主会尽快确认您的订单。",
    greetingText: () => "你好",
  },
} satisfies Record<TLocale, Record<string, () => string>>;

export function telegramTexts(locale: TLocale) {
  return TEXTS[locale];
}

/** The command menu registered with setMyCommands, per language. */
export const BOT_COMMANDS: Record<TLocale, { command: string; description: string }[]> = {
  en: [
    { command: "start", description: "Say hello and see what I can do" },
    { command: "help", description: "What I can help with" },
    { command: "catalog", description: "Browse the catalog" },
    { command: "cart", description: "Your cart: the order in progress and unpaid orders" },
    { command: "orders", description: "Your orders and their status" },
    { command: "language", description: "English or 中文" },
  ],
  zh: [
    { command: "start", description: "打个招呼，看看我能做什么" },
    { command: "help", description: "我能帮您做什么" },
    { command: "catalog", description: "浏览商品目录" },
    { command: "cart", description: "购物车：进行中和待付款的订单" },
    { command: "orders", description: "您的订单及状态" },
    { command: "language", description: "English 或 中文" },
  ],
};
