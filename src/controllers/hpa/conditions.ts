import type { HorizontalPodAutoscalerCondition } from 'kubernetes-types/autoscaling/v2.js';

export type ConditionType = 'AbleToScale' | 'ScalingActive' | 'ScalingLimited';
export type ConditionStatus = 'True' | 'False';

/**
 * setConditionInList (horizontal.go): replaces the condition of that type in place, or appends
 * it; lastTransitionTime moves only when the status changes. Returns a new list (stored objects
 * are not modified).
 */
export function setCondition(
  conditions: readonly HorizontalPodAutoscalerCondition[],
  type: ConditionType,
  status: ConditionStatus,
  reason: string,
  message: string,
  now: string,
): HorizontalPodAutoscalerCondition[] {
  const out = [...conditions];
  const i = out.findIndex((c) => c.type === type);
  const existing = i >= 0 ? out[i] : undefined;
  const condition: HorizontalPodAutoscalerCondition = {
    type,
    status,
    lastTransitionTime: existing && existing.status === status ? existing.lastTransitionTime : now,
    reason,
    message,
  };
  if (i >= 0) out[i] = condition;
  else out.push(condition);
  return out;
}
