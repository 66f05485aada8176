import type { Rule } from "../rule.ts";

/**
 * "Delete my data", "删除我的数据" (erasure) or "what data do you have about me?", "你们有我的哪些数据"
 * (access), in any state: the request is recorded and the owner asked to answer it. Both in one
 * message is an erasure (the stronger request; the owner can still export first).
 */
export const dataRequest: Rule = {
  name: "data-request",
  decide: (u) => (u.tags.dataErasure ? { kind: "dataRequest", request: "erasure" } : u.tags.dataAccess ? { kind: "dataRequest", request: "access" } : null),
};
