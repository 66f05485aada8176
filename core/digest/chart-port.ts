/**
 * What the digest's chart shows, as plain data; the rendering (Vega-Lite to PNG) is an adapter.
 */
export interface DigestChartData {
  title: string;
  currency: string;
  /** Recent actual daily revenue, minor units. */
  actual: { date: string; revenueMinor: number }[];
  /** Forecast daily revenue with its 80 % interval, minor units. */
  forecast: { date: string; revenueMinor: number; lowerMinor: number; upperMinor: number }[];
  /** Funnel stage counts in order, for the bars. */
  funnel: { stage: string; count: number }[];
  labels: { actual: string; forecast: string; interval: string; revenue: string; funnel: string; people: string };
}

export interface ChartRenderer {
  /** A PNG image of the digest chart. */
  renderDigestChart(data: DigestChartData): Promise<Uint8Array>;
}
