import type { Job } from 'kubernetes-types/batch/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { isPodReady, isPodTerminal, maxContainerRestarts, podReadyTime } from '../../api/pod-util.ts';
import { parseRfc3339 } from '../../sim/clock.ts';
import { completionIndex, UNKNOWN_INDEX } from './indexed.ts';

/** batch.JobTrackingFinalizer: a pod keeps it until the controller has counted it in the Job's status. */
export const JOB_TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';

export function hasTrackingFinalizer(pod: Pod): boolean {
  return pod.metadata?.finalizers?.includes(JOB_TRACKING_FINALIZER) ?? false;
}

/** onlyReplaceFailedPods: podReplacementPolicy Failed (or a podFailurePolicy) waits for terminating pods to fail. */
export function onlyReplaceFailedPods(job: Job): boolean {
  return job.spec?.podReplacementPolicy === 'Failed' || !!job.spec?.podFailurePolicy;
}

/**
 * isPodFailed: phase Failed; or, unless only failed pods are replaced, a pod being deleted that
 * did not succeed (an orphan may never reach Failed).
 */
export function isPodFailed(pod: Pod, job: Job): boolean {
  if (pod.status?.phase === 'Failed') return true;
  if (onlyReplaceFailedPods(job)) return false;
  return !!pod.metadata?.deletionTimestamp && pod.status?.phase !== 'Succeeded';
}

/** IsPodTerminating (controller_utils.go): being deleted and not yet in a terminal phase. */
export function isPodTerminating(pod: Pod): boolean {
  return !isPodTerminal(pod) && !!pod.metadata?.deletionTimestamp;
}

const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

/**
 * controller.ActivePods Less: unassigned, then pending, not ready, ready for less time, more
 * restarts, newer pods first (the pods a controller deletes first). Exact ties by UID, so the
 * choice does not depend on listing order.
 */
export function compareActivePods(a: Pod, b: Pod): number {
  const na = a.spec?.nodeName ?? '', nb = b.spec?.nodeName ?? '';
  if (na !== nb && (!na || !nb)) return na ? 1 : -1;
  const pa = PHASE_ORDINAL[a.status?.phase ?? ''] ?? 0, pb = PHASE_ORDINAL[b.status?.phase ?? ''] ?? 0;
  if (pa !== pb) return pa - pb;
  const ra = isPodReady(a), rb = isPodReady(b);
  if (ra !== rb) return ra ? 1 : -1;
  if (ra && rb) {
    const ta = podReadyTime(a), tb = podReadyTime(b);
    if (ta !== tb) return afterOrZero(ta, tb) ? -1 : 1;
  }
  const ca = maxContainerRestarts(a), cb = maxContainerRestarts(b);
  if (ca !== cb) return cb - ca;
  const ka = parseRfc3339(a.metadata?.creationTimestamp), kb = parseRfc3339(b.metadata?.creationTimestamp);
  if (ka !== kb) return afterOrZero(ka, kb) ? -1 : 1;
  const ua = a.metadata?.uid ?? '', ub = b.metadata?.uid ?? '';
  return ua < ub ? -1 : ua > ub ? 1 : 0;
}

/** afterOrZero: a zero time is "after" every other; else the later one. */
function afterOrZero(a: number | undefined, b: number | undefined): boolean {
  if (a === undefined || b === undefined) return a === undefined;
  return a > b;
}

/**
 * activePodsForRemoval: for an Indexed Job first the pods that repeat an index (all but the most
 * established of each), lack one or are out of range; then, in deletion order, enough others to
 * remove at least `atLeast`.
 */
export function activePodsForRemoval(job: Job, pods: readonly Pod[], atLeast: number): Pod[] {
  let rm: Pod[] = [];
  let left: Pod[] = [...pods];
  if (job.spec?.completionMode === 'Indexed') {
    const completions = job.spec.completions ?? 0;
    rm = [];
    left = [];
    const byIndex = new Map<number, Pod[]>();
    for (const p of pods) {
      const ix = completionIndex(p);
      if (ix === UNKNOWN_INDEX || ix >= completions) rm.push(p);
      else byIndex.set(ix, [...(byIndex.get(ix) ?? []), p]);
    }
    for (const ix of [...byIndex.keys()].sort((x, y) => x - y)) {
      const same = byIndex.get(ix)!.sort(compareActivePods);
      rm.push(...same.slice(0, -1));
      left.push(same[same.length - 1]);
    }
  }
  if (rm.length < atLeast) rm.push(...left.sort(compareActivePods).slice(0, atLeast - rm.length));
  return rm;
}
