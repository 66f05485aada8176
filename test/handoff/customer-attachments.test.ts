import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SLACK_BOT_USER } from "../fakes/slack-web-api.ts";
import { callbackUpdate, mediaMessageUpdate, textMessageUpdate, type FakeTelegram, type UploadedFile } from "../fakes/telegram-bot-api.ts";
import { blocksText, CHANNEL, OWNER, startSlackHarness, type SlackHarness } from "../slack/slack-harness.ts";

/** Bytes that look like a JPEG, distinct per file so an upload can be traced to its photo. */
function jpeg(seed: number, length = 3_000): Uint8Array {
  const bytes = new Uint8Array(length);
  bytes.set([0xff, 0xd8, 0xff, 0xe0]);
  for (let i = 4; i < length; i++) bytes[i] = (i * 31 + seed * 17) % 251;
  return bytes;
}

describe("photos, files, voice messages and locations from Telegram customers", () => {
  let h: SlackHarness;
  let tg: FakeTelegram;

  beforeAll(async () => {
    h = await startSlackHarness({ telegram: true });
    tg = h.telegramFake!;
  });
  afterAll(async () => {
    await h.close();
  });

  /** What a chat has been sent so far (entities parsed), with the buttons of each message. */
  const seen = (chat: number) => tg.calls.filter((c) => c.method === "sendMessage" && Number(c.params.chat_id) === chat && c.status === 200);
  const texts = (chat: number) => seen(chat).map((c) => c.plain ?? "");
  const buttons = (chat: number) => ((seen(chat).at(-1)?.params.reply_markup as { inline_keyboard?: { text: string }[][] } | undefined)?.inline_keyboard ?? []).flat().map((b) => b.text);
  const inbound = (chat: number) => h.app.db.message.findMany({ where: { direction: "inbound", conversation: { customer: { identities: { some: { channel: "telegram", externalId: String(chat) } } } } }, orderBy: { id: "asc" } });

  /** Sends updates and waits until every one is stored and the adapters are idle. */
  async function send(chat: number, ...updates: Record<string, unknown>[]) {
    const before = (await inbound(chat)).length;
    for (const update of updates) tg.pushUpdate(update);
    await expect.poll(async () => (await inbound(chat)).length, { timeout: 10_000 }).toBe(before + updates.length);
    await h.telegram!.idle();
    await h.adapter.idle();
  }

  const uploadsTo = (threadTs: string) => h.slack.callsTo("files.completeUploadExternal").filter((c) => c.params.thread_ts === threadTs);
  const threadPosts = (threadTs: string) => h.slack.callsTo("chat.postMessage").filter((c) => c.params.thread_ts === threadTs).map((c) => blocksText(c.params));
  /** The upload's body (Slack's client posts it as a multipart form, which contains the file's bytes). */
  const uploadedBody = (call: { params: Record<string, unknown> }) => {
    const id = (call.params.files as { id: string }[])[0]!.id;
    return h.slack.uploads.find((u) => u.url.endsWith(`/upload/${id}`))!.body;
  };

  const MEI = 4101;
  let rootTs: string;

  it("says it cannot look at a photo sent without words, offers a person, and answers an album once", async () => {
    tg.addFile("mei-photo-1-large", { path: "photos/file_11.jpg", bytes: jpeg(1), contentType: "image/jpeg" });
    tg.addFile("mei-photo-2-large", { path: "photos/file_12.jpg", bytes: jpeg(2), contentType: "image/jpeg" });
    const photo = (n: number) => ({ photo: [{ file_id: `mei-photo-${n}-small`, file_unique_id: `s${n}`, width: 90, height: 68 }, { file_id: `mei-photo-${n}-large`, file_unique_id: `l${n}`, width: 1280, height: 960, file_size: 3_000 }] });
    await send(MEI, mediaMessageUpdate(MEI, photo(1), { first_name: "Mei", media_group_id: "album-1" }), mediaMessageUpdate(MEI, photo(2), { first_name: "Mei", media_group_id: "album-1" }));

    expect(texts(MEI)).toEqual(['Thanks for the photo. I can\'t look at photos myself: please tell me in words what you need, or tap "Talk to a person" and the owner will see it.']);
    expect(buttons(MEI)).toContain("Talk to a person");
    const stored = await inbound(MEI);
    expect(stored.map((m) => m.attachment)).toEqual([
      { kind: "photo", fileRef: "mei-photo-1-large", sizeBytes: 3_000, group: "album-1" },
      { kind: "photo", fileRef: "mei-photo-2-large", sizeBytes: 3_000, group: "album-1" },
    ]);
    // Nothing is fetched while the bot has the conversation: only the owner needs the pictures.
    expect(tg.downloads).toEqual([]);
  });

  it("posts the photos into the owner's thread when the customer asks for a person", async () => {
    await send(MEI, callbackUpdate(MEI, "h"));
    const root = h.slack.callsTo("chat.postMessage").find((c) => c.params.channel === CHANNEL && /Mei needs you/.test(String(c.params.text)))!;
    expect(root).toBeDefined();
    rootTs = String(root.response.ts);
    expect(blocksText(root.params)).toContain("*Customer:* (sent a photo)");

    await expect.poll(() => uploadsTo(rootTs).length, { timeout: 10_000 }).toBe(2);
    const [first, second] = uploadsTo(rootTs);
    expect(first!.params).toMatchObject({ channel_id: CHANNEL, initial_comment: ":speech_balloon: *Mei:* (sent a photo)" });
    expect(uploadedBody(first!).includes(Buffer.from(jpeg(1)))).toBe(true);
    expect(uploadedBody(second!).includes(Buffer.from(jpeg(2)))).toBe(true);
    // The largest size of each photo, not the thumbnail.
    expect(tg.downloads).toEqual(["photos/file_11.jpg", "photos/file_12.jpg"]);
  });

  it("passes on what the customer sends while the owner has the conversation, and says why when a file cannot come", async () => {
    const before = texts(MEI).length;
    tg.addFile("mei-voice", { path: "voice/file_13.oga", bytes: jpeg(3, 1_200), contentType: "audio/ogg" });
    await send(MEI, mediaMessageUpdate(MEI, { voice: { file_id: "mei-voice", file_unique_id: "v", duration: 67, mime_type: "audio/ogg", file_size: 1_200 } }, { first_name: "Mei" }));
    await expect.poll(() => uploadsTo(rootTs).length, { timeout: 10_000 }).toBe(3);
    expect(uploadsTo(rootTs)[2]!.params.initial_comment).toBe(":speech_balloon: *Mei:* (sent a voice message (1:07))");
    expect(uploadedBody(uploadsTo(rootTs)[2]!).includes(Buffer.from(jpeg(3, 1_200)))).toBe(true);

    await send(MEI, mediaMessageUpdate(MEI, { location: { latitude: 51.5007, longitude: -0.1246 } }, { first_name: "Mei" }));
    await send(MEI, mediaMessageUpdate(MEI, { document: { file_id: "mei-video", file_unique_id: "d1", file_name: "unboxing.mov", mime_type: "video/quicktime", file_size: 25 * 1024 * 1024 }, caption: "this is how it arrived" }, { first_name: "Mei" }));
    await send(MEI, mediaMessageUpdate(MEI, { document: { file_id: "gone", file_unique_id: "d2", file_name: "receipt.pdf", file_size: 20_000 } }, { first_name: "Mei" }));
    tg.addFile("mei-photo-3", { path: "photos/file_14.jpg", bytes: jpeg(4), contentType: "image/jpeg" });
    h.slack.failNext("files.getUploadURLExternal", { error: "not_allowed_token_type" });
    await send(MEI, mediaMessageUpdate(MEI, { photo: [{ file_id: "mei-photo-3", file_unique_id: "p3", width: 800, height: 600 }], caption: "and the box" }, { first_name: "Mei" }));

    const posts = threadPosts(rootTs);
    expect(posts.at(-4)).toMatch(/^:speech_balloon: \*Mei:\* \(sent a location: 51\.50070, -0\.12460 \(https:\/\/www\.openstreetmap\.org\/\?mlat=51\.50070&amp;mlon=-0\.12460#map=17\/51\.50070\/-0\.12460\)\)$/);
    expect(posts.at(-3)).toBe(':speech_balloon: *Mei:* (sent a file "unboxing.mov", but it is too large to fetch through the bot (25.0 MB); ask the customer to send it another way) this is how it arrived');
    expect(posts.at(-2)).toMatch(/^:speech_balloon: \*Mei:\* \(sent a file "receipt\.pdf", but it could not be fetched from telegram \(.*invalid file_id\)\)$/);
    expect(posts.at(-1)).toMatch(/^:speech_balloon: \*Mei:\* \(sent a photo, but it could not be uploaded here \(.*not_allowed_token_type.*\)\) and the box$/);
    expect(h.logger.lines.some((l) => l.level === "warn" && l.message.includes("could not upload the customer's file"))).toBe(true);
    // The customer heard once that the owner has their messages, and nothing about photos.
    expect(texts(MEI).slice(before)).toEqual(["The owner has your message and will reply here soon."]);
    // The owner's inbox (console or /shop inbox) says what was sent, too.
    const listed = (await h.app.owner.handleText("inbox")).map((r) => r.text).join("\n");
    expect(listed).toContain('customer: (sent a file "receipt.pdf")');
    expect(listed).toContain("customer: (sent a photo) and the box");
  });

  it("sends the files the owner shares in the thread to the customer: photos as photos, the words as caption", async () => {
    const photo = h.slack.addFile({ id: "F0BLUE", name: "blue-teapot.jpg", mimetype: "image/jpeg", bytes: jpeg(6) });
    const label = h.slack.addFile({ id: "F0LABEL", name: "return-label.pdf", mimetype: "application/pdf", bytes: new TextEncoder().encode("%PDF-1.4 return label") });
    const hidden = { id: "F0OLD", name: "old-photo.png", mimetype: "image/png", mode: "hidden_by_limit" };
    await h.event({ type: "message", subtype: "file_share", channel: CHANNEL, user: OWNER, ts: "1700000700.000100", thread_ts: rootTs, text: "Here is the blue one, and a return label for the broken mug", files: [photo, label, hidden] });
    await h.adapter.idle();
    await expect.poll(() => tg.callsTo("sendDocument").filter((c) => Number(c.params.chat_id) === MEI).length, { timeout: 10_000 }).toBe(1);

    const sentPhoto = tg.callsTo("sendPhoto").filter((c) => Number(c.params.chat_id) === MEI).at(-1)!;
    expect(sentPhoto.status).toBe(200);
    expect(sentPhoto.plain).toBe("Here is the blue one, and a return label for the broken mug");
    expect((sentPhoto.params.photo as UploadedFile).name).toBe("blue-teapot.jpg");
    expect(Buffer.from((sentPhoto.params.photo as UploadedFile).bytes).equals(Buffer.from(jpeg(6)))).toBe(true);
    const sentDocument = tg.callsTo("sendDocument").filter((c) => Number(c.params.chat_id) === MEI).at(-1)!;
    expect(sentDocument.status).toBe(200);
    expect((sentDocument.params.document as UploadedFile).name).toBe("return-label.pdf");
    expect(sentDocument.params.caption).toBeUndefined();
    expect(h.slack.fileDownloads).toEqual(["F0BLUE", "F0LABEL"]);
    // Each file once: nothing sent twice.
    expect(tg.callsTo("sendPhoto").filter((c) => Number(c.params.chat_id) === MEI).length).toBe(1);

    // The owner learns what did not go, and sees the rest delivered.
    expect(threadPosts(rootTs).at(-1)).toBe('Not sent to the customer: "old-photo.png" (Slack does not let the app download it).');
    expect(h.slack.callsTo("reactions.add").find((c) => c.params.timestamp === "1700000700.000100")?.params.name).toBe("white_check_mark");
    const conversation = await h.app.db.conversation.findFirstOrThrow({ where: { handoffThreadRef: `${CHANNEL}:${rootTs}` } });
    const logged = await h.app.db.message.findMany({ where: { conversationId: conversation.id, direction: "owner" }, orderBy: { id: "asc" } });
    expect(logged.map((m) => m.text)).toEqual(["Here is the blue one, and a return label for the broken mug [file: blue-teapot.jpg]", "[file: return-label.pdf]"]);
  });

  it("sends a photo Telegram refuses as a document instead", async () => {
    const odd = h.slack.addFile({ id: "F0ODD", name: "broken-photo-panorama.jpg", mimetype: "image/jpeg", bytes: jpeg(10) });
    const before = tg.callsTo("sendDocument").length;
    await h.event({ type: "message", subtype: "file_share", channel: CHANNEL, user: OWNER, ts: "1700000700.000150", thread_ts: rootTs, text: "the whole shelf", files: [odd] });
    await h.adapter.idle();
    await expect.poll(() => tg.callsTo("sendDocument").length, { timeout: 10_000 }).toBe(before + 1);
    const refused = tg.callsTo("sendPhoto").at(-1)!;
    expect(refused.status).toBe(400);
    const document = tg.callsTo("sendDocument").at(-1)!;
    expect(document).toMatchObject({ status: 200, plain: "the whole shelf" });
    expect((document.params.document as UploadedFile).name).toBe("broken-photo-panorama.jpg");
    expect(h.slack.callsTo("reactions.add").find((c) => c.params.timestamp === "1700000700.000150")?.params.name).toBe("white_check_mark");
  });

  // The customer's photos we upload come back as file shares by our own user (bolt's ignoreSelf drops them).
  it("ignores the file shares of its own uploads coming back as thread messages", async () => {
    const before = tg.calls.length;
    const ours = h.slack.addFile({ id: "F0OURS", name: "file_11.jpg", mimetype: "image/jpeg", bytes: jpeg(1) });
    await h.event({ type: "message", subtype: "file_share", channel: CHANNEL, user: SLACK_BOT_USER, ts: "1700000700.000180", thread_ts: rootTs, text: ":speech_balloon: *Mei:* (sent a photo)", files: [ours] });
    await h.adapter.idle();
    expect(h.slack.fileDownloads).not.toContain("F0OURS");
    expect(h.slack.callsTo("chat.postEphemeral").filter((c) => c.params.user === SLACK_BOT_USER)).toEqual([]);
    expect(tg.calls.slice(before).filter((c) => Number(c.params.chat_id) === MEI)).toEqual([]);
  });

  it("keeps a note's files in Slack, and says so when Slack sends its sign-in page instead of a file", async () => {
    const before = tg.calls.length;
    const photo = h.slack.addFile({ id: "F0NOTE", name: "damage.jpg", mimetype: "image/jpeg", bytes: jpeg(7) });
    await h.event({ type: "message", subtype: "file_share", channel: CHANNEL, user: OWNER, ts: "1700000700.000200", thread_ts: rootTs, text: "note: damage looks like the courier's fault", files: [photo] });
    await h.adapter.idle();
    expect(h.slack.callsTo("reactions.add").find((c) => c.params.timestamp === "1700000700.000200")?.params.name).toBe("memo");
    const conversation = await h.app.db.conversation.findFirstOrThrow({ where: { handoffThreadRef: `${CHANNEL}:${rootTs}` } });
    expect((await h.app.db.message.findFirstOrThrow({ where: { conversationId: conversation.id, direction: "note" }, orderBy: { id: "desc" } })).text).toBe("damage looks like the courier's fault [file: damage.jpg]");
    expect(h.slack.fileDownloads).not.toContain("F0NOTE");

    // An app installed without files:read gets Slack's sign-in page for the file; a link elsewhere
    // than Slack never gets the token. Nothing else in the reply: nothing reaches the customer.
    const unreadable = h.slack.addFile({ id: "F0SCOPE", name: "size-chart.png", mimetype: "image/png", bytes: jpeg(8), withoutScope: true });
    const elsewhere = { ...h.slack.addFile({ id: "F0EVIL", name: "x.png", mimetype: "image/png", bytes: jpeg(9) }), url_private_download: "https://attacker.example/steal" };
    await h.event({ type: "message", subtype: "file_share", channel: CHANNEL, user: OWNER, ts: "1700000700.000300", thread_ts: rootTs, text: "", files: [unreadable, elsewhere] });
    await h.adapter.idle();
    expect(threadPosts(rootTs).at(-1)).toBe('Not sent to the customer: "size-chart.png" (Slack sent a sign-in page instead: add the files:read scope to the app and reinstall it); "x.png" (its link is not on Slack\'s file host (attacker.example)).');
    expect(h.slack.fileDownloads).not.toContain("F0EVIL");
    expect(tg.calls.slice(before).filter((c) => Number(c.params.chat_id) === MEI)).toEqual([]);
  });

  it("does not post the same photos and files again when the customer asks for the owner a second time", async () => {
    const uploads = uploadsTo(rootTs).length;
    const locations = threadPosts(rootTs).filter((t) => t.includes("(sent a location")).length;
    const conversation = await h.app.db.conversation.findFirstOrThrow({ where: { handoffThreadRef: `${CHANNEL}:${rootTs}` } });
    await h.press("handoff_resume", String(conversation.id));
    await h.adapter.idle();
    await send(MEI, callbackUpdate(MEI, "h"));
    await expect.poll(() => h.slack.callsTo("chat.postMessage").some((c) => c.params.thread_ts === rootTs && JSON.stringify(c.params.blocks).includes("needs you again")), { timeout: 10_000 }).toBe(true);
    await h.adapter.idle();
    expect(uploadsTo(rootTs).length).toBe(uploads);
    expect(threadPosts(rootTs).filter((t) => t.includes("(sent a location")).length).toBe(locations);
  });

  it("answers a caption as words, and a handoff it asks for carries the photo", async () => {
    const chat = 4102;
    tg.addFile("ann-photo", { path: "photos/file_21.jpg", bytes: jpeg(5), contentType: "image/jpeg" });
    await send(chat, mediaMessageUpdate(chat, { photo: [{ file_id: "ann-photo", file_unique_id: "a", width: 1000, height: 1000 }], caption: "I want to talk to a real person please" }, { first_name: "Ann" }));
    expect(texts(chat).at(-1)).toMatch(/asked the owner to join/);
    const root = h.slack.callsTo("chat.postMessage").find((c) => c.params.channel === CHANNEL && /Ann needs you/.test(String(c.params.text)))!;
    expect(blocksText(root.params)).toContain("*Customer:* (sent a photo) I want to talk to a real person please");
    const annTs = String(root.response.ts);
    await expect.poll(() => uploadsTo(annTs).length, { timeout: 10_000 }).toBe(1);
    expect(uploadsTo(annTs)[0]!.params.initial_comment).toBe(":speech_balloon: *Ann:* (sent a photo) I want to talk to a real person please");
    expect(uploadedBody(uploadsTo(annTs)[0]!).includes(Buffer.from(jpeg(5)))).toBe(true);
  });

  it("answers in Chinese, and asks for the address in words when a map pin comes at the address step", async () => {
    const chat = 4103;
    await send(chat, mediaMessageUpdate(chat, { voice: { file_id: "li-voice", file_unique_id: "lv", duration: 4 } }, { first_name: "Li", language_code: "zh" }));
    expect(texts(chat).at(-1)).toBe("谢谢您发来的语音。我自己听不了语音：请用文字告诉我您需要什么，或点击“联系人工”，店主会看到它。");

    const tea = await h.app.db.product.findUniqueOrThrow({ where: { sku: "TEA-002" } });
    await send(chat, callbackUpdate(chat, `o:${tea.id}`, { language_code: "zh" }));
    await send(chat, callbackUpdate(chat, `q:${tea.id}:1`, { language_code: "zh" }));
    const conversation = await h.app.db.conversation.findFirstOrThrow({ where: { customer: { identities: { some: { externalId: String(chat) } } } } });
    await send(chat, callbackUpdate(chat, `ok:${(conversation.state as { flow: { nonce: string } }).flow.nonce}`, { language_code: "zh" }));
    expect(texts(chat).join("\n")).toMatch(/请问寄到哪里/);

    await send(chat, mediaMessageUpdate(chat, { location: { latitude: 31.2304, longitude: 121.4737 } }, { first_name: "Li", language_code: "zh" }));
    expect(texts(chat).at(-1)).toBe("谢谢！地图定位无法用来寄件：请输入收件人姓名和完整地址（省市区、街道门牌、邮编）。");
    await send(chat, textMessageUpdate(chat, "李明 上海市黄浦区南京东路100号 200001", { language_code: "zh" }));
    const order = await h.app.db.order.findFirstOrThrow({ where: { customer: { identities: { some: { externalId: String(chat) } } } } });
    expect(order.shippingAddress).toContain("南京东路100号");
  });
});
