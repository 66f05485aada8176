/**
 * Solves the small symmetric positive-definite systems of Newton steps (a dozen to a few dozen
 * unknowns), so the lead scorer needs no matrix package.
 */

/**
 * Solves `A x = b` for a symmetric positive-definite `A` (row-major, n×n) by Cholesky. A tiny ridge is
 * added to the diagonal when a pivot is not positive, so nearly singular systems still give an answer.
 */
export function solveSymmetricPositiveDefinite(a: readonly number[][], b: readonly number[]): number[] {
  const n = b.length;
  for (let jitter = 0; jitter < 8; jitter++) {
    const ridge = jitter === 0 ? 0 : 1e-10 * 10 ** (jitter * 2);
    const l: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    let ok = true;
    for (let i = 0; i < n && ok; i++) {
      const li = l[i]!;
      const ai = a[i]!;
      for (let j = 0; j <= i; j++) {
        const lj = l[j]!;
        let sum = ai[j]! + (i === j ? ridge : 0);
        for (let k = 0; k < j; k++) sum -= li[k]! * lj[k]!;
        if (i === j) {
          if (!(sum > 0)) {
            ok = false;
            break;
          }
          li[i] = Math.sqrt(sum);
        } else {
          li[j] = sum / lj[j]!;
        }
      }
    }
    if (!ok) continue;
    const y = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) {
      let sum = b[i]!;
      for (let k = 0; k < i; k++) sum -= l[i]![k]! * y[k]!;
      y[i] = sum / l[i]![i]!;
    }
    const x = new Array<number>(n).fill(0);
    for (let i = n - 1; i >= 0; i--) {
      let sum = y[i]!;
      for (let k = i + 1; k < n; k++) sum -= l[k]![i]! * x[k]!;
      x[i] = sum / l[i]![i]!;
    }
    return x;
  }
  throw new Error("solveSymmetricPositiveDefinite: matrix is not positive definite");
}
