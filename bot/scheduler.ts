/**
 * Scheduled jobs (the daily digest) fired by node-cron, made exactly-once per period by the database
 * (core/jobs/run-job-once.ts): several replicas may all fire, one posts. At start, a period whose
 * run was missed while the process was down is run at once; a failed run is retried on a timer.
 * The previous and next scheduled times come from cron-parser, in the job's time zone (so across a
 * change of clocks too), rather than from testing every minute against the expression.
 */
import { hostname } from "node:os";
import { CronExpressionParser } from "cron-parser";
import { DateTime } from "luxon";
import cron, { type ScheduledTask } from "node-cron";
import type { Db } from "../core/db.ts";
import { localDate } from "../core/digest/time-zone.ts";
import { runJobOnce, type JobOutcome } from "../core/jobs/run-job-once.ts";
import type { Clock, Logger } from "../core/ports.ts";

export interface ScheduledJobOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  job: string;
  cronExpression: string;
  timezone?: string;
  /** Does the work for a period; throws to have the run retried. */
  run: (period: { key: string; scheduledAt: Date }) => Promise<unknown>;
  retryEveryMs?: number;
  maxAttempts?: number;
  owner?: string;
  /**
   * Run the latest period at the very first start too (a backup should not wait a day); default
   * false: a fresh install waits for the first scheduled time (no digest of a day it did not see).
   */
  catchUpOnFirstStart?: boolean;
}

/** The calendar date of `at` in `timezone`, as YYYY-MM-DD: one period per local day. */
export function localDateKey(at: Date, timezone?: string): string {
  return localDate(at, timezone);
}

/** How far back a missed run is still caught up: a job missed longer ago than this is left alone. */
const CATCH_UP_HORIZON_MS = 8 * 86_400_000;

export function createScheduledJob(options: ScheduledJobOptions) {
  const owner = options.owner ?? `${hostname()}:${process.pid}`;
  if (!cron.validate(options.cronExpression)) throw new Error(`invalid cron expression "${options.cronExpression}"`);
  /** The expression read from `from` on, in the job's zone (the machine's when none is set). */
  const schedule = (from: Date) => CronExpressionParser.parse(options.cronExpression, { currentDate: from, ...(options.timezone ? { tz: options.timezone } : {}) });
  schedule(new Date());
  let task: ScheduledTask | undefined;
  let retryTimer: NodeJS.Timeout | undefined;

  /** The latest scheduled time at or before `now`, if it is at most 8 days old. */
  function lastScheduledAt(now: Date): Date | undefined {
    // cron-parser's prev() is strictly before its start; a run due this very millisecond counts.
    const previous = schedule(new Date(now.getTime() + 1)).prev().toDate();
    return now.getTime() - previous.getTime() <= CATCH_UP_HORIZON_MS ? previous : undefined;
  }

  /** The first scheduled time after `now`: when the job will fire next, for the log. */
  function nextScheduledAt(now: Date): Date {
    return schedule(now).next().toDate();
  }

  /**
   * The period a scheduled time stands for, claimed once across replicas: its local date when it is the
   * day's first time (a daily job's key, as it always was), else the date and the local time, so an
   * hourly backup runs every hour rather than once a day.
   */
  function periodKeyFor(scheduledAt: Date): string {
    const date = localDateKey(scheduledAt, options.timezone);
    const previous = schedule(scheduledAt).prev().toDate();
    if (localDateKey(previous, options.timezone) !== date) return date;
    return `${date}T${DateTime.fromJSDate(scheduledAt, options.timezone ? { zone: options.timezone } : {}).toFormat("HH:mm")}`;
  }

  async function runFor(scheduledAt: Date): Promise<JobOutcome> {
    const key = periodKeyFor(scheduledAt);
    const outcome = await runJobOnce(
      { db: options.db, clock: options.clock, logger: options.logger },
      {
        job: options.job,
        periodKey: key,
        owner,
        maxAttempts: options.maxAttempts ?? 5,
        work: async () => {
          await options.run({ key, scheduledAt });
          return { scheduledAt: scheduledAt.toISOString() };
        },
      },
    );
    if (outcome !== "skipped") options.logger.info("scheduled job ran", { job: options.job, period: key, outcome });
    return outcome;
  }

  /**
   * Runs the most recent period if it has no successful run yet (missed while down, or failed).
   * A shop that never ran this job before (a fresh install) waits for its first scheduled time
   * instead of posting yesterday's digest on its very first start.
   */
  async function catchUp(): Promise<JobOutcome | "nothing-due"> {
    const scheduledAt = lastScheduledAt(options.clock.now());
    if (!scheduledAt) return "nothing-due";
    if (!options.catchUpOnFirstStart && (await options.db.jobRun.count({ where: { job: options.job } })) === 0) return "nothing-due";
    return runFor(scheduledAt);
  }

  return {
    lastScheduledAt,
    nextScheduledAt,
    periodKeyFor,
    runFor,
    catchUp,
    async start() {
      task = cron.schedule(options.cronExpression, (context) => void runFor(context.date).catch((error) => options.logger.error("scheduled job crashed", { job: options.job, error: String(error) })), {
        ...(options.timezone ? { timezone: options.timezone } : {}),
        name: options.job,
        noOverlap: true,
      });
      retryTimer = setInterval(() => void catchUp().catch((error) => options.logger.error("job retry crashed", { job: options.job, error: String(error) })), options.retryEveryMs ?? 5 * 60_000);
      retryTimer.unref();
      await catchUp();
      options.logger.info("scheduled job waiting", { job: options.job, next: nextScheduledAt(options.clock.now()).toISOString() });
    },
    async stop() {
      if (retryTimer) clearInterval(retryTimer);
      await task?.stop();
      await task?.destroy();
    },
  };
}
