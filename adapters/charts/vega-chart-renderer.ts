/**
 * Renders the digest chart with Vega-Lite (compiled to a Vega view, rendered headless to SVG) and
 * rasterises it with resvg. The font ships with the app (dejavu-fonts-ttf) so labels render on a
 * server without system fonts; CJK titles fall back to system fonts when present.
 */
import { createRequire } from "node:module";
import path from "node:path";
import { Resvg } from "@resvg/resvg-js";
import * as vega from "vega";
import * as vegaLite from "vega-lite";
import type { ChartRenderer, DigestChartData } from "../../core/digest/chart-port.ts";

const require = createRequire(import.meta.url);
const FONT_DIR = path.join(path.dirname(require.resolve("dejavu-fonts-ttf/package.json")), "ttf");
const FONT_FILES = ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"].map((f) => path.join(FONT_DIR, f));

/** The Vega-Lite spec: revenue (actual, forecast, 80 % band) above, funnel bars below. */
export function buildDigestChartSpec(data: DigestChartData): vegaLite.TopLevelSpec {
  const major = (minor: number) => Math.round(minor) / 100;
  const series = [
    ...data.actual.map((d) => ({ date: d.date, value: major(d.revenueMinor), kind: data.labels.actual })),
    ...data.forecast.map((d) => ({ date: d.date, value: major(d.revenueMinor), kind: data.labels.forecast })),
  ];
  const band = data.forecast.map((d) => ({ date: d.date, lower: major(d.lowerMinor), upper: major(d.upperMinor) }));
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: { text: data.title, font: "DejaVu Sans", fontSize: 15 },
    config: { font: "DejaVu Sans", view: { stroke: null } },
    vconcat: [
      {
        width: 620,
        height: 220,
        layer: [
          {
            data: { values: band },
            mark: { type: "area", opacity: 0.25, color: "#f58518" },
            encoding: {
              x: { field: "date", type: "temporal", title: null },
              y: { field: "lower", type: "quantitative", title: `${data.labels.revenue} (${data.currency})` },
              y2: { field: "upper" },
              tooltip: [{ field: "lower" }, { field: "upper" }],
            },
          },
          {
            data: { values: series },
            mark: { type: "line", point: { size: 20 } },
            encoding: {
              x: { field: "date", type: "temporal", title: null, axis: { format: "%d %b" } },
              y: { field: "value", type: "quantitative" },
              color: { field: "kind", type: "nominal", title: null, scale: { range: ["#4c78a8", "#f58518"] }, legend: { orient: "top", direction: "horizontal" } },
              strokeDash: { field: "kind", type: "nominal", legend: null },
            },
          },
        ],
      },
      {
        width: 620,
        height: 160,
        title: { text: data.labels.funnel, fontSize: 13 },
        data: { values: data.funnel.map((f, i) => ({ ...f, order: i })) },
        layer: [
          { mark: { type: "bar", color: "#54a24b" }, encoding: { y: { field: "stage", type: "nominal", sort: { field: "order" }, title: null }, x: { field: "count", type: "quantitative", title: data.labels.people } } },
          { mark: { type: "text", align: "left", dx: 3 }, encoding: { y: { field: "stage", type: "nominal", sort: { field: "order" } }, x: { field: "count", type: "quantitative" }, text: { field: "count" } } },
        ],
      },
    ],
  };
}

export function createVegaChartRenderer(): ChartRenderer {
  return {
    async renderDigestChart(data) {
      // Quiet loggers: Vega's harmless layout warnings would otherwise go to the console.
      const spec = vegaLite.compile(buildDigestChartSpec(data), { logger: vega.logger(vega.None) }).spec;
      const view = new vega.View(vega.parse(spec), { renderer: "none", logLevel: vega.None });
      try {
        const svg = await view.toSVG();
        const png = new Resvg(svg, {
          background: "white",
          fitTo: { mode: "zoom", value: 2 },
          font: { fontFiles: FONT_FILES, loadSystemFonts: true, defaultFontFamily: "DejaVu Sans" },
        }).render().asPng();
        return new Uint8Array(png);
      } finally {
        view.finalize();
      }
    },
  };
}
