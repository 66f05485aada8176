/**
 * Types for the parts of `ml-regression` (ships no declarations) that the analytics engines use.
 * `MultivariateLinearRegression` is re-exported from ml-regression-multivariate-linear; this mirrors its
 * own declaration file.
 */
declare module "ml-regression" {
  export interface MultivariateLinearRegressionOptions {
    /** Add an intercept column (default true). */
    intercept?: boolean;
    /** Compute standard errors and t statistics (default true; costs a pseudo-inverse). */
    statistics?: boolean;
  }

  /** Ordinary least squares for several inputs and outputs, solved through an SVD of XᵀX. */
  export class MultivariateLinearRegression {
    constructor(x: number[][], y: number[][], options?: MultivariateLinearRegressionOptions);
    /** One row per input (plus a last row for the intercept), one column per output. */
    weights: number[][];
    predict(x: number[]): number[];
    predict(x: number[][]): number[][];
  }
}
