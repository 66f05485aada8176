/**
 * `npm run nlu:eval -- --train FILE --test FILE [--val FILE] [--json]`
 *
 * Trains the intent engine on any JSONL file of `{"text","intent"}` lines ("oos" = out of scope) and
 * evaluates it on another: in-scope accuracy, OOS recall and precision, macro-F1, training time and
 * predictions per second. `--val` calibrates on a separate file (CLINC150's protocol); without it the
 * engine holds out part of the training data itself. With `--json` the last stdout line is one JSON
 * object (fractions 0..1).
 *
 * Tuning options: `--members JSON` (ensemble members, see MemberSpec), `--oos-share N`, `--seed N`,
 * `--curve` (in-scope accuracy / OOS recall at other thresholds, for choosing `--oos-share`).
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { evaluatePredictions, mostConfusedPairs } from "../core/nlu/evaluate.ts";
import { trainIntentClassifier, type MemberSpec } from "../core/nlu/train-intent-classifier.ts";
import { OUT_OF_SCOPE } from "../core/nlu/types.ts";
import { percent, readJsonlExamples } from "./lib/intent-data.ts";

const USAGE = "usage: npm run nlu:eval -- --train FILE --test FILE [--val FILE] [--json] [--members JSON] [--oos-share N] [--seed N] [--curve]";

function main(): number {
  const { values } = parseArgs({
    options: {
      train: { type: "string" },
      test: { type: "string" },
      val: { type: "string" },
      json: { type: "boolean", default: false },
      members: { type: "string" },
      "oos-share": { type: "string" },
      seed: { type: "string" },
      curve: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help || !values.train || !values.test) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  const log = (line: string) => (values.json ? console.error(line) : console.log(line));
  const train = readJsonlExamples(path.resolve(values.train));
  const test = readJsonlExamples(path.resolve(values.test));
  const validation = values.val ? readJsonlExamples(path.resolve(values.val)) : undefined;
  const members = values.members ? (JSON.parse(values.members) as MemberSpec[]) : undefined;

  const started = performance.now();
  const classifier = trainIntentClassifier(train, {
    ...(validation ? { validation } : {}),
    ...(members ? { members } : {}),
    ...(values["oos-share"] ? { oosShare: Number(values["oos-share"]) } : {}),
    ...(values.seed ? { seed: Number(values.seed) } : {}),
  });
  const trainSeconds = (performance.now() - started) / 1000;

  // Warm up the JIT on a few texts, then time one pass over the whole test file.
  for (const e of test.slice(0, 200)) classifier.predict(e.text);
  const predictStarted = performance.now();
  const predicted = test.map((e) => classifier.predict(e.text).intent);
  const predictionsPerSecond = test.length / ((performance.now() - predictStarted) / 1000);
  const evaluation = evaluatePredictions(test.map((e, i) => ({ gold: e.intent, predicted: predicted[i] ?? OUT_OF_SCOPE })));

  log(`train: ${train.length} examples (${path.basename(values.train)}), test: ${test.length} (${path.basename(values.test)})`);
  log(`calibration: ${classifier.calibration.source} on ${classifier.calibration.examples} examples, OOS threshold ${classifier.oosThreshold.toFixed(3)}`);
  log(`in-scope accuracy  ${percent(evaluation.inScopeAccuracy)} %  (${evaluation.inScopeExamples} texts)`);
  log(`OOS recall         ${percent(evaluation.oosRecall)} %  (${evaluation.outOfScopeExamples} texts)`);
  log(`OOS precision      ${percent(evaluation.oosPrecision)} %`);
  log(`macro-F1           ${percent(evaluation.macroF1)} %`);
  log(`training           ${trainSeconds.toFixed(1)} s`);
  log(`predictions/s      ${Math.round(predictionsPerSecond)}`);
  const confused = mostConfusedPairs(evaluation.confusion, 5);
  if (confused.length > 0) log(`most confused: ${confused.map((p) => `${p.gold}→${p.predicted} ×${p.count}`).join(", ")}`);

  if (values.curve) {
    const scored = test.map((e) => ({
      gold: e.intent,
      score: classifier.inScopeScore(e.text),
      best: classifier.withOosThreshold(-2).predict(e.text).intent,
    }));
    for (const threshold of [-2, 0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5]) {
      const atThreshold = evaluatePredictions(scored.map((s) => ({ gold: s.gold, predicted: s.score < threshold ? OUT_OF_SCOPE : s.best })));
      log(`  threshold ${threshold.toFixed(2).padStart(5)}: in-scope ${percent(atThreshold.inScopeAccuracy)} %, OOS recall ${percent(atThreshold.oosRecall)} %`);
    }
  }

  if (values.json) {
    console.log(
      JSON.stringify({
        inScopeAccuracy: evaluation.inScopeAccuracy,
        oosRecall: evaluation.oosRecall,
        oosPrecision: evaluation.oosPrecision,
        macroF1: evaluation.macroF1,
        accuracy: evaluation.accuracy,
        trainSeconds,
        predictionsPerSecond,
        trainExamples: train.length,
        testExamples: test.length,
        oosThreshold: classifier.oosThreshold,
        calibration: classifier.calibration,
      }),
    );
  }
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  console.error(`nlu:eval failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
