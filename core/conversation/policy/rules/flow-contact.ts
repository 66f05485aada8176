import type { Rule } from "../rule.ts";

/** Asked for an email or phone: "no" drops the question, an email or phone (valid or not) answers it. */
export const flowContact: Rule = {
  name: "flow-contact",
  decide: (u, state) => {
    if (state.flow?.kind !== "contact") return null;
    if (u.tags.deny) return { kind: "abandonFlow" };
    const { email, phone, invalidEmail, invalidPhone } = u.entities;
    return email || phone || invalidEmail || invalidPhone ? { kind: "leaveContact" } : null;
  },
};
