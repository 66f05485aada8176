/** Evaluation metrics of the benchmark protocols (`../shared/notes/benchmarks.md`). */

/**
 * Mean absolute scaled error at one origin: mean |forecast − actual| over the horizon divided by the
 * in-sample mean |y_t − y_{t−7}| over the days before the origin (the seasonal-naive scale).
 */
export function computeMase(history: readonly number[], actual: readonly number[], forecast: readonly number[]): number {
  let scale = 0;
  let count = 0;
  for (let t = 7; t < history.length; t++) {
    scale += Math.abs(history[t]! - history[t - 7]!);
    count++;
  }
  scale /= count;
  let error = 0;
  for (let h = 0; h < actual.length; h++) error += Math.abs(forecast[h]! - actual[h]!);
  return error / actual.length / scale;
}

/** ROC AUC by the rank-sum (Mann–Whitney) formula, ties counted as one half. */
export function computeRocAuc(scores: readonly number[], labels: readonly (0 | 1 | boolean)[]): number {
  const order = scores.map((_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let positives = 0;
  let rankSumPositives = 0;
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j + 1 < order.length && scores[order[j + 1]!] === scores[order[i]!]) j++;
    const averageRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (labels[order[k]!]) {
        positives++;
        rankSumPositives += averageRank;
      }
    }
    i = j + 1;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSumPositives - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** HR@k and NDCG@k (binary gains, log2(rank+1) discount, ideal DCG over min(k, |relevant|)) for one list. */
export function computeRankingMetrics(
  ranked: readonly string[],
  relevant: ReadonlySet<string>,
  k: number,
): { hit: number; ndcg: number } {
  let dcg = 0;
  let hit = 0;
  for (let r = 0; r < Math.min(k, ranked.length); r++) {
    if (relevant.has(ranked[r]!)) {
      hit = 1;
      dcg += 1 / Math.log2(r + 2);
    }
  }
  let ideal = 0;
  for (let r = 0; r < Math.min(k, relevant.size); r++) ideal += 1 / Math.log2(r + 2);
  return { hit, ndcg: ideal === 0 ? 0 : dcg / ideal };
}

function mean(values: readonly number[]): number {
  return values.reduce((s, x) => s + x, 0) / values.length;
}

/** Sample covariance (n − 1 in the denominator); with a = b, the sample variance. */
function covariance(a: readonly number[], b: readonly number[]): number {
  const meanA = mean(a);
  const meanB = mean(b);
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i]! - meanA) * (b[i]! - meanB);
  return sum / (a.length - 1);
}

/** Average ranks (1-based), ties sharing the mean of their positions. */
function averageRanks(values: readonly number[]): number[] {
  const order = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!);
  const ranks = new Array<number>(values.length);
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j + 1 < order.length && values[order[j + 1]!] === values[order[i]!]) j++;
    for (let k = i; k <= j; k++) ranks[order[k]!] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return ranks;
}

/** Spearman rank correlation (Pearson correlation of average ranks); NaN when either side is constant. */
export function computeSpearman(a: readonly number[], b: readonly number[]): number {
  const ra = averageRanks(a);
  const rb = averageRanks(b);
  const varianceA = covariance(ra, ra);
  const varianceB = covariance(rb, rb);
  return varianceA > 0 && varianceB > 0 ? covariance(ra, rb) / Math.sqrt(varianceA * varianceB) : Number.NaN;
}

/**
 * DeLong's structural components of the ROC AUC: for each positive, the share of negatives it outscores
 * (ties one half), and for each negative, the share of positives that outscore it. Their means are the
 * AUC; their variances give its standard error without resampling (DeLong, DeLong & Clarke-Pearson 1988).
 */
function aucComponents(scores: readonly number[], labels: readonly (0 | 1 | boolean)[]): { positives: number[]; negatives: number[] } {
  const positiveScores: number[] = [];
  const negativeScores: number[] = [];
  scores.forEach((score, i) => (labels[i] ? positiveScores : negativeScores).push(score));
  const below = (sorted: readonly number[], x: number): number => {
    // count of values < x plus half the count of values == x, by two binary searches
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    const less = lo;
    hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! <= x) lo = mid + 1;
      else hi = mid;
    }
    return less + (lo - less) / 2;
  };
  const sortedNegatives = [...negativeScores].sort((a, b) => a - b);
  const sortedPositives = [...positiveScores].sort((a, b) => a - b);
  return {
    positives: positiveScores.map((x) => below(sortedNegatives, x) / negativeScores.length),
    negatives: negativeScores.map((y) => 1 - below(sortedPositives, y) / positiveScores.length),
  };
}


/**
 * Two scorers on the same labelled cases: each one's AUC with its standard error, and the standard
 * error of their difference, which is much smaller than either alone because both are scored on the
 * same customers (DeLong's paired test). A target a measured AUC misses by less than about two standard
 * errors is not distinguishable from it on this test set.
 */
export function compareRocAuc(
  scoresA: readonly number[],
  scoresB: readonly number[],
  labels: readonly (0 | 1 | boolean)[],
): { aucA: number; aucB: number; standardErrorA: number; standardErrorB: number; difference: number; differenceStandardError: number } {
  const a = aucComponents(scoresA, labels);
  const b = aucComponents(scoresB, labels);
  const m = a.positives.length;
  const n = a.negatives.length;
  if (m < 2 || n < 2) throw new Error("compareRocAuc: need at least two positives and two negatives");
  const varA = covariance(a.positives, a.positives) / m + covariance(a.negatives, a.negatives) / n;
  const varB = covariance(b.positives, b.positives) / m + covariance(b.negatives, b.negatives) / n;
  const covAB = covariance(a.positives, b.positives) / m + covariance(a.negatives, b.negatives) / n;
  const aucA = mean(a.positives);
  const aucB = mean(b.positives);
  return {
    aucA,
    aucB,
    standardErrorA: Math.sqrt(varA),
    standardErrorB: Math.sqrt(varB),
    difference: aucA - aucB,
    differenceStandardError: Math.sqrt(Math.max(0, varA + varB - 2 * covAB)),
  };
}
