/**
 * Renders the digest chart with Vega-Lite (compiled to a Vega view, rendered headless to SVG) and
 * rasterises it with resvg. The fonts ship with the app, and only they are used, so the chart is
 * drawn the same on any server: DejaVu Sans (dejavu-fonts-ttf) for Latin text and Noto Sans SC
 * (@embedpdf/fonts-sc, OFL) for Chinese, which resvg falls back to for the characters DejaVu lacks,
 * so OWNER_LOCALE=zh labels are characters, not boxes, on a server with no CJK font installed.
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { Resvg } from "@resvg/resvg-js";
import * as vega from "vega";
import * as vegaLite from "vega-lite";
import type { ChartRenderer, DigestChartData } from "../../core/digest/chart-port.ts";

const require = createRequire(import.meta.url);
const FONT_DIR = path.join(path.dirname(require.resolve("dejavu-fonts-ttf/package.json")), "ttf");
/** The Chinese font's file: the package's folder found on the resolution paths (its package.json is not exported). */
function cjkFontFile(): string {
  const name = "@embedpdf/fonts-sc";
  for (const dir of require.resolve.paths(name) ?? []) {
    const file = path.join(dir, name, "fonts", "NotoSansHans-Regular.otf");
    if (existsSync(file)) return file;
  }
  throw new Error("the @embedpdf/fonts-sc package is not installed (npm install)");
}
/** The chart's fonts, all shipped with the app; system fonts are never loaded. */
export const CHART_FONTS = {
  fontFiles: [...["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"].map((f) => path.join(FONT_DIR, f)), cjkFontFile()],
  loadSystemFonts: false,
  defaultFontFamily: "DejaVu Sans",
  sansSerifFamily: "DejaVu Sans",
};

/** Latin from DejaVu Sans, Chinese from Noto Sans SC (its family name inside the file is "Noto Sans S Chinese"). */
const CHART_FONT_FAMILY = "DejaVu Sans, Noto Sans S Chinese";

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
    title: { text: data.title, font: CHART_FONT_FAMILY, fontSize: 15 },
    config: { font: CHART_FONT_FAMILY, view: { stroke: null } },
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
          font: CHART_FONTS,
        }).render().asPng();
        return new Uint8Array(png);
      } finally {
        view.finalize();
      }
    },
  };
}
