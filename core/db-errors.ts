/**
 * Recognises a unique-key violation however it arrives: Prisma's P2002 (PostgreSQL through
 * @prisma/adapter-pg) or a DriverAdapterError carrying SQLSTATE 23505 (PGlite's adapter). Races
 * that end in a unique violation are expected (two first messages, a redelivered update) and are
 * recovered from, not reported.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const code = (error as { code?: unknown }).code;
  const cause = (error as { cause?: { code?: unknown; kind?: unknown } }).cause;
  return code === "P2002" || cause?.code === "23505" || cause?.kind === "UniqueConstraintViolation";
}
