import type { CronJob, Job } from 'kubernetes-types/batch/v1.js';
import type { OwnerReference } from 'kubernetes-types/meta/v1.js';
import { CronParseError } from '../../api/cron/parser.ts';
import { parseSchedule, type CronSchedule } from '../../api/cron/schedule.ts';
import { deepEqual } from '../../api/equality.ts';
import { StatusError } from '../../api/errors.ts';
import type { TimerHandle } from '../../sim/timers.ts';
import { WorkQueue } from '../../sim/work-queue.ts';
import { controllerOf, keyOf, objectKey, splitKey, type Stored } from '../../store/object.ts';
import type { WatchEvent } from '../../store/watch-event.ts';
import type { ControllerContext } from '../context.ts';
import { cleanupFinishedJobs } from './history.ts';
import { syncCronJob } from './sync.ts';
import { COMPONENT, CRONJOBS, formatSchedule, JOBS, nextScheduleTimeDuration, type CronJobObject } from './utils.ts';

/** The jobs index the controller reads: Jobs by `<namespace>/<name of their controller>`. */
const BY_CONTROLLER_NAME = 'controller-name';

/**
 * The CronJob controller v2 (pkg/controller/cronjob/cronjob_controllerv2.go, v1.32). Handlers turn
 * CronJob and Job events into CronJob keys; a sync trims the history (history.ts), reconciles
 * status.active and starts the Job that is due (sync.ts), writes the status once, and asks to be
 * woken 100 ms after the next scheduled time. That wake-up is a schedule timer, not progress:
 * settle() stops before it (what it starts may outlast the next one and never let the cluster
 * settle); only letting time pass runs schedules.
 */
export class CronJobController {
  readonly name = COMPONENT;
  readonly queue = new WorkQueue(COMPONENT);
  /** queue.AddAfter: one pending wake-up per key, the earliest asked for. */
  private readonly wakeUps = new Map<string, { at: number; handle: TimerHandle }>();
  /** Rate-limiter failures per key; a successful sync forgets them. */
  private readonly failures = new Map<string, number>();

  constructor(readonly ctx: ControllerContext) {
    ctx.store.defineIndex(
      JOBS,
      BY_CONTROLLER_NAME,
      (job) => {
        const ref = controllerOf(job);
        return ref ? [objectKey(job.metadata.namespace, ref.name)] : [];
      },
      (job) => job.metadata.ownerReferences,
    );
    ctx.sim.watch(CRONJOBS, (e) => this.onCronJob(e));
    ctx.sim.watch(JOBS, (e) => this.onJob(e));
    ctx.sim.register(this);
  }

  /** Records an event about the CronJob, from the cronjob-controller. */
  event(cj: CronJobObject, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.ctx.events.record(cj, type, reason, message, { component: COMPONENT });
  }

  /** addCronJob / deleteCronJob enqueue; updateCronJob requeues at the next scheduled time when the schedule changed. */
  private onCronJob(e: WatchEvent): void {
    const cj = e.object as CronJobObject;
    if (e.type !== 'MODIFIED' || !e.old) {
      this.queue.add(keyOf(cj));
      return;
    }
    const old = e.old as CronJobObject;
    if (old.spec?.schedule === cj.spec?.schedule && old.spec?.timeZone === cj.spec?.timeZone) {
      this.queue.add(keyOf(cj));
      return;
    }
    let schedule: CronSchedule;
    try {
      schedule = parseSchedule(formatSchedule(cj));
    } catch (err) {
      if (!(err instanceof CronParseError)) throw err;
      this.event(cj, 'Warning', 'UnParseableCronJobSchedule', `unparseable schedule for cronjob: ${cj.spec?.schedule}`);
      return;
    }
    this.enqueueAfter(keyOf(cj), nextScheduleTimeDuration(cj, this.ctx.clock.now(), schedule));
  }

  /** addJob / updateJob / deleteJob: wake the CronJob that controls the Job (the old one too, if the controller changed). */
  private onJob(e: WatchEvent): void {
    const job = e.object as Stored<Job>;
    const ref = controllerOf(job);
    if (e.type === 'MODIFIED' && e.old) {
      const oldRef = controllerOf(e.old);
      if (oldRef && !deepEqual(oldRef, ref)) this.enqueueRef(job.metadata.namespace, oldRef);
    }
    if (ref) this.enqueueRef(job.metadata.namespace, ref);
  }

  private enqueueRef(namespace: string | undefined, ref: OwnerReference): void {
    const cj = this.resolveControllerRef(namespace, ref);
    if (cj) this.queue.add(keyOf(cj));
  }

  /** resolveControllerRef: the CronJob a controller reference names, if it is still that one (same uid). */
  private resolveControllerRef(namespace: string | undefined, ref: OwnerReference): CronJobObject | undefined {
    if (ref.kind !== 'CronJob') return undefined;
    const cj = this.ctx.store.get<CronJob>(CRONJOBS, namespace, ref.name);
    return cj && cj.metadata.uid === ref.uid ? cj : undefined;
  }

  /** queue.AddAfter: a key already waiting keeps the earlier of its two times. */
  private enqueueAfter(key: string, delayMs: number): void {
    const at = this.ctx.clock.now() + Math.max(0, delayMs);
    const pending = this.wakeUps.get(key);
    if (pending && pending.at <= at) return;
    pending?.handle.cancel();
    const handle = this.ctx.sim.at(
      at,
      () => {
        this.wakeUps.delete(key);
        this.queue.add(key);
      },
      { schedule: true, label: `cronjob schedule ${key}` },
    );
    this.wakeUps.set(key, { at, handle });
  }

  /**
   * queue.AddRateLimited: 5 ms × 2^failures, at most 1000 s. A retry is not progress: it may fail
   * the same way forever.
   */
  private requeueRateLimited(key: string): void {
    const n = this.failures.get(key) ?? 0;
    this.failures.set(key, n + 1);
    this.ctx.sim.after(Math.min(5 * 2 ** n, 1000 * 1000), () => this.queue.add(key), { progress: false, label: `${COMPONENT} retry ${key}` });
  }

  /** processNextWorkItem + sync. */
  sync(key: string): void {
    const { namespace, name } = splitKey(key);
    const stored = this.ctx.store.get<CronJob>(CRONJOBS, namespace, name);
    if (!stored) {
      this.failures.delete(key);
      return;
    }
    let requeueAfter: number | undefined;
    let error: StatusError | undefined;
    try {
      ({ requeueAfter, error } = this.syncOne(stored));
    } catch (e) {
      // A failed status write: no requeue time, just the error.
      if (!(e instanceof StatusError)) throw e;
      requeueAfter = undefined;
      error = e;
    }
    // A requeue time wins over an error (sync returns the one or the other).
    if (requeueAfter !== undefined) {
      this.failures.delete(key);
      this.enqueueAfter(key, requeueAfter);
    } else if (error) {
      this.requeueRateLimited(key);
    }
  }

  /**
   * sync: the Jobs this CronJob controls (by controller name, as upstream lists them), history
   * trimmed first, then syncCronJob on the same list; one status write for both.
   */
  private syncOne(stored: CronJobObject): { requeueAfter?: number; error?: StatusError } {
    const jobs = this.ctx.store.byIndex<Job>(JOBS, BY_CONTROLLER_NAME, objectKey(stored.metadata.namespace, stored.metadata.name));
    // The sync changes only status: a copy of it, over the stored spec and metadata.
    const status = stored.status ?? {};
    const cj = { ...stored, status: { ...status, ...(status.active ? { active: [...status.active] } : {}) } } as CronJobObject;
    const cleaned = cleanupFinishedJobs(this, cj, jobs);
    const result = syncCronJob(this, cj, jobs);
    if (cleaned || result.updateStatus) this.ctx.api.updateStatus(cj, { fieldManager: COMPONENT });
    return result;
  }
}
