/**
 * The classic forecasts for intermittent demand (many weeks with no sale), kept as the peers
 * bench:inventory measures our forecaster against, and for anyone who wants to compare. Pure; a
 * series is units per period, oldest first; leading periods without a sale are skipped (the product
 * had not started). Both return the expected units per period, flat over any horizon.
 */

/**
 * Croston (1972): simple exponential smoothing, with `alpha`, of the sizes of the non-zero demands and
 * of the intervals between them; the forecast is size ÷ interval. Starts from the first demand and an
 * interval of 1. 0 when nothing sold.
 */
export function forecastCroston(series: readonly number[], alpha = 0.1): number {
  let size: number | null = null;
  let interval = 1;
  let sinceLast = 1;
  for (const units of series) {
    if (units > 0) {
      if (size === null) {
        size = units;
        interval = sinceLast;
      } else {
        size += alpha * (units - size);
        interval += alpha * (sinceLast - interval);
      }
      sinceLast = 1;
    } else if (size !== null) sinceLast++;
  }
  return size === null ? 0 : size / interval;
}

/**
 * Teunter, Syntetos & Babai (2011): the probability of a sale in a period, smoothed every period with
 * `beta` (so it decays while nothing sells, unlike Croston's interval), times the size of a sale,
 * smoothed with `alpha` when one happens. Starts from the first sale (probability 1). 0 when nothing sold.
 */
export function forecastTsb(series: readonly number[], alpha = 0.1, beta = 0.1): number {
  let size: number | null = null;
  let probability = 1;
  for (const units of series) {
    if (size === null) {
      if (units > 0) size = units;
      continue;
    }
    if (units > 0) {
      size += alpha * (units - size);
      probability += beta * (1 - probability);
    } else probability -= beta * probability;
  }
  return size === null ? 0 : size * probability;
}
