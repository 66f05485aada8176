/**
 * The database handle the domain works with. It is Prisma's client, passed in by `bot/` (never a
 * module-level singleton), so a test can hand each suite its own fresh database.
 */
import type { PrismaClient, Prisma } from "../prisma/generated/client.ts";

export type Db = PrismaClient;
/** A client bound to an open interactive transaction. */
export type Tx = Prisma.TransactionClient;
export type { Prisma };
