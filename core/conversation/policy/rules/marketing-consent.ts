import type { Rule } from "../rule.ts";

/**
 * "Unsubscribe", "退订", "不要再发了" withdraw marketing consent and "subscribe", "订阅" give it, in any
 * state (the order being put together stays as it was). A bare "stop" withdraws it only when no step
 * of the conversation is open: at "Please confirm" or "cancel order #N?" it keeps meaning no there
 * (flow-deny, flow-cancel), and "stop my order" never reads as this at all.
 */
export const marketingConsent: Rule = {
  name: "marketing-consent",
  decide: (u, state) => {
    const { tags } = u;
    if (tags.stopMarketing) return { kind: "marketingConsent", given: false };
    if (tags.startMarketing) return { kind: "marketingConsent", given: true };
    const stepOpen = state.flow !== undefined || state.cart.length > 0;
    return tags.bareStop && !stepOpen ? { kind: "marketingConsent", given: false } : null;
  },
};
