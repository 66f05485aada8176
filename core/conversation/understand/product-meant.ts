/**
 * The one product a message is about: the one it mentions, else (mentioning none) the product last
 * discussed ("anything like it?", "when will it be back?"); undefined when it mentions several or
 * none is known. Pure over the message's reading.
 */
import type { Product } from "../../../prisma/generated/client.ts";
import type { TDialogueState } from "../dialogue-state.ts";
import { productIn } from "./find-mentions.ts";
import type { Understanding } from "./understanding.ts";

export function productMeantIn(u: Pick<Understanding, "mentions" | "catalog">, state: Pick<TDialogueState, "lastProductId">): Product | undefined {
  if (u.mentions.length === 1) return u.mentions[0];
  return u.mentions.length === 0 ? productIn(u.catalog, state.lastProductId) : undefined;
}
