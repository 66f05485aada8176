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

describe("createChatQueue with a bound", () => {
  it("runs at most maxConcurrent tasks at once and lets waiting chats take turns", async () => {
    const queue = createChatQueue({ onError: () => undefined, maxConcurrent: 1 });
    const order: string[] = [];
    const gate = deferred();
    void queue.push("flood", async () => {
      order.push("flood 1");
      await gate.promise;
    });
    for (let i = 2; i <= 4; i++) void queue.push("flood", async () => void order.push(`flood ${i}`));
    const quiet = queue.push("quiet", async () => void order.push("quiet"));
    await Promise.resolve();
    expect(order).toEqual(["flood 1"]);
    gate.resolve();
    await quiet;
    // The quiet chat went right after the flood's running task, not after its whole queue.
    expect(order).toEqual(["flood 1", "quiet"]);
    await queue.drain();
    expect(order).toEqual(["flood 1", "quiet", "flood 2", "flood 3", "flood 4"]);
  });

  it("starts a yielding chat's task only while no other chat has work", async () => {
    const over = new Set(["flood"]);
    const queue = createChatQueue({ onError: () => undefined, maxConcurrent: 4, yields: (key) => over.has(key) });
    const order: string[] = [];
    const quietGate = deferred();
    const quiet = queue.push("quiet", async () => {
      order.push("quiet start");
      await quietGate.promise;
      order.push("quiet end");
    });
    const flood = queue.push("flood", async () => void order.push("flood"));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(order).toEqual(["quiet start"]);
    quietGate.resolve();
    await Promise.all([quiet, flood]);
    expect(order).toEqual(["quiet start", "quiet end", "flood"]);
    // Once the chat is within its budget again, it runs beside the others.
    over.clear();
    const gate = deferred();
    void queue.push("quiet", () => gate.promise);
    await queue.push("flood", async () => void order.push("flood again"));
    expect(order.at(-1)).toBe("flood again");
    gate.resolve();
    await queue.drain();
  });

  it("tells whoever feeds it when there is room again, before everything is done", async () => {
    const queue = createChatQueue({ onError: () => undefined, maxConcurrent: 2 });
    const gates = [deferred(), deferred(), deferred()];
    gates.forEach((gate, i) => void queue.push(`chat ${i}`, () => gate.promise));
    let room = false;
    void queue.below(3).then(() => (room = true));
    await Promise.resolve();
    expect(room).toBe(false);
    gates[0]!.resolve();
    await expect.poll(() => room).toBe(true);
    expect(queue.size).toBe(2);
    gates[1]!.resolve();
    gates[2]!.resolve();
    await queue.drain();
  });
});
