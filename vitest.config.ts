import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Each file opens its own database; two workers match the two cores CI has.
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 30_000,
    // expect.poll waits for something the app does on its own (a reply in the browser, a post to the
    // fake Slack); its 1 s default is shorter than one chat turn takes while the other worker loads
    // both cores (a browser test failed on it in CI). A poll that succeeds still returns at once.
    expect: { poll: { timeout: 10_000 } },
    hookTimeout: 60_000,
  },
});
