/**
 * Splitting long text for channels with a length limit (Telegram's 4,096-character messages and
 * 1,024-character captions, Slack's 3,000-character sections). Lengths are UTF-16 code units
 * (`String.length`), what both platforms count.
 *
 * Slack counts a section's text as sent, after escaping (`&` → `&amp;` is five characters), so a
 * caller that escapes passes its `escape`: the raw text is split where its escaped form fits, and a
 * cut can never fall inside an escape (or a surrogate pair), since it is made before escaping.
 */

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/**
 * How many code units of `text` fit in `limit` once each is escaped (never ending between the two
 * halves of a surrogate pair). With no escape, simply `limit`.
 */
function fittingLength(text: string, limit: number, escape: ((text: string) => string) | undefined): number {
  let fit = limit;
  if (escape) {
    let size = 0;
    fit = 0;
    while (fit < text.length) {
      const grown = size + escape(text[fit]!).length;
      if (grown > limit) break;
      size = grown;
      fit++;
    }
  }
  return fit < text.length && isHighSurrogate(text.charCodeAt(fit - 1)) ? fit - 1 : Math.min(fit, text.length);
}

/** Where to cut `text` so the first part is at most `fit` long: a paragraph break, else a line, else a space. */
function cutPoint(text: string, fit: number): number {
  const floor = Math.floor(fit / 2);
  for (const separator of ["\n\n", "\n", " "]) {
    const at = text.lastIndexOf(separator, fit - separator.length);
    if (at >= floor) return at;
  }
  for (const separator of ["\n\n", "\n", " "]) {
    const at = text.lastIndexOf(separator, fit - separator.length);
    if (at > 0) return at;
  }
  // One unbroken run of characters (Chinese, a long URL): cut hard, where it fits.
  return Math.max(fit, 1);
}

/**
 * Splits text into pieces of at most `limit` characters, at paragraph boundaries where it can
 * (a half-full piece is preferred to cutting a paragraph), then at line breaks, then at spaces.
 * Each piece is a trimmed slice of the text, so nothing but the whitespace at a cut is lost.
 *
 * With `escape` (a character-by-character escape such as Slack's `&`, `<`, `>`), the pieces are
 * still slices of the raw text, each of which is at most `limit` long once escaped.
 */
export function splitText(text: string, limit: number, options: { escape?: (text: string) => string } = {}): string[] {
  const { escape } = options;
  const pieces: string[] = [];
  let rest = text.replace(/\s+$/, "");
  for (;;) {
    const fit = fittingLength(rest, limit, escape);
    if (fit >= rest.length) break;
    const cut = cutPoint(rest, fit);
    const piece = rest.slice(0, cut).replace(/\s+$/, "");
    if (piece) pieces.push(piece);
    rest = rest.slice(cut).replace(/^\s+/, "");
  }
  if (rest) pieces.push(rest);
  return pieces;
}
