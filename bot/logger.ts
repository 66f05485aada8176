import type { Logger } from "../core/ports.ts";

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40 } as const;

/** JSON lines on stderr, so stdout stays free for commands whose output is data. */
export function createLogger(level: keyof typeof LEVELS = "info", write: (line: string) => void = (l) => process.stderr.write(l + "\n")): Logger {
  const min = LEVELS[level];
  const log = (lvl: keyof typeof LEVELS) => (message: string, context?: Record<string, unknown>) => {
    if (LEVELS[lvl] < min) return;
    write(JSON.stringify({ time: new Date().toISOString(), level: lvl, message, ...context }));
  };
  return { info: log("info"), warn: log("warn"), error: log("error") };
}

/** A logger that keeps lines in memory (tests assert on what was logged). */
export function createMemoryLogger(): Logger & { lines: { level: string; message: string; context?: Record<string, unknown> }[] } {
  const lines: { level: string; message: string; context?: Record<string, unknown> }[] = [];
  const push = (level: string) => (message: string, context?: Record<string, unknown>) => void lines.push({ level, message, ...(context ? { context } : {}) });
  return { lines, info: push("info"), warn: push("warn"), error: push("error") };
}
