import type { ControllerContext } from '../context.ts';
import type { BackoffStore } from './backoff.ts';

/** The store's resource for Jobs. */
export const JOBS = 'jobs.batch';
/** The event source and field manager of the Job controller. */
export const COMPONENT = 'job-controller';

/** What a sync needs from the controller around it. */
export interface JobSyncHost {
  readonly ctx: ControllerContext;
  readonly backoff: BackoffStore;
  /** queue.AddAfter: sync the Job again after `delayMs` (at once for 0 or less). */
  enqueueAfter(key: string, delayMs: number): void;
}
