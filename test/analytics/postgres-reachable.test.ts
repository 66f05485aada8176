/**
 * `npm run bench:analytics` checks whether PostgreSQL answers before measuring on it. The probe must
 * leave nothing open: it once left a connected `pg.Client` behind, and the benchmark printed its
 * table and then never exited. A child process runs the probe alone and must exit by itself.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";

function probeInChild(url: string): Promise<{ code: number | null; stdout: string; timedOut: boolean }> {
  const script = `import { isPostgresReachable } from "./bench/lib/postgres-reachable.ts";\nprocess.stdout.write(String(await isPostgresReachable(${JSON.stringify(url)})));`;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      resolve({ code: null, stdout, timedOut: true });
    }, 20_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, timedOut: false });
    });
  });
}

describe("the benchmark's PostgreSQL probe", () => {
  it("answers and lets the process exit, whether or not a server is there", async () => {
    const [maybeUp, down] = await Promise.all([probeInChild(POSTGRES_URL), probeInChild("postgresql://postgres@127.0.0.1:1/none")]);
    expect(down).toEqual({ code: 0, stdout: "false", timedOut: false });
    expect(maybeUp.timedOut).toBe(false);
    expect(maybeUp.code).toBe(0);
    expect(["true", "false"]).toContain(maybeUp.stdout);
  });
});
