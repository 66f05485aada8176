/**
 * The digest chart's fonts ship with the app and are the only ones used: Chinese labels
 * (OWNER_LOCALE=zh) are drawn with the bundled Noto Sans SC on a server with no CJK font at all,
 * instead of the empty boxes a system fallback gives there.
 */
import { Resvg } from "@resvg/resvg-js";
import { describe, expect, it } from "vitest";
import { CHART_FONTS } from "../../adapters/charts/vega-chart-renderer.ts";

/** How many pixels of a white-backed rendering are not white. */
function inkOf(svg: string, fonts: typeof CHART_FONTS): number {
  const { pixels } = new Resvg(svg, { background: "white", font: fonts }).render();
  let ink = 0;
  for (let i = 0; i < pixels.length; i += 4) if (pixels[i]! < 200) ink++;
  return ink;
}

const chinese = (family: string) => `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="60"><text x="10" y="40" font-family="${family}" font-size="28">营业额预测</text></svg>`;

describe("the digest chart's fonts", () => {
  it("never loads the system's fonts", () => {
    expect(CHART_FONTS.loadSystemFonts).toBe(false);
    expect(CHART_FONTS.fontFiles.some((f) => f.includes("node_modules") && f.endsWith(".otf"))).toBe(true);
  });

  it("draws Chinese text with the bundled CJK font, where without it only empty boxes come out", () => {
    const withCjk = inkOf(chinese("DejaVu Sans, Noto Sans S Chinese"), CHART_FONTS);
    const latinOnly = inkOf(chinese("DejaVu Sans, Noto Sans S Chinese"), { ...CHART_FONTS, fontFiles: CHART_FONTS.fontFiles.filter((f) => !f.endsWith(".otf")) });
    expect(withCjk).toBeGreaterThan(300);
    // Without it, resvg draws a hollow box per character: far less ink than the characters' strokes.
    expect(withCjk).toBeGreaterThan(latinOnly * 1.5);
    // DejaVu named first, as the chart's spec does: the Chinese characters still come from the fallback.
    expect(inkOf(chinese("DejaVu Sans"), CHART_FONTS)).toBeGreaterThan(300);
  });
});
