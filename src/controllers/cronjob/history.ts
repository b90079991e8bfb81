import type { Job } from 'kubernetes-types/batch/v1.js';
import { StatusError } from '../../api/errors.ts';
import type { Stored } from '../../store/object.ts';
import type { CronJobController } from './controller.ts';
import { byJobStartTime, deleteFromActiveList, finishedStatus, JOBS, type CronJobObject } from './utils.ts';

/**
 * deleteJob (cronjob_controllerv2.go): deletes the Job (its pods follow, propagation Background)
 * and drops it from status.active. False when the API refused.
 */
export function deleteJob(c: CronJobController, cj: CronJobObject, job: Stored<Job>): boolean {
  try {
    c.ctx.api.delete(JOBS, job.metadata.namespace, job.metadata.name, { propagationPolicy: 'Background' });
  } catch (e) {
    if (!(e instanceof StatusError)) throw e;
    c.event(cj, 'Warning', 'FailedDelete', `Deleted job: ${e.message}`);
    return false;
  }
  deleteFromActiveList(cj, job.metadata.uid);
  c.event(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${job.metadata.name}`);
  return true;
}

/** removeOldestJobs: deletes the oldest (by status.startTime) of `jobs` beyond `max`. */
function removeOldestJobs(c: CronJobController, cj: CronJobObject, jobs: Stored<Job>[], max: number): boolean {
  const excess = jobs.length - max;
  if (excess <= 0) return false;
  let removed = false;
  for (const job of [...jobs].sort(byJobStartTime).slice(0, excess)) {
    if (deleteJob(c, cj, job)) removed = true;
  }
  return removed;
}

/**
 * cleanupFinishedJobs: finished Jobs split into Complete and Failed, each trimmed to its history
 * limit. Only the Jobs this CronJob controls are looked at, so the cost is that of the limits and
 * the Jobs still running, never of every Job the CronJob ever ran. True when status changed.
 */
export function cleanupFinishedJobs(c: CronJobController, cj: CronJobObject, jobs: readonly Stored<Job>[]): boolean {
  const successfulLimit = cj.spec?.successfulJobsHistoryLimit;
  const failedLimit = cj.spec?.failedJobsHistoryLimit;
  if (successfulLimit == null && failedLimit == null) return false;
  const successful: Stored<Job>[] = [];
  const failed: Stored<Job>[] = [];
  for (const job of jobs) {
    const finished = finishedStatus(job);
    if (finished === 'Complete') successful.push(job);
    else if (finished === 'Failed') failed.push(job);
  }
  let changed = false;
  if (successfulLimit != null && removeOldestJobs(c, cj, successful, successfulLimit)) changed = true;
  if (failedLimit != null && removeOldestJobs(c, cj, failed, failedLimit)) changed = true;
  return changed;
}
