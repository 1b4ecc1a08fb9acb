/**
 * The queue workers: sending mail, reminders, re-screening and the daily purge, and for the staff
 * console campaign dispatch, screening of uploads and opening worklist cases. In embedded mode
 * (PGlite) they run inside the web process; with PostgreSQL, `npm run worker` runs them separately.
 */
import type { JobResult, JobWithMetadata } from 'pg-boss';
import { remind } from '../consent/reminder.ts';
import { rescreen } from '../consent/rescreen.ts';
import { purge } from '../consent/retention.ts';
import { sendMessage } from '../messages/send.ts';
import { withSafeErrors } from '../audit/safe-error.ts';
import { dispatchCampaign } from '../campaigns/dispatch.ts';
import { runScreening } from '../screening/run.ts';
import type { Services } from '../services.ts';
import { syncCases } from '../worklist/cases.ts';
import { QUEUES, type CampaignJob, type ReminderJob, type ScreeningJob, type SendJob } from './queues.ts';

export interface WorkerOptions {
  /** Messages sent at the same time (SMTP pool connections are shared). */
  sendConcurrency?: number;
  pollingIntervalSeconds?: number;
}

export async function startWorkers(s: Services, options: WorkerOptions = {}): Promise<void> {
  const boss = s.boss;
  const polling = options.pollingIntervalSeconds ?? 2;
  // Batches, so a busy queue is fetched continuously; each job in a batch settles on its own.
  const concurrency = options.sendConcurrency ?? 4;
  await boss.work<SendJob>(
    QUEUES.send,
    { batchSize: concurrency * 5, burstWhenBatchFull: true, perJobResults: true, includeMetadata: true, pollingIntervalSeconds: polling },
    async (jobs) =>
      mapWithConcurrency(jobs as JobWithMetadata<SendJob>[], concurrency, async (job): Promise<JobResult> => {
        try {
          await sendMessage(s, job.data.message, { last: job.retryCount >= job.retryLimit });
          return { id: job.id, status: 'completed' };
        } catch (e) {
          return { id: job.id, status: 'failed', output: { message: (e as Error).message } };
        }
      }),
  );
  await boss.work<ReminderJob>(QUEUES.reminder, { pollingIntervalSeconds: polling }, async ([job]) => {
    await remind(s, job!.data.request);
  });
  await boss.work(QUEUES.rescreen, { pollingIntervalSeconds: polling }, async () => {
    await rescreen(s);
  });
  await boss.work(QUEUES.purge, { pollingIntervalSeconds: polling }, async () => {
    await purge(s);
  });
  // The console's jobs report failures without data (withSafeErrors).
  await boss.work<CampaignJob>(QUEUES.campaign, { pollingIntervalSeconds: polling }, async ([job]) => {
    await withSafeErrors(QUEUES.campaign, () => dispatchCampaign(s, job!.data));
  });
  await boss.work<ScreeningJob>(QUEUES.screening, { pollingIntervalSeconds: polling }, async ([job]) => {
    await withSafeErrors(QUEUES.screening, () => runScreening(s, job!.data.import));
  });
  await boss.work(QUEUES.worklist, { pollingIntervalSeconds: polling }, async () => {
    await withSafeErrors(QUEUES.worklist, () => syncCases(s));
  });
  // Every night; and once at start, so a new rulebook is re-screened soon after a deploy.
  await boss.schedule(QUEUES.purge, '15 3 * * *', null, { tz: 'Europe/Amsterdam' });
  await boss.schedule(QUEUES.rescreen, '45 3 * * *', null, { tz: 'Europe/Amsterdam' });
  await boss.schedule(QUEUES.worklist, '*/5 * * * *', null, { tz: 'Europe/Amsterdam' });
  await boss.send(QUEUES.rescreen, null, { singletonKey: `start:${s.rulebook.version}` });
}

/** Runs `fn` over `items` with at most `limit` at a time, keeping the order of results. */
export async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const run = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, run));
  return results;
}
