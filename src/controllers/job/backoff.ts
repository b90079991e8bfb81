import type { Pod } from 'kubernetes-types/core/v1.js';
import { podCondition } from '../../api/pod-util.ts';
import { parseRfc3339 } from '../../sim/clock.ts';

/** DefaultJobPodFailureBackOff (job_controller.go): the first re-creation after a failure waits 10 s. */
export const DEFAULT_POD_FAILURE_BACKOFF_MS = 10_000;
/**
 * MaxJobPodFailureBackOff: the delay doubles up to 10 minutes. (The Job documentation says 6
 * minutes; the code has said 10 since the back-off moved into the controller, v1.28.)
 */
export const MAX_POD_FAILURE_BACKOFF_MS = 600_000;

/** backoffRecord (backoff_utils.go): consecutive failures since the last success, and the last one's time. */
export interface BackoffRecord {
  readonly key: string;
  readonly failuresAfterLastSuccess: number;
  readonly lastFailureTime?: number;
}

/**
 * backoffStore: one record per Job, updated when the controller flushes the status that counts
 * the pods the record was computed from.
 */
export class BackoffStore {
  private readonly records = new Map<string, BackoffRecord>();

  /**
   * newBackoffRecord: the stored record moved on by the pods that finished since. Only failures
   * count, and only those after the latest success among the new pods.
   */
  newRecord(key: string, newSucceeded: readonly Pod[], newFailed: readonly Pod[]): BackoffRecord {
    const old = this.records.get(key) ?? { key, failuresAfterLastSuccess: 0 };
    const failed = sortByFinishedTime(newFailed);
    const succeeded = sortByFinishedTime(newSucceeded);
    if (succeeded.length === 0) {
      if (failed.length === 0) return old;
      return { key, failuresAfterLastSuccess: old.failuresAfterLastSuccess + failed.length, lastFailureTime: finishedTime(failed[failed.length - 1]) };
    }
    const lastSuccess = finishedTime(succeeded[succeeded.length - 1]);
    let failures = 0;
    let lastFailureTime: number | undefined;
    for (let i = failed.length - 1; i >= 0; i--) {
      const t = finishedTime(failed[i]);
      if (t <= lastSuccess) break;
      lastFailureTime ??= t;
      failures++;
    }
    return { key, failuresAfterLastSuccess: failures, lastFailureTime };
  }

  update(record: BackoffRecord): void {
    this.records.set(record.key, record);
  }

  remove(key: string): void {
    this.records.delete(key);
  }
}

/**
 * getRemainingTimeForFailuresCount: 10 s × 2^(failures − 1), at most 10 min, counted from the
 * last failure; 0 once that has passed. Worked numbers: the 1st failure waits 10 s, the 3rd 40 s,
 * the 7th 640 s → capped to 600 s.
 */
export function remainingBackoff(now: number, record: Pick<BackoffRecord, 'failuresAfterLastSuccess' | 'lastFailureTime'>, base = DEFAULT_POD_FAILURE_BACKOFF_MS, max = MAX_POD_FAILURE_BACKOFF_MS): number {
  if (record.failuresAfterLastSuccess === 0) return 0;
  let delay = base;
  for (let i = 1; i < record.failuresAfterLastSuccess; i++) {
    delay *= 2;
    if (delay >= max) {
      delay = max;
      break;
    }
  }
  const elapsed = now - (record.lastFailureTime ?? 0);
  return delay < elapsed ? 0 : delay - elapsed;
}

/**
 * getFinishedTime: when a pod finished: its containers' latest finishedAt when all have
 * terminated, else when Ready turned False, else its deletion time less the grace period, else
 * its creation.
 */
export function finishedTime(pod: Pod): number {
  return fromContainers(pod) ?? fromReadyFalse(pod) ?? fromDeletion(pod) ?? parseRfc3339(pod.metadata?.creationTimestamp) ?? 0;
}

function fromContainers(pod: Pod): number | undefined {
  let latest: number | undefined;
  for (const s of pod.status?.containerStatuses ?? []) {
    const t = parseRfc3339(s.state?.terminated?.finishedAt);
    if (t === undefined) return undefined;
    if (latest === undefined || t > latest) latest = t;
  }
  return latest;
}

function fromReadyFalse(pod: Pod): number | undefined {
  const c = podCondition(pod, 'Ready');
  return c?.status === 'False' ? parseRfc3339(c.lastTransitionTime) : undefined;
}

function fromDeletion(pod: Pod): number | undefined {
  const t = parseRfc3339(pod.metadata?.deletionTimestamp ?? undefined);
  return t === undefined ? undefined : t - (pod.metadata?.deletionGracePeriodSeconds ?? 0) * 1000;
}

function sortByFinishedTime(pods: readonly Pod[]): Pod[] {
  return [...pods].sort((a, b) => finishedTime(a) - finishedTime(b));
}
