/**
 * Post-hoc calibration on held-out data: temperature scaling (Guo et al. 2017) makes confidences mean
 * what they say, and the out-of-scope threshold is chosen where the expected accuracy over a given mix
 * of in-scope and out-of-scope traffic is highest. Both only look at scores, never retrain a model.
 */
import { logSoftmax } from "./linear-scores.ts";

/** Mean negative log-likelihood of `labels` under softmax(scores / temperature); labels < 0 are skipped. */
export function negativeLogLikelihood(scores: readonly Float64Array[], labels: Int32Array, temperature: number): number {
  let total = 0;
  let count = 0;
  const scratch = new Float64Array(scores[0]?.length ?? 0);
  for (let i = 0; i < scores.length; i++) {
    const label = labels[i] ?? -1;
    const row = scores[i];
    if (label < 0 || !row) continue;
    logSoftmax(row, temperature, scratch);
    total -= scratch[label] ?? 0;
    count++;
  }
  return count > 0 ? total / count : 0;
}

/** The temperature in [0.01, 100] that minimises the held-out NLL (golden-section search on log T). */
export function fitTemperature(scores: readonly Float64Array[], labels: Int32Array): number {
  if (scores.length === 0 || !labels.some((label) => label >= 0)) return 1;
  let low = Math.log(0.01);
  let high = Math.log(100);
  const ratio = (Math.sqrt(5) - 1) / 2;
  let a = high - ratio * (high - low);
  let b = low + ratio * (high - low);
  let fa = negativeLogLikelihood(scores, labels, Math.exp(a));
  let fb = negativeLogLikelihood(scores, labels, Math.exp(b));
  for (let iteration = 0; iteration < 40; iteration++) {
    if (fa < fb) {
      high = b;
      b = a;
      fb = fa;
      a = high - ratio * (high - low);
      fa = negativeLogLikelihood(scores, labels, Math.exp(a));
    } else {
      low = a;
      a = b;
      fa = fb;
      b = low + ratio * (high - low);
      fb = negativeLogLikelihood(scores, labels, Math.exp(b));
    }
  }
  const temperature = Math.exp((low + high) / 2);
  return Number.isFinite(temperature) ? temperature : 1;
}

/** One held-out example as the threshold search sees it. */
export interface ThresholdCandidate {
  /** Higher = more in-scope-looking. */
  score: number;
  isOutOfScope: boolean;
  /** For in-scope examples: the best in-scope intent is the right one. */
  isCorrect: boolean;
}

/** The chosen threshold and what it achieved on the calibration data. */
export interface ThresholdChoice {
  threshold: number;
  /** On the calibration data, at this threshold. */
  inScopeAccuracy: number;
  outOfScopeRecall: number;
}

/**
 * Chooses the out-of-scope threshold (score < threshold → out of scope) maximising
 * `(1 − oosShare) · in-scope accuracy + oosShare · OOS recall`, i.e. the accuracy expected when a share
 * `oosShare` of real messages is out of scope. Without out-of-scope examples recall is unmeasurable, so
 * the threshold then rejects only the least confident `fallbackRejectShare` of correctly routed texts.
 */
export function chooseOutOfScopeThreshold(
  candidates: readonly ThresholdCandidate[],
  oosShare: number,
  fallbackRejectShare = 0.01,
): ThresholdChoice {
  const inScope = candidates.filter((c) => !c.isOutOfScope);
  const outOfScope = candidates.filter((c) => c.isOutOfScope);
  const evaluate = (threshold: number): ThresholdChoice => {
    const correct = inScope.filter((c) => c.isCorrect && c.score >= threshold).length;
    const rejected = outOfScope.filter((c) => c.score < threshold).length;
    return {
      threshold,
      inScopeAccuracy: inScope.length > 0 ? correct / inScope.length : 0,
      outOfScopeRecall: outOfScope.length > 0 ? rejected / outOfScope.length : 0,
    };
  };
  if (outOfScope.length === 0) {
    const scores = inScope.filter((c) => c.isCorrect).map((c) => c.score).sort((a, b) => a - b);
    const threshold = scores.length > 0 ? (scores[Math.floor(fallbackRejectShare * scores.length)] ?? -Infinity) : -Infinity;
    return evaluate(threshold);
  }
  const sorted = candidates.map((c) => c.score).sort((a, b) => a - b);
  // Candidate thresholds: below everything, then midpoints between consecutive distinct scores.
  const thresholds = [-Infinity];
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1] ?? 0;
    const b = sorted[i] ?? 0;
    if (b > a) thresholds.push((a + b) / 2);
  }
  // Sweep in ascending order with running counts instead of re-filtering per threshold.
  const events = candidates.map((c) => c).sort((a, b) => a.score - b.score);
  let best = evaluate(-Infinity);
  let bestObjective = (1 - oosShare) * best.inScopeAccuracy + oosShare * best.outOfScopeRecall;
  let cursor = 0;
  let correctBelow = 0;
  let oosBelow = 0;
  const correctTotal = inScope.filter((c) => c.isCorrect).length;
  for (const threshold of thresholds) {
    while (cursor < events.length && (events[cursor]?.score ?? 0) < threshold) {
      const event = events[cursor];
      if (event?.isOutOfScope) oosBelow++;
      else if (event?.isCorrect) correctBelow++;
      cursor++;
    }
    const accuracy = inScope.length > 0 ? (correctTotal - correctBelow) / inScope.length : 0;
    const recall = oosBelow / outOfScope.length;
    const objective = (1 - oosShare) * accuracy + oosShare * recall;
    if (objective > bestObjective + 1e-12) {
      bestObjective = objective;
      best = { threshold, inScopeAccuracy: accuracy, outOfScopeRecall: recall };
    }
  }
  return best;
}
