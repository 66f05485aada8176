/** `order <id> tracking <number or link>`: the tracking number of an order, given or corrected after the fact. */
import { z } from "zod";
import { giveTracking } from "../give-tracking.ts";
import { ZId, ZTrackingRef } from "../read-command-words.ts";
import type { OwnerCommand } from "./define-command.ts";

const ZArgs = z.object({ orderId: ZId, trackingRef: ZTrackingRef });
const USAGE = "order <id> tracking <tracking number or link>";

export const trackingCommand: OwnerCommand<"tracking", z.infer<typeof ZArgs>> = {
  verb: "tracking",
  words: ["order"],
  usage: USAGE,
  help: { en: "give or correct an order's tracking number; the customer gets it once it is shipped", zh: "补充或更正订单的快递单号；发货后会告诉顾客" },
  examples: ["order 12 tracking RM123456789GB", "order 12 tracking https://track.example/RM1"],
  ZArgs,
  mutates: true,
  read(words) {
    const id = ZId.safeParse(words[1]?.replace(/^#/, ""));
    if (!id.success || !/^tracking$/i.test(words[2] ?? "")) return null;
    const trackingRef = ZTrackingRef.safeParse(words.slice(3).join(" "));
    return trackingRef.success ? { ok: true, args: { orderId: id.data, trackingRef: trackingRef.data } } : { ok: false, usage: USAGE };
  },
  write: ({ orderId, trackingRef }) => `order ${orderId} tracking ${trackingRef}`,
  run: (context, { orderId, trackingRef }) => giveTracking(context, orderId, trackingRef),
};
