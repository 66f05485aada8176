/**
 * Dense-by-sparse products and softmax shared by the ensemble members. Weights are feature-major
 * (`weights[feature * columns + column]`) so one active feature reads one contiguous row.
 *
 * Hot loops index typed arrays with `!`: every index is in range by construction, and the `?? 0`
 * form costs a branch per multiply-add in the innermost loop.
 */
import type { SparseVector } from "./feature-space.ts";

/** out[c] = bias[c] + Σ_k x_k · weights[index_k, c]. */
export function multiplySparse(x: SparseVector, weights: Float32Array, bias: Float32Array, columns: number, out: Float64Array): void {
  for (let c = 0; c < columns; c++) out[c] = bias[c]!;
  const { indices, values } = x;
  for (let k = 0; k < indices.length; k++) {
    const v = values[k]!;
    const base = indices[k]! * columns;
    for (let c = 0; c < columns; c++) out[c]! += v * weights[base + c]!;
  }
}

/** Log-softmax of `scores / temperature`, written into `out` (may alias `scores`). */
export function logSoftmax(scores: Float64Array, temperature: number, out: Float64Array): void {
  let max = -Infinity;
  for (let c = 0; c < scores.length; c++) max = Math.max(max, scores[c]! / temperature);
  let total = 0;
  for (let c = 0; c < scores.length; c++) total += Math.exp(scores[c]! / temperature - max);
  const logTotal = Math.log(total) + max;
  for (let c = 0; c < scores.length; c++) out[c] = scores[c]! / temperature - logTotal;
}
