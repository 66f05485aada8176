/**
 * `npm run nlu:test [-- --set customer|owner] [--folds 5] [--json]`
 *
 * Stratified k-fold cross-validation of the shop's own intent files (`prompts/intents/<set>/*.txt`):
 * every example is classified by a model that never saw it. Prints per-intent recall, accuracy by
 * language, the confusion matrix, the most-confused intent pairs, and how accuracy trades against
 * coverage at confidence thresholds (for the router's "low confidence → ask to clarify" rule).
 * Exits 1 when an intent set cannot be read. Without --set, both sets are checked.
 */
import { parseArgs } from "node:util";
import { containsChinese } from "../core/nlu/normalize-text.ts";
import { evaluatePredictions, mostConfusedPairs, type IntentEvaluation } from "../core/nlu/evaluate.ts";
import { trainIntentClassifier } from "../core/nlu/train-intent-classifier.ts";
import { OUT_OF_SCOPE, type TrainingExample } from "../core/nlu/types.ts";
import { percent, readIntentSet } from "./lib/intent-data.ts";

interface FoldResult {
  example: TrainingExample;
  predicted: string;
  confidence: number;
}

/** Stratified folds: each intent's examples dealt round-robin after a seeded shuffle. */
function crossValidate(examples: readonly TrainingExample[], folds: number, seed: number): FoldResult[] {
  let state = seed >>> 0;
  const random = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
  const foldOf = new Array<number>(examples.length).fill(0);
  const byIntent = new Map<string, number[]>();
  examples.forEach((e, i) => byIntent.set(e.intent, [...(byIntent.get(e.intent) ?? []), i]));
  for (const indices of byIntent.values()) {
    for (let i = indices.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [indices[i], indices[j]] = [indices[j] ?? 0, indices[i] ?? 0];
    }
    indices.forEach((exampleIndex, k) => (foldOf[exampleIndex] = k % folds));
  }
  const results: FoldResult[] = [];
  for (let fold = 0; fold < folds; fold++) {
    const train = examples.filter((_, i) => foldOf[i] !== fold);
    const classifier = trainIntentClassifier(train, { seed: seed + fold });
    examples.forEach((example, i) => {
      if (foldOf[i] !== fold) return;
      const prediction = classifier.predict(example.text);
      results.push({ example, predicted: prediction.intent, confidence: prediction.confidence });
    });
  }
  return results;
}

function printConfusion(evaluation: IntentEvaluation): void {
  const { labels, counts } = evaluation.confusion;
  console.log(`\nconfusion matrix (rows = gold, columns = predicted, numbered as the rows):`);
  console.log(`${"".padEnd(22)}${labels.map((_, i) => `${i}`.padStart(3)).join("")}`);
  counts.forEach((row, g) => {
    const cells = row.map((count) => (count === 0 ? "  ." : `${count}`.padStart(3)));
    console.log(`${`${g} ${labels[g]}`.padEnd(22).slice(0, 22)}${cells.join("")}`);
  });
}

function report(set: string, results: FoldResult[], folds: number): Record<string, unknown> {
  const evaluation = evaluatePredictions(results.map((r) => ({ gold: r.example.intent, predicted: r.predicted })));
  const chinese = results.filter((r) => containsChinese(r.example.text));
  const english = results.filter((r) => !containsChinese(r.example.text));
  const accuracyOf = (rs: FoldResult[]) => (rs.length ? rs.filter((r) => r.predicted === r.example.intent).length / rs.length : 0);

  console.log(`\n=== ${set}: ${results.length} examples, ${evaluation.perIntent.length} intents, ${folds}-fold cross-validation ===`);
  console.log(`accuracy ${percent(evaluation.accuracy)} % (in-scope ${percent(evaluation.inScopeAccuracy)} %, OOS recall ${percent(evaluation.oosRecall)} %, OOS precision ${percent(evaluation.oosPrecision)} %, macro-F1 ${percent(evaluation.macroF1)} %)`);
  console.log(`by language: English ${percent(accuracyOf(english))} % of ${english.length}, Chinese ${percent(accuracyOf(chinese))} % of ${chinese.length}`);
  console.log(`\nper intent (recall / precision / support):`);
  for (const card of [...evaluation.perIntent].sort((a, b) => a.recall - b.recall)) {
    console.log(`  ${card.intent.padEnd(18)} ${percent(card.recall).padStart(5)} %  ${percent(card.precision).padStart(5)} %  ${card.support}`);
  }
  printConfusion(evaluation);
  const confused = mostConfusedPairs(evaluation.confusion, 10);
  console.log(`\nmost confused (gold → predicted):`);
  for (const pair of confused) console.log(`  ${pair.gold} → ${pair.predicted}: ${pair.count}`);
  const wrong = results.filter((r) => r.predicted !== r.example.intent).slice(0, 15);
  if (wrong.length > 0) {
    console.log(`\nsome misclassified examples:`);
    for (const r of wrong) console.log(`  [${r.example.intent} → ${r.predicted} ${r.confidence.toFixed(2)}] ${r.example.text}`);
  }

  // Confidence thresholds for "ask to clarify": among texts routed to an in-scope intent, how many
  // clear the threshold (coverage) and how many of those are right (accuracy).
  const routed = results.filter((r) => r.predicted !== OUT_OF_SCOPE);
  const thresholds = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8];
  const confidenceTable = thresholds.map((threshold) => {
    const kept = routed.filter((r) => r.confidence >= threshold);
    return { threshold, coverage: routed.length ? kept.length / routed.length : 0, accuracy: accuracyOf(kept) };
  });
  console.log(`\nconfidence threshold → share of in-scope-routed texts kept / accuracy of those kept:`);
  for (const row of confidenceTable) console.log(`  ≥ ${row.threshold.toFixed(1)}: ${percent(row.coverage).padStart(5)} % kept, ${percent(row.accuracy).padStart(5)} % right`);
  return {
    set,
    examples: results.length,
    accuracy: evaluation.accuracy,
    inScopeAccuracy: evaluation.inScopeAccuracy,
    oosRecall: evaluation.oosRecall,
    oosPrecision: evaluation.oosPrecision,
    macroF1: evaluation.macroF1,
    englishAccuracy: accuracyOf(english),
    chineseAccuracy: accuracyOf(chinese),
    perIntentRecall: Object.fromEntries(evaluation.perIntent.map((c) => [c.intent, c.recall])),
    mostConfused: confused,
    confidenceTable,
  };
}

function main(): number {
  const { values } = parseArgs({
    options: {
      set: { type: "string" },
      folds: { type: "string", default: "5" },
      seed: { type: "string", default: "1" },
      json: { type: "boolean", default: false },
    },
  });
  const sets = values.set ? [values.set] : ["customer", "owner"];
  const folds = Math.max(2, Number(values.folds));
  const summaries: Record<string, unknown>[] = [];
  for (const set of sets) {
    let examples: TrainingExample[];
    try {
      examples = readIntentSet(set);
    } catch (error) {
      console.error(`cannot read prompts/intents/${set}/: ${error instanceof Error ? error.message : String(error)}`);
      return 1;
    }
    const started = performance.now();
    const results = crossValidate(examples, folds, Number(values.seed));
    summaries.push({ ...report(set, results, folds), seconds: (performance.now() - started) / 1000 });
  }
  if (values.json) console.log(JSON.stringify(summaries.length === 1 ? summaries[0] : summaries));
  return 0;
}

process.exitCode = main();
