/**
 * The customer intent model retrained off the main thread (a `worker_threads` worker, so customers'
 * turns are not held up for the seconds training takes): cross-validates the files against the
 * files and the owner's examples, trains the model the assistant will use, and posts both back.
 */
import { parentPort, workerData } from "node:worker_threads";
import { crossValidateRetraining, trainWithOwnerExamples } from "../core/nlu/cross-validate-retraining.ts";
import type { TrainingExample } from "../core/nlu/types.ts";

const input = workerData as { files: TrainingExample[]; owner: TrainingExample[] };
try {
  const report = crossValidateRetraining({ files: input.files, owner: input.owner });
  const model = trainWithOwnerExamples(input.files, input.owner);
  parentPort?.postMessage({ ok: true, report, snapshot: model.serialize() });
} catch (error) {
  parentPort?.postMessage({ ok: false, error: error instanceof Error ? error.message : String(error) });
}
