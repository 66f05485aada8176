import type { Rule } from "../rule.ts";
import { readFirstIntent } from "../read-intent.ts";

/**
 * The owner's own answer (owner command `faq`) to what the message asks, when it is not something
 * only the shop's data can answer (an email, an order number, a price, a position; a confident order,
 * cancellation, contact, handoff or complaint). The handler looks the FAQ up and declines when
 * nothing matches.
 */
export const faqAnswer: Rule = {
  name: "faq-answer",
  decide: (u, state) => {
    const { entities } = u;
    if (entities.email || entities.phone || entities.orderId !== undefined || entities.price || entities.ordinal) return null;
    const { intent, confident } = readFirstIntent(u, state);
    if (confident && ["place_order", "order_status", "cancel_order", "leave_contact", "human_handoff", "complaint"].includes(intent)) return null;
    return { kind: "faq", intent, confident };
  },
};
