/**
 * L2-regularised logistic regression fitted by Newton's method (iteratively reweighted least squares).
 * Small on purpose: lead scoring has a few dozen features and at most tens of thousands of examples, where
 * Newton converges in well under twenty steps and needs no learning rate. The intercept is not penalised.
 */
import { solveSymmetricPositiveDefinite } from "../lib/linear-algebra.ts";

export interface TrainLogisticRegressionOptions {
  /** One row per example, already scaled (the penalty assumes comparable feature scales). */
  features: readonly (readonly number[])[];
  labels: readonly (0 | 1)[];
  /** Penalty λ on ½‖β‖² relative to the mean log-loss; default 1e-3. */
  l2?: number;
  /** Per-example weights; default 1. */
  weights?: readonly number[];
  maxIterations?: number;
  /** Stop when the largest coefficient change is below this; default 1e-8. */
  tolerance?: number;
}

export interface LogisticRegressionModel {
  intercept: number;
  coefficients: number[];
  iterations: number;
  converged: boolean;
}

/** σ(z), computed without overflow for large |z|. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** Probability of class 1 for one (scaled) feature row. */
export function predictLogisticProbability(model: LogisticRegressionModel, features: readonly number[]): number {
  let z = model.intercept;
  for (let j = 0; j < model.coefficients.length; j++) z += model.coefficients[j]! * (features[j] ?? 0);
  return sigmoid(z);
}

/**
 * Minimises mean weighted log-loss + (λ/2)‖β‖². Separable data stays finite thanks to λ (use a small λ to
 * get a sharp boundary). Converges or stops after `maxIterations` (default 50) Newton steps.
 */
export function trainLogisticRegression(options: TrainLogisticRegressionOptions): LogisticRegressionModel {
  const { features, labels } = options;
  const n = features.length;
  if (n === 0 || labels.length !== n) throw new Error("trainLogisticRegression: need as many labels as feature rows, at least one");
  const p = features[0]!.length;
  const lambda = options.l2 ?? 1e-3;
  const maxIterations = options.maxIterations ?? 50;
  const tolerance = options.tolerance ?? 1e-8;
  const weights = options.weights ?? new Array<number>(n).fill(1);
  let totalWeight = 0;
  for (const w of weights) totalWeight += w;
  // beta[0] is the intercept.
  const beta = new Array<number>(p + 1).fill(0);
  let positive = 0;
  for (let i = 0; i < n; i++) positive += weights[i]! * labels[i]!;
  const rate = Math.min(1 - 1e-6, Math.max(1e-6, positive / totalWeight));
  beta[0] = Math.log(rate / (1 - rate));
  const objective = (b: readonly number[]): number => {
    let loss = 0;
    for (let i = 0; i < n; i++) {
      const row = features[i]!;
      let z = b[0]!;
      for (let j = 0; j < p; j++) z += b[j + 1]! * row[j]!;
      // log(1 + e^z) − y·z, stable for large |z|
      const softplus = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
      loss += (weights[i]! / totalWeight) * (softplus - labels[i]! * z);
    }
    let penalty = 0;
    for (let j = 1; j <= p; j++) penalty += b[j]! * b[j]!;
    return loss + (lambda / 2) * penalty;
  };
  let iterations = 0;
  let converged = false;
  for (; iterations < maxIterations && !converged; iterations++) {
    const gradient = new Array<number>(p + 1).fill(0);
    const hessian: number[][] = Array.from({ length: p + 1 }, () => new Array<number>(p + 1).fill(0));
    for (let i = 0; i < n; i++) {
      const row = features[i]!;
      let z = beta[0]!;
      for (let j = 0; j < p; j++) z += beta[j + 1]! * row[j]!;
      const prob = sigmoid(z);
      const w = weights[i]! / totalWeight;
      const residual = w * (prob - labels[i]!);
      const curvature = w * prob * (1 - prob);
      gradient[0] = gradient[0]! + residual;
      hessian[0]![0] = hessian[0]![0]! + curvature;
      for (let j = 0; j < p; j++) {
        const xj = row[j]!;
        gradient[j + 1] = gradient[j + 1]! + residual * xj;
        const hj = hessian[j + 1]!;
        hj[0] = hj[0]! + curvature * xj;
        for (let k = 0; k <= j; k++) hj[k + 1] = hj[k + 1]! + curvature * xj * row[k]!;
      }
    }
    for (let j = 0; j <= p; j++) {
      for (let k = 0; k < j; k++) hessian[k]![j] = hessian[j]![k]!;
    }
    for (let j = 1; j <= p; j++) {
      gradient[j] = gradient[j]! + lambda * beta[j]!;
      hessian[j]![j] = hessian[j]![j]! + lambda;
    }
    const step = solveSymmetricPositiveDefinite(hessian, gradient);
    // Damped Newton: halve the step while it does not lower the objective (guards separable data).
    const before = objective(beta);
    let scale = 1;
    let candidate = beta.map((b, j) => b - step[j]!);
    for (let halvings = 0; halvings < 30 && !(objective(candidate) <= before); halvings++) {
      scale /= 2;
      candidate = beta.map((b, j) => b - scale * step[j]!);
    }
    let largest = 0;
    for (let j = 0; j <= p; j++) {
      largest = Math.max(largest, Math.abs(candidate[j]! - beta[j]!));
      beta[j] = candidate[j]!;
    }
    if (largest < tolerance) converged = true;
  }
  return { intercept: beta[0]!, coefficients: beta.slice(1), iterations, converged };
}
