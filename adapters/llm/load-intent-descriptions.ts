/**
 * One line per customer intent for the model's prompt, taken from the comment that opens each
 * training file (`prompts/intents/customer/<intent>.txt`: `# Customer wants to …`), so the owner
 * edits one place. A file without a comment gets no description (the prompt then uses the name).
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

export async function loadIntentDescriptions(dir: string): Promise<Record<string, string>> {
  const descriptions: Record<string, string> = {};
  for (const file of (await readdir(dir)).filter((f) => f.endsWith(".txt")).sort()) {
    const content = await readFile(path.join(dir, file), "utf8");
    const comment = content.split(/\r?\n/).find((line) => line.trim() !== "");
    if (comment?.trim().startsWith("#")) descriptions[path.basename(file, ".txt")] = comment.trim().replace(/^#+\s*/, "").slice(0, 200);
  }
  return descriptions;
}
