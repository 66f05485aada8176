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
  // One flat row-major matrix and typed vectors: the Hessian's n·p²/2 multiply-adds are most of the
  // daily digest's lead-scoring time, and they run several times faster over a Float64Array than
  // over arrays of arrays. The arithmetic and its order are those of the plain version.
  const x = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    const row = features[i]!;
    for (let j = 0; j < p; j++) x[i * p + j] = row[j]!;
  }
  const y = Float64Array.from(labels);
  const w = new Float64Array(n);
  let totalWeight = 0;
  for (let i = 0; i < n; i++) totalWeight += options.weights ? options.weights[i]! : 1;
  for (let i = 0; i < n; i++) w[i] = (options.weights ? options.weights[i]! : 1) / totalWeight;
  // beta[0] is the intercept.
  const beta = new Float64Array(p + 1);
  let positive = 0;
  for (let i = 0; i < n; i++) positive += (options.weights ? options.weights[i]! : 1) * y[i]!;
  const rate = Math.min(1 - 1e-6, Math.max(1e-6, positive / totalWeight));
  beta[0] = Math.log(rate / (1 - rate));
  const objective = (b: Float64Array): number => {
    let loss = 0;
    for (let i = 0; i < n; i++) {
      let z = b[0]!;
      const offset = i * p;
      for (let j = 0; j < p; j++) z += b[j + 1]! * x[offset + j]!;
      // log(1 + e^z) − y·z, stable for large |z|
      const softplus = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
      loss += w[i]! * (softplus - y[i]! * z);
    }
    let penalty = 0;
    for (let j = 1; j <= p; j++) penalty += b[j]! * b[j]!;
    return loss + (lambda / 2) * penalty;
  };
  const size = p + 1;
  const gradient = new Float64Array(size);
  // Lower triangle, row-major (size × size); index 0 is the intercept.
  const hessian = new Float64Array(size * size);
  let iterations = 0;
  let converged = false;
  for (; iterations < maxIterations && !converged; iterations++) {
    gradient.fill(0);
    hessian.fill(0);
    for (let i = 0; i < n; i++) {
      const offset = i * p;
      let z = beta[0]!;
      for (let j = 0; j < p; j++) z += beta[j + 1]! * x[offset + j]!;
      const prob = sigmoid(z);
      const residual = w[i]! * (prob - y[i]!);
      const curvature = w[i]! * prob * (1 - prob);
      gradient[0] = gradient[0]! + residual;
      hessian[0] = hessian[0]! + curvature;
      for (let j = 0; j < p; j++) {
        const xj = x[offset + j]!;
        gradient[j + 1] = gradient[j + 1]! + residual * xj;
        const rowStart = (j + 1) * size;
        hessian[rowStart] = hessian[rowStart]! + curvature * xj;
        const cxj = curvature * xj;
        for (let k = 0; k <= j; k++) hessian[rowStart + k + 1] = hessian[rowStart + k + 1]! + cxj * x[offset + k]!;
      }
    }
    const system: number[][] = Array.from({ length: size }, (_, j) => Array.from({ length: size }, (_, k) => (k <= j ? hessian[j * size + k]! : hessian[k * size + j]!)));
    const rhs: number[] = Array.from(gradient);
    for (let j = 1; j <= p; j++) {
      rhs[j] = rhs[j]! + lambda * beta[j]!;
      system[j]![j] = system[j]![j]! + lambda;
    }
    const step = solveSymmetricPositiveDefinite(system, rhs);
    // Damped Newton: halve the step while it does not lower the objective (guards separable data).
    const before = objective(beta);
    let scale = 1;
    const candidate = new Float64Array(size);
    for (let j = 0; j < size; j++) candidate[j] = beta[j]! - step[j]!;
    for (let halvings = 0; halvings < 30 && !(objective(candidate) <= before); halvings++) {
      scale /= 2;
      for (let j = 0; j < size; j++) candidate[j] = beta[j]! - scale * step[j]!;
    }
    let largest = 0;
    for (let j = 0; j < size; j++) {
      largest = Math.max(largest, Math.abs(candidate[j]! - beta[j]!));
      beta[j] = candidate[j]!;
    }
    if (largest < tolerance) converged = true;
  }
  return { intercept: beta[0]!, coefficients: Array.from(beta.subarray(1)), iterations, converged };
}
