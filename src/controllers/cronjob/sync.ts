import type { Job } from 'kubernetes-types/batch/v1.js';
import { NAMESPACE_TERMINATING_CAUSE } from '../../api/admission/index.ts';
import { loadLocation } from '../../api/cron/location.ts';
import { CronParseError } from '../../api/cron/parser.ts';
import { parseSchedule, type CronSchedule } from '../../api/cron/schedule.ts';
import { StatusError } from '../../api/errors.ts';
import { parseRfc3339, toRfc3339 } from '../../sim/clock.ts';
import { controllerOf, type Stored } from '../../store/object.ts';
import type { CronJobController } from './controller.ts';
import { deleteJob } from './history.ts';
import {
  deleteFromActiveList,
  finishedStatus,
  formatRfc1123z,
  formatSchedule,
  getJobFromTemplate,
  getJobName,
  inActiveList,
  inActiveListByName,
  isJobSucceeded,
  JOBS,
  jobReference,
  mostRecentScheduleTime,
  nextScheduleTimeDuration,
  type CronJobObject,
} from './utils.ts';

export interface SyncResult {
  /** Sync again this much later (the next scheduled time + 100 ms); undefined: only an event will. */
  requeueAfter?: number;
  /** status changed and must be written. */
  updateStatus: boolean;
  error?: StatusError;
}

/**
 * nextScheduleTime: the most recent unmet scheduled time (never earlier than
 * now − startingDeadlineSeconds), warning when more than 100 were missed; the controller still
 * starts that one, and only that one.
 */
function nextScheduleTime(c: CronJobController, cj: CronJobObject, now: number, schedule: CronSchedule): { time?: number; error?: string } {
  const r = mostRecentScheduleTime(cj, now, schedule, true);
  if (r.mostRecent === undefined || r.mostRecent > now) return { error: r.error };
  if (r.missed === 'many') c.event(cj, 'Warning', 'TooManyMissedTimes', 'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew');
  return { time: r.mostRecent, error: r.error };
}

/**
 * The first half of syncCronJob: status.active against the Jobs seen. A finished Job leaves the
 * list (SawCompletedJob) and a succeeded one moves lastSuccessfulTime; a running Job the list
 * does not name is reported (UnexpectedJob: `kubectl create job --from` makes those); a listed Job
 * that no longer exists is dropped (MissingJob).
 */
function reconcileActive(c: CronJobController, cj: CronJobObject, jobs: readonly Stored<Job>[]): boolean {
  let updateStatus = false;
  const children = new Set<string>();
  for (const job of jobs) {
    children.add(job.metadata.uid);
    const found = inActiveList(cj, job.metadata.uid);
    const finished = finishedStatus(job);
    if (!found && !finished) {
      // Upstream re-reads the CronJob in case the cache is behind; kubespec's store never is.
      c.event(cj, 'Warning', 'UnexpectedJob', `Saw a job that the controller did not create or forgot: ${job.metadata.name}`);
    } else if (finished) {
      if (found) {
        deleteFromActiveList(cj, job.metadata.uid);
        c.event(cj, 'Normal', 'SawCompletedJob', `Saw completed job: ${job.metadata.name}, status: ${finished}`);
        updateStatus = true;
      }
      const completed = job.status?.completionTime;
      if (isJobSucceeded(job) && completed && (!cj.status!.lastSuccessfulTime || Date.parse(completed) > Date.parse(cj.status!.lastSuccessfulTime))) {
        cj.status!.lastSuccessfulTime = completed;
        updateStatus = true;
      }
    }
  }
  for (const ref of [...(cj.status!.active ?? [])]) {
    if (children.has(ref.uid ?? '')) continue;
    // Upstream asks the API server, not its cache, before declaring the Job gone.
    if (!c.ctx.api.tryGet(JOBS, ref.namespace, ref.name ?? '')) {
      c.event(cj, 'Normal', 'MissingJob', `Active job went missing: ${ref.name}`);
      deleteFromActiveList(cj, ref.uid ?? '');
      updateStatus = true;
    }
  }
  return updateStatus;
}

/**
 * syncCronJob (cronjob_controllerv2.go, v1.32): reconcile status.active, then — unless the
 * CronJob is being deleted, suspended, or its zone or schedule is unusable — start the Job for
 * the most recent unmet scheduled time, as the concurrency policy allows.
 */
export function syncCronJob(c: CronJobController, cj: CronJobObject, jobs: readonly Stored<Job>[]): SyncResult {
  const now = c.ctx.clock.now();
  let updateStatus = reconcileActive(c, cj, jobs);
  if (cj.metadata.deletionTimestamp) return { updateStatus };
  const zone = cj.spec?.timeZone;
  if (zone != null) {
    const loaded = loadLocation(zone);
    if (typeof loaded === 'string') {
      c.event(cj, 'Warning', 'UnknownTimeZone', `invalid timeZone: ${JSON.stringify(zone)}: ${loaded}`);
      return { updateStatus };
    }
  }
  if (cj.spec?.suspend) return { updateStatus };
  let schedule: CronSchedule;
  try {
    schedule = parseSchedule(
      formatSchedule(cj, () =>
        c.event(cj, 'Warning', 'UnsupportedSchedule', `CRON_TZ or TZ used in schedule ${JSON.stringify(cj.spec?.schedule)} is not officially supported, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details`),
      ),
    );
  } catch (e) {
    if (!(e instanceof CronParseError)) throw e;
    c.event(cj, 'Warning', 'UnparseableSchedule', `unparseable schedule: ${JSON.stringify(cj.spec?.schedule)} : ${e.message}`);
    return { updateStatus };
  }
  const due = nextScheduleTime(c, cj, now, schedule);
  if (due.error) {
    c.event(cj, 'Warning', 'InvalidSchedule', `invalid schedule: ${cj.spec?.schedule} : ${due.error}`);
    return { updateStatus };
  }
  if (due.time === undefined) return { requeueAfter: nextScheduleTimeDuration(cj, now, schedule), updateStatus };
  const scheduledTime = due.time;
  const deadline = cj.spec?.startingDeadlineSeconds;
  if (deadline != null && scheduledTime + deadline * 1000 < now) {
    c.event(cj, 'Warning', 'MissSchedule', `Missed scheduled time to start a job: ${formatRfc1123z(scheduledTime)}`);
    return { requeueAfter: nextScheduleTimeDuration(cj, now, schedule), updateStatus };
  }
  const name = getJobName(cj, scheduledTime);
  if (inActiveListByName(cj, cj.metadata.namespace, name) || parseRfc3339(cj.status!.lastScheduleTime) === scheduledTime) {
    return { requeueAfter: nextScheduleTimeDuration(cj, now, schedule), updateStatus };
  }
  const policy = cj.spec?.concurrencyPolicy;
  if (policy === 'Forbid' && (cj.status!.active?.length ?? 0) > 0) {
    // The run is skipped, not queued: the next chance is the next scheduled time.
    c.event(cj, 'Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid');
    return { requeueAfter: nextScheduleTimeDuration(cj, now, schedule), updateStatus };
  }
  if (policy === 'Replace') {
    for (const ref of [...(cj.status!.active ?? [])]) {
      const job = c.ctx.api.tryGet<Job>(JOBS, ref.namespace, ref.name ?? '');
      if (!job) {
        const error = new StatusError('NotFound', `jobs.batch "${ref.name}" not found`);
        c.event(cj, 'Warning', 'FailedGet', `Get job: ${error.message}`);
        return { updateStatus, error };
      }
      if (!deleteJob(c, cj, job)) return { updateStatus, error: new StatusError('InternalError', `could not replace job ${job.metadata.namespace}/${job.metadata.name}`) };
      updateStatus = true;
    }
  }
  const request = getJobFromTemplate(cj, scheduledTime);
  let created: Stored<Job>;
  try {
    created = c.ctx.api.create(request, { fieldManager: 'kube-controller-manager' });
    c.event(cj, 'Normal', 'SuccessfulCreate', `Created job ${created.metadata.name}`);
  } catch (e) {
    if (!(e instanceof StatusError)) throw e;
    // Nothing can be created in a namespace being deleted: no event, the error retries.
    if (e.status.details?.causes?.some((cause) => cause.reason === NAMESPACE_TERMINATING_CAUSE)) return { updateStatus, error: e };
    if (e.reason !== 'AlreadyExists') {
      c.event(cj, 'Warning', 'FailedCreate', `Error creating job: ${e.message}`);
      return { updateStatus, error: e };
    }
    // Made before, by this controller (its status write was lost) or by someone else.
    const existing = c.ctx.api.tryGet<Job>(JOBS, cj.metadata.namespace, request.metadata!.name!);
    if (!existing) return { updateStatus, error: e };
    const ref = controllerOf(existing);
    if (ref?.uid !== cj.metadata.uid || inActiveList(cj, existing.metadata.uid)) return { updateStatus };
    created = existing;
  }
  cj.status!.active = [...(cj.status!.active ?? []), jobReference(created)];
  cj.status!.lastScheduleTime = toRfc3339(scheduledTime);
  return { requeueAfter: nextScheduleTimeDuration(cj, now, schedule), updateStatus: true };
}

