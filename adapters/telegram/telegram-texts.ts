/**
 * Telegram's view of the customer's language and of the command menu. Every word comes from core's
 * customer catalog (core/i18n/customer.ts); this file only shapes it the way the Bot API wants it.
 */
import { messagesFor } from "../../core/i18n.ts";
import { ZChannelCommandName, ZLocale, type TLocale } from "../../core/messages.ts";

/** The language Telegram says the customer's app uses ("zh-hans" → zh); English for anything else. */
export function localeOf(languageCode: string | undefined): TLocale {
  return languageCode?.toLowerCase().startsWith("zh") ? "zh" : "en";
}

/** The command menu registered with setMyCommands, per language: every channel command core answers. */
export const BOT_COMMANDS: Record<TLocale, { command: string; description: string }[]> = Object.fromEntries(
  ZLocale.options.map((locale) => [locale, ZChannelCommandName.options.map((command) => ({ command, description: messagesFor(locale).commandMenu(command) }))]),
) as Record<TLocale, { command: string; description: string }[]>;
