import type { Pod, PodCondition } from 'kubernetes-types/core/v1.js';
import { parseRfc3339 } from '../sim/clock.ts';

/**
 * Pod predicates from pkg/api/v1/pod/util.go and pkg/controller/controller_utils.go, shared by
 * every controller and printer.
 */

export function podCondition(pod: Pod, type: string): PodCondition | undefined {
  return pod.status?.conditions?.find((c) => c.type === type);
}

/** IsPodReady: the Ready condition is True. */
export function isPodReady(pod: Pod): boolean {
  return podCondition(pod, 'Ready')?.status === 'True';
}

/** When the pod last became Ready (epoch ms), if it is ready. */
export function podReadyTime(pod: Pod): number | undefined {
  const c = podCondition(pod, 'Ready');
  return c?.status === 'True' ? parseRfc3339(c.lastTransitionTime) : undefined;
}

/** IsPodAvailable: ready for at least minReadySeconds. */
export function isPodAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  if (!isPodReady(pod)) return false;
  if (minReadySeconds === 0) return true;
  const t = podReadyTime(pod);
  return t !== undefined && t + minReadySeconds * 1000 <= now;
}

/** Succeeded or Failed. */
export function isPodTerminal(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

/** IsPodActive: not terminal and not being deleted. */
export function isPodActive(pod: Pod): boolean {
  return !isPodTerminal(pod) && !pod.metadata?.deletionTimestamp;
}

/** The largest restart count among the pod's regular containers (init containers do not count, as upstream). */
export function maxContainerRestarts(pod: Pod): number {
  let max = 0;
  for (const s of pod.status?.containerStatuses ?? []) max = Math.max(max, s.restartCount ?? 0);
  return max;
}
