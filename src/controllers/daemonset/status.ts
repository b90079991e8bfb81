import type { DaemonSet, DaemonSetStatus } from 'kubernetes-types/apps/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { isPodAvailable, isPodReady } from '../../api/pod-util.ts';
import { isPodUpdated } from './util.ts';

/** The counts of DaemonSetStatus, each node contributing 0 or 1 to each. */
export interface StatusCounts {
  desired: number;
  current: number;
  misscheduled: number;
  ready: number;
  available: number;
  updated: number;
}

export const ZERO_COUNTS: Readonly<StatusCounts> = Object.freeze({ desired: 0, current: 0, misscheduled: 0, ready: 0, available: 0, updated: 0 });

/**
 * One node's part in updateDaemonSetStatus: a node that should run a pod is desired, and current
 * when it has one; then the oldest of its pods (bound first, then by creation time) decides ready,
 * available and up to date. A node with pods that should not run one is misscheduled. `pods` are
 * sorted oldest first; nodes that no longer exist count for nothing.
 */
export function nodeContribution(exists: boolean, shouldRun: boolean, pods: readonly Pod[], hash: string, generation: number | undefined, minReadySeconds: number, now: number): StatusCounts {
  if (!exists) return ZERO_COUNTS;
  if (!shouldRun) return pods.length ? { ...ZERO_COUNTS, misscheduled: 1 } : ZERO_COUNTS;
  if (pods.length === 0) return { ...ZERO_COUNTS, desired: 1 };
  const pod = pods[0];
  const ready = isPodReady(pod);
  return {
    desired: 1,
    current: 1,
    misscheduled: 0,
    ready: ready ? 1 : 0,
    available: ready && isPodAvailable(pod, minReadySeconds, now) ? 1 : 0,
    updated: isPodUpdated(pod, hash, generation) ? 1 : 0,
  };
}

export function addCounts(total: StatusCounts, part: StatusCounts, sign: 1 | -1): void {
  total.desired += sign * part.desired;
  total.current += sign * part.current;
  total.misscheduled += sign * part.misscheduled;
  total.ready += sign * part.ready;
  total.available += sign * part.available;
  total.updated += sign * part.updated;
}

/**
 * The status storeDaemonSetStatus writes: the four counts apps/v1 always serializes, the others
 * only when non-zero (omitempty), numberUnavailable = desired − available, and what the status
 * already had (collisionCount, conditions). observedGeneration moves only when the sync acted on
 * the current generation.
 */
export function statusFor(ds: DaemonSet, counts: StatusCounts, updateObservedGeneration: boolean): DaemonSetStatus {
  const previous = ds.status;
  const observed = updateObservedGeneration ? ds.metadata?.generation : previous?.observedGeneration;
  const unavailable = counts.desired - counts.available;
  return {
    currentNumberScheduled: counts.current,
    desiredNumberScheduled: counts.desired,
    numberMisscheduled: counts.misscheduled,
    numberReady: counts.ready,
    ...(counts.updated ? { updatedNumberScheduled: counts.updated } : {}),
    ...(counts.available ? { numberAvailable: counts.available } : {}),
    ...(unavailable ? { numberUnavailable: unavailable } : {}),
    ...(observed ? { observedGeneration: observed } : {}),
    ...(previous?.collisionCount !== undefined ? { collisionCount: previous.collisionCount } : {}),
    ...(previous?.conditions?.length ? { conditions: previous.conditions } : {}),
  };
}

/**
 * storeDaemonSetStatus's early return: nothing to write when every count is as stored and the
 * stored observedGeneration is not behind.
 */
export function statusUpToDate(ds: DaemonSet, counts: StatusCounts): boolean {
  const s = ds.status;
  return (
    (s?.desiredNumberScheduled ?? 0) === counts.desired &&
    (s?.currentNumberScheduled ?? 0) === counts.current &&
    (s?.numberMisscheduled ?? 0) === counts.misscheduled &&
    (s?.numberReady ?? 0) === counts.ready &&
    (s?.updatedNumberScheduled ?? 0) === counts.updated &&
    (s?.numberAvailable ?? 0) === counts.available &&
    (s?.numberUnavailable ?? 0) === counts.desired - counts.available &&
    (s?.observedGeneration ?? 0) >= (ds.metadata?.generation ?? 0)
  );
}
