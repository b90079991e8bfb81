import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { toRfc3339 } from '../../sim/clock.ts';
import { calculatePodRequests, getRawResourceReplicas, getResourceReplicas, groupPods, ReplicaCalculationError, type PodMetricsInfo } from './replica-calculator.ts';

const NOW = Date.UTC(2024, 0, 1, 12, 0, 0);
const MIN = 60_000;

/** A pod requesting `request` of CPU, Running and Ready since `readyAgo` ms, started `startedAgo` ms ago. */
function newPod(name: string, opts: { request?: string; phase?: string; ready?: boolean; startedAgo?: number; readyAgo?: number; deleting?: boolean } = {}): Pod {
  const { request = '100m', phase = 'Running', ready = true, startedAgo = 10 * MIN, readyAgo = 10 * MIN } = opts;
  return {
    metadata: { name, ...(opts.deleting ? { deletionTimestamp: toRfc3339(NOW) } : {}) },
    spec: { containers: [{ name: 'app', resources: { requests: { cpu: request } } }] },
    status: {
      phase,
      startTime: toRfc3339(NOW - startedAgo),
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: toRfc3339(NOW - readyAgo) }],
    },
  };
}

function metrics(values: Record<string, number>): PodMetricsInfo {
  return new Map(Object.entries(values).map(([name, value]) => [name, { value, timestamp: NOW, windowMs: 15_000 }]));
}

const calc = (pods: Pod[], usage: Record<string, number>, current = pods.length, target = 50) =>
  getResourceReplicas({ currentReplicas: current, pods, metrics: metrics(usage), resource: 'cpu', container: '', now: NOW }, target).replicas;

test('desired = ceil(current × utilization / target); within 10% of the target nothing changes', () => {
  const pods = [newPod('a'), newPod('b')];
  const cases: [number, number, number][] = [
    // usage per pod (of 100m requested), target %, desired
    [100, 50, 4], // 100% / 50% = 2 → 4
    [54, 50, 2], // 54 / 50 = 1.08: inside the tolerance
    [55, 50, 3], // 1.1 − 1 is 0.10000000000000009 in float64, just outside: ceil(2.2) = 3, as upstream
    [45, 50, 2], // 0.90: inside
    [44, 50, 2], // 0.88 → ceil(1.76) = 2
    [20, 50, 1], // 0.4 → ceil(0.8) = 1
    [0, 50, 0], // nothing used: 0 (min/max come later)
  ];
  for (const [usage, target, want] of cases) assert.equal(calc(pods, { a: usage, b: usage }, 2, target), want, `${usage}m of 100m at ${target}%`);
});

test('utilization is truncated to a whole percent before the ratio is taken', () => {
  const r = getResourceReplicas({ currentReplicas: 2, pods: [newPod('a'), newPod('b')], metrics: metrics({ a: 89, b: 90 }), resource: 'cpu', container: '', now: NOW }, 80);
  // 179 × 100 / 200 = 89.5 → 89%; 89/80 = 1.1125 → ceil(2.225) = 3; the raw average 179/2 = 89.
  assert.deepEqual(r, { replicas: 3, utilization: 89, rawAverage: 89 });
});

test('a scale-up counts pods without metrics, and pending pods, at 0%', () => {
  // 2 ready pods at 100% of 100m with a 50% target want 4; counting a third, pending, pod at 0
  // gives 200m / 300m = 66% → ratio 1.32 → ceil(3.96) = 4.
  const pods = [newPod('a'), newPod('b'), newPod('c', { phase: 'Pending', ready: false })];
  assert.equal(calc(pods, { a: 100, b: 100 }, 3), 4);
  // A running pod without metrics yet: the same.
  assert.equal(calc([newPod('a'), newPod('b'), newPod('c')], { a: 100, b: 100 }, 3), 4);
});

test('a scale-down counts pods without metrics at 100% of their request, and never turns into a scale-up', () => {
  // 2 pods at 20m, 1 missing: counted at 100m → 140/300 = 46% → 0.92 with a 50% target: keep 3.
  assert.equal(calc([newPod('a'), newPod('b'), newPod('c')], { a: 20, b: 20 }, 3), 3);
  // With a 90% target the missing pod counts at 100% (the max of 100 and the target):
  // 2 pods at 10m: 120/300 = 40% → 0.44 → ceil(1.33) = 2.
  assert.equal(calc([newPod('a'), newPod('b'), newPod('c')], { a: 10, b: 10 }, 3, 90), 2);
});

test('CPU samples of a pod in its first 5 minutes count only a full window after it became Ready', () => {
  const young = newPod('young', { startedAgo: 2 * MIN, readyAgo: 10_000 });
  const settled = newPod('settled', { startedAgo: 2 * MIN, readyAgo: 20_000 });
  const groups = groupPods([young, settled, newPod('gone', { deleting: true }), newPod('failed', { phase: 'Failed' }), newPod('nometrics')], metrics({ young: 50, settled: 50, gone: 1, failed: 1 }), 'cpu', NOW);
  assert.deepEqual([...groups.unready], ['young']);
  assert.deepEqual([...groups.ignored], ['gone', 'failed']);
  assert.deepEqual([...groups.missing], ['nometrics']);
  assert.equal(groups.readyPodCount, 1);
  // Memory samples are taken as they come.
  assert.equal(groupPods([young], metrics({ young: 50 }), 'memory', NOW).readyPodCount, 1);
});

test('errors carry upstream wording', () => {
  const err = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      assert.ok(e instanceof ReplicaCalculationError);
      return e.message;
    }
    return assert.fail('no error');
  };
  assert.equal(err(() => calc([], {})), 'no pods returned by selector while calculating replica count');
  assert.equal(err(() => calc([newPod('a', { phase: 'Pending' })], {})), 'did not receive metrics for targeted pods (pods might be unready)');
  const bare: Pod = { metadata: { name: 'bare' }, spec: { containers: [{ name: 'nginx' }] } };
  assert.equal(err(() => calculatePodRequests([bare], '', 'cpu')), 'missing request for cpu in container nginx of Pod bare');
});

test('an averageValue target compares average usage with the value', () => {
  const input = { currentReplicas: 2, pods: [newPod('a'), newPod('b')], metrics: metrics({ a: 300, b: 500 }), resource: 'cpu', container: '', now: NOW };
  // average 400m over a 200m target: ratio 2 → 4.
  assert.deepEqual(getRawResourceReplicas(input, 200), { replicas: 4, usage: 400 });
  assert.deepEqual(getRawResourceReplicas(input, 380), { replicas: 2, usage: 400 });
});
