/**
 * Text normalisation shared by the classifier and entity extraction: NFKC (full-width digits and
 * letters become ASCII), lower case, control characters dropped, whitespace collapsed, length capped
 * so a 100 KB message costs no more than a short one.
 */
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2066-\u2069]/g;

export function normalizeText(text: string, maxLength = 1_000): string {
  return text
    .slice(0, maxLength * 2)
    .normalize("NFKC")
    .replace(CONTROL_CHARS, " ")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, maxLength);
}

/** True when the text contains CJK ideographs (we then answer in Chinese). */
export function containsChinese(text: string): boolean {
  return /[\u3400-\u9fff\uf900-\ufaff]/.test(text);
}
