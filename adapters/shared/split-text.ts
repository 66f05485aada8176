/**
 * Splitting long text for channels with a length limit (Telegram's 4,096-character messages and
 * 1,024-character captions, Slack's 3,000-character sections). Lengths are UTF-16 code units
 * (`String.length`), what both platforms count.
 */

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** Where to cut `text` so the first part is at most `limit` long: a paragraph break, else a line, else a space. */
function cutPoint(text: string, limit: number): number {
  const floor = Math.floor(limit / 2);
  for (const separator of ["\n\n", "\n", " "]) {
    const at = text.lastIndexOf(separator, limit - separator.length);
    if (at >= floor) return at;
  }
  for (const separator of ["\n\n", "\n", " "]) {
    const at = text.lastIndexOf(separator, limit - separator.length);
    if (at > 0) return at;
  }
  // One unbroken run of characters: cut hard, never inside a surrogate pair.
  return isHighSurrogate(text.charCodeAt(limit - 1)) ? limit - 1 : limit;
}

/**
 * Splits text into pieces of at most `limit` characters, at paragraph boundaries where it can
 * (a half-full piece is preferred to cutting a paragraph), then at line breaks, then at spaces.
 * Each piece is a trimmed slice of the text, so nothing but the whitespace at a cut is lost.
 */
export function splitText(text: string, limit: number): string[] {
  const pieces: string[] = [];
  let rest = text.replace(/\s+$/, "");
  while (rest.length > limit) {
    const cut = cutPoint(rest, limit);
    const piece = rest.slice(0, cut).replace(/\s+$/, "");
    if (piece) pieces.push(piece);
    rest = rest.slice(cut).replace(/^\s+/, "");
  }
  if (rest) pieces.push(rest);
  return pieces;
}
