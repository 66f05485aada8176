/**
 * The customer intent model the assistant reads through, swappable while the shop runs: `retrain()`
 * trains a new one in a worker thread from the training files plus the examples the owner taught in
 * the dashboard (stored in the database), measures both by cross-validation, caches the new model on
 * disk (a restart loads it) and puts it in place, so the next message is read by it, no restart.
 */
import { createHash } from "node:crypto";
import { mkdir, rename, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { Db } from "../core/db.ts";
import type { RetrainingReport } from "../core/nlu/cross-validate-retraining.ts";
import { withOwnerExamples } from "../core/nlu/cross-validate-retraining.ts";
import { deserializeIntentClassifier } from "../core/nlu/train-intent-classifier.ts";
import { OUT_OF_SCOPE, type IntentClassifier, type IntentPrediction, type TrainingExample } from "../core/nlu/types.ts";
import type { CustomerIntentModel } from "../core/owner/owner-console-deps.ts";
import type { Clock, Logger } from "../core/ports.ts";
import type { loadTrainingExamples } from "./intent-model.ts";

/**
 * The worker's first lines: tsx's loader registered in the worker itself (a worker does not inherit
 * the main thread's module hooks), then the worker's TypeScript file.
 */
const TSX_API = pathToFileURL(createRequire(import.meta.url).resolve("tsx/esm/api").replace(/\.cjs$/, ".mjs")).href;
const WORKER_BOOTSTRAP = `import(${JSON.stringify(TSX_API)})
  .then(({ register }) => { register(); return import(${JSON.stringify(new URL("./retrain-intents-worker.ts", import.meta.url).href)}); })
  .catch((error) => require("node:worker_threads").parentPort.postMessage({ ok: false, error: String(error && error.stack || error) }));`;

type TTrainingFiles = Awaited<ReturnType<typeof loadTrainingExamples>>;

/** Where retraining stands, for the dashboard. */
export interface RetrainingStatus {
  state: "idle" | "training" | "failed";
  /** Examples the owner has taught so far. */
  startedAt: string | null;
  finishedAt: string | null;
  report: RetrainingReport | null;
  error: string | null;
}

/** The owner's examples, oldest first, as training examples. */
export async function loadOwnerExamples(db: Db): Promise<TrainingExample[]> {
  const rows = await db.intentExample.findMany({ orderBy: { id: "asc" }, select: { text: true, intent: true } });
  return rows.filter((r) => r.text.trim() !== "");
}

/**
 * The training set and its cache key: the files alone while the owner has taught nothing, otherwise
 * the files with the owner's examples and a key that includes them (a new example means a new model).
 */
export function trainingWithOwnerExamples(files: TTrainingFiles, owner: readonly TrainingExample[]): TTrainingFiles {
  if (owner.length === 0) return files;
  const hash = createHash("sha256").update(files.fingerprint).update("\0owner\0").update(JSON.stringify(owner.map((e) => [e.intent, e.text])));
  return { examples: withOwnerExamples(files.examples, owner), fingerprint: hash.digest("hex").slice(0, 24) };
}

export function createCustomerIntentModel(options: { initial: IntentClassifier; files: TTrainingFiles; db: Db; clock: Clock; logger: Logger; cacheDir: string }) {
  let current = options.initial;
  let running: Promise<void> | null = null;
  const status: RetrainingStatus = { state: "idle", startedAt: null, finishedAt: null, report: null, error: null };
  const listeners: ((status: RetrainingStatus) => void)[] = [];

  /** Reads through to whichever model is in place now. */
  const classifier: IntentClassifier = {
    get intents() {
      return current.intents;
    },
    predict: (text: string): IntentPrediction => current.predict(text),
    serialize: () => current.serialize(),
  };

  async function train(): Promise<void> {
    const owner = await loadOwnerExamples(options.db);
    const result = await new Promise<{ report: RetrainingReport; snapshot: unknown }>((resolve, reject) => {
      const worker = new Worker(WORKER_BOOTSTRAP, { eval: true, workerData: { files: options.files.examples, owner } });
      worker.unref();
      worker.once("message", (message: { ok: true; report: RetrainingReport; snapshot: unknown } | { ok: false; error: string }) => {
        void worker.terminate();
        if (message.ok) resolve(message);
        else reject(new Error(message.error));
      });
      worker.once("error", reject);
      worker.once("exit", (code) => reject(new Error(`the training worker stopped (exit code ${code})`)));
    });
    const model = deserializeIntentClassifier(result.snapshot);
    const training = trainingWithOwnerExamples(options.files, owner);
    try {
      await mkdir(options.cacheDir, { recursive: true });
      const file = path.join(options.cacheDir, `intent-customer-${training.fingerprint}.json`);
      await writeFile(`${file}.${process.pid}.tmp`, JSON.stringify(result.snapshot));
      await rename(`${file}.${process.pid}.tmp`, file);
    } catch (error) {
      options.logger.warn("could not cache the retrained intent model", { error: String(error) });
    }
    current = model;
    status.report = result.report;
    options.logger.info("retrained the customer intent model", { ownerExamples: owner.length, accuracyBefore: result.report.accuracyBefore, accuracyAfter: result.report.accuracyAfter });
  }

  const model: CustomerIntentModel & { classifier: IntentClassifier; status(): RetrainingStatus; onChange(listener: (status: RetrainingStatus) => void): void; whenIdle(): Promise<void> } = {
    classifier,
    intents: () => [...new Set([...current.intents, OUT_OF_SCOPE])].sort(),
    retrain() {
      if (running) return "running";
      Object.assign(status, { state: "training", startedAt: options.clock.now().toISOString(), finishedAt: null, error: null });
      listeners.forEach((l) => l(status));
      running = train()
        .then(() => void Object.assign(status, { state: "idle" }))
        .catch((error: unknown) => {
          options.logger.error("retraining the customer intent model failed", { error: error instanceof Error ? error.stack ?? error.message : String(error) });
          Object.assign(status, { state: "failed", error: error instanceof Error ? error.message : String(error) });
        })
        .finally(() => {
          status.finishedAt = options.clock.now().toISOString();
          running = null;
          listeners.forEach((l) => l(status));
        });
      return "started";
    },
    status: () => ({ ...status }),
    onChange: (listener) => void listeners.push(listener),
    whenIdle: () => running ?? Promise.resolve(),
  };
  return model;
}
