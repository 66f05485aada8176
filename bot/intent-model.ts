/**
 * Loads the intent training files from `prompts/intents/<set>/`, trains the classifier, and caches
 * the trained model on disk keyed by a hash of the files and the engine's source, so a restart
 * with unchanged files loads in milliseconds and an edited file retrains by itself.
 */
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseTrainingFile } from "../core/nlu/parse-training-file.ts";
import { deserializeIntentClassifier, trainIntentClassifier } from "../core/nlu/train-intent-classifier.ts";
import type { IntentClassifier, TrainingExample } from "../core/nlu/types.ts";
import type { Logger } from "../core/ports.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const PROMPTS_DIR = path.join(ROOT, "prompts");

export type IntentSet = "customer" | "owner";

export async function loadTrainingExamples(set: IntentSet, promptsDir = PROMPTS_DIR): Promise<{ examples: TrainingExample[]; fingerprint: string }> {
  const dir = path.join(promptsDir, "intents", set);
  const files = (await readdir(dir)).filter((f) => f.endsWith(".txt")).sort();
  if (files.length === 0) throw new Error(`no training files in ${dir}`);
  const hash = createHash("sha256");
  const examples: TrainingExample[] = [];
  for (const file of files) {
    const content = await readFile(path.join(dir, file), "utf8");
    hash.update(file).update("\0").update(content).update("\0");
    examples.push(...parseTrainingFile(path.basename(file, ".txt"), content));
  }
  // The engine's own source is part of the key: a new engine version retrains.
  const engineDir = path.join(ROOT, "core", "nlu");
  for (const file of (await readdir(engineDir, { recursive: true })).map(String).filter((f) => f.endsWith(".ts")).sort()) {
    hash.update(file).update(await readFile(path.join(engineDir, file)));
  }
  return { examples, fingerprint: hash.digest("hex").slice(0, 24) };
}

/** Trains or loads the cached classifier for an intent set. */
export async function loadIntentClassifier(options: {
  set: IntentSet;
  cacheDir: string;
  logger?: Logger;
  promptsDir?: string;
  /** The set's examples when the caller has read them already (the app also builds its known words from them). */
  training?: Awaited<ReturnType<typeof loadTrainingExamples>>;
}): Promise<IntentClassifier> {
  const { examples, fingerprint } = options.training ?? (await loadTrainingExamples(options.set, options.promptsDir));
  const cacheFile = path.join(options.cacheDir, `intent-${options.set}-${fingerprint}.json`);
  try {
    const cached = JSON.parse(await readFile(cacheFile, "utf8")) as unknown;
    return deserializeIntentClassifier(cached);
  } catch {
    // no cache yet, or an unreadable one: train
  }
  const started = Date.now();
  const classifier = trainIntentClassifier(examples);
  options.logger?.info("trained intent model", { set: options.set, examples: examples.length, ms: Date.now() - started });
  try {
    await mkdir(options.cacheDir, { recursive: true });
    const tmp = `${cacheFile}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(classifier.serialize()));
    await rename(tmp, cacheFile);
  } catch (error) {
    options.logger?.warn("could not cache the intent model", { error: String(error) });
  }
  return classifier;
}
