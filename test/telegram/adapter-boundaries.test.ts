/**
 * Adapters get services, not the database: the customer channels (Telegram, the web console and the
 * terminal chat) import neither the app (bot/) nor the database's type or client, and do not spell
 * core's button codes. A linter will hold this for the whole tree; until then this test does for
 * these adapters (Slack joins once it is given services too).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CHANNELS = ["adapters/telegram", "adapters/console"];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sourceFiles(file);
    return /\.(ts|js)$/.test(name) ? [file] : [];
  });
}

/** Every module a file imports (static, dynamic and type-only), resolved relative to the repository. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const specifiers = [...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)["']([^"']+)["']/g)].map((m) => m[1]!);
  return specifiers.map((s) => (s.startsWith(".") ? path.relative(ROOT, path.resolve(path.dirname(file), s)) : s));
}

const files = CHANNELS.flatMap((dir) => sourceFiles(path.join(ROOT, dir)));

describe("customer channel adapters", () => {
  it("are found where this test looks", () => {
    expect(files.map((f) => path.relative(ROOT, f))).toEqual(expect.arrayContaining(["adapters/telegram/create-telegram-adapter.ts", "adapters/console/web-server.ts", "adapters/console/terminal-chat.ts"]));
  });

  it("import neither the app nor the database", () => {
    const offending = files.flatMap((file) =>
      importsOf(file)
        .filter((target) => target.startsWith("bot/") || target === "core/db.ts" || target.startsWith("prisma/") || target.startsWith("@prisma/"))
        .map((target) => `${path.relative(ROOT, file)} → ${target}`),
    );
    expect(offending).toEqual([]);
  });

  it("build no button payload of core's by hand", () => {
    const spelled = files.flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/payload:\s*["'`]((?:[a-z]{1,3}|lang|sku)(?::[^"'`]*)?)["'`]/g)].map((m) => `${path.relative(ROOT, file)}: ${m[1]}`),
    );
    expect(spelled).toEqual([]);
  });
});
