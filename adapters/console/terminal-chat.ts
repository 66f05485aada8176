/**
 * `npm run chat`: the same conversation in a terminal. Customer mode by default; `/owner` switches
 * to the owner's commands, `/customer` back. Buttons are printed as numbered choices: typing the
 * number presses the button.
 */
import readline from "node:readline";
import type { App } from "../../bot/app.ts";
import type { Button, Reply } from "../../core/messages.ts";
import { slashCommand } from "./slash-commands.ts";

export async function runTerminalChat(app: App, io: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream }, sessionId: string) {
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
      const input = picked ? { payload: picked.payload } : (slashCommand(text, process.env.LANG) ?? { text: line });
      show(await app.customer.handle({ channel: "console", externalUserId: sessionId, text: "", ...input }));
    } else {
      show(await app.owner.handleText(picked ? picked.payload : text));
    }
    prompt();
  }
  rl.close();
}
