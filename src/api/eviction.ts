import type { Pod, PodCondition } from 'kubernetes-types/core/v1.js';
import type { Stored } from '../store/object.ts';

/** The condition the eviction subresource puts on a pod before deleting it (addConditionAndDeletePod). */
const EVICTION_CONDITION = { type: 'DisruptionTarget', status: 'True', reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting' };

/**
 * UpdatePodCondition with the eviction's DisruptionTarget condition (a new transition time only
 * when the status changes); undefined when the pod already has it.
 */
export function withEvictionCondition(pod: Stored<Pod>, now: string): Stored<Pod> | undefined {
  const conditions = pod.status?.conditions ?? [];
  const i = conditions.findIndex((c) => c.type === EVICTION_CONDITION.type);
  const old = i >= 0 ? conditions[i] : undefined;
  if (old && old.status === EVICTION_CONDITION.status && old.reason === EVICTION_CONDITION.reason && old.message === EVICTION_CONDITION.message) return undefined;
  const next: PodCondition = {
    ...EVICTION_CONDITION,
    lastProbeTime: null as unknown as string,
    lastTransitionTime: old && old.status === EVICTION_CONDITION.status ? old.lastTransitionTime : now,
  };
  return { ...pod, status: { ...pod.status, conditions: old ? conditions.map((c, j) => (j === i ? next : c)) : [...conditions, next] } };
}
