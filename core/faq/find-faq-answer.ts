import type { Db } from "../db.ts";
import { FAQ_MIN_SCORE, matchFaq } from "./match-faq.ts";

/**
 * The owner's answer to the question a customer's message asks, if one matches well enough
 * (`minScore`, default {@link FAQ_MIN_SCORE}). A shop has tens of answers, not thousands: they are
 * read per message rather than cached, so an answer the owner adds works on the next message.
 */
export async function findFaqAnswer(db: Db, text: string, minScore = FAQ_MIN_SCORE) {
  const entries = await db.faqEntry.findMany({ select: { id: true, question: true, answer: true } });
  if (entries.length === 0) return undefined;
  return matchFaq(text, entries, minScore);
}
