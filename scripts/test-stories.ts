/**
 * `npm run test:stories [-- --catalog FILE …] [--story TEXT] [--json]`
 *
 * Plays the end-to-end stories of each catalog (test/stories/catalogs/*.yml by default) through the
 * customer assistant on a fresh embedded database (PGlite; a scratch database on TEST_DATABASE_URL's
 * server when set), and prints, per catalog, how many stories there are and how many held, then
 * each story that did not hold: the step, what was said, what did not hold and the replies. With
 * --json the last line of stdout is one JSON object. Exits 0 when every catalog was played (the
 * figures are the result), 1 when a catalog or story file cannot be read.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { listCatalogFiles, loadCatalog, playCatalog, type CatalogTally } from "../test/helpers/stories.ts";

const { values } = parseArgs({
  options: {
    catalog: { type: "string", multiple: true },
    story: { type: "string" },
    json: { type: "boolean", default: false },
    quiet: { type: "boolean", default: false },
  },
});

async function main(): Promise<number> {
  const files = values.catalog?.length ? values.catalog.map((f) => path.resolve(f)) : listCatalogFiles();
  let catalogs;
  try {
    catalogs = files.map(loadCatalog);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  }
  const modelCacheDir = mkdtempSync(path.join(tmpdir(), "solo-sales-stories-"));
  const tallies: (CatalogTally & { seconds: number })[] = [];
  const filter = values.story ? (s: { story: string }) => s.story.toLowerCase().includes(values.story!.toLowerCase()) : undefined;
  for (const catalog of catalogs) {
    const started = performance.now();
    const tally = await playCatalog(catalog, { modelCacheDir, ...(filter ? { filter } : {}) });
    tallies.push({ ...tally, seconds: (performance.now() - started) / 1000 });
    if (!values.quiet) {
      for (const f of tally.failures) {
        const failure = f.failure!;
        console.log(`✗ ${catalog.name} · ${f.file} · ${f.story}\n    step ${failure.step}: ${failure.said}\n    ${failure.problems.join("\n    ")}${failure.trace ? `\n    decided by ${failure.trace.rule} (${failure.trace.decision})` : ""}\n    replies: ${failure.replies.replace(/\n/g, "\n             ")}`);
      }
    }
  }
  const pct = (t: { stories: number; held: number }) => (t.stories ? (100 * t.held) / t.stories : 0).toFixed(1);
  console.log(`\n${"catalog".padEnd(28)}${"stories".padStart(8)}${"Chinese".padStart(9)}${"held".padStart(6)}${"%".padStart(7)}${"seconds".padStart(9)}`);
  for (const t of tallies) console.log(`${t.catalog.padEnd(28)}${String(t.stories).padStart(8)}${String(t.chinese).padStart(9)}${String(t.held).padStart(6)}${pct(t).padStart(7)}${t.seconds.toFixed(1).padStart(9)}`);
  const total = { stories: tallies.reduce((n, t) => n + t.stories, 0), held: tallies.reduce((n, t) => n + t.held, 0), chinese: tallies.reduce((n, t) => n + t.chinese, 0) };
  console.log(`${"all".padEnd(28)}${String(total.stories).padStart(8)}${String(total.chinese).padStart(9)}${String(total.held).padStart(6)}${pct(total).padStart(7)}`);
  if (values.json) {
    console.log(JSON.stringify({
      catalogs: tallies.map((t) => ({ catalog: t.catalog, stories: t.stories, chinese: t.chinese, held: t.held, percent: Number(pct(t)), seconds: Number(t.seconds.toFixed(1)), failed: t.failures.map((f) => `${f.file}: ${f.story}`) })),
      ...total,
      percent: Number(pct(total)),
    }));
  }
  return 0;
}

process.exit(await main());
