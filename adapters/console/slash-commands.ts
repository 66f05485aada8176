/**
 * The Telegram bot's commands typed in the console's chat ("/start", "/catalog"), so trying the
 * shop here behaves as it will there. Core reads and answers them; only a command on its own (or
 * with the one word it takes, "/start TEA-001") counts: "/catalog please" is text like any other.
 */
import { readChannelCommand } from "../../core/conversation/answer-channel-command.ts";
import type { TChannelCommand } from "../../core/messages.ts";

/** The channel command typed, for the inbound message's `command`; null when the text is not one on its own. */
export function slashCommand(text: string | undefined): TChannelCommand | null {
  const read = readChannelCommand(text ?? "");
  return read?.alone && !read.addressedTo ? read.command : null;
}
