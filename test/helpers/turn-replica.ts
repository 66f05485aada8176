/**
 * One replica of the shop for the cross-process tests: a separate Node process (forked by the test)
 * that builds the app as `npm start` does against the PostgreSQL database named on its command line,
 * then handles the console messages the parent sends over IPC and sends back the replies.
 *
 *   parent → child  { id, externalUserId, text }        child → parent  { ready: true }
 *                                                       child → parent  { id, replies, errors }
 * The child exits when the parent disconnects.
 */
import { createApp } from "../../bot/app.ts";
import { loadConfig } from "../../bot/config.ts";
import { openDatabase } from "../../bot/database.ts";
import { createMemoryLogger } from "../../bot/logger.ts";
import { SHARED_MODEL_CACHE } from "../fakes/shared-model-cache.ts";

/** What the parent asks a replica to handle. */
export interface ReplicaRequest {
  id: number;
  externalUserId: string;
  text: string;
}

/** What a replica answers: the replies' texts and any error the turn logged. */
export interface ReplicaResponse {
  id: number;
  replies: string[];
  errors: string[];
}

const [url] = process.argv.slice(2);
if (!url || !process.send) throw new Error("usage: fork turn-replica.ts <postgresql url> (with an IPC channel)");
const send = (message: unknown) => process.send!(message);

const database = await openDatabase({ kind: "postgres", url });
const logger = createMemoryLogger();
const app = await createApp({ config: loadConfig({ DATA_DIR: SHARED_MODEL_CACHE }), db: database.prisma, logger });

process.on("message", (raw) => {
  const request = raw as ReplicaRequest;
  void (async () => {
    const before = logger.lines.length;
    const replies = await app.customer.handle({ channel: "console", externalUserId: request.externalUserId, text: request.text });
    const errors = logger.lines.slice(before).filter((l) => l.level === "error").map((l) => `${l.message}: ${JSON.stringify(l.context)}`);
    send({ id: request.id, replies: replies.map((r) => r.text), errors } satisfies ReplicaResponse);
  })();
});
process.on("disconnect", () => {
  void database.close().finally(() => process.exit(0));
});
send({ ready: true });
