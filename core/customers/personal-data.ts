/**
 * Where a customer's personal data lives, column by column, and what erasure does to each column
 * ({@link eraseCustomerData}). Every column of every model is listed: a test fails when the schema
 * gains a column this map does not classify, so a new place for personal data cannot slip past the
 * erasure unnoticed.
 *
 * "kept" columns hold nothing that identifies a person once the customer row is anonymous: ids,
 * dates, amounts, statuses, catalog data, the owner's own texts. They are what keeps the accounts
 * and the analytics (sales, funnel, segments) adding up after an erasure.
 */

/** What erasure does to a column holding personal data. */
export type TErasure =
  /** Set to null. */
  | "nulled"
  /** Replaced by an empty text. */
  | "emptied"
  /** Reset to its empty value (`{}`, false). */
  | "reset"
  /** The whole row is deleted. */
  | "row deleted"
  /** Texts inside the JSON are removed; numbers and yes/no values stay (what the analytics count). */
  | "texts removed"
  /** Set to null on the rows about the erased customer (their customer, orders and conversations). */
  | "nulled where about them"
  /** Set to the moment of erasure. */
  | "set";

export type TColumnClass = "kept" | { personal: TErasure };

/** Model → column → how erasure treats it. Relations (object fields) are not columns and are not listed. */
export const PERSONAL_DATA: Record<string, Record<string, TColumnClass>> = {
  Customer: {
    id: "kept",
    name: { personal: "nulled" },
    email: { personal: "nulled" },
    phone: { personal: "nulled" },
    address: { personal: "nulled" },
    locale: "kept",
    marketingConsent: { personal: "reset" },
    consentAt: { personal: "nulled" },
    // When the chat asked for consent: a date about the shop's own question, nothing about the person.
    consentAskedAt: "kept",
    // An import's key for the person in the source system ("online-retail:12346").
    externalRef: { personal: "nulled" },
    erasedAt: { personal: "set" },
    createdAt: "kept",
    updatedAt: "kept",
  },
  ChannelIdentity: {
    id: { personal: "row deleted" },
    customerId: { personal: "row deleted" },
    channel: { personal: "row deleted" },
    externalId: { personal: "row deleted" },
    username: { personal: "row deleted" },
    displayName: { personal: "row deleted" },
    createdAt: { personal: "row deleted" },
    unreachableAt: { personal: "row deleted" },
  },
  Conversation: {
    id: "kept",
    customerId: "kept",
    channel: "kept",
    // Not personal; erasure still hands a waiting conversation back to the bot (nobody can answer them).
    mode: "kept",
    handoffRequestedAt: "kept",
    handoffReason: { personal: "nulled" },
    // The Slack thread that holds their messages.
    handoffThreadRef: { personal: "nulled" },
    handoffAcknowledged: "kept",
    // The dialogue state may hold text they typed (a question kept for later) and their cart.
    state: { personal: "reset" },
    lowConfidenceStreak: "kept",
    lastInboundAt: "kept",
    lastOwnerReplyAt: "kept",
    createdAt: "kept",
    updatedAt: "kept",
  },
  Message: {
    id: "kept",
    conversationId: "kept",
    direction: "kept",
    text: { personal: "emptied" },
    intent: "kept",
    confidence: "kept",
    payload: { personal: "nulled" },
    attachment: { personal: "nulled" },
    createdAt: "kept",
    // Whether and how the owner dealt with it in the "misunderstood" queue: dates and labels, nothing about the person.
    reviewedAt: "kept",
    review: "kept",
  },
  Lead: {
    id: "kept",
    customerId: "kept",
    stage: "kept",
    source: "kept",
    score: "kept",
    scoreReasons: "kept",
    lastActivityAt: "kept",
    createdAt: "kept",
    updatedAt: "kept",
  },
  LeadStageChange: { id: "kept", leadId: "kept", fromStage: "kept", toStage: "kept", source: "kept", at: "kept" },
  Product: {
    id: "kept", sku: "kept", name: "kept", nameZh: "kept", description: "kept", descriptionZh: "kept", category: "kept", categoryZh: "kept", tags: "kept",
    priceMinor: "kept", currency: "kept", stock: "kept", lowStockThreshold: "kept", consumable: "kept", imageUrl: "kept", active: "kept", createdAt: "kept", updatedAt: "kept",
    // The supplier's terms and the stock plan worked out from all customers' sales together: nobody's own.
    leadDays: "kept", minOrder: "kept", planForecast: "kept", planPace: "kept", planReorderPoint: "kept", planOrderUpTo: "kept", plannedAt: "kept", reorderAlertedAt: "kept",
  },
  // Nobody can be told any more that the product is back.
  StockAlert: {
    id: { personal: "row deleted" },
    customerId: { personal: "row deleted" },
    productId: { personal: "row deleted" },
    createdAt: { personal: "row deleted" },
    notifiedAt: { personal: "row deleted" },
  },
  Order: {
    id: "kept",
    customerId: "kept",
    status: "kept",
    channel: "kept",
    totalMinor: "kept",
    deliveryMinor: "kept",
    currency: "kept",
    // A payment provider's or bank's reference leads back to the payer.
    paymentRef: { personal: "nulled" },
    refundedAt: "kept",
    refundRef: { personal: "nulled" },
    // A parcel's tracking leads to the delivery address.
    trackingRef: { personal: "nulled" },
    shippingAddress: { personal: "nulled" },
    // The shop's own invoice number (an import's key), needed to import again without duplicates.
    externalRef: "kept",
    // The code redeemed and what it took off: the shop's offer and an amount, about no one.
    promoId: "kept",
    discountMinor: "kept",
    placedAt: "kept",
    createdAt: "kept",
    updatedAt: "kept",
  },
  OrderLine: { id: "kept", orderId: "kept", productId: "kept", quantity: "kept", unitPriceMinor: "kept" },
  OrderStatusChange: { id: "kept", orderId: "kept", fromStatus: "kept", toStatus: "kept", actor: "kept", at: "kept" },
  Event: { id: "kept", customerId: "kept", productId: "kept", type: "kept", data: { personal: "texts removed" }, at: "kept" },
  JobRun: { id: "kept", job: "kept", periodKey: "kept", status: "kept", attempts: "kept", owner: "kept", error: "kept", result: "kept", startedAt: "kept", finishedAt: "kept" },
  ProcessedUpdate: { id: "kept", source: "kept", updateId: "kept", processedAt: "kept" },
  FollowUp: { id: "kept", kind: "kept", subject: "kept", conversationId: "kept", delivered: "kept", sentAt: "kept" },
  // Evidence of what the customer agreed to and when (given, source, time): kept under the anonymous id.
  ConsentChange: { id: "kept", customerId: "kept", given: "kept", source: "kept", at: "kept", actor: "kept" },
  // The owner's campaign: its name, audience definition and texts are the owner's, about no one.
  Campaign: {
    id: "kept", name: "kept", audience: "kept", textEn: "kept", textZh: "kept", productId: "kept", status: "kept", scheduledAt: "kept",
    createdAt: "kept", startedAt: "kept", finishedAt: "kept", createdBy: "kept", trigger: "kept",
    holdoutPercent: "kept", holdoutSeed: "kept", budgetMinor: "kept", goal: "kept", promoCode: "kept",
  },
  // One recipient of a campaign: the chat it went to is theirs; whether and when it was sent stays for the campaign's figures.
  CampaignDelivery: {
    id: "kept", campaignId: "kept", customerId: "kept", channel: "kept", externalId: { personal: "emptied" }, status: "kept", reason: "kept",
    claimedBy: "kept", claimedAt: "kept", sentAt: "kept", attempts: "kept", nextAttemptAt: "kept", createdAt: "kept", occasion: "kept", productId: "kept",
  },
  // The owner's promo code: its terms and how often it was used, never who used it (that is on their orders).
  Promo: {
    id: "kept", code: "kept", kind: "kept", value: "kept", currency: "kept", minMinor: "kept", startsAt: "kept", endsAt: "kept", maxUses: "kept", used: "kept",
    perCustomer: "kept", audience: "kept", productSkus: "kept", category: "kept", endedAt: "kept", createdAt: "kept", createdBy: "kept",
  },
  // What brought the customer (a campaign, its button, a link, a code) and when: no personal data, kept under the anonymous id for the campaigns' figures.
  Touch: { id: "kept", customerId: "kept", kind: "kept", campaignId: "kept", code: "kept", at: "kept" },
  // The owner's notes about the customer: about them, so they go with them.
  CustomerNote: { id: { personal: "row deleted" }, customerId: { personal: "row deleted" }, text: { personal: "row deleted" }, actor: { personal: "row deleted" }, createdAt: { personal: "row deleted" } },
  // A customer's words the owner taught the assistant: their words, so erasing them removes the example too.
  IntentExample: { id: { personal: "row deleted" }, text: { personal: "row deleted" }, intent: { personal: "row deleted" }, messageId: { personal: "row deleted" }, customerId: { personal: "row deleted" }, actor: { personal: "row deleted" }, createdAt: { personal: "row deleted" } },
  FaqEntry: { id: "kept", question: "kept", answer: "kept", createdAt: "kept", updatedAt: "kept" },
  // The owner's definitions of whom to address (terms such as no-order=60d), never a list of people.
  Audience: { id: "kept", name: "kept", definition: "kept", createdAt: "kept", updatedAt: "kept" },
  // A customer's request about their data and the owner's answer: dates and kinds, the record that it was answered.
  DataRequest: { id: "kept", customerId: "kept", kind: "kept", requestedAt: "kept", answeredAt: "kept", answer: "kept", answeredBy: "kept" },
  AuditEntry: {
    id: "kept",
    at: "kept",
    // The owner's own id ("slack:U123"), not a customer's.
    actor: "kept",
    action: "kept",
    subject: "kept",
    before: { personal: "nulled where about them" },
    after: { personal: "nulled where about them" },
  },
};
