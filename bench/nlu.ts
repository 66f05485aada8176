/**
 * `npm run bench:nlu [-- --data DIR] [--no-peer] [--json]`
 *
 * CLINC150 "full" protocol (../shared/notes/benchmarks.md): train on train.jsonl, calibrate on
 * val.jsonl, test on test.jsonl. Runs our intent engine and, in the same process, natural's
 * BayesClassifier as a peer; prints a markdown table next to the peers' published figures (labelled
 * as published), plus peak memory, snapshot size and cold-load time. Peak RSS is sampled every 20 ms
 * from a worker thread (training is synchronous, so a timer on the main thread would never fire).
 *
 * The data folder defaults to ../shared/data/clinc150 next to the repository; exits 1 if missing.
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { parseArgs } from "node:util";
import { Worker } from "node:worker_threads";
import { evaluatePredictions, type IntentEvaluation } from "../core/nlu/evaluate.ts";
import { deserializeIntentClassifier, trainIntentClassifier } from "../core/nlu/train-intent-classifier.ts";
import type { TrainingExample } from "../core/nlu/types.ts";
import { readJsonlExamples, REPO_ROOT } from "../scripts/lib/intent-data.ts";

interface SystemResult {
  system: string;
  evaluation: IntentEvaluation;
  trainSeconds: number;
  predictionsPerSecond: number;
  peakRssMb: number;
}

/** Published figures, copied from ../shared/notes/benchmarks.md (same protocol, 2-core machine). */
const PUBLISHED: { system: string; inScope: string; oosRecall: string; train: string; predictionsPerSecond: string }[] = [
  { system: "scikit-learn word 1–2 TF-IDF + LinearSVC", inScope: "91.0", oosRecall: "11.0", train: "1.9", predictionsPerSecond: "68k" },
  { system: "scikit-learn word 1–2 + char_wb 2–5 TF-IDF + LinearSVC", inScope: "92.7", oosRecall: "17.5", train: "10.1", predictionsPerSecond: "16k" },
  { system: "same features + LogisticRegression (C=20)", inScope: "92.2", oosRecall: "26.8", train: "174", predictionsPerSecond: "14k" },
  { system: "natural BayesClassifier", inScope: "81.3", oosRecall: "1.6", train: "5.8", predictionsPerSecond: "423" },
  { system: "Larson et al. 2019 oos-train: SVM / Rasa / MLP (USE) / BERT", inScope: "91.0 / 91.5 / 93.5 / 96.9", oosRecall: "14.5 / 45.3 / 47.4 / 40.3", train: "", predictionsPerSecond: "" },
];

/** Issue 4's targets. */
const TARGETS = { inScopeAccuracy: 0.935, oosRecall: 0.5, trainSeconds: 60, predictionsPerSecond: 5000, peakRssMb: 1024 };

/** Samples process RSS from a worker thread into shared memory (KiB); `take()` returns the peak and resets. */
function startRssSampler(): { take(): number; stop(): Promise<number> } {
  const shared = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(
    `const { workerData } = require("node:worker_threads");
     const peak = workerData;
     const sample = () => { const kb = Math.round(process.memoryUsage().rss / 1024); if (kb > Atomics.load(peak, 0)) Atomics.store(peak, 0, kb); };
     sample();
     setInterval(sample, 20);`,
    { eval: true, workerData: shared },
  );
  worker.unref();
  const sampleHere = () => {
    const kb = Math.round(process.memoryUsage().rss / 1024);
    if (kb > Atomics.load(shared, 0)) Atomics.store(shared, 0, kb);
  };
  return {
    take() {
      sampleHere();
      const peakKb = Atomics.exchange(shared, 0, 0);
      return peakKb / 1024;
    },
    async stop() {
      sampleHere();
      const peakKb = Atomics.load(shared, 0);
      await worker.terminate();
      return peakKb / 1024;
    },
  };
}

function timePredictions(texts: readonly string[], predict: (text: string) => string): { predicted: string[]; perSecond: number } {
  for (const text of texts.slice(0, 200)) predict(text); // JIT warm-up
  const started = performance.now();
  const predicted = texts.map(predict);
  return { predicted, perSecond: texts.length / ((performance.now() - started) / 1000) };
}

interface NaturalBayes {
  addDocument(text: string, label: string): void;
  train(): void;
  classify(text: string): string;
}

function runNaturalBayes(train: readonly TrainingExample[], test: readonly TrainingExample[]): Omit<SystemResult, "peakRssMb"> {
  // Deep import: natural's index loads storage back-ends that read .env and print to stdout.
  const require = createRequire(import.meta.url);
  const BayesClassifier = require("natural/lib/natural/classifiers/bayes_classifier") as new () => NaturalBayes;
  const started = performance.now();
  const classifier = new BayesClassifier();
  for (const e of train) classifier.addDocument(e.text, e.intent);
  classifier.train();
  const trainSeconds = (performance.now() - started) / 1000;
  const { predicted, perSecond } = timePredictions(
    test.map((e) => e.text),
    (text) => classifier.classify(text),
  );
  return {
    system: "natural BayesClassifier (this run)",
    evaluation: evaluatePredictions(test.map((e, i) => ({ gold: e.intent, predicted: predicted[i] ?? "" }))),
    trainSeconds,
    predictionsPerSecond: perSecond,
  };
}

function formatRate(perSecond: number): string {
  return perSecond >= 10_000 ? `${(perSecond / 1000).toFixed(1)}k` : `${Math.round(perSecond)}`;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      data: { type: "string" },
      "no-peer": { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      seed: { type: "string" },
    },
  });
  const dataDir = values.data ? path.resolve(values.data) : path.resolve(REPO_ROOT, "../shared/data/clinc150");
  const files = ["train.jsonl", "val.jsonl", "test.jsonl"].map((f) => path.join(dataDir, f));
  const missing = files.filter((f) => !existsSync(f));
  if (missing.length > 0) {
    console.error(`bench:nlu: CLINC150 data not found in ${dataDir} (missing ${missing.map((f) => path.basename(f)).join(", ")}).`);
    console.error("Put train.jsonl, val.jsonl and test.jsonl ({\"text\",\"intent\"} lines) there, or pass --data DIR.");
    return 1;
  }
  const [train, validation, test] = files.map(readJsonlExamples) as [TrainingExample[], TrainingExample[], TrainingExample[]];
  const log = (line: string) => (values.json ? console.error(line) : console.log(line));
  log(`CLINC150 full: ${train.length} train, ${validation.length} val (calibration only), ${test.length} test — ${dataDir}`);

  const sampler = startRssSampler();
  const baselineRssMb = sampler.take();
  const results: SystemResult[] = [];

  // Our engine.
  const started = performance.now();
  const classifier = trainIntentClassifier(train, { validation, ...(values.seed ? { seed: Number(values.seed) } : {}) });
  const trainSeconds = (performance.now() - started) / 1000;
  const ours = timePredictions(
    test.map((e) => e.text),
    (text) => classifier.predict(text).intent,
  );
  results.push({
    system: "solo-sales intent ensemble (this run)",
    evaluation: evaluatePredictions(test.map((e, i) => ({ gold: e.intent, predicted: ours.predicted[i] ?? "" }))),
    trainSeconds,
    predictionsPerSecond: ours.perSecond,
    peakRssMb: sampler.take(),
  });

  // Snapshot round trip: what a restart with a cached model costs.
  const snapshotJson = JSON.stringify(classifier.serialize());
  const loadStarted = performance.now();
  const restored = deserializeIntentClassifier(JSON.parse(snapshotJson));
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  const sameAfterLoad = test.slice(0, 500).filter((e) => restored.predict(e.text).intent === classifier.predict(e.text).intent).length;
  const snapshotMb = Buffer.byteLength(snapshotJson) / 1e6;
  const snapshotPeakRssMb = sampler.take();

  if (!values["no-peer"]) {
    log("training natural BayesClassifier (the peer takes a while to predict)…");
    results.push({ ...runNaturalBayes(train, test), peakRssMb: sampler.take() });
  }
  await sampler.stop();

  const lines = [
    "",
    "| system | in-scope % | OOS recall % | train s | predictions/s |",
    "| --- | --- | --- | --- | --- |",
    ...results.map(
      (r) =>
        `| ${r.system} | ${(r.evaluation.inScopeAccuracy * 100).toFixed(1)} | ${(r.evaluation.oosRecall * 100).toFixed(1)} | ${r.trainSeconds.toFixed(1)} | ${formatRate(r.predictionsPerSecond)} |`,
    ),
    ...PUBLISHED.map((p) => `| ${p.system} (published, benchmarks.md) | ${p.inScope} | ${p.oosRecall} | ${p.train} | ${p.predictionsPerSecond} |`),
    "",
  ];
  for (const line of lines) log(line);
  const [engine] = results;
  if (engine) {
    const e = engine.evaluation;
    log(`ours: OOS precision ${(e.oosPrecision * 100).toFixed(1)} %, macro-F1 ${(e.macroF1 * 100).toFixed(1)} %, OOS threshold ${classifier.oosThreshold.toFixed(3)} (calibrated on val: in-scope ${(classifier.calibration.inScopeAccuracy * 100).toFixed(1)} %, OOS recall ${(classifier.calibration.outOfScopeRecall * 100).toFixed(1)} %)`);
    log(`peak RSS (sampled): baseline ${baselineRssMb.toFixed(0)} MB, ours train+test ${engine.peakRssMb.toFixed(0)} MB, snapshot round trip ${snapshotPeakRssMb.toFixed(0)} MB${results[1] ? `, natural ${results[1].peakRssMb.toFixed(0)} MB` : ""}`);
    log(`snapshot: ${snapshotMb.toFixed(1)} MB of JSON, parse + restore ${loadSeconds.toFixed(2)} s, ${sameAfterLoad}/500 identical predictions after restore`);
    const checks = [
      ["in-scope accuracy ≥ 93.5 %", e.inScopeAccuracy >= TARGETS.inScopeAccuracy, `${(e.inScopeAccuracy * 100).toFixed(1)} %`],
      ["OOS recall ≥ 50 %", e.oosRecall >= TARGETS.oosRecall, `${(e.oosRecall * 100).toFixed(1)} %`],
      ["training ≤ 60 s", engine.trainSeconds <= TARGETS.trainSeconds, `${engine.trainSeconds.toFixed(1)} s`],
      ["≥ 5,000 predictions/s", engine.predictionsPerSecond >= TARGETS.predictionsPerSecond, `${Math.round(engine.predictionsPerSecond)}/s`],
      ["peak RSS ≤ 1 GB", engine.peakRssMb <= TARGETS.peakRssMb, `${engine.peakRssMb.toFixed(0)} MB`],
      ["cached start-up < 2 s", loadSeconds < 2, `${loadSeconds.toFixed(2)} s`],
    ] as const;
    log(`targets: ${checks.map(([name, ok, value]) => `${name}: ${ok ? "met" : "MISSED"} (${value})`).join("; ")}`);
  }
  if (values.json) {
    console.log(
      JSON.stringify({
        results: results.map((r) => ({
          system: r.system,
          inScopeAccuracy: r.evaluation.inScopeAccuracy,
          oosRecall: r.evaluation.oosRecall,
          oosPrecision: r.evaluation.oosPrecision,
          macroF1: r.evaluation.macroF1,
          trainSeconds: r.trainSeconds,
          predictionsPerSecond: r.predictionsPerSecond,
          peakRssMb: r.peakRssMb,
        })),
        snapshotMb,
        loadSeconds,
      }),
    );
  }
  return 0;
}

process.exitCode = await main();
