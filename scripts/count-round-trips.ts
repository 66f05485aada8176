/**
 * `npm run measure:round-trips [-- --json] [-- --verbose]`
 *
 * Plays a scripted 12-turn customer conversation (hello, browse, a product question, an order of
 * two, confirm, the address, where is my order, …) against a fresh embedded database with the demo
 * shop, and prints the database round trips of each turn and in total: queries, transactions opened
 * and their COMMIT/ROLLBACK statements, counted at the driver adapter (what the database answers,
 * including what Prisma adds for nested writes). Migrations and the demo seed are not counted.
 *
 * With `--json` the last stdout line is one JSON object `{ turns: [...], total, queries,
 * transactions }`; `--verbose` also prints each turn's replies and SQL (to stderr). The figure is
 * deterministic: a fixed clock and a fresh database each run.
 */
import { parseArgs } from "node:util";
import type { RoundTripCount } from "./lib/count-round-trips.ts";
import { measureScriptedConversation } from "./lib/measure-scripted-conversation.ts";

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { json: { type: "boolean", default: false }, verbose: { type: "boolean", default: false }, help: { type: "boolean", default: false } } });
  if (values.help) {
    console.error("usage: npm run measure:round-trips [-- --json] [-- --verbose]");
    return 0;
  }
  const log = (line: string) => (values.json ? console.error(line) : console.log(line));

  const { turns, errors } = await measureScriptedConversation();
  if (values.verbose) {
    for (const t of turns) {
      console.error(`\n> ${t.text}\n${t.replies.map((r) => `< ${r.text}`).join("\n")}\n${t.statements.map((s) => `  ${s.replace(/\s+/g, " ").slice(0, 160)}`).join("\n")}`);
    }
  }
  if (errors.length > 0) {
    console.error(`a turn failed, so the figure is not the conversation's: ${errors.join("; ")}`);
    return 1;
  }

  const sum = (key: keyof RoundTripCount) => turns.reduce((s, t) => s + t[key], 0);
  const width = Math.max(...turns.map((t) => t.text.length));
  log(`${"turn".padEnd(width + 4)} total  queries  transactions`);
  turns.forEach((t, i) => log(`${String(i + 1).padStart(2)}. ${t.text.padEnd(width)} ${String(t.total).padStart(5)}  ${String(t.queries).padStart(7)}  ${String(t.transactions).padStart(12)}`));
  log(`${"all turns".padEnd(width + 4)} ${String(sum("total")).padStart(5)}  ${String(sum("queries")).padStart(7)}  ${String(sum("transactions")).padStart(12)}`);
  if (values.json) {
    const perTurn = turns.map(({ text, queries, transactions, transactionEnds, total }) => ({ text, queries, transactions, transactionEnds, total }));
    console.log(JSON.stringify({ turns: perTurn, total: sum("total"), queries: sum("queries"), transactions: sum("transactions") }));
  }
  return 0;
}

process.exitCode = await main();
