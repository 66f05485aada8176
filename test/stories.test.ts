/**
 * The end-to-end stories of test/stories/ (npm run test:stories plays the same), each catalog in its
 * own shop: on the embedded database every story, and at least 97 % of each catalog's must hold; on
 * PostgreSQL (TEST_DATABASE_URL) a slice of about 30 stories across the catalogs, as the same
 * conversations on the other engine.
 */
import { describe, expect, it } from "vitest";
import { SHARED_MODEL_CACHE } from "./fakes/shared-model-cache.ts";
import { TEST_DATABASE_URL } from "./helpers/test-database.ts";
import { isChineseStory, listCatalogFiles, loadCatalog, loadStories, playCatalog, type CatalogTally } from "./helpers/stories.ts";

const catalogs = listCatalogFiles().map(loadCatalog);
/** On PostgreSQL, every ninth story of each catalog: about 30 in all. */
const SLICE_EVERY = 9;

function describeFailures(tally: CatalogTally): string {
  return tally.failures.map((f) => `${f.file}: ${f.story} — step ${f.failure?.step} "${f.failure?.said}": ${f.failure?.problems.join("; ")}`).join("\n");
}

describe("the stories", () => {
  it("are at least 200, half of them in Chinese, on three catalogs", () => {
    const stories = catalogs.flatMap(loadStories);
    expect(catalogs.length).toBeGreaterThanOrEqual(3);
    expect(stories.length).toBeGreaterThanOrEqual(200);
    expect(stories.filter(isChineseStory).length * 2).toBeGreaterThanOrEqual(stories.length);
  });

  for (const catalog of catalogs) {
    if (!TEST_DATABASE_URL) {
      it(`hold on at least 97 % of the ${catalog.name}'s stories`, { timeout: 240_000 }, async () => {
        const tally = await playCatalog(catalog, { modelCacheDir: SHARED_MODEL_CACHE });
        expect(tally.stories).toBeGreaterThan(0);
        expect(tally.held / tally.stories, describeFailures(tally)).toBeGreaterThanOrEqual(0.97);
      });
    } else {
      it(`hold on a slice of the ${catalog.name}'s stories on PostgreSQL`, { timeout: 240_000 }, async () => {
        const tally = await playCatalog(catalog, { modelCacheDir: SHARED_MODEL_CACHE, filter: (_, index) => index % SLICE_EVERY === 0 });
        expect(tally.stories).toBeGreaterThanOrEqual(5);
        expect(tally.failures.length, describeFailures(tally)).toBeLessThanOrEqual(1);
      });
    }
  }
});
