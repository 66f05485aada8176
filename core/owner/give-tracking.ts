/**
 * `order N tracking <ref>` (and `order N shipped <ref>` for an order already shipped): the tracking
 * number saved on the order; a customer whose parcel is on its way (or arrived) gets it now,
 * otherwise with the "shipped" message.
 */
import { orderSubject } from "../audit/record-audit-entry.ts";
import { setOrderTracking } from "../orders/set-order-tracking.ts";
import { SENT_ORDER_STATUSES } from "../orders/order-rules.ts";
import type { OwnerCommandContext, OwnerReply } from "./commands/define-command.ts";
import { tellCustomer } from "./tell-customer.ts";

export async function giveTracking({ deps, t, audit }: OwnerCommandContext, orderId: number, trackingRef: string): Promise<OwnerReply[]> {
  const at = deps.clock.now();
  const { order, previous } = await setOrderTracking({ db: deps.db }, { orderId, trackingRef });
  if (previous !== trackingRef) await audit({ subject: orderSubject(orderId), before: { trackingRef: previous }, after: { trackingRef } });
  const sent = SENT_ORDER_STATUSES.includes(order.status);
  const told = sent && (await tellCustomer(deps, { customerId: order.customerId, at, text: (m) => m.trackingUpdate(order.id, trackingRef) }));
  return [{ text: t.tracking.saved(orderId, trackingRef, previous && previous !== trackingRef ? previous : null, told ? "told" : sent ? "sent" : "notYet") }];
}
