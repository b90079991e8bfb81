import type { CronJob, Job } from 'kubernetes-types/batch/v1.js';
import type { ObjectReference } from 'kubernetes-types/core/v1.js';
import { loadLocation } from '../../api/cron/location.ts';
import type { CronSchedule } from '../../api/cron/schedule.ts';
import { parseRfc3339, toRfc3339 } from '../../sim/clock.ts';
import type { KubeObject, Stored } from '../../store/object.ts';

/**
 * The arithmetic of the CronJob controller (pkg/controller/cronjob/utils.go, v1.32): which
 * scheduled time is due, when to look again, what the Job made for a time is called and carries.
 * Times are epoch milliseconds.
 */

export type CronJobObject = Stored<CronJob>;

export const COMPONENT = 'cronjob-controller';
export const CRONJOBS = 'cronjobs.batch';
export const JOBS = 'jobs.batch';

/** The controller requeues a CronJob this long after its next scheduled time (nextScheduleDelta). */
export const NEXT_SCHEDULE_DELTA_MS = 100;

/** More missed schedules than this and the controller warns (TooManyMissedTimes), though it still runs the latest. */
export const MANY_MISSED = 100;

/** The annotation with a Job's scheduled time (CronJobsScheduledAnnotation, beta and on since v1.30). */
export const SCHEDULED_TIMESTAMP_ANNOTATION = 'batch.kubernetes.io/cronjob-scheduled-timestamp';

export type MissedSchedules = 'none' | 'few' | 'many';

export interface MostRecent {
  /** The last schedule time, else the creation time (moved up to now − startingDeadlineSeconds when asked). */
  earliest: number;
  /** The most recent scheduled time at or before now, if any. */
  mostRecent: number | undefined;
  missed: MissedSchedules;
  /** A schedule that parses but never fires twice a second apart (`0 0 31 2 *`). */
  error?: string;
}

/**
 * mostRecentScheduleTime. Why it does not walk every missed time: a CronJob whose controller was
 * away for a year on a `* * * * *` schedule missed 525,600 of them. It takes the first two
 * times t1 < t2 after `earliest`, estimates the number missed as (now − t1) / (t2 − t1) + 1, jumps
 * to t1 + (estimate − 2) intervals and walks from there. Worked numbers: created 06:57:00, every
 * minute, now 07:00:30 → t1 06:58, t2 06:59, (150 s / 60 s) + 1 = 3 missed; walking from
 * 06:58 + 1 × 60 s = 06:59 gives 07:00, the most recent.
 */
export function mostRecentScheduleTime(cj: CronJob, now: number, schedule: CronSchedule, includeStartingDeadline: boolean): MostRecent {
  let earliest = parseRfc3339(cj.status?.lastScheduleTime) ?? parseRfc3339(cj.metadata?.creationTimestamp) ?? 0;
  const deadline = cj.spec?.startingDeadlineSeconds;
  if (includeStartingDeadline && deadline != null) earliest = Math.max(earliest, now - deadline * 1000);
  const t1 = schedule.next(earliest);
  if (t1 !== undefined && now < t1) return { earliest, mostRecent: undefined, missed: 'none' };
  const t2 = t1 === undefined ? undefined : schedule.next(t1);
  if (t1 !== undefined && t2 !== undefined && now < t2) return { earliest, mostRecent: t1, missed: 'none' };
  // robfig returns the zero time when there is no next time; t2 − t1 is then at most 0.
  const between = t1 === undefined || t2 === undefined ? 0 : Math.round((t2 - t1) / 1000);
  if (between < 1) return { earliest, mostRecent: undefined, missed: 'none', error: 'time difference between two schedules is less than 1 second' };
  const elapsed = Math.trunc((now - t1!) / 1000);
  const missedCount = Math.trunc(elapsed / between) + 1;
  let mostRecent: number | undefined;
  for (let t = schedule.next(t1! + (missedCount - 2) * between * 1000); t !== undefined && t <= now; t = schedule.next(t)) mostRecent = t;
  const missed: MissedSchedules = missedCount > MANY_MISSED ? 'many' : missedCount > 0 ? 'few' : 'none';
  return { earliest, mostRecent, missed };
}

/**
 * nextScheduleTimeDuration: how long until the sync after the next scheduled time (plus 100 ms
 * against clock skew). When schedules were missed without one being found, it counts from now.
 */
export function nextScheduleTimeDuration(cj: CronJob, now: number, schedule: CronSchedule): number {
  const r = mostRecentScheduleTime(cj, now, schedule, false);
  let from: number;
  if (r.error) from = now;
  else if (r.mostRecent === undefined) from = r.missed === 'none' ? r.earliest : now;
  else from = r.mostRecent;
  // Go's zero time is long past: a schedule with no next time comes back at once.
  const next = schedule.next(from);
  return next === undefined ? 0 : next + NEXT_SCHEDULE_DELTA_MS - now;
}

/**
 * formatSchedule: the schedule as robfig parses it, `TZ=<timeZone> <schedule>` when a valid
 * timeZone is set. A schedule that already names a zone is used as it is.
 */
export function formatSchedule(cj: CronJob, onTZ?: () => void): string {
  const schedule = cj.spec?.schedule ?? '';
  if (schedule.includes('TZ')) {
    onTZ?.();
    return schedule;
  }
  const zone = cj.spec?.timeZone;
  if (zone != null) return typeof loadLocation(zone) === 'string' ? schedule : `TZ=${zone} ${schedule}`;
  return schedule;
}

/** getJobName: `<cronjob>-<scheduled time in minutes since the epoch>`, e.g. `hello-25606498`. */
export function getJobName(cj: CronJob, scheduledTime: number): string {
  return `${cj.metadata?.name}-${Math.floor(scheduledTime / 60_000)}`;
}

/** time.Format(time.RFC3339) in a zone: `2018-09-07T02:00:00Z`, `2024-01-02T02:00:00+08:00`. */
export function formatInZone(ms: number, zone: string | undefined): string {
  const loc = loadLocation(zone ?? '');
  if (typeof loc === 'string' || loc.utc) return toRfc3339(ms);
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: loc.name, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(new Date(ms));
  const p = (type: string) => parts.find((x) => x.type === type)?.value ?? '00';
  const local = Date.UTC(Number(p('year')), Number(p('month')) - 1, Number(p('day')), Number(p('hour')), Number(p('minute')), Number(p('second')));
  const offset = Math.round((local - Math.floor(ms / 1000) * 1000) / 60_000);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const hhmm = `${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${p('year')}-${p('month')}-${p('day')}T${p('hour')}:${p('minute')}:${p('second')}${offset === 0 ? 'Z' : sign + hhmm}`;
}

/**
 * getJobFromTemplate2: the Job for one scheduled time, named after it, with the template's labels
 * and annotations plus the scheduled timestamp, controlled by the CronJob. (Upstream also sets
 * creationTimestamp to the scheduled time; the API server overwrites it.)
 */
export function getJobFromTemplate(cj: CronJobObject, scheduledTime: number): Job & KubeObject {
  const template = cj.spec?.jobTemplate;
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: getJobName(cj, scheduledTime),
      namespace: cj.metadata.namespace,
      labels: { ...template?.metadata?.labels },
      annotations: { ...template?.metadata?.annotations, [SCHEDULED_TIMESTAMP_ANNOTATION]: formatInZone(scheduledTime, cj.spec?.timeZone) },
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: cj.metadata.name, uid: cj.metadata.uid, controller: true, blockOwnerDeletion: true }],
    },
    // The API server copies what it is given: the template is not copied here.
    spec: template?.spec ?? { template: {} },
  };
}

/** ref.GetReference: how status.active names a Job. */
export function jobReference(job: Stored<Job>): ObjectReference {
  return { kind: 'Job', namespace: job.metadata.namespace, name: job.metadata.name, uid: job.metadata.uid, apiVersion: 'batch/v1', resourceVersion: job.metadata.resourceVersion };
}

export function inActiveList(cj: CronJob, uid: string): boolean {
  return !!cj.status?.active?.some((r) => r.uid === uid);
}

export function inActiveListByName(cj: CronJob, namespace: string | undefined, name: string): boolean {
  return !!cj.status?.active?.some((r) => r.name === name && r.namespace === namespace);
}

/** deleteFromActiveList; an empty list is left out, as `omitempty` leaves it out of the JSON. */
export function deleteFromActiveList(cj: CronJob, uid: string): void {
  if (!cj.status) return;
  const active = (cj.status.active ?? []).filter((r) => r.uid !== uid);
  if (active.length) cj.status.active = active;
  else delete cj.status.active;
}

/** getFinishedStatus: the first Complete or Failed condition that is True. */
export function finishedStatus(job: Job): 'Complete' | 'Failed' | undefined {
  for (const c of job.status?.conditions ?? []) {
    if ((c.type === 'Complete' || c.type === 'Failed') && c.status === 'True') return c.type;
  }
  return undefined;
}

export function isJobSucceeded(job: Job): boolean {
  return !!job.status?.conditions?.some((c) => c.type === 'Complete' && c.status === 'True');
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** time.RFC1123Z in UTC, as MissSchedule prints the missed time: `Fri, 07 Sep 2018 02:00:00 +0000`. */
export function formatRfc1123z(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

/** byJobStartTime: started Jobs oldest first, then those not started; ties by name. */
export function byJobStartTime(a: Job, b: Job): number {
  const sa = parseRfc3339(a.status?.startTime);
  const sb = parseRfc3339(b.status?.startTime);
  if (sa === undefined && sb !== undefined) return 1;
  if (sa !== undefined && sb === undefined) return -1;
  if (sa === sb) return (a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : (a.metadata?.name ?? '') > (b.metadata?.name ?? '') ? 1 : 0;
  return sa! - sb!;
}
