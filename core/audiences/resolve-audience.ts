/**
 * What the owner means by an audience, wherever they give one (`audience <…>`, a campaign's
 * `audience=`): the name of a saved audience (any case), or else a definition typed out. Returns the
 * definition to evaluate, or a typed refusal (`TAudienceRefusal`, worded by `describeRefusal` in the
 * owner's language): a bare word that is neither is a name not found; anything else that does not
 * read is a definition with the character where reading stopped.
 */
import type { Db } from "../db.ts";
import type { TAudienceRefusal } from "../errors.ts";
import { ZAudienceDefinition, type TAudienceDefinition } from "./audience-definition.ts";
import { checkAudienceDefinition } from "./check-audience-definition.ts";
import { findSavedAudience } from "./find-saved-audience.ts";

export type TResolvedAudience =
  /** `name` is the saved audience's (as saved), or null for a definition typed out. */
  | { ok: true; name: string | null; definition: TAudienceDefinition }
  | { ok: false; refusal: TAudienceRefusal };

/** Quotes around a name (`"Tea lovers"`, Slack's curly ones) are not part of it. */
export function unquoteAudienceName(text: string): string {
  return text.trim().replace(/^["“”'「]+|["“”'」]+$/gu, "").trim();
}

/**
 * Resolves `nameOrDefinition`. `currency` is the shop's: amounts in a definition (`clv>100`) are in
 * it.
 */
export async function resolveAudience(db: Db, nameOrDefinition: string, options: { currency: string }): Promise<TResolvedAudience> {
  const text = nameOrDefinition.trim();
  const name = unquoteAudienceName(text);
  const saved = name ? await findSavedAudience(db, name) : null;
  if (saved) {
    const stored = ZAudienceDefinition.safeParse(saved.definition);
    return stored.success ? { ok: true, name: saved.name, definition: stored.data } : { ok: false, refusal: { kind: "audienceStoredInvalid", name: saved.name } };
  }
  const checked = await checkAudienceDefinition(db, text, options);
  if (checked.ok) return { ok: true, name: null, definition: checked.definition };
  // "lapsed", "Tea lovers": words with no operator that do not start with a term were meant as a name.
  const error = checked.refusal.kind === "audienceInvalid" ? checked.refusal.error : null;
  if (error?.kind === "unknownTerm" && error.position === 0 && !/[=<>()（）＝＞＜]/u.test(text)) return { ok: false, refusal: { kind: "audienceNotFound", name } };
  return checked;
}
