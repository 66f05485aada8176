/**
 * End-to-end stories (the shape of Rasa's test stories): what a customer says or presses, turn by
 * turn, and what must hold after each turn, played through the real customer assistant
 * (`app.customer.handle`, as the console and Telegram call it) against a real database. A catalog
 * file says which shop the stories run in (the demo shop, or its own products and answers) and
 * where its stories are; `npm run test:stories` and test/stories.test.ts both play them with this.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import type { App } from "../../bot/app.ts";
import type { DecisionTrace } from "../../core/conversation/assistant-turn.ts";
import { orderItemsOf, readDialogueState } from "../../core/conversation/dialogue-state.ts";
import { ZFaqEntryInput } from "../../core/faq/manage-faq.ts";
import type { Reply } from "../../core/messages.ts";
import { containsChinese } from "../../core/nlu/normalize-text.ts";
import { ZProductFields } from "../../core/products/product-input.ts";
import { seedDemoShop } from "../../prisma/seed.ts";
import { createTestApp } from "./test-app.ts";

/** A product line a story expects: the product by SKU, and how many. */
const ZExpectedLine = z.object({ product: z.string().min(1), quantity: z.number().int().positive().optional() }).strict();
const oneOrMany = <T extends z.ZodType>(item: T) => z.union([item, z.array(item)]).transform((v) => (Array.isArray(v) ? v : [v]) as z.infer<T>[]);

/** One step: what the customer (or the owner) does, and what must hold after it. */
export const ZStoryStep = z.object({
  /** What the customer types. */
  user: z.string().optional(),
  /** The label (or part of it) of a button of the last replies, pressed. */
  press: z.string().optional(),
  /** An owner command typed in the back office; `{order}` stands for this customer's latest order's number. */
  owner: z.string().optional(),
  /** The intent the turn was answered as (one of several, when a list). */
  intent: oneOrMany(z.string()).optional(),
  /** The order being put together: exactly these lines (`[]`: nothing). */
  cart: z.array(ZExpectedLine).optional(),
  /** The customer's latest order: placed (or not: `false`), its status, its lines. */
  order: z.union([z.literal(false), z.object({ status: z.string().optional(), lines: z.array(ZExpectedLine).optional() }).strict()]).optional(),
  /** How many orders the customer has. */
  orders: z.number().int().min(0).optional(),
  /** The language of the replies. */
  lang: z.enum(["en", "zh"]).optional(),
  /** Phrases the replies contain (text or button labels, any case). */
  says: oneOrMany(z.string()).optional(),
  /** Phrases the replies must not contain. */
  not_says: oneOrMany(z.string()).optional(),
  /** Products (SKUs) the replies name, in English or Chinese. */
  mentions: oneOrMany(z.string()).optional(),
  /** Products (SKUs) the replies must not name. */
  not_mentions: oneOrMany(z.string()).optional(),
  /** Whether the owner has the conversation (a handoff). */
  handoff: z.boolean().optional(),
}).strict().refine((s) => [s.user, s.press, s.owner].filter((v) => v !== undefined).length === 1, "a step has one of user, press, owner");
export type TStoryStep = z.infer<typeof ZStoryStep>;

export const ZStory = z.object({
  story: z.string().min(1),
  /** The language the channel reports for the customer (Telegram's language_code), if any. */
  locale: z.string().optional(),
  steps: z.array(ZStoryStep).min(1),
}).strict();
export type TStory = z.infer<typeof ZStory> & { file: string };

const ZStoryFile = z.object({ stories: z.array(ZStory).min(1) }).strict();

/** A catalog file: the shop the stories run in, and where they are. */
export const ZCatalogFile = z.object({
  name: z.string().min(1),
  /** The shop's name (SHOP_NAME). */
  shop: z.string().min(1).optional(),
  /** `demo`: the demo shop of prisma/demo-shop.ts; otherwise `products` (and `faq`). */
  seed: z.literal("demo").optional(),
  products: z.array(ZProductFields).default([]),
  faq: z.array(ZFaqEntryInput).default([]),
  /** Story files or folders, relative to the catalog file. */
  stories: oneOrMany(z.string()),
}).strict().refine((c) => c.seed === "demo" || c.products.length > 0, "a catalog has products, or seed: demo");
export type TCatalog = z.infer<typeof ZCatalogFile> & { file: string };

/** The catalogs the project writes, and where they are. */
export const STORIES_DIR = path.resolve(import.meta.dirname, "..", "stories");
export const CATALOGS_DIR = path.join(STORIES_DIR, "catalogs");

export function listCatalogFiles(dir = CATALOGS_DIR): string[] {
  return readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => path.join(dir, f));
}

export function loadCatalog(file: string): TCatalog {
  const parsed = ZCatalogFile.safeParse(parse(readFileSync(file, "utf8")));
  if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return { ...parsed.data, file };
}

/** Every story of the catalog, in file order. */
export function loadStories(catalog: TCatalog): TStory[] {
  const files = catalog.stories.flatMap((entry) => {
    const target = path.resolve(path.dirname(catalog.file), entry);
    return statSync(target).isDirectory() ? readdirSync(target).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => path.join(target, f)) : [target];
  });
  return files.flatMap((file) => {
    const parsed = ZStoryFile.safeParse(parse(readFileSync(file, "utf8")));
    if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
    return parsed.data.stories.map((s) => ({ ...s, file: path.relative(STORIES_DIR, file) }));
  });
}

/** The shop of one catalog: an app on a fresh database, and what playing a story needs. */
export interface StoryShop {
  catalog: TCatalog;
  app: App;
  close(): Promise<void>;
  /** Plays one story as a new customer; the shop's stock is put back afterwards. */
  play(story: TStory): Promise<StoryResult>;
}

export interface StoryResult {
  story: string;
  file: string;
  held: boolean;
  /** The first step that did not hold (1-based) and why. */
  failure?: { step: number; said: string; problems: string[]; replies: string; trace?: DecisionTrace };
}

/** Opens the catalog's shop (one app and database, shared by its stories: each story is a new customer). */
export async function openStoryShop(catalog: TCatalog, options: { modelCacheDir?: string } = {}): Promise<StoryShop> {
  let trace: DecisionTrace | undefined;
  const shop = await createTestApp({
    seed: false,
    env: { SHOP_NAME: catalog.shop ?? catalog.name },
    ...(options.modelCacheDir ? { modelCacheDir: options.modelCacheDir } : {}),
    onCustomerDecided: (t) => (trace = t),
  });
  const { app } = shop;
  if (catalog.seed === "demo") await seedDemoShop(app.db);
  else {
    await app.db.product.createMany({ data: catalog.products.map((p) => ZProductFields.parse(p)) });
    if (catalog.faq.length > 0) await app.db.faqEntry.createMany({ data: catalog.faq });
  }
  const stockOf = new Map((await app.db.product.findMany({ select: { id: true, stock: true } })).map((p) => [p.id, p.stock]));
  const products = await app.db.product.findMany();
  const bySku = new Map(products.map((p) => [p.sku.toUpperCase(), p]));
  const skuOf = new Map(products.map((p) => [p.id, p.sku]));
  let played = 0;

  async function restoreStock() {
    const now = await app.db.product.findMany({ select: { id: true, stock: true } });
    for (const p of now) {
      const was = stockOf.get(p.id);
      if (was !== undefined && was !== p.stock) await app.db.product.update({ where: { id: p.id }, data: { stock: was } });
    }
  }

  async function play(story: TStory): Promise<StoryResult> {
    const session = `story-${++played}`;
    let last: Reply[] = [];
    try {
      for (const [index, step] of story.steps.entries()) {
        trace = undefined;
        let said: string;
        if (step.owner !== undefined) {
          const latest = await latestOrder(app, session);
          said = `owner: ${step.owner.replace("{order}", String(latest?.id ?? 0))}`;
          last = await app.owner.handle(said.slice("owner: ".length));
        } else if (step.press !== undefined) {
          said = `[${step.press}]`;
          const button = last.flatMap((r) => r.buttons?.flat() ?? []).find((b) => b.label.toLowerCase().includes(step.press!.toLowerCase()));
          if (!button) return fail(index, said, [`no button "${step.press}"`], last);
          last = await app.customer.handle({ channel: "console", externalUserId: session, text: "", payload: button.payload, ...(story.locale ? { locale: story.locale } : {}) });
        } else {
          said = step.user!;
          last = await app.customer.handle({ channel: "console", externalUserId: session, text: said, ...(story.locale ? { locale: story.locale } : {}) });
        }
        const problems = step.owner !== undefined ? [] : await check(step, last, session);
        if (problems.length > 0) return fail(index, said, problems, last);
      }
      return { story: story.story, file: story.file, held: true };
    } finally {
      await restoreStock();
    }

    function fail(index: number, said: string, problems: string[], replies: Reply[]): StoryResult {
      return { story: story.story, file: story.file, held: false, failure: { step: index + 1, said, problems, replies: describeReplies(replies), ...(trace ? { trace } : {}) } };
    }
  }

  /** What does not hold after a turn, each in a line. */
  async function check(step: TStoryStep, replies: Reply[], session: string): Promise<string[]> {
    const problems: string[] = [];
    const text = describeReplies(replies);
    const lower = text.toLowerCase();
    if (step.intent && !step.intent.includes(trace?.intent ?? "(none)")) problems.push(`intent ${trace?.intent ?? "(none)"} (rule ${trace?.rule ?? "-"}), expected ${step.intent.join(" or ")}`);
    if (step.lang) {
      const chinese = containsChinese(replies.map((r) => r.text).join("\n"));
      if (chinese !== (step.lang === "zh")) problems.push(`replies not in ${step.lang}`);
    }
    for (const phrase of step.says ?? []) if (!lower.includes(phrase.toLowerCase())) problems.push(`does not say "${phrase}"`);
    for (const phrase of step.not_says ?? []) if (lower.includes(phrase.toLowerCase())) problems.push(`says "${phrase}"`);
    for (const sku of step.mentions ?? []) if (!namesProduct(sku)) problems.push(`does not name ${sku}`);
    for (const sku of step.not_mentions ?? []) if (namesProduct(sku)) problems.push(`names ${sku}`);
    function namesProduct(sku: string): boolean {
      const product = bySku.get(sku.toUpperCase());
      if (!product) throw new Error(`no product ${sku} in the catalog`);
      return [product.name, product.nameZh].some((n) => n && lower.includes(n.toLowerCase()));
    }
    const conversation = step.cart || step.handoff !== undefined ? await conversationOf(app, session) : null;
    if (step.cart) {
      const state = readDialogueState(conversation?.state);
      const items = orderItemsOf(state).map((l) => ({ product: skuOf.get(l.productId) ?? "?", quantity: l.quantity as number | undefined }));
      // The product chosen and waiting for its quantity is in the order too ("How many?"), with no quantity yet.
      const flow = state.flow;
      if (flow?.kind === "order" && flow.awaiting === "quantity" && flow.productId !== undefined) items.push({ product: skuOf.get(flow.productId) ?? "?", quantity: undefined });
      if (!sameLines(items, step.cart)) problems.push(`cart ${describeLines(items)}, expected ${describeLines(step.cart)}`);
    }
    if (step.handoff !== undefined && (conversation?.mode === "handoff") !== step.handoff) problems.push(step.handoff ? "not handed to the owner" : "handed to the owner");
    if (step.order !== undefined || step.orders !== undefined) {
      const orders = await ordersOf(app, session);
      const latest = orders.at(-1);
      if (step.orders !== undefined && orders.length !== step.orders) problems.push(`${orders.length} orders, expected ${step.orders}`);
      if (step.order === false && latest) problems.push(`an order was placed (#${latest.id})`);
      if (step.order && !latest) problems.push("no order placed");
      if (step.order && latest) {
        if (step.order.status && latest.status !== step.order.status) problems.push(`order #${latest.id} is ${latest.status}, expected ${step.order.status}`);
        const lines = latest.lines.map((l) => ({ product: l.product.sku, quantity: l.quantity }));
        if (step.order.lines && !sameLines(lines, step.order.lines)) problems.push(`order lines ${describeLines(lines)}, expected ${describeLines(step.order.lines)}`);
      }
    }
    return problems;
  }

  return { catalog, app, play, close: shop.close };
}

function sameLines(actual: { product: string; quantity?: number | undefined }[], expected: z.infer<typeof ZExpectedLine>[]): boolean {
  if (actual.length !== expected.length) return false;
  return expected.every((e) => actual.some((a) => a.product.toUpperCase() === e.product.toUpperCase() && (e.quantity === undefined || a.quantity === e.quantity)));
}

function describeLines(lines: { product: string; quantity?: number | undefined }[]): string {
  return lines.length === 0 ? "empty" : lines.map((l) => `${l.quantity ?? "?"}×${l.product}`).join(", ");
}

/** The replies as one text: each reply, then its buttons' labels in brackets. */
export function describeReplies(replies: Reply[]): string {
  return replies.map((r) => [r.text, ...(r.buttons?.flat().map((b) => `[${b.label}]`) ?? [])].join(" ")).join("\n");
}

async function conversationOf(app: App, session: string) {
  const identity = await app.db.channelIdentity.findUnique({ where: { channel_externalId: { channel: "console", externalId: session } } });
  return identity ? app.db.conversation.findFirst({ where: { customerId: identity.customerId }, orderBy: { id: "desc" } }) : null;
}

async function ordersOf(app: App, session: string) {
  const identity = await app.db.channelIdentity.findUnique({ where: { channel_externalId: { channel: "console", externalId: session } } });
  if (!identity) return [];
  return app.db.order.findMany({ where: { customerId: identity.customerId }, include: { lines: { include: { product: true } } }, orderBy: { id: "asc" } });
}

async function latestOrder(app: App, session: string) {
  return (await ordersOf(app, session)).at(-1);
}

/** Per catalog: how many stories, how many held. */
export interface CatalogTally {
  catalog: string;
  stories: number;
  held: number;
  chinese: number;
  failures: StoryResult[];
}

/** Plays every story of a catalog in its own shop. */
export async function playCatalog(catalog: TCatalog, options: { modelCacheDir?: string; filter?: (story: TStory, index: number) => boolean } = {}): Promise<CatalogTally> {
  const stories = loadStories(catalog).filter((s, i) => options.filter?.(s, i) ?? true);
  const shop = await openStoryShop(catalog, options);
  try {
    const results: StoryResult[] = [];
    for (const story of stories) results.push(await shop.play(story));
    return {
      catalog: catalog.name,
      stories: results.length,
      held: results.filter((r) => r.held).length,
      chinese: stories.filter(isChineseStory).length,
      failures: results.filter((r) => !r.held),
    };
  } finally {
    await shop.close();
  }
}

/** A story is Chinese when its customer writes Chinese. */
export function isChineseStory(story: TStory): boolean {
  return story.steps.some((s) => s.user !== undefined && containsChinese(s.user));
}
