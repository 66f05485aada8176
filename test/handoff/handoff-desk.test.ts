import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HandoffInbox, HandoffSummary } from "../../core/handoff/handoff-inbox.ts";
import { isInternalNote } from "../../core/handoff/reply-from-owner.ts";
import { isHandoffQuiet } from "../../core/handoff/resume-handoff.ts";
import { SHARED_MODEL_CACHE } from "../fakes/shared-model-cache.ts";
import { createTestApp } from "../helpers/test-app.ts";

/** An inbox at the edge of the world: records what would be posted, can be made to fail. */
function createRecordingInbox() {
  const opened: { summary: HandoffSummary; existing: string | null }[] = [];
  const posted: { threadRef: string; text: string }[] = [];
  let failing = false;
  const inbox: HandoffInbox = {
    async open(summary, existing) {
      if (failing) throw new Error("inbox down");
      opened.push({ summary, existing });
      return existing ?? `thread-${opened.length}`;
    },
    async postCustomerMessage(threadRef, message) {
      if (failing) throw new Error("inbox down");
      posted.push({ threadRef, text: message.text });
    },
    async postStatus(threadRef, text) {
      posted.push({ threadRef, text: `[status] ${text}` });
    },
  };
  return { inbox, opened, posted, fail: (on: boolean) => void (failing = on) };
}

describe("the handoff desk", () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  const recording = createRecordingInbox();
  beforeAll(async () => {
    t = await createTestApp({ modelCacheDir: SHARED_MODEL_CACHE, env: { HANDOFF_QUIET_MINUTES: "10" } });
    t.app.handoff.registerInbox(recording.inbox);
  });
  afterAll(async () => {
    await t.close();
  });
  const say = (session: string, text: string) => t.app.customer.handle({ channel: "console", externalUserId: session, text });
  const press = (session: string, payload: string) => t.app.customer.handle({ channel: "console", externalUserId: session, payload });
  const conversationOf = async (session: string) => {
    const identity = await t.app.db.channelIdentity.findUniqueOrThrow({ where: { channel_externalId: { channel: "console", externalId: session } } });
    return t.app.db.conversation.findFirstOrThrow({ where: { customerId: identity.customerId } });
  };

  it("keeps the customer's turn when the inbox is down, and opens the thread with the next message", async () => {
    recording.fail(true);
    const replies = await press("desk-a", "h");
    expect(replies[0]!.text).toMatch(/asked the owner to join/);
    expect(t.logger.lines.some((l) => l.message === "could not open the handoff thread")).toBe(true);
    expect((await conversationOf("desk-a")).handoffThreadRef).toBeNull();
    recording.fail(false);
    await say("desk-a", "are you there?");
    expect(recording.opened.at(-1)!.summary.recentMessages.at(-1)).toMatchObject({ from: "customer", text: "are you there?" });
    expect((await conversationOf("desk-a")).handoffThreadRef).toBe(`thread-${recording.opened.length}`);
  });

  it("an owner reply after the bot took over hands the conversation to the owner again", async () => {
    await press("desk-b", "h");
    const conversation = await conversationOf("desk-b");
    t.clock.advance(11 * 60_000);
    const replies = await say("desk-b", "hello");
    expect(replies[0]!.text).toMatch(/Welcome/);
    expect((await conversationOf("desk-b")).mode).toBe("bot");
    const result = await t.app.handoff.ownerWrote({ threadRef: conversation.handoffThreadRef!, text: "Sorry for the wait!" });
    expect(result).toEqual({ kind: "sent", conversationId: conversation.id, delivered: true });
    expect((await conversationOf("desk-b")).mode).toBe("handoff");
    // The customer's answer goes to the owner, without another automatic acknowledgement.
    expect(await say("desk-b", "no problem")).toEqual([]);
    expect(recording.posted.at(-1)).toEqual({ threadRef: conversation.handoffThreadRef, text: "no problem" });
    expect(await t.app.handoff.ownerWrote({ threadRef: "nowhere", text: "hi" })).toEqual({ kind: "unknown_thread" });
  });

  it("recognises notes, and the quiet period only when it is set and over", () => {
    for (const text of ["note: check stock", "  NOTE : later", "备注：老客户", "note：x"]) expect(isInternalNote(text)).toBe(true);
    for (const text of ["notes: x", "a note: x", "Noted, thanks", "no te: x"]) expect(isInternalNote(text)).toBe(false);
    const at = new Date("2026-11-20T12:00:00Z");
    const requested = new Date("2026-11-20T11:00:00Z");
    expect(isHandoffQuiet({ mode: "handoff", handoffRequestedAt: requested, lastOwnerReplyAt: null }, at, 30 * 60_000)).toBe(true);
    expect(isHandoffQuiet({ mode: "handoff", handoffRequestedAt: requested, lastOwnerReplyAt: new Date("2026-11-20T11:45:00Z") }, at, 30 * 60_000)).toBe(false);
    expect(isHandoffQuiet({ mode: "handoff", handoffRequestedAt: requested, lastOwnerReplyAt: null }, at, 0)).toBe(false);
    expect(isHandoffQuiet({ mode: "bot", handoffRequestedAt: requested, lastOwnerReplyAt: null }, at, 30 * 60_000)).toBe(false);
  });
});
