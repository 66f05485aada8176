/**
 * Reading labelled intent data for the NLU scripts and benchmark: JSONL files of `{"text","intent"}`
 * (CLINC150's format) and the plain-text training folders under `prompts/intents/<set>/`.
 * Lines are validated at this edge so a malformed file fails with its line number.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { parseTrainingFile } from "../../core/nlu/parse-training-file.ts";
import type { TrainingExample } from "../../core/nlu/types.ts";

/** The repository root (this file is scripts/lib/intent-data.ts). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** One JSONL line: `{"text": string, "intent": string}`; other fields are ignored. */
export const ZJsonlExample = z.object({ text: z.string(), intent: z.string().min(1) });
export type TJsonlExample = z.infer<typeof ZJsonlExample>;

/** Reads a JSONL file of `{"text","intent"}` objects; blank lines are skipped. */
export function readJsonlExamples(file: string): TrainingExample[] {
  const examples: TrainingExample[] = [];
  readFileSync(file, "utf8")
    .split(/\r?\n/)
    .forEach((line, i) => {
      if (line.trim() === "") return;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        throw new Error(`${file}:${i + 1}: not valid JSON`);
      }
      const parsed = ZJsonlExample.safeParse(value);
      if (!parsed.success) throw new Error(`${file}:${i + 1}: expected {"text": string, "intent": string}`);
      examples.push({ text: parsed.data.text, intent: parsed.data.intent });
    });
  return examples;
}

/** Reads every `<intent>.txt` under `prompts/intents/<set>/` with {@link parseTrainingFile}. */
export function readIntentSet(set: string, promptsDir = path.join(REPO_ROOT, "prompts")): TrainingExample[] {
  const dir = path.join(promptsDir, "intents", set);
  return readdirSync(dir)
    .filter((file) => file.endsWith(".txt"))
    .sort()
    .flatMap((file) => parseTrainingFile(path.basename(file, ".txt"), readFileSync(path.join(dir, file), "utf8")));
}

/** Formats a 0..1 fraction as a percentage with one decimal. */
export function percent(value: number): string {
  return `${(value * 100).toFixed(1)}`;
}
