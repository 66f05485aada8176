/**
 * The Telegram bot's commands typed in the console's chat ("/start", "/catalog"), read as Telegram
 * reads them, so trying the shop here behaves as it will there.
 */
export function slashCommand(text: string | undefined, locale: string | undefined): { text: string } | { payload: string } | null {
  const command = /^\/(start|help|catalog|cart|orders)\s*$/i.exec(text?.trim() ?? "")?.[1]?.toLowerCase();
  if (!command) return null;
  if (command === "catalog") return { payload: "b" };
  if (command === "cart") return { payload: "k" };
  if (command === "orders") return { payload: "s" };
  return { text: locale?.toLowerCase().startsWith("zh") ? "你好" : "hello" };
}
