/**
 * The fake Bot API server (test/fakes/telegram-bot-api.ts) on its own thread of this process, for
 * `bench:campaigns`: Telegram counts its limits by when requests arrive, and a fake sharing the
 * shop's event loop would stamp requests late whenever a customer's turn holds the loop, bunching
 * them up. On its own thread it stamps them as they come in.
 *
 *   parent → worker  { op: "push", update } | { op: "watch", chatId } | { op: "calls", id } | { op: "count", id, from, to } | { op: "close" }
 *   worker → parent  { ready, url, token } | { op: "sent", chatId, at } | { op: "calls", id, calls } | { op: "count", id, count }
 */
import { parentPort } from "node:worker_threads";
import { startFakeTelegram } from "../../test/fakes/telegram-bot-api.ts";

if (!parentPort) throw new Error("fake-telegram-worker.ts runs as a worker thread");
const port = parentPort;
const fake = await startFakeTelegram();
const watched = new Set<number>();
let seen = 0;

/** Tells the parent of each message sent to a watched chat, with when it arrived. */
const timer = setInterval(() => {
  for (; seen < fake.calls.length; seen++) {
    const call = fake.calls[seen]!;
    const chatId = Number(call.params.chat_id);
    if (call.method === "sendMessage" && call.status === 200 && watched.has(chatId)) port.postMessage({ op: "sent", chatId, at: call.at });
  }
}, 2);

type Request = { op: "push"; update: Record<string, unknown> } | { op: "watch"; chatId: number } | { op: "calls"; id: number } | { op: "count"; id: number; from: number; to: number } | { op: "close" };

port.on("message", (message: Request) => {
  if (message.op === "push") fake.pushUpdate(message.update);
  else if (message.op === "watch") watched.add(message.chatId);
  else if (message.op === "calls") {
    // Compact: method, chat, status, arrival.
    port.postMessage({ op: "calls", id: message.id, calls: fake.calls.map((c) => [c.method, Number(c.params.chat_id ?? 0), c.status, c.at]) });
  } else if (message.op === "count") {
    // Chats in [from, to) that have been sent something.
    const chats = new Set<number>();
    for (const c of fake.calls) {
      const chat = Number(c.params.chat_id ?? 0);
      if ((c.method === "sendMessage" || c.method === "sendPhoto") && c.status === 200 && chat >= message.from && chat < message.to) chats.add(chat);
    }
    port.postMessage({ op: "count", id: message.id, count: chats.size });
  } else if (message.op === "close") {
    clearInterval(timer);
    void fake.close().then(() => port.close());
  }
});
port.postMessage({ ready: true, url: fake.url, token: fake.token });
