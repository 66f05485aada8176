// The dashboard's charts: Vega-Lite specs compiled in the browser by the installed vega-lite, drawn
// by vega as SVG. Vega's expressions run through vega-interpreter, so the page's policy can forbid
// eval. The views are kept on window.dashboardCharts, where a test (or a curious owner in the
// developer tools) can read the data each chart drew.
import { expressionInterpreter } from "/dashboard/vendor/vega-interpreter.js";

const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Solo CJK', sans-serif";
window.dashboardCharts = window.dashboardCharts || {};

async function draw(name, container, spec) {
  const { vega, vegaLite } = window;
  window.dashboardCharts[name]?.finalize();
  container.replaceChildren();
  const compiled = vegaLite.compile(spec).spec;
  const view = new vega.View(vega.parse(compiled, null, { ast: true }), { expr: expressionInterpreter, renderer: "svg", container, hover: true, logLevel: vega.Error });
  await view.runAsync();
  window.dashboardCharts[name] = view;
  return view;
}

/** Major units of a currency (pounds from pence; yen stay yen). */
export function majorOf(currency) {
  const digits = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return (minor) => minor / 10 ** digits;
}

/** Revenue per day: the period's actual revenue and the forecast ahead with its 80 % band. */
export function drawRevenueChart(container, overview, labels) {
  const major = majorOf(overview.currency);
  const series = [
    ...overview.revenue.actual.map((d) => ({ date: d.date, value: major(d.revenueMinor), kind: labels.actual })),
    ...overview.revenue.forecast.map((d) => ({ date: d.date, value: major(d.revenueMinor), kind: labels.forecast })),
  ];
  const band = overview.revenue.forecast.map((d) => ({ date: d.date, low: major(d.lowMinor), high: major(d.highMinor), kind: labels.interval }));
  return draw("revenue", container, {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    description: labels.description,
    width: "container",
    height: 240,
    autosize: { type: "fit", contains: "padding" },
    config: { font: FONT, view: { stroke: null }, axis: { labelFontSize: 11, titleFontSize: 12 }, legend: { labelFontSize: 12 } },
    layer: [
      {
        data: { name: "band", values: band },
        mark: { type: "area", opacity: 0.22, color: "#c2410c" },
        encoding: {
          x: { field: "date", type: "temporal", title: null },
          y: { field: "low", type: "quantitative", title: `${labels.amount} (${overview.currency})` },
          y2: { field: "high" },
          tooltip: [{ field: "date", type: "temporal", title: labels.date }, { field: "low", type: "quantitative", format: ",.2f" }, { field: "high", type: "quantitative", format: ",.2f" }],
        },
      },
      {
        data: { name: "series", values: series },
        mark: { type: "line", point: overview.days <= 30, strokeWidth: 2 },
        encoding: {
          x: { field: "date", type: "temporal", title: null, axis: { format: "%d %b", labelOverlap: true } },
          y: { field: "value", type: "quantitative" },
          color: { field: "kind", type: "nominal", title: null, scale: { domain: [labels.actual, labels.forecast], range: ["#0b5394", "#c2410c"] }, legend: { orient: "top", direction: "horizontal" } },
          strokeDash: { field: "kind", type: "nominal", scale: { domain: [labels.actual, labels.forecast], range: [[1, 0], [5, 3]] }, legend: null },
          tooltip: [{ field: "date", type: "temporal", title: labels.date }, { field: "value", type: "quantitative", title: labels.amount, format: ",.2f" }, { field: "kind", title: " " }],
        },
      },
    ],
  });
}

/** The funnel's stages as bars, the bottleneck's stage in orange. */
export function drawFunnelChart(container, overview, labels) {
  const bottleneckTo = overview.funnel.bottleneck?.to;
  const values = overview.funnel.stages.map((s, order) => ({ stage: s.label, count: s.count, order, bottleneck: s.stage === bottleneckTo ? labels.bottleneck : labels.stage }));
  return draw("funnel", container, {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    description: labels.description,
    width: "container",
    height: 200,
    autosize: { type: "fit", contains: "padding" },
    config: { font: FONT, view: { stroke: null } },
    data: { name: "stages", values },
    encoding: { y: { field: "stage", type: "nominal", sort: values.map((v) => v.stage), title: null }, x: { field: "count", type: "quantitative", title: labels.people } },
    layer: [
      { mark: { type: "bar" }, encoding: { color: { field: "bottleneck", type: "nominal", scale: { domain: [labels.stage, labels.bottleneck], range: ["#2f7d4f", "#c2410c"] }, legend: null }, tooltip: [{ field: "stage" }, { field: "count" }] } },
      { mark: { type: "text", align: "left", dx: 3 }, encoding: { text: { field: "count" } } },
    ],
  });
}
