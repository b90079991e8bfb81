import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { HorizontalPodAutoscalerBehavior } from 'kubernetes-types/autoscaling/v2.js';
import { defaultScaleDownRules, defaultScaleUpRules } from '../../api/kinds/hpa.ts';
import { convertDesiredReplicasWithRules, normalizeDesiredReplicas, normalizeDesiredReplicasWithBehaviors, ScalingHistory, storeScaleEvent } from './normalize.ts';

const S = 1000;
const MIN = 60 * S;

test('min, max and the scale-up limit of max(2 × current, 4) without a behavior', () => {
  const cases: [number, number, number, string][] = [
    // current, desired → replicas, reason
    [2, 3, 3, 'DesiredWithinRange'],
    [1, 9, 4, 'ScaleUpLimit'], // max(2, 4) = 4
    [3, 9, 6, 'ScaleUpLimit'], // 2 × 3
    [6, 20, 10, 'TooManyReplicas'], // 12 allowed, max 10
    [3, 0, 1, 'TooFewReplicas'],
  ];
  for (const [current, desired, want, reason] of cases) {
    const r = convertDesiredReplicasWithRules(current, desired, 1, 10);
    assert.deepEqual([r.replicas, r.reason], [want, reason], `${current} → ${desired}`);
  }
});

test('a scale-down waits until 5 minutes of virtual time have passed since the last higher recommendation', () => {
  const h = new ScalingHistory();
  const t0 = 1_000_000;
  h.recordInitial(5, t0);
  assert.equal(normalizeDesiredReplicas(h, t0, 5, 5, 1, 10).replicas, 5);
  // The load stops 1 minute later: every look now recommends 1, but 5 was recommended at t0 + 1 min.
  normalizeDesiredReplicas(h, t0 + MIN, 5, 5, 1, 10);
  for (let t = t0 + MIN + 15 * S; t <= t0 + 6 * MIN; t += 15 * S) {
    const r = normalizeDesiredReplicas(h, t, 5, 1, 1, 10);
    assert.equal(r.replicas, 5, `held at ${(t - t0) / S}s`);
    assert.deepEqual(r.ableToScale.reason, 'ScaleDownStabilized');
  }
  const r = normalizeDesiredReplicas(h, t0 + 6 * MIN + 15 * S, 5, 1, 1, 10);
  assert.equal(r.replicas, 1);
  assert.equal(r.ableToScale.reason, 'ReadyForNewScale');
  assert.deepEqual(r.scalingLimited, { status: 'False', reason: 'DesiredWithinRange', message: 'the desired count is within the acceptable range' });
});

test('a scale-up is not stabilized: the highest recent recommendation includes the new one', () => {
  const h = new ScalingHistory();
  h.recordInitial(2, 0);
  assert.equal(normalizeDesiredReplicas(h, 15 * S, 2, 3, 1, 10).replicas, 3);
});

const behavior = (b: HorizontalPodAutoscalerBehavior): HorizontalPodAutoscalerBehavior => ({
  scaleUp: { ...defaultScaleUpRules(), ...b.scaleUp },
  scaleDown: { ...defaultScaleDownRules(), ...b.scaleDown },
});

test('scale-up policies limit the change per period: one pod a minute', () => {
  const b = behavior({ scaleUp: { policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] } });
  const h = new ScalingHistory();
  h.recordInitial(1, 0);
  const step = (t: number, current: number, desired: number) => {
    const r = normalizeDesiredReplicasWithBehaviors(h, b, t, current, desired, 1, 10);
    if (r.replicas !== current) storeScaleEvent(h, b, current, r.replicas, t);
    return r;
  };
  const first = step(15 * S, 1, 8);
  assert.deepEqual([first.replicas, first.scalingLimited.reason], [2, 'ScaleUpLimit']);
  assert.equal(step(30 * S, 2, 8).replicas, 2, 'the pod added 15 s ago used this minute up');
  assert.equal(step(74 * S, 2, 8).replicas, 2);
  assert.equal(step(75 * S, 2, 8).replicas, 3, 'a minute after the first event');
});

test('the default behaviour allows 4 pods or 100% per 15 s up, and any scale-down after the window', () => {
  const b = behavior({});
  const h = new ScalingHistory();
  h.recordInitial(3, 0);
  // max(3 + 4, ceil(3 × 2)) = 7.
  assert.equal(normalizeDesiredReplicasWithBehaviors(h, b, 15 * S, 3, 20, 1, 50).replicas, 7);
  // The 300 s scale-down window applies when the behavior names none: the recommendation of 20
  // 15 s ago keeps the current 7 (the stabilized value stays between the window's extremes).
  const down = normalizeDesiredReplicasWithBehaviors(h, b, 30 * S, 7, 1, 1, 50);
  assert.deepEqual([down.replicas, down.ableToScale.reason], [7, 'ScaleDownStabilized']);
  assert.equal(normalizeDesiredReplicasWithBehaviors(h, b, 30 * S + 5 * MIN, 7, 1, 1, 50).replicas, 1);
});

test('selectPolicy Disabled freezes that direction', () => {
  const b = behavior({ scaleDown: { selectPolicy: 'Disabled', stabilizationWindowSeconds: 0 } });
  const h = new ScalingHistory();
  h.recordInitial(5, 0);
  const r = normalizeDesiredReplicasWithBehaviors(h, b, 15 * S, 5, 1, 1, 10);
  assert.deepEqual([r.replicas, r.scalingLimited.reason], [5, 'ScaleDownLimit']);
});
