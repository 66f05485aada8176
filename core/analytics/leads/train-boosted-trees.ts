/**
 * Gradient-boosted regression trees for binary log-loss (second-order, histogram splits), small on
 * purpose: the lead scorer adds them to its logistic regression to pick up what a linear model on
 * log features cannot (thresholds and interactions, e.g. "one order, long ago" vs "many orders, long
 * ago"). A few dozen features and thousands of examples train in well under a second, with no package.
 *
 * Deterministic: row subsampling uses a seeded generator, so two trainings on the same data agree. The
 * model is plain arrays (JSON-serialisable), stored inside the lead scorer's model.
 */
import { createSeededRandom } from "../../lib/seeded-random.ts";
import { sigmoid } from "./train-logistic-regression.ts";

export interface TrainBoostedTreesOptions {
  /** One row per example. Any monotone scale works (splits are on quantile bins). */
  features: readonly (readonly number[])[];
  labels: readonly (0 | 1)[];
  /** Number of trees; default 300. */
  rounds?: number;
  /** Shrinkage of every leaf value; default 0.03. */
  learningRate?: number;
  /** Depth of every tree (2 = up to 4 leaves, two-way interactions); default 2. */
  maxDepth?: number;
  /** Least Σ p(1−p) on each side of a split (≈ 40 examples at p = 0.5); default 10. */
  minLeafHessian?: number;
  /** Share of rows drawn (independently per row) for each tree; default 0.7. */
  subsample?: number;
  /** Quantile bins per feature; at most 256; default 32. */
  bins?: number;
  /** L2 penalty on leaf values (the λ of XGBoost); default 1. */
  l2?: number;
  /** Seed of the row subsampling; default 1. */
  seed?: number;
}

/**
 * One tree as parallel arrays; node 0 is the root. Node i is a leaf when `feature[i]` is −1 (its log-odds
 * step is `value[i]`); otherwise rows with `x[feature[i]] <= threshold[i]` go to `left[i]`, others to `right[i]`.
 */
export interface BoostedTree {
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  value: number[];
}

export interface BoostedTreesModel {
  /** Log-odds of the training base rate, where boosting started. */
  baseMargin: number;
  trees: BoostedTree[];
}

/** The model's log-odds for one row. */
export function predictBoostedTreesMargin(model: BoostedTreesModel, row: readonly number[]): number {
  let margin = model.baseMargin;
  for (const tree of model.trees) {
    let node = 0;
    while (tree.feature[node]! >= 0) {
      node = (row[tree.feature[node]!] ?? 0) <= tree.threshold[node]! ? tree.left[node]! : tree.right[node]!;
    }
    margin += tree.value[node]!;
  }
  return margin;
}

/** Fits the trees by Newton boosting on the mean log-loss. */
export function trainBoostedTrees(options: TrainBoostedTreesOptions): BoostedTreesModel {
  const { features, labels } = options;
  const n = features.length;
  if (n === 0 || labels.length !== n) throw new Error("trainBoostedTrees: need as many labels as feature rows, at least one");
  const p = features[0]!.length;
  const rounds = options.rounds ?? 300;
  const learningRate = options.learningRate ?? 0.03;
  const maxDepth = options.maxDepth ?? 2;
  const minLeafHessian = options.minLeafHessian ?? 10;
  const subsample = options.subsample ?? 0.7;
  const binCount = Math.min(256, Math.max(2, options.bins ?? 32));
  const lambda = options.l2 ?? 1;
  const random = createSeededRandom(options.seed ?? 1);

  // Quantile cut points per feature; bin b holds values in (cuts[b−1], cuts[b]].
  const cuts: number[][] = [];
  const binned: Uint8Array[] = [];
  for (let j = 0; j < p; j++) {
    const sorted = features.map((row) => row[j]!).sort((a, b) => a - b);
    const featureCuts: number[] = [];
    for (let b = 1; b < binCount; b++) {
      const value = sorted[Math.floor((b * n) / binCount)]!;
      if (featureCuts.length === 0 || value > featureCuts[featureCuts.length - 1]!) featureCuts.push(value);
    }
    const column = new Uint8Array(n);
    for (let i = 0; i < n; i++) column[i] = binOf(featureCuts, features[i]![j]!);
    cuts.push(featureCuts);
    binned.push(column);
  }

  let positives = 0;
  for (const label of labels) positives += label;
  const rate = Math.min(1 - 1e-6, Math.max(1e-6, positives / n));
  const baseMargin = Math.log(rate / (1 - rate));
  const margin = new Float64Array(n).fill(baseMargin);
  const gradient = new Float64Array(n);
  const hessian = new Float64Array(n);
  const histogramG = new Float64Array(256);
  const histogramH = new Float64Array(256);
  const trees: BoostedTree[] = [];

  const grow = (tree: BoostedTree, rows: Int32Array, depth: number): number => {
    let sumG = 0;
    let sumH = 0;
    for (const i of rows) {
      sumG += gradient[i]!;
      sumH += hessian[i]!;
    }
    const node = tree.feature.length;
    tree.feature.push(-1);
    tree.threshold.push(0);
    tree.left.push(-1);
    tree.right.push(-1);
    tree.value.push((-sumG / (sumH + lambda)) * learningRate);
    if (depth >= maxDepth || sumH < 2 * minLeafHessian) return node;
    const parentScore = (sumG * sumG) / (sumH + lambda);
    let bestGain = 1e-9;
    let bestFeature = -1;
    let bestBin = -1;
    for (let j = 0; j < p; j++) {
      const bins = cuts[j]!.length + 1;
      if (bins < 2) continue;
      histogramG.fill(0, 0, bins);
      histogramH.fill(0, 0, bins);
      const column = binned[j]!;
      for (const i of rows) {
        const b = column[i]!;
        histogramG[b] = histogramG[b]! + gradient[i]!;
        histogramH[b] = histogramH[b]! + hessian[i]!;
      }
      let leftG = 0;
      let leftH = 0;
      for (let b = 0; b < bins - 1; b++) {
        leftG += histogramG[b]!;
        leftH += histogramH[b]!;
        const rightH = sumH - leftH;
        if (leftH < minLeafHessian || rightH < minLeafHessian) continue;
        const rightG = sumG - leftG;
        const gain = (leftG * leftG) / (leftH + lambda) + (rightG * rightG) / (rightH + lambda) - parentScore;
        if (gain > bestGain) {
          bestGain = gain;
          bestFeature = j;
          bestBin = b;
        }
      }
    }
    if (bestFeature < 0) return node;
    const column = binned[bestFeature]!;
    let leftCount = 0;
    for (const i of rows) if (column[i]! <= bestBin) leftCount++;
    const leftRows = new Int32Array(leftCount);
    const rightRows = new Int32Array(rows.length - leftCount);
    let l = 0;
    let r = 0;
    for (const i of rows) {
      if (column[i]! <= bestBin) leftRows[l++] = i;
      else rightRows[r++] = i;
    }
    tree.feature[node] = bestFeature;
    tree.threshold[node] = cuts[bestFeature]![bestBin]!;
    tree.left[node] = grow(tree, leftRows, depth + 1);
    tree.right[node] = grow(tree, rightRows, depth + 1);
    return node;
  };

  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < n; i++) {
      const probability = sigmoid(margin[i]!);
      gradient[i] = probability - labels[i]!;
      hessian[i] = probability * (1 - probability);
    }
    const drawn: number[] = [];
    for (let i = 0; i < n; i++) if (subsample >= 1 || random() < subsample) drawn.push(i);
    const tree: BoostedTree = { feature: [], threshold: [], left: [], right: [], value: [] };
    grow(tree, Int32Array.from(drawn), 0);
    trees.push(tree);
    const single: BoostedTreesModel = { baseMargin: 0, trees: [tree] };
    for (let i = 0; i < n; i++) margin[i] = margin[i]! + predictBoostedTreesMargin(single, features[i]!);
  }
  return { baseMargin, trees };
}

/** Index of the first cut ≥ value (= number of cuts below it). */
function binOf(cuts: readonly number[], value: number): number {
  let lo = 0;
  let hi = cuts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (value <= cuts[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
