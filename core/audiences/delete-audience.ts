/** `audience delete <name>`: forgets a saved audience (campaigns already sent keep their recipients). */
import type { Db } from "../db.ts";
import { AppError } from "../errors.ts";
import { findSavedAudience } from "./find-saved-audience.ts";
import { unquoteAudienceName } from "./resolve-audience.ts";

/** Deletes the audience of that name (any case) and returns it as it was saved; refuses a name not saved. */
export async function deleteAudience(db: Db, name: string): Promise<{ name: string; definition: unknown }> {
  const wanted = unquoteAudienceName(name);
  const saved = await findSavedAudience(db, wanted);
  if (!saved) throw new AppError("NOT_FOUND", { message: `no audience ${wanted}`, refusal: { kind: "audienceNotFound", name: wanted } });
  await db.audience.deleteMany({ where: { id: saved.id } });
  return { name: saved.name, definition: saved.definition };
}
