import { describe, expect, it } from "vitest";
import { escapeHtml, inlineKeyboard, renderReply, splitText, TELEGRAM_CAPTION_LIMIT, TELEGRAM_TEXT_LIMIT } from "../../adapters/telegram/render-telegram.ts";
import { parseTelegramHtml } from "../fakes/telegram-bot-api.ts";

const squash = (s: string) => s.replace(/\s+/g, " ").trim();

describe("splitText", () => {
  it("keeps short text whole", () => {
    expect(splitText("Hello\n\nworld", 100)).toEqual(["Hello\n\nworld"]);
  });

  it("cuts at paragraph boundaries, each piece within the limit, nothing lost", () => {
    const paragraphs = Array.from({ length: 30 }, (_, i) => `Paragraph ${i}: ${"word ".repeat(40).trim()}`);
    const text = paragraphs.join("\n\n");
    const pieces = splitText(text, 1_000);
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(1_000);
      expect(piece.startsWith("Paragraph")).toBe(true);
    }
    expect(pieces.join("\n\n")).toBe(text);
  });

  it("falls back to line breaks, then spaces, then a hard cut that never splits a surrogate pair", () => {
    const lines = Array.from({ length: 50 }, (_, i) => `line ${i} ${"x".repeat(30)}`).join("\n");
    for (const piece of splitText(lines, 200)) expect(piece.length).toBeLessThanOrEqual(200);
    expect(squash(splitText(lines, 200).join("\n"))).toBe(squash(lines));
    const emoji = "🍵".repeat(3_000);
    const pieces = splitText(emoji, TELEGRAM_TEXT_LIMIT);
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
      expect(/^(?:🍵)+$/u.test(piece)).toBe(true);
    }
    expect(pieces.join("")).toBe(emoji);
  });
});

describe("renderReply", () => {
  it("escapes every character HTML parse mode cares about, and nothing else", () => {
    const name = "*Bold* _it_ [x](y) `c` ~s~ <b>bold</b> & &amp; > #|{}.!";
    const [call] = renderReply({ text: name });
    expect(call!.method).toBe("sendMessage");
    expect(parseTelegramHtml(String((call!.params as { text: string }).text))).toBe(name);
    expect(escapeHtml("<a&b>")).toBe("&lt;a&amp;b&gt;");
  });

  it("puts as much of a long product card as fits in the photo caption and the rest in messages, buttons last", () => {
    const text = `Tea — £9.50\n12 in stock\n\n${Array.from({ length: 12 }, () => "A paragraph about tea. ".repeat(20).trim()).join("\n\n")}`;
    const calls = renderReply({ text, imageUrl: "https://img.example/tea.jpg", buttons: [[{ label: "Order", payload: "o:1" }]] });
    expect(calls[0]!.method).toBe("sendPhoto");
    const caption = parseTelegramHtml(String((calls[0]!.params as { caption: string }).caption));
    expect(caption.length).toBeLessThanOrEqual(TELEGRAM_CAPTION_LIMIT);
    expect(caption.startsWith("Tea — £9.50")).toBe(true);
    const rest = calls.slice(1).map((c) => parseTelegramHtml(String((c.params as { text: string }).text)));
    for (const piece of rest) expect(piece.length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
    expect(squash([caption, ...rest].join(" "))).toBe(squash(text));
    expect(calls.map((c) => "reply_markup" in c.params)).toEqual([...calls.slice(1).map(() => false), true]);
  });

  it("keeps a short card in one photo with its keyboard, and skips a photo that is not a web URL", () => {
    const photo = renderReply({ text: "Mug — £5.00", imageUrl: "https://img.example/mug.jpg", buttons: [[{ label: "Order", payload: "o:2" }]] });
    expect(photo.map((c) => c.method)).toEqual(["sendPhoto"]);
    expect(photo[0]!.params).toHaveProperty("reply_markup");
    expect(renderReply({ text: "Mug", imageUrl: "file:///etc/passwd" }).map((c) => c.method)).toEqual(["sendMessage"]);
  });

  it("uploads a file as a photo only when Telegram shows it as one, with the words as its caption", () => {
    const jpeg = { bytes: new Uint8Array(2_000), fileName: "blue.jpg", mimeType: "image/jpeg" };
    const [photo] = renderReply({ text: "The blue one <3", file: jpeg });
    expect(photo).toMatchObject({ method: "upload", as: "sendPhoto", file: jpeg, params: { caption: "The blue one &lt;3", parse_mode: "HTML" } });
    expect(renderReply({ text: "", file: { ...jpeg, mimeType: "image/heic" } })).toMatchObject([{ method: "upload", as: "sendDocument", params: {} }]);
    expect(renderReply({ text: "", file: { ...jpeg, bytes: new Uint8Array(10 * 1024 * 1024 + 1) } })[0]).toMatchObject({ as: "sendDocument" });
    expect(renderReply({ text: "", file: { bytes: new Uint8Array(10), fileName: "label.pdf", mimeType: "application/pdf" } })[0]).toMatchObject({ as: "sendDocument" });
    // A photo Telegram refused is sent again as a document.
    expect(renderReply({ text: "x", file: jpeg }, { photos: false })[0]).toMatchObject({ as: "sendDocument", params: { caption: "x" } });
    // Words longer than a caption follow the file as messages.
    const long = "A sentence about the return. ".repeat(60).trim();
    const calls = renderReply({ text: long, file: jpeg });
    expect(calls.map((c) => c.method)).toEqual(["upload", "sendMessage"]);
    expect(squash([(calls[0]!.params as { caption: string }).caption, (calls[1]!.params as { text: string }).text].join(" "))).toBe(squash(long));
  });

  it("never sends a button whose callback_data Telegram would refuse", () => {
    const keyboard = inlineKeyboard([[{ label: "ok", payload: "b" }, { label: "too long", payload: "x".repeat(65) }, { label: "empty", payload: "" }], [{ label: "中".repeat(100), payload: "中".repeat(21) }]]);
    expect(keyboard?.inline_keyboard).toEqual([[{ text: "ok", callback_data: "b" }], [{ text: `${"中".repeat(63)}…`, callback_data: "中".repeat(21) }]]);
    expect(inlineKeyboard([[{ label: "x", payload: "y".repeat(80) }]])).toBeUndefined();
  });
});
