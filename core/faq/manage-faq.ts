/**
 * The owner's answers to common questions: add, list, remove. Validated with zod so a question or
 * answer that is empty or too long for a chat message is refused with a usage line, never stored.
 */
import { z } from "zod";
import type { Db } from "../db.ts";
import { AppError } from "../errors.ts";

export const ZFaqEntryInput = z.object({
  question: z.string().trim().min(3, "The question is empty.").max(300, "Keep the question under 300 characters."),
  answer: z.string().trim().min(1, "The answer is empty.").max(2_000, "Keep the answer under 2,000 characters: it is sent as one chat message."),
});

export async function addFaqEntry(db: Db, input: { question: string; answer: string }) {
  const parsed = ZFaqEntryInput.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${String(i.path[0])}${i.code === "too_big" ? "TooLong" : "Empty"}` as "questionEmpty" | "questionTooLong" | "answerEmpty" | "answerTooLong");
    throw new AppError("INVALID_INPUT", {
      message: "invalid FAQ entry",
      userMessage: `${parsed.error.issues.map((i) => i.message).join(" ")} Usage: faq add <question> | <answer>`,
      refusal: { kind: "faqInvalid", problems },
    });
  }
  return db.faqEntry.create({ data: parsed.data });
}

export async function listFaqEntries(db: Db) {
  return db.faqEntry.findMany({ orderBy: { id: "asc" } });
}

/** Removes an answer; returns it as it was. */
export async function removeFaqEntry(db: Db, id: number) {
  const entry = await db.faqEntry.findUnique({ where: { id } });
  const removed = await db.faqEntry.deleteMany({ where: { id } });
  if (!entry || removed.count === 0) throw new AppError("NOT_FOUND", { message: `no FAQ entry ${id}`, userMessage: `There is no answer #${id}. Type faq to see them.`, refusal: { kind: "faqNotFound", id } });
  return entry;
}
