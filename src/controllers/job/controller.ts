import type { Job } from 'kubernetes-types/batch/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { OwnerReference } from 'kubernetes-types/meta/v1.js';
import { parseRfc3339 } from '../../sim/clock.ts';
import type { TimerHandle } from '../../sim/timers.ts';
import { WorkQueue } from '../../sim/work-queue.ts';
import { controllerOf, keyOf, splitKey, type Stored } from '../../store/object.ts';
import type { WatchEvent } from '../../store/watch-event.ts';
import type { ControllerContext } from '../context.ts';
import { BackoffStore } from './backoff.ts';
import { isJobFinished } from './conditions.ts';
import { JOBS, type JobSyncHost } from './host.ts';
import { SYNC_JOB_BATCH_MS } from './manage.ts';
import { jobSelector, removeTrackingFinalizer } from './pod-control.ts';
import { hasTrackingFinalizer } from './pods.ts';
import { syncJob } from './sync.ts';

/** Keys of the orphan-pod queue, which shares the work queue with the Jobs'. */
const ORPHAN = 'orphan-pod:';

/**
 * The Job controller (pkg/controller/job/job_controller.go). Job events sync at once (pod and
 * status events after the 1 s batch period), failures back off, an active deadline schedules a
 * sync; sync.ts does the work. Pods left with the tracking finalizer when their Job is gone or
 * finished are cleaned by the orphan-pod worker.
 */
export class JobController implements JobSyncHost {
  readonly name = 'job-controller';
  readonly queue = new WorkQueue('job');
  readonly backoff = new BackoffStore();
  /** queue.AddAfter's waiting items: the earliest wanted time per key. */
  private readonly waiting = new Map<string, { at: number; timer: TimerHandle }>();

  constructor(readonly ctx: ControllerContext) {
    ctx.sim.watch(JOBS, (e) => this.onJob(e));
    ctx.sim.watch('pods', (e) => this.onPod(e));
    ctx.sim.register(this);
  }

  /** AddAfter: a waiting key keeps the earlier of its times. The wait is progress: settle() follows it. */
  enqueueAfter(key: string, delayMs: number): void {
    if (delayMs <= 0) {
      this.queue.add(key);
      return;
    }
    const at = this.ctx.clock.now() + delayMs;
    const pending = this.waiting.get(key);
    if (pending && pending.at <= at) return;
    pending?.timer.cancel();
    const timer = this.ctx.sim.at(at, () => {
      this.waiting.delete(key);
      this.queue.add(key);
    }, { label: `job sync ${key}` });
    this.waiting.set(key, { at, timer });
  }

  private onJob(e: WatchEvent): void {
    const job = e.object as Stored<Job>;
    const key = keyOf(job);
    if (e.type === 'DELETED') {
      this.queue.add(key);
      this.cleanupPodFinalizers(job);
      return;
    }
    const old = e.old as Stored<Job> | undefined;
    // updateJob: a spec change syncs at once, a status update after the batch period.
    if (!old || old.metadata.generation !== job.metadata.generation) this.queue.add(key);
    else this.enqueueAfter(key, SYNC_JOB_BATCH_MS);
    if (!old) return;
    if (isJobFinished(job)) this.cleanupPodFinalizers(job);
    const start = parseRfc3339(job.status?.startTime);
    const ads = job.spec?.activeDeadlineSeconds;
    if (start !== undefined && ads != null && ads !== old.spec?.activeDeadlineSeconds) {
      this.enqueueAfter(key, ads * 1000 - (this.ctx.clock.now() - start));
    }
  }

  /** addPod, updatePod, deletePod: the controlling Job, else the Jobs that may adopt an orphan. */
  private onPod(e: WatchEvent): void {
    const pod = e.object as Stored<Pod>;
    const ref = controllerOf(pod);
    const oldRef = e.old ? controllerOf(e.old) : undefined;
    if (e.type === 'MODIFIED' && oldRef && oldRef.uid !== ref?.uid) {
      const oldJob = this.resolve(pod.metadata.namespace, oldRef);
      if (oldJob) this.enqueueAfter(keyOf(oldJob), SYNC_JOB_BATCH_MS);
    }
    if (ref) {
      const job = this.resolve(pod.metadata.namespace, ref);
      if (!job || (isJobFinished(job) && (e.type === 'DELETED' || pod.metadata.deletionTimestamp))) {
        if (hasTrackingFinalizer(pod) && ref.kind === 'Job') this.queue.add(ORPHAN + keyOf(pod));
        return;
      }
      this.enqueueAfter(keyOf(job), SYNC_JOB_BATCH_MS);
      return;
    }
    if (hasTrackingFinalizer(pod)) this.queue.add(ORPHAN + keyOf(pod));
    if (e.type === 'DELETED' || pod.metadata.deletionTimestamp) return;
    const labelsChanged = !e.old || JSON.stringify(e.old.metadata.labels) !== JSON.stringify(pod.metadata.labels);
    if (!labelsChanged && !oldRef) return;
    for (const job of this.ctx.store.list<Job>(JOBS, pod.metadata.namespace)) {
      if (jobSelector(job).matches(pod.metadata.labels)) this.enqueueAfter(keyOf(job), SYNC_JOB_BATCH_MS);
    }
  }

  private resolve(namespace: string | undefined, ref: OwnerReference): Stored<Job> | undefined {
    if (ref.kind !== 'Job') return undefined;
    const job = this.ctx.store.get<Job>(JOBS, namespace, ref.name);
    return job && job.metadata.uid === ref.uid ? job : undefined;
  }

  /** cleanupPodFinalizers: the Job's pods that still carry the finalizer go to the orphan worker. */
  private cleanupPodFinalizers(job: Stored<Job>): void {
    for (const pod of this.ctx.store.byIndex<Pod>('pods', 'controller', job.metadata.uid)) {
      if (hasTrackingFinalizer(pod)) this.queue.add(ORPHAN + keyOf(pod));
    }
  }

  sync(key: string): void {
    if (key.startsWith(ORPHAN)) this.syncOrphanPod(key.slice(ORPHAN.length));
    else syncJob(this, key);
  }

  /** syncOrphanPod: removes the finalizer of a pod no unfinished batch/v1 Job controls. */
  private syncOrphanPod(podKey: string): void {
    const { namespace, name } = splitKey(podKey);
    const pod = this.ctx.store.get<Pod>('pods', namespace, name);
    if (!pod || !hasTrackingFinalizer(pod)) return;
    const ref = controllerOf(pod);
    if (ref) {
      if (ref.kind !== 'Job' || ref.apiVersion !== 'batch/v1') return;
      const job = this.resolve(namespace, ref);
      if (job && !isJobFinished(job)) return;
    }
    removeTrackingFinalizer(this, pod);
  }
}

