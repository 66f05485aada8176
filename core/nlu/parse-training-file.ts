/**
 * Training files are plain text so the owner can edit them: `prompts/intents/<set>/<intent>.txt`,
 * one example per line, a line starting with `#` is a comment (so "order #12" stays an example),
 * blank lines are ignored. The file name is the intent.
 */
import type { TrainingExample } from "./types.ts";

export function parseTrainingFile(intent: string, content: string): TrainingExample[] {
  return content
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !line.startsWith("#"))
    .map((text) => ({ text, intent }));
}
