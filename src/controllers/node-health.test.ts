import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Node } from 'kubernetes-types/core/v1.js';
import { nextTick, noScheduleTaintDiff, swapTaints, unknownConditions, zoneKey, zoneState } from './node-health.ts';

const T0 = '2018-09-05T06:57:00Z';
const NOW = '2018-09-06T06:57:55Z';

function node(ready: string, extra: Partial<Node['spec']> = {}): Node {
  return {
    metadata: { name: 'node2', creationTimestamp: T0 },
    spec: { ...extra },
    status: { conditions: [{ type: 'Ready', status: ready, reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: T0, lastTransitionTime: T0 }] },
  };
}

test('nextTick: the first multiple of the period strictly after t', () => {
  assert.equal(nextTick(0, 5000), 5000);
  assert.equal(nextTick(4999, 5000), 5000);
  assert.equal(nextTick(5000, 5000), 10_000);
});

test('doNoScheduleTaintingPass: condition and unschedulable taints are added, stale controller taints removed, others kept', () => {
  assert.deepEqual(noScheduleTaintDiff(node('Unknown')), { add: [{ key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' }], remove: [] });
  assert.deepEqual(noScheduleTaintDiff(node('False', { unschedulable: true })).add, [
    { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' },
  ]);
  const healed = node('True', {
    taints: [
      { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' },
      { key: 'dedicated', value: 'x', effect: 'NoSchedule' },
    ],
  });
  assert.deepEqual(noScheduleTaintDiff(healed), { add: [], remove: [{ key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' }] });
});

test('SwapNodeControllerTaint: new taints appended with timeAdded, a changed one replaced in place, removals by key and effect', () => {
  const taints = [{ key: 'a', effect: 'NoSchedule' }, { key: 'b', value: '1', effect: 'NoExecute' }];
  assert.deepEqual(swapTaints(taints, [{ key: 'c', effect: 'NoExecute' }], [{ key: 'a', effect: 'NoSchedule' }], NOW), [
    { key: 'b', value: '1', effect: 'NoExecute' },
    { key: 'c', effect: 'NoExecute', timeAdded: NOW },
  ]);
  assert.deepEqual(swapTaints(taints, [{ key: 'b', value: '2', effect: 'NoExecute' }], [], NOW), [{ key: 'a', effect: 'NoSchedule' }, { key: 'b', value: '2', effect: 'NoExecute', timeAdded: NOW }]);
  assert.equal(swapTaints(taints, [], [{ key: 'z', effect: 'NoExecute' }], NOW), undefined, 'nothing to change');
});

test('tryUpdateNodeHealth past the grace period: Unknown with the controller\'s reason, heartbeats kept; missing conditions added', () => {
  const conditions = unknownConditions(node('True'), NOW)!;
  assert.deepEqual(conditions[0], {
    type: 'Ready',
    status: 'Unknown',
    reason: 'NodeStatusUnknown',
    message: 'Kubelet stopped posting node status.',
    lastHeartbeatTime: T0,
    lastTransitionTime: NOW,
  });
  assert.deepEqual(
    conditions.slice(1).map((c) => [c.type, c.reason, c.message, c.lastHeartbeatTime]),
    ['MemoryPressure', 'DiskPressure', 'PIDPressure'].map((t) => [t, 'NodeStatusNeverUpdated', 'Kubelet never posted node status.', T0]),
  );
  assert.equal(unknownConditions({ ...node('Unknown'), status: { conditions } }, NOW), undefined);
});

test('ComputeZoneState and GetZoneKey', () => {
  assert.equal(zoneState(0, 3), 'FullDisruption');
  assert.equal(zoneState(1, 2), 'Normal', 'two not-ready nodes are never a partial disruption');
  assert.equal(zoneState(2, 3), 'PartialDisruption', '3 of 5 is 60%');
  assert.equal(zoneState(3, 3), 'Normal', '50% is under 55%');
  assert.equal(zoneKey(node('True')), '');
  assert.equal(zoneKey({ metadata: { labels: { 'topology.kubernetes.io/region': 'r', 'topology.kubernetes.io/zone': 'z' } } }), 'r:\u0000:z');
});
