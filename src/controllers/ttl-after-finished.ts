import type { Job } from 'kubernetes-types/batch/v1.js';
import { StatusError } from '../api/errors.ts';
import { parseRfc3339 } from '../sim/clock.ts';
import { WorkQueue } from '../sim/work-queue.ts';
import { keyOf, splitKey, type Stored } from '../store/object.ts';
import type { WatchEvent } from '../store/watch-event.ts';
import type { ControllerContext } from './context.ts';

const JOBS = 'jobs.batch';

/**
 * The TTL-after-finished controller (pkg/controller/ttlafterfinished/ttlafterfinished_controller.go):
 * a finished Job with spec.ttlSecondsAfterFinished is deleted, in the foreground (its pods go
 * first), that many seconds after its Complete or Failed condition turned True. The wait is not
 * progress: settle() leaves finished Jobs in place; letting time pass cleans them up.
 */
export class TtlAfterFinishedController {
  readonly name = 'ttl-after-finished-controller';
  readonly queue = new WorkQueue('ttl_jobs_to_delete');

  constructor(private readonly ctx: ControllerContext) {
    ctx.sim.watch(JOBS, (e) => this.onJob(e));
    ctx.sim.register(this);
  }

  /** addJob, updateJob: only Jobs not being deleted that need cleaning up. */
  private onJob(e: WatchEvent): void {
    if (e.type === 'DELETED') return;
    const job = e.object as Stored<Job>;
    if (!job.metadata.deletionTimestamp && expireAt(job) !== undefined) this.queue.add(keyOf(job));
  }

  /** processJob: delete an expired Job (checked again on the fresh object, with its uid as precondition), or wait for it to expire. */
  sync(key: string): void {
    const { namespace, name } = splitKey(key);
    const job = this.ctx.store.get<Job>(JOBS, namespace, name);
    if (!job || job.metadata.deletionTimestamp) return;
    const at = expireAt(job);
    if (at === undefined) return;
    const left = at - this.ctx.clock.now();
    if (left > 0) {
      this.ctx.sim.after(left, () => this.queue.add(key), { progress: false, label: `ttl ${key}` });
      return;
    }
    try {
      this.ctx.api.delete(JOBS, namespace, name, { propagationPolicy: 'Foreground', preconditions: { uid: job.metadata.uid } });
    } catch (e) {
      if (!(e instanceof StatusError)) throw e;
    }
  }
}

/** getFinishAndExpireTime: when the Complete or Failed condition turned True, plus the TTL; undefined when there is nothing to clean. */
export function expireAt(job: Job): number | undefined {
  const ttl = job.spec?.ttlSecondsAfterFinished;
  if (ttl == null) return undefined;
  const finished = job.status?.conditions?.find((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
  const at = parseRfc3339(finished?.lastTransitionTime);
  return at === undefined ? undefined : at + ttl * 1000;
}
