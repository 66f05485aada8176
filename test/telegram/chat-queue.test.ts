import { describe, expect, it } from "vitest";
import { createChatQueue } from "../../adapters/telegram/chat-queue.ts";

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe("createChatQueue", () => {
  it("runs one chat's tasks one after another and other chats' tasks meanwhile", async () => {
    const queue = createChatQueue({ onError: () => undefined });
    const log: string[] = [];
    const gate = deferred();
    void queue.push("a", async () => {
      log.push("a1 start");
      await gate.promise;
      log.push("a1 end");
    });
    void queue.push("a", async () => {
      log.push("a2");
    });
    await queue.push("b", async () => {
      log.push("b1");
    });
    expect(log).toEqual(["a1 start", "b1"]);
    expect(queue.size).toBe(2);
    gate.resolve();
    await queue.drain();
    expect(log).toEqual(["a1 start", "b1", "a1 end", "a2"]);
    expect(queue.size).toBe(0);
  });

  it("reports a failing task and carries on with the next", async () => {
    const errors: string[] = [];
    const queue = createChatQueue({ onError: (error, key) => errors.push(`${key}: ${(error as Error).message}`) });
    const ran: number[] = [];
    void queue.push("a", async () => {
      throw new Error("boom");
    });
    await queue.push("a", async () => {
      ran.push(2);
    });
    expect(errors).toEqual(["a: boom"]);
    expect(ran).toEqual([2]);
  });

  it("drain waits for tasks pushed while draining", async () => {
    const queue = createChatQueue({ onError: () => undefined });
    const done: string[] = [];
    void queue.push("a", async () => {
      void queue.push("b", async () => {
        done.push("b");
      });
      done.push("a");
    });
    await queue.drain();
    expect(done).toEqual(["a", "b"]);
  });
});
