import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Node } from 'kubernetes-types/core/v1.js';
import { kubeletNodeConditions } from './node-status.ts';

const T0 = '2018-09-05T06:57:00Z';
const T1 = '2018-09-06T07:03:01Z';

function node(ready: string, pressure = 'False'): Node {
  const c = (type: string, status: string, reason: string) => ({ type, status, reason, message: 'm', lastHeartbeatTime: T0, lastTransitionTime: T0 });
  return {
    metadata: { name: 'node2' },
    status: {
      conditions: [
        c('MemoryPressure', pressure, 'r'),
        c('DiskPressure', pressure, 'r'),
        c('PIDPressure', pressure, 'r'),
        c('Ready', ready, ready === 'Unknown' ? 'NodeStatusUnknown' : 'KubeletReady'),
      ],
    },
  };
}

test('back from Unknown: every condition transitions now, with the setters\' events in their order', () => {
  const { conditions, events } = kubeletNodeConditions(node('Unknown', 'Unknown'), { ready: true }, T1);
  assert.deepEqual(
    conditions.map((c) => [c.type, c.status, c.reason, c.lastHeartbeatTime, c.lastTransitionTime]),
    [
      ['MemoryPressure', 'False', 'KubeletHasSufficientMemory', T1, T1],
      ['DiskPressure', 'False', 'KubeletHasNoDiskPressure', T1, T1],
      ['PIDPressure', 'False', 'KubeletHasSufficientPID', T1, T1],
      ['Ready', 'True', 'KubeletReady', T1, T1],
    ],
  );
  assert.deepEqual(events.map((e) => e.message), [
    'Node node2 status is now: NodeHasSufficientMemory',
    'Node node2 status is now: NodeHasNoDiskPressure',
    'Node node2 status is now: NodeHasSufficientPID',
    'Node node2 status is now: NodeReady',
  ]);
});

test('a kubelet reporting NotReady: Ready False with its message; unchanged conditions keep their transition time', () => {
  const { conditions, events } = kubeletNodeConditions(node('True'), { ready: false, message: 'container runtime is down' }, T1);
  const ready = conditions.find((c) => c.type === 'Ready')!;
  assert.deepEqual([ready.status, ready.reason, ready.message, ready.lastTransitionTime], ['False', 'KubeletNotReady', 'container runtime is down', T1]);
  const memory = conditions.find((c) => c.type === 'MemoryPressure')!;
  assert.deepEqual([memory.lastHeartbeatTime, memory.lastTransitionTime], [T1, T0]);
  assert.deepEqual(events, [{ reason: 'NodeNotReady', message: 'Node node2 status is now: NodeNotReady' }]);
});
