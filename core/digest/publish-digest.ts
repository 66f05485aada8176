/**
 * Builds, renders and publishes the daily digest to every publisher (the owner's Slack channel, the
 * console feed), each at most once per period: every publisher has its own exactly-once claim, so
 * when Slack fails and the console succeeded, the retry posts to Slack only and never twice to
 * either. Throws when a publisher failed, so the scheduler marks the period failed and retries it.
 */
import type { Db } from "../db.ts";
import { runJobOnce } from "../jobs/run-job-once.ts";
import type { TLocale } from "../messages.ts";
import type { Clock, Logger } from "../ports.ts";
import type { ChartRenderer } from "./chart-port.ts";
import { buildDigest } from "./build-digest.ts";
import type { InventoryPolicy } from "../inventory/inventory-policy.ts";
import { renderDigest, type RenderedDigest } from "./render-digest.ts";

/** A place the digest goes (the owner's Slack channel, the console). */
export interface DigestPublisher {
  /** Stable name: part of the exactly-once key. */
  readonly name: string;
  publishDigest(digest: RenderedDigest, chartPng: Uint8Array | null): Promise<void>;
}

export interface PublishDigestDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  charts?: ChartRenderer;
  publishers: () => DigestPublisher[];
  currency: string;
  locale: TLocale;
  timeZone?: string;
  /** How stock is planned (the digest's reorder section); the defaults when absent. */
  inventory?: InventoryPolicy;
  /** ATTRIBUTION_DAYS, for the campaigns the digest reports (7). */
  attributionDays?: number;
}

export async function publishDigestOnce(deps: PublishDigestDeps, options: { asOf: Date; periodKey: string; owner: string }) {
  let prepared: Promise<{ rendered: RenderedDigest; chart: Uint8Array | null }> | undefined;
  const prepare = () =>
    (prepared ??= (async () => {
      const digest = await buildDigest(deps.db, { asOf: options.asOf, currency: deps.currency, ...(deps.timeZone ? { timeZone: deps.timeZone } : {}), ...(deps.attributionDays ? { attributionDays: deps.attributionDays } : {}), ...(deps.inventory ? { inventory: deps.inventory } : {}) });
      const rendered = renderDigest(digest, deps.locale);
      return { rendered, chart: deps.charts ? await deps.charts.renderDigestChart(rendered.chart) : null };
    })());
  const outcomes: Record<string, string> = {};
  for (const publisher of deps.publishers()) {
    outcomes[publisher.name] = await runJobOnce(deps, {
      job: `digest:${publisher.name}`,
      periodKey: options.periodKey,
      owner: options.owner,
      work: async () => {
        const { rendered, chart } = await prepare();
        await publisher.publishDigest(rendered, chart);
        return { title: rendered.title };
      },
    });
  }
  const failed = Object.entries(outcomes).filter(([, outcome]) => outcome === "failed").map(([name]) => name);
  if (failed.length) throw new Error(`the digest could not be published to ${failed.join(", ")}`);
  return outcomes;
}
