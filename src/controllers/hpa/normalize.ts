import type { HorizontalPodAutoscalerBehavior, HPAScalingRules } from 'kubernetes-types/autoscaling/v2.js';

/**
 * How a recommendation becomes the replica count the HPA sets (horizontal.go at v1.32):
 * stabilization over recent recommendations, then min/max and the scale-rate limits. The
 * controller keeps, per autoscaler, its recent recommendations and (with a behavior) its recent
 * scale events; these functions read and update that history at virtual time `now`.
 */

/** --horizontal-pod-autoscaler-downscale-stabilization. */
export const DOWNSCALE_STABILIZATION_WINDOW_MS = 5 * 60_000;
/** scaleUpLimitFactor and scaleUpLimitMinimum: without a behavior, at most max(2 × current, 4). */
const SCALE_UP_LIMIT_FACTOR = 2;
const SCALE_UP_LIMIT_MINIMUM = 4;

interface Recommendation {
  replicas: number;
  at: number;
}

interface ScaleEvent {
  /** The absolute change. */
  change: number;
  at: number;
  outdated: boolean;
}

/** One autoscaler's memory: recommendations and scale events (the controller's maps by key). */
export class ScalingHistory {
  recommendations: Recommendation[] = [];
  scaleUpEvents: ScaleEvent[] = [];
  scaleDownEvents: ScaleEvent[] = [];

  /** recordInitialRecommendation: the first sync counts the current size as a recommendation. */
  recordInitial(replicas: number, now: number): void {
    if (this.recommendations.length === 0) this.recommendations = [{ replicas, at: now }];
  }

  /** Records a recommendation, reusing the slot of one the window has passed (as upstream does). */
  record(replicas: number, now: number, old: number): void {
    if (old >= 0) this.recommendations[old] = { replicas, at: now };
    else this.recommendations.push({ replicas, at: now });
  }
}

/** A condition the normalization sets: AbleToScale (always True here) and ScalingLimited. */
export interface Normalized {
  replicas: number;
  ableToScale: { reason: string; message: string };
  scalingLimited: { status: 'True' | 'False'; reason: string; message: string };
}

/**
 * stabilizeRecommendation: the highest recommendation of the last 5 minutes (this one included),
 * so a scale-down happens only once every recommendation in the window asks for it.
 */
function stabilize(history: ScalingHistory, desired: number, now: number): number {
  let max = desired;
  let old = -1;
  const cutoff = now - DOWNSCALE_STABILIZATION_WINDOW_MS;
  history.recommendations.forEach((r, i) => {
    if (r.at < cutoff) old = i;
    else if (r.replicas > max) max = r.replicas;
  });
  history.record(desired, now, old);
  return max;
}

/** calculateScaleUpLimit: max(2 × current, 4), guarding against bogus usage spikes. */
export function scaleUpLimit(current: number): number {
  return Math.trunc(Math.max(SCALE_UP_LIMIT_FACTOR * current, SCALE_UP_LIMIT_MINIMUM));
}

/** convertDesiredReplicasWithRules: clamp to [min, min(max, scale-up limit)], naming the limit hit. */
export function convertDesiredReplicasWithRules(current: number, desired: number, min: number, max: number): { replicas: number; reason: string; message: string } {
  const limit = scaleUpLimit(current);
  const [maximum, reason, message] =
    max > limit
      ? [limit, 'ScaleUpLimit', 'the desired replica count is increasing faster than the maximum scale rate']
      : [max, 'TooManyReplicas', 'the desired replica count is more than the maximum replica count'];
  if (desired < min) return { replicas: min, reason: 'TooFewReplicas', message: 'the desired replica count is less than the minimum replica count' };
  if (desired > maximum) return { replicas: maximum, reason, message };
  return { replicas: desired, reason: 'DesiredWithinRange', message: 'the desired count is within the acceptable range' };
}

/** normalizeDesiredReplicas: the path without a behavior. */
export function normalizeDesiredReplicas(history: ScalingHistory, now: number, current: number, desired: number, min: number, max: number): Normalized {
  const stabilized = stabilize(history, desired, now);
  const ableToScale =
    stabilized !== desired
      ? { reason: 'ScaleDownStabilized', message: 'recent recommendations were higher than current one, applying the highest recent recommendation' }
      : { reason: 'ReadyForNewScale', message: 'recommended size matches current size' };
  const limited = convertDesiredReplicasWithRules(current, stabilized, min, max);
  return {
    replicas: limited.replicas,
    ableToScale,
    scalingLimited: { status: limited.replicas === stabilized ? 'False' : 'True', reason: limited.reason, message: limited.message },
  };
}

/** getReplicasChangePerPeriod: the changes made within the last `periodSeconds`. */
function changeInPeriod(periodSeconds: number, events: readonly ScaleEvent[], now: number): number {
  const cutoff = now - periodSeconds * 1000;
  return events.reduce((sum, e) => (e.at > cutoff ? sum + e.change : sum), 0);
}

/**
 * calculateScaleUpLimitWithScalingRules: for each policy, the replicas at the start of its period
 * (current − added + removed within it) plus the policy's allowance (Pods: +value; Percent: ×
 * (1 + value/100), rounded up); Max takes the most permissive policy, Min the least. E.g. the
 * default rules from 3 replicas: max(3 + 4, ceil(3 × 2)) = 7.
 */
function scaleUpLimitWithRules(current: number, history: ScalingHistory, rules: HPAScalingRules, now: number): number {
  if (rules.selectPolicy === 'Disabled') return current;
  const pick = rules.selectPolicy === 'Min' ? Math.min : Math.max;
  let result = rules.selectPolicy === 'Min' ? Number.MAX_SAFE_INTEGER : Number.MIN_SAFE_INTEGER;
  for (const p of rules.policies ?? []) {
    const start = current - changeInPeriod(p.periodSeconds, history.scaleUpEvents, now) + changeInPeriod(p.periodSeconds, history.scaleDownEvents, now);
    const proposed = p.type === 'Pods' ? start + p.value : Math.ceil(start * (1 + p.value / 100));
    result = pick(result, proposed);
  }
  return result;
}

/**
 * calculateScaleDownLimitWithBehaviors: the same downwards (Pods: −value; Percent: × (1 −
 * value/100), truncated); Max picks the lowest floor. The default 100% per 15 s allows any scale-down.
 */
function scaleDownLimitWithRules(current: number, history: ScalingHistory, rules: HPAScalingRules, now: number): number {
  if (rules.selectPolicy === 'Disabled') return current;
  const pick = rules.selectPolicy === 'Min' ? Math.max : Math.min;
  let result = rules.selectPolicy === 'Min' ? Number.MIN_SAFE_INTEGER : Number.MAX_SAFE_INTEGER;
  for (const p of rules.policies ?? []) {
    const start = current - changeInPeriod(p.periodSeconds, history.scaleUpEvents, now) + changeInPeriod(p.periodSeconds, history.scaleDownEvents, now);
    const proposed = p.type === 'Pods' ? start - p.value : Math.trunc(start * (1 - p.value / 100));
    result = pick(result, proposed);
  }
  return result;
}

/**
 * stabilizeRecommendationWithBehaviors: the recommendation is held between the lowest one within
 * the scale-up window and the highest one within the scale-down window (the current size when
 * that range allows it).
 */
function stabilizeWithBehaviors(history: ScalingHistory, behavior: Required<Pick<HorizontalPodAutoscalerBehavior, 'scaleUp' | 'scaleDown'>>, current: number, desired: number, now: number): { replicas: number; reason: string; message: string } {
  const upCutoff = now - (behavior.scaleUp!.stabilizationWindowSeconds ?? 0) * 1000;
  const downCutoff = now - (behavior.scaleDown!.stabilizationWindowSeconds ?? DOWNSCALE_STABILIZATION_WINDOW_MS / 1000) * 1000;
  let up = desired, down = desired, old = -1;
  history.recommendations.forEach((r, i) => {
    if (r.at > upCutoff) up = Math.min(r.replicas, up);
    if (r.at > downCutoff) down = Math.max(r.replicas, down);
    if (r.at < upCutoff && r.at < downCutoff) old = i;
  });
  const replicas = Math.min(Math.max(current, up), down);
  history.record(desired, now, old);
  return desired >= current
    ? { replicas, reason: 'ScaleUpStabilized', message: 'recent recommendations were lower than current one, applying the lowest recent recommendation' }
    : { replicas, reason: 'ScaleDownStabilized', message: 'recent recommendations were higher than current one, applying the highest recent recommendation' };
}

/** convertDesiredReplicasWithBehaviorRate: min/max and the policies' rate limits. */
function convertWithBehaviorRate(history: ScalingHistory, behavior: HorizontalPodAutoscalerBehavior, current: number, desired: number, min: number, max: number, now: number): { replicas: number; reason: string; message: string } {
  if (desired > current) {
    const limit = Math.max(scaleUpLimitWithRules(current, history, behavior.scaleUp!, now), current);
    const [maximum, reason, message] =
      max > limit
        ? [limit, 'ScaleUpLimit', 'the desired replica count is increasing faster than the maximum scale rate']
        : [max, 'TooManyReplicas', 'the desired replica count is more than the maximum replica count'];
    if (desired > maximum) return { replicas: maximum, reason, message };
  } else if (desired < current) {
    const limit = Math.min(scaleDownLimitWithRules(current, history, behavior.scaleDown!, now), current);
    const [minimum, reason, message] =
      min < limit
        ? [limit, 'ScaleDownLimit', 'the desired replica count is decreasing faster than the maximum scale rate']
        : [min, 'TooFewReplicas', 'the desired replica count is less than the minimum replica count'];
    if (desired < minimum) return { replicas: minimum, reason, message };
  }
  return { replicas: desired, reason: 'DesiredWithinRange', message: 'the desired count is within the acceptable range' };
}

/**
 * normalizeDesiredReplicasWithBehaviors: stabilize, then limit the rate. (A scale-down rule
 * without a window takes the controller's 5 minutes, maybeInitScaleDownStabilizationWindow.)
 */
export function normalizeDesiredReplicasWithBehaviors(history: ScalingHistory, behavior: HorizontalPodAutoscalerBehavior, now: number, current: number, desired: number, min: number, max: number): Normalized {
  const rules = { scaleUp: behavior.scaleUp!, scaleDown: behavior.scaleDown! };
  const stabilized = stabilizeWithBehaviors(history, rules, current, desired, now);
  const ableToScale = stabilized.replicas !== desired ? { reason: stabilized.reason, message: stabilized.message } : { reason: 'ReadyForNewScale', message: 'recommended size matches current size' };
  const limited = convertWithBehaviorRate(history, behavior, current, stabilized.replicas, min, max, now);
  return {
    replicas: limited.replicas,
    ableToScale,
    scalingLimited: { status: limited.replicas === stabilized.replicas ? 'False' : 'True', reason: limited.reason, message: limited.message },
  };
}

/** getLongestPolicyPeriod. */
function longestPeriod(rules: HPAScalingRules | undefined): number {
  return Math.max(0, ...(rules?.policies ?? []).map((p) => p.periodSeconds));
}

/**
 * storeScaleEvent: with a behavior, remembers a scale's size for the rate limits, reusing the
 * slot of an event older than the longest policy period.
 */
export function storeScaleEvent(history: ScalingHistory, behavior: HorizontalPodAutoscalerBehavior | undefined, previous: number, next: number, now: number): void {
  if (!behavior) return;
  const up = next > previous;
  const events = up ? history.scaleUpEvents : history.scaleDownEvents;
  const cutoff = now - longestPeriod(up ? behavior.scaleUp : behavior.scaleDown) * 1000;
  let old = -1;
  events.forEach((e, i) => {
    if (e.at < cutoff) e.outdated = true;
    if (e.outdated) old = i;
  });
  const event = { change: Math.abs(next - previous), at: now, outdated: false };
  if (old >= 0) events[old] = event;
  else events.push(event);
}
