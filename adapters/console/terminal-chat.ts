/**
 * `npm run chat`: the same conversation in a terminal. Customer mode by default; `/owner` switches
 * to the owner's commands, `/customer` back. Buttons are printed as numbered choices: typing the
 * number presses the button.
 */
import readline from "node:readline";
import type { CustomerAssistant } from "../../core/conversation/handle-customer-message.ts";
import type { Button, Reply } from "../../core/messages.ts";
import type { OwnerConsole } from "../../core/owner/handle-owner-command.ts";
import { slashCommand } from "./slash-commands.ts";

/** What the terminal chat talks to, given by the app. */
export interface TerminalChatServices {
  customer: CustomerAssistant;
  owner: Pick<OwnerConsole, "handleText">;
  /** The customer's language tag (the terminal's LANG, e.g. "zh_CN.UTF-8"): how `/start` greets. */
  locale?: string;
}

/** Runs the chat until `/quit` or the end of the input; `sessionId` is the customer's id on the console channel. */
export async function runTerminalChat(services: TerminalChatServices, io: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream }, sessionId: string) {
  const { customer, owner } = services;
  const rl = readline.createInterface({ input: io.input, output: io.output, terminal: false });
  const write = (line: string) => io.output.write(line + "\n");
  let mode: "customer" | "owner" = "customer";
  let choices: Button[] = [];

  const show = (replies: Reply[]) => {
    choices = [];
    for (const reply of replies) {
      write(reply.text);
      for (const row of reply.buttons ?? []) {
        write(row.map((b) => {
          choices.push(b);
          return `[${choices.length}] ${b.label}`;
        }).join("   "));
      }
    }
  };
  const prompt = () => io.output.write(mode === "customer" ? "you> " : "owner> ");

  write("solo-sales chat. You are a customer; type /owner for the owner's commands, /customer to switch back, /quit to leave.");
  prompt();
  for await (const line of rl) {
    const text = line.trim();
    if (text === "/quit" || text === "/exit") break;
    if (text === "/owner" || text === "/customer") {
      mode = text === "/owner" ? "owner" : "customer";
      choices = [];
      write(mode === "owner" ? "Owner mode. Type help." : "Customer mode.");
      prompt();
      continue;
    }
    const picked = /^\d{1,2}$/.test(text) ? choices[Number(text) - 1] : undefined;
    if (mode === "customer") {
      const command = picked ? null : slashCommand(text);
      const input = picked ? { text: "", payload: picked.payload } : { text: line, ...(command ? { command } : {}) };
      // The terminal's language tells a command which language to greet in, as Telegram's app does.
      const locale = command ? services.locale?.slice(0, 35) : undefined;
      show(await customer.handle({ channel: "console", externalUserId: sessionId, ...input, ...(locale ? { locale } : {}) }));
    } else {
      show(await owner.handleText(picked ? picked.payload : text, { actor: "console" }));
    }
    prompt();
  }
  rl.close();
}
