/**
 * Runs a job at most once per period across every process sharing the database: the claim is an
 * insert on the unique (job, periodKey) row, so of two schedulers firing together exactly one gets
 * it. A failed run is marked failed and may be claimed again (up to `maxAttempts`); a run whose
 * process died is taken over once it is older than `staleAfterMs`. A succeeded run is never redone.
 */
import type { Db, Prisma } from "../db.ts";
import type { Clock, Logger } from "../ports.ts";

export interface RunJobOnceOptions {
  job: string;
  periodKey: string;
  /** Who is running it (host:pid), for the record. */
  owner: string;
  maxAttempts?: number;
  staleAfterMs?: number;
  work: () => Promise<Prisma.InputJsonValue | undefined>;
}

export type JobOutcome = "succeeded" | "skipped" | "failed";

async function claim(db: Db, clock: Clock, options: RunJobOnceOptions): Promise<boolean> {
  const now = clock.now();
  const inserted = await db.jobRun.createMany({
    data: [{ job: options.job, periodKey: options.periodKey, status: "running", attempts: 1, owner: options.owner, startedAt: now }],
    skipDuplicates: true,
  });
  if (inserted.count === 1) return true;
  const staleBefore = new Date(now.getTime() - (options.staleAfterMs ?? 15 * 60_000));
  const retaken = await db.jobRun.updateMany({
    where: {
      job: options.job,
      periodKey: options.periodKey,
      OR: [
        { status: "failed", attempts: { lt: options.maxAttempts ?? 5 } },
        { status: "running", startedAt: { lt: staleBefore } },
      ],
    },
    data: { status: "running", attempts: { increment: 1 }, owner: options.owner, startedAt: now, error: null },
  });
  return retaken.count === 1;
}

export async function runJobOnce(deps: { db: Db; clock: Clock; logger: Logger }, options: RunJobOnceOptions): Promise<JobOutcome> {
  const { db, clock, logger } = deps;
  if (!(await claim(db, clock, options))) return "skipped";
  const where = { job_periodKey: { job: options.job, periodKey: options.periodKey } };
  try {
    const result = await options.work();
    await db.jobRun.update({ where, data: { status: "succeeded", finishedAt: clock.now(), ...(result !== undefined ? { result } : {}) } });
    return "succeeded";
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    logger.error("job failed", { job: options.job, periodKey: options.periodKey, error: message });
    await db.jobRun.update({ where, data: { status: "failed", finishedAt: clock.now(), error: message.slice(0, 2_000) } });
    return "failed";
  }
}
