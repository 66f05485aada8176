/**
 * The name a customer gives in a message ("my name is Anna Lee", "name: Tom", "call me Sam",
 * "我叫王小明", "我的名字是李雷"), so the owner sees who they are talking to. Explicit
 * introductions count, and "I'm Tom" only in its narrow form: one or two words typed with a capital
 * that end the clause ("Hi, I'm Tom", "I'm Anna Lee, …"), so "I'm looking for a teapot", "I'm fine"
 * and "I'm British" give no name; "this is …" / "it's …" never do ("it's Lavender" names a candle).
 * Never throws; undefined when the message gives no name.
 */

/** The introduction itself; what follows is the name. Case-insensitive. */
const INTRODUCTION = /(?:^|[\s,，.。!！;；:：(（])(?:my name(?:'s| is)|my full name is|name\s*[:：]|call me|我叫|我的名字(?:是|叫)|我的姓名是|姓名\s*[:：]?|名字\s*[:：])\s*/iu;
/** Words that end an English name ("my name is Anna and my email is …", "call me at 0770…"). */
const NOT_NAME_WORDS = new Set(
  ("and or my email e-mail mail phone number mobile tel telephone at on in i im i'm here from please thanks thank is not the a an you your it but with "
    + "by to for of via whatsapp address sorry just only also want wants would like need looking have has am was can could will"
    + " hi hello hey").split(" "),
);
/** "I'm Tom" at the end of a clause, the name typed with capitals (case matters here). */
const CASUAL_INTRODUCTION = /(?:^|[\s,，.!！;；])(?:[Ii]['’]?m|[Ii] am)\s+(\p{Lu}[\p{Ll}'’-]+(?:\s+\p{Lu}[\p{Ll}'’-]+)?)(?=\s*(?:$|[,，.。!！;；?？]|\s+(?:and|here)\b))/u;
/** Capitalised words after "I'm" that describe rather than name ("I'm Back", "I'm British"). */
const NOT_A_NAME_AFTER_IM = new Set(
  ("fine good great ok okay well sorry back here home new ready done interested looking happy glad sure just not still so very "
    + "english british scottish welsh irish chinese american french german japanese korean indian italian spanish canadian australian "
    + "vegan vegetarian pregnant retired allergic married single tired confused lost curious busy late early away online").split(" "),
);
/** What ends a Chinese name: punctuation, digits, or a word that starts the next detail. */
const CHINESE_NAME_END = /电话|手机|邮箱|地址|联系|微信|号码|我|，|,|。|\s/u;

export interface CustomerName {
  /** As the customer wrote it, English words capitalised when they were typed all in lower case. */
  name: string;
  /** The message with the introduction and name taken out (trimmed). */
  rest: string;
}

function capitalise(word: string): string {
  // "o'neil" → "O'Neil", "anne-marie" → "Anne-Marie"; a name typed with capitals is kept as typed.
  return word === word.toLowerCase() ? word.replace(/(^|['’-])(\p{L})/gu, (_, before: string, letter: string) => before + letter.toUpperCase()) : word;
}

/** Finds an explicitly given name in a message. */
export function extractCustomerName(text: string): CustomerName | undefined {
  const source = text.normalize("NFKC").slice(0, 2_000);
  const intro = INTRODUCTION.exec(source);
  if (!intro) return casualIntroduction(source);
  const start = intro.index + intro[0].length;
  const after = source.slice(start);
  let name = "";
  let length = 0;
  const han = /^[\u3400-\u9fff·]+/u.exec(after);
  if (han) {
    const cut = han[0].search(CHINESE_NAME_END);
    name = cut >= 0 ? han[0].slice(0, cut) : han[0];
    if ([...name].length < 2 || [...name].length > 5) return undefined;
    length = name.length;
  } else {
    const words: string[] = [];
    const wordPattern = /^([\p{L}][\p{L}'’-]*)(\s+|$)/u;
    let rest = after;
    while (words.length < 4) {
      const match = wordPattern.exec(rest) ?? /^([\p{L}][\p{L}'’-]*)(?=[\s,，.。!！;；]|$)/u.exec(rest);
      if (!match || NOT_NAME_WORDS.has(match[1]!.toLowerCase())) break;
      words.push(match[1]!);
      length += match[0].length;
      rest = rest.slice(match[0].length);
    }
    if (words.length === 0 || words.join(" ").length > 80) return undefined;
    name = words.map(capitalise).join(" ");
    length = after.slice(0, length).trimEnd().length;
  }
  const removed = source.slice(0, intro.index) + " " + source.slice(start + length);
  return { name, rest: removed.replace(/^[\s,，.。!！;；:：]+|[\s,，;；:：]+$/gu, "").replace(/\s{2,}/g, " ") };
}

/** "Hi, I'm Tom": the narrow casual form (see the module comment). */
function casualIntroduction(source: string): CustomerName | undefined {
  const match = CASUAL_INTRODUCTION.exec(source);
  if (!match) return undefined;
  const name = match[1]!;
  if (name.split(/\s+/).some((word) => NOT_A_NAME_AFTER_IM.has(word.toLowerCase()) || NOT_NAME_WORDS.has(word.toLowerCase()))) return undefined;
  const removed = source.slice(0, match.index) + " " + source.slice(match.index + match[0].length);
  return { name, rest: removed.replace(/^[\s,，.。!！;；:：]+|[\s,，;；:：]+$/gu, "").replace(/\s{2,}/g, " ") };
}
