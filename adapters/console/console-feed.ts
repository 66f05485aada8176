/**
 * The console's side of the ports: owner notifications kept in a ring buffer the owner pane polls,
 * and a messenger that accepts console customers (their pane polls the conversation log, where
 * core already wrote the message).
 */
import type { CustomerMessenger, Notifier, OwnerNotification } from "../../core/ports.ts";
import type { TLocale } from "../../core/messages.ts";
import { describeOwnerNotification } from "../../core/owner/describe-notification.ts";
import { writeOwnerCommand } from "../../core/owner/parse-owner-command.ts";
import type { DigestPublisher } from "../../core/digest/publish-digest.ts";

export interface FeedItem {
  id: number;
  at: string;
  text: string;
  notification?: OwnerNotification;
  /** The notification's buttons as Slack shows them, each with the command line it runs when pressed. */
  buttons?: { label: string; payload: string }[];
}

/** One line an owner can read for each notification, in the owner's language (the words are core's, as in Slack). */
export function describeNotification(n: OwnerNotification, locale: TLocale = "en"): string {
  return describeOwnerNotification(n, locale).line;
}

export function createConsoleFeed(options: { capacity?: number; now?: () => Date; locale?: TLocale } = {}) {
  const capacity = options.capacity ?? 200;
  const now = options.now ?? (() => new Date());
  const items: FeedItem[] = [];
  const listeners = new Set<(item: FeedItem) => void>();
  let nextId = 1;
  const push = (item: Omit<FeedItem, "id" | "at">) => {
    const added = { id: nextId++, at: now().toISOString(), ...item };
    items.push(added);
    if (items.length > capacity) items.splice(0, items.length - capacity);
    for (const listener of listeners) listener(added);
  };
  const notifier: Notifier = {
    async notify(notification) {
      const notice = describeOwnerNotification(notification, options.locale ?? "en");
      const buttons = notice.buttons.map((b) => ({ label: b.label, payload: writeOwnerCommand(b.command) }));
      push({ text: notice.line, notification, ...(buttons.length > 0 ? { buttons } : {}) });
    },
  };
  /** The daily digest, shown in the owner's feed as its sections' text. */
  const digestPublisher: DigestPublisher = {
    name: "console",
    async publishDigest(digest) {
      push({ text: [digest.title, ...digest.sections.map((s) => s.text)].join("\n\n") });
    },
  };
  const messenger: CustomerMessenger = {
    async send(target) {
      return target.channel === "console";
    },
  };
  return {
    notifier,
    messenger,
    digestPublisher,
    after: (id: number) => items.filter((i) => i.id > id),
    /** Calls `listener` with each item as it arrives (the dashboard's live updates); returns the unsubscribe. */
    subscribe(listener: (item: FeedItem) => void): () => void {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
