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
  const n = ra.length;
  const meanA = ra.reduce((s, x) => s + x, 0) / n;
  const meanB = rb.reduce((s, x) => s + x, 0) / n;
  let covariance = 0;
  let varianceA = 0;
  let varianceB = 0;
  for (let i = 0; i < n; i++) {
    covariance += (ra[i]! - meanA) * (rb[i]! - meanB);
    varianceA += (ra[i]! - meanA) ** 2;
    varianceB += (rb[i]! - meanB) ** 2;
  }
  return varianceA > 0 && varianceB > 0 ? covariance / Math.sqrt(varianceA * varianceB) : Number.NaN;
}
