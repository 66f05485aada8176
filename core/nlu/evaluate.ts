/**
 * Metrics for intent classification with an out-of-scope label, computed from (gold, predicted)
 * pairs only, so scripts, benchmarks and tests report the same numbers the same way. The definitions
 * follow the CLINC150 protocol (Larson et al. 2019): in-scope accuracy counts an in-scope text
 * predicted "oos" as wrong; OOS recall is the share of out-of-scope texts predicted "oos".
 */
import { OUT_OF_SCOPE } from "./types.ts";

/** One test text's gold label and the classifier's answer ("oos" for out of scope). */
export interface LabelledPrediction {
  gold: string;
  predicted: string;
}

/** Per-intent precision, recall and F1 ("oos" included as an intent). */
export interface IntentScoreCard {
  intent: string;
  /** Number of gold examples of this intent. */
  support: number;
  precision: number;
  recall: number;
  f1: number;
}

/** All figures the NLU scripts and the benchmark print; fractions are 0..1. */
export interface IntentEvaluation {
  examples: number;
  inScopeExamples: number;
  outOfScopeExamples: number;
  /** Correct intent among in-scope texts (0 when there are none). */
  inScopeAccuracy: number;
  /** Share of out-of-scope texts predicted "oos" (0 when there are none). */
  oosRecall: number;
  /** Share of "oos" predictions that were out of scope (0 when nothing was predicted "oos"). */
  oosPrecision: number;
  /** Unweighted mean F1 over every gold label, "oos" included as a class when present. */
  macroF1: number;
  /** Plain accuracy over all texts with "oos" as one more label. */
  accuracy: number;
  perIntent: IntentScoreCard[];
  confusion: ConfusionMatrix;
}

/** counts[g][p]: texts of gold label labels[g] predicted as labels[p]. */
export interface ConfusionMatrix {
  labels: string[];
  counts: number[][];
}

/** One off-diagonal confusion-matrix cell. */
export interface ConfusedPair {
  gold: string;
  predicted: string;
  count: number;
}

/** Computes every metric of {@link IntentEvaluation} from labelled predictions. */
export function evaluatePredictions(pairs: readonly LabelledPrediction[]): IntentEvaluation {
  const labels = [...new Set(pairs.flatMap((p) => [p.gold, p.predicted]))].sort((a, b) =>
    a === OUT_OF_SCOPE ? 1 : b === OUT_OF_SCOPE ? -1 : a.localeCompare(b),
  );
  const index = new Map(labels.map((label, i) => [label, i]));
  const counts = labels.map(() => labels.map(() => 0));
  for (const { gold, predicted } of pairs) {
    const row = counts[index.get(gold) ?? 0];
    const column = index.get(predicted) ?? 0;
    if (row) row[column] = (row[column] ?? 0) + 1;
  }
  const inScope = pairs.filter((p) => p.gold !== OUT_OF_SCOPE);
  const outOfScope = pairs.filter((p) => p.gold === OUT_OF_SCOPE);
  const predictedOos = pairs.filter((p) => p.predicted === OUT_OF_SCOPE);
  const goldLabels = new Set(pairs.map((p) => p.gold));

  const perIntent: IntentScoreCard[] = labels
    .filter((label) => goldLabels.has(label))
    .map((label) => {
      const i = index.get(label) ?? 0;
      const truePositives = counts[i]?.[i] ?? 0;
      const support = (counts[i] ?? []).reduce((a, b) => a + b, 0);
      const predictedCount = counts.reduce((sum, row) => sum + (row[i] ?? 0), 0);
      const precision = predictedCount > 0 ? truePositives / predictedCount : 0;
      const recall = support > 0 ? truePositives / support : 0;
      const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
      return { intent: label, support, precision, recall, f1 };
    });

  return {
    examples: pairs.length,
    inScopeExamples: inScope.length,
    outOfScopeExamples: outOfScope.length,
    inScopeAccuracy: ratio(inScope.filter((p) => p.predicted === p.gold).length, inScope.length),
    oosRecall: ratio(outOfScope.filter((p) => p.predicted === OUT_OF_SCOPE).length, outOfScope.length),
    oosPrecision: ratio(predictedOos.filter((p) => p.gold === OUT_OF_SCOPE).length, predictedOos.length),
    macroF1: perIntent.length > 0 ? perIntent.reduce((sum, card) => sum + card.f1, 0) / perIntent.length : 0,
    accuracy: ratio(pairs.filter((p) => p.predicted === p.gold).length, pairs.length),
    perIntent,
    confusion: { labels, counts },
  };
}

/** The off-diagonal cells of a confusion matrix, largest first: where the model mixes intents up. */
export function mostConfusedPairs(confusion: ConfusionMatrix, limit = 10): ConfusedPair[] {
  const pairs: ConfusedPair[] = [];
  confusion.counts.forEach((row, g) =>
    row.forEach((count, p) => {
      if (g !== p && count > 0) pairs.push({ gold: confusion.labels[g] ?? "", predicted: confusion.labels[p] ?? "", count });
    }),
  );
  return pairs.sort((a, b) => b.count - a.count || a.gold.localeCompare(b.gold)).slice(0, limit);
}

function ratio(numerator: number, denominator: number): number {
  return denominator > 0 ? numerator / denominator : 0;
}
