/**
 * The turn's own write: the conversation's new dialogue state and the turn's messages (the inbound
 * one first, then the replies) in one statement. It runs inside the turn's transaction, after
 * everything the handlers wrote, so it is the last write of the turn; one statement instead of two
 * saves a round trip on every message (see `npm run measure:round-trips`).
 */
import type { Db, Prisma, Tx } from "../db.ts";

/** One message of the turn as saved. */
export interface TurnMessage {
  direction: "inbound" | "outbound";
  text: string;
  payload?: string | null;
  attachment?: Prisma.InputJsonValue;
  intent?: string;
  confidence?: number;
}

export interface SaveTurnOptions {
  conversationId: number;
  state: Prisma.InputJsonValue;
  at: Date;
  /** The owner's "you are waiting for a person" note was sent in this turn. */
  handoffAcknowledged: boolean;
  messages: readonly TurnMessage[];
}

/** Saves the turn; returns the saved messages' ids in the order given. */
export async function saveTurn(db: Db | Tx, options: SaveTurnOptions): Promise<{ id: number; direction: TurnMessage["direction"] }[]> {
  const { conversationId, state, at, handoffAcknowledged, messages } = options;
  // Timestamps travel as ISO text: cast to the columns' timestamp without time zone, the UTC instant stays as it is.
  const stamp = at.toISOString();
  const rows = messages.map((m) => ({
    direction: m.direction,
    text: m.text,
    payload: m.payload ?? null,
    attachment: m.attachment ?? null,
    intent: m.intent ?? null,
    confidence: m.confidence ?? null,
  }));
  const saved = await db.$queryRaw<{ id: number; direction: TurnMessage["direction"] }[]>`
    WITH conversation AS (
      UPDATE "Conversation"
      SET state = CAST(${JSON.stringify(state)} AS jsonb),
          "lastInboundAt" = CAST(${stamp} AS timestamp(3)),
          "updatedAt" = CAST(${stamp} AS timestamp(3)),
          "handoffAcknowledged" = "handoffAcknowledged" OR CAST(${handoffAcknowledged} AS boolean)
      WHERE id = ${conversationId}
      RETURNING id
    )
    INSERT INTO "Message" ("conversationId", direction, text, payload, attachment, intent, confidence, "createdAt")
    SELECT conversation.id, CAST(m.direction AS "MessageDirection"), m.text, m.payload, m.attachment, m.intent, m.confidence, CAST(${stamp} AS timestamp(3))
    FROM conversation,
         ROWS FROM (jsonb_to_recordset(CAST(${JSON.stringify(rows)} AS jsonb))
           AS (direction text, text text, payload text, attachment jsonb, intent text, confidence double precision))
         WITH ORDINALITY AS m(direction, text, payload, attachment, intent, confidence, n)
    ORDER BY m.n
    RETURNING id, direction::text AS direction`;
  if (saved.length !== messages.length) throw new Error(`conversation ${conversationId} not saved: ${saved.length} of ${messages.length} messages written`);
  return saved;
}
