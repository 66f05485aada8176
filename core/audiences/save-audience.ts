/**
 * `audience save <name> <definition>`: keeps a definition under a name, or replaces the definition
 * of the audience of that name (whatever its case: "Lapsed" replaces "lapsed", and takes the new
 * spelling). The definition is checked first (it parses, its products and categories exist) and
 * stored parsed; a name that could be read as a definition, or the start of a command, is refused.
 */
import { z } from "zod";
import { isUniqueViolation } from "../db-errors.ts";
import type { Db } from "../db.ts";
import { AppError, type TAudienceRefusal } from "../errors.ts";
import type { TAudienceDefinition } from "./audience-definition.ts";
import { checkAudienceDefinition } from "./check-audience-definition.ts";
import { findSavedAudience } from "./find-saved-audience.ts";

/** Words of the definition language and of the `audience` commands: a name cannot be one of them. */
const RESERVED = new Set(["and", "or", "not", "within", "save", "delete", "everyone", "everybody", "all", "opted-in", "opted_in", "optedin", "opt-in", "subscribed"]);

/**
 * A saved audience's name: 1–60 characters with no operator (`= < >`), parenthesis or quote, not a
 * word of the definition language, so that `audience <name|definition>` can always tell them apart.
 */
export const ZAudienceName = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .refine((name) => !/[=<>()（）＝＞＜"“”「」\n\r\t]/u.test(name) && !RESERVED.has(name.toLowerCase()), "not a name an audience can have");

export interface SavedAudience {
  id: number;
  name: string;
  definition: TAudienceDefinition;
  /** True when an audience of that name existed and its definition was replaced. */
  replaced: boolean;
}

function refuse(refusal: TAudienceRefusal): never {
  throw new AppError("INVALID_INPUT", { message: `audience not saved: ${refusal.kind}`, refusal });
}

export async function saveAudience(db: Db, input: { name: string; definition: string; currency: string }): Promise<SavedAudience> {
  const name = ZAudienceName.safeParse(input.name);
  if (!name.success) refuse({ kind: "audienceNameInvalid", name: input.name });
  const checked = await checkAudienceDefinition(db, input.definition, { currency: input.currency });
  if (!checked.ok) refuse(checked.refusal);
  const definition = checked.definition;
  // Two saves of one new name at once: the unique index on lower(name) lets one create it, the other replaces it.
  for (let attempt = 0; ; attempt++) {
    const existing = await findSavedAudience(db, name.data);
    try {
      const saved = existing
        ? await db.audience.update({ where: { id: existing.id }, data: { name: name.data, definition } })
        : await db.audience.create({ data: { name: name.data, definition } });
      return { id: saved.id, name: saved.name, definition, replaced: existing !== null };
    } catch (error) {
      if (attempt > 0 || !isUniqueViolation(error)) throw error;
    }
  }
}
