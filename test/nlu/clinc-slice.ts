/**
 * A small, fixed slice of CLINC150 for tests: 10 intents plus out-of-scope lines, so a model trains in
 * about a second. Full-size evaluation belongs to `bench/nlu.ts`.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import type { TrainingExample } from "../../core/nlu/types.ts";
import { readJsonlExamples, REPO_ROOT } from "../../scripts/lib/intent-data.ts";

export const CLINC_DIR = path.resolve(REPO_ROOT, "../shared/data/clinc150");

export function hasClincData(): boolean {
  return ["train.jsonl", "val.jsonl", "test.jsonl"].every((f) => existsSync(path.join(CLINC_DIR, f)));
}

/** The first `intents` in-scope intents (alphabetically) and the first `oos` out-of-scope lines of each file. */
export function readClincSlice(intents = 10, oos = { train: 100, val: 100, test: 200 }): Record<"train" | "val" | "test", TrainingExample[]> {
  const read = (file: string) => readJsonlExamples(path.join(CLINC_DIR, `${file}.jsonl`));
  const train = read("train");
  const chosen = new Set([...new Set(train.map((e) => e.intent))].filter((i) => i !== "oos").sort().slice(0, intents));
  const slice = (examples: TrainingExample[], oosCount: number) => [
    ...examples.filter((e) => chosen.has(e.intent)),
    ...examples.filter((e) => e.intent === "oos").slice(0, oosCount),
  ];
  return { train: slice(train, oos.train), val: slice(read("val"), oos.val), test: slice(read("test"), oos.test) };
}
