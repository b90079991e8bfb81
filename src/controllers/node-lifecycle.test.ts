import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Event, Node, Pod } from 'kubernetes-types/core/v1.js';
import type { Cluster } from '../cluster.ts';
import { clusterWith, ok } from '../kubectl/apply/testing.ts';
import { parseRfc3339, TUTORIAL_EPOCH } from '../sim/clock.ts';

/** The node lifecycle controller's timings, in seconds after the scenario starts (06:57:00, a 10-second tick). */
const at = (c: Cluster, seconds: number) => c.advance(TUTORIAL_EPOCH + seconds * 1000 - c.clock.now());
const node = (c: Cluster, name: string) => c.store.get<Node>('nodes', undefined, name)!;
const ready = (c: Cluster, name: string) => node(c, name).status?.conditions?.find((t) => t.type === 'Ready');
/** `key:Effect@seconds` for each taint, seconds being when it was added. */
const taints = (c: Cluster, name: string) =>
  (node(c, name).spec?.taints ?? []).map((t) => `${t.key}:${t.effect}${t.timeAdded ? `@${(parseRfc3339(t.timeAdded)! - TUTORIAL_EPOCH) / 1000}` : ''}`);
const events = (c: Cluster, reason: string) =>
  c.store.list<Event>('events', 'default').filter((e) => e.reason === reason).map((e) => `${e.involvedObject.kind}/${e.involvedObject.name}: ${e.message}`);

function withPods(): Cluster {
  const c = clusterWith();
  ok(c, ['create', '-f', 'rs.yaml']);
  c.settle();
  return c;
}

test('a node whose kubelet stops: Unknown at the first 5-second pass more than 50 s after its last Lease renewal, then the taints', () => {
  const c = withPods();
  at(c, 7);
  c.stopReporting('node2');
  // The last renewal was at 0 s: 50 s later is a pass boundary, and the grace period must be exceeded.
  at(c, 54.999);
  assert.equal(ready(c, 'node2')?.status, 'True');
  at(c, 55);
  assert.deepEqual(
    { ...ready(c, 'node2') },
    { type: 'Ready', status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastHeartbeatTime: '2018-09-05T06:57:00Z', lastTransitionTime: '2018-09-06T06:57:55Z' },
  );
  assert.deepEqual(taints(c, 'node2'), ['node.kubernetes.io/unreachable:NoSchedule@55'], 'the NoSchedule taint follows the condition at once');
  assert.deepEqual(events(c, 'NodeNotReady').sort(), ['Node/node2: Node node2 status is now: NodeNotReady', 'Pod/myapp-vhb2h: Node is not ready']);
  const pod = c.store.byIndex<Pod>('pods', 'node', 'node2')[0];
  assert.equal(pod.status?.conditions?.find((x) => x.type === 'Ready')?.status, 'False', 'MarkPodsNotReady');
  at(c, 60);
  assert.deepEqual(taints(c, 'node2'), ['node.kubernetes.io/unreachable:NoSchedule@55', 'node.kubernetes.io/unreachable:NoExecute@60'], 'NoExecute at the next pass');
  // Back: the kubelet posts Ready, the NoSchedule taint goes at once, the NoExecute one at the next pass.
  at(c, 123);
  c.resumeReporting('node2');
  assert.deepEqual(taints(c, 'node2'), ['node.kubernetes.io/unreachable:NoExecute@60']);
  at(c, 125);
  assert.deepEqual(taints(c, 'node2'), []);
});

test('a kubelet that reports NotReady: the not-ready taints; no NodeNotReady from the controller, which did not change the condition', () => {
  const c = withPods();
  at(c, 7);
  c.reportNotReady('node2');
  assert.equal(ready(c, 'node2')?.message, 'container runtime is down');
  assert.deepEqual(taints(c, 'node2'), ['node.kubernetes.io/not-ready:NoSchedule@7']);
  at(c, 10);
  assert.deepEqual(taints(c, 'node2'), ['node.kubernetes.io/not-ready:NoSchedule@7', 'node.kubernetes.io/not-ready:NoExecute@10']);
  assert.deepEqual(events(c, 'NodeNotReady'), ['Node/node2: Node node2 status is now: NodeNotReady'], "the kubelet's own event");
  // Then it stops reporting altogether (last renewal at 10 s): Unknown at 65 s, and at the next
  // pass the NoExecute taint is swapped at once, without the rate limiter.
  c.stopReporting('node2');
  at(c, 65);
  assert.deepEqual(taints(c, 'node2'), ['node.kubernetes.io/not-ready:NoExecute@10', 'node.kubernetes.io/unreachable:NoSchedule@65']);
  at(c, 70);
  assert.deepEqual(taints(c, 'node2'), ['node.kubernetes.io/unreachable:NoSchedule@65', 'node.kubernetes.io/unreachable:NoExecute@70']);
});

test('the tainter adds NoExecute taints to one node per 10 s in a zone', () => {
  const c = withPods();
  at(c, 7);
  c.stopReporting('node1');
  c.stopReporting('node2');
  at(c, 90);
  assert.deepEqual(taints(c, 'node1'), ['node.kubernetes.io/unreachable:NoSchedule@55', 'node.kubernetes.io/unreachable:NoExecute@60']);
  assert.deepEqual(taints(c, 'node2'), ['node.kubernetes.io/unreachable:NoSchedule@55', 'node.kubernetes.io/unreachable:NoExecute@70']);
});

test('no node Ready at all (full disruption): no NoExecute taints, so no evictions, until one is back', () => {
  const c = withPods();
  at(c, 7);
  for (const n of ['master', 'node1', 'node2']) c.stopReporting(n);
  at(c, 600);
  assert.deepEqual(taints(c, 'node2'), ['node.kubernetes.io/unreachable:NoSchedule@55']);
  assert.equal(c.store.list<Pod>('pods', 'default').filter((p) => p.metadata.deletionTimestamp).length, 0);
  // The master's pass at 605 s ends the disruption; the drained limiter's first token comes at 615 s.
  c.resumeReporting('master');
  at(c, 630);
  assert.deepEqual([taints(c, 'node1'), taints(c, 'node2')], [
    ['node.kubernetes.io/unreachable:NoSchedule@55', 'node.kubernetes.io/unreachable:NoExecute@615'],
    ['node.kubernetes.io/unreachable:NoSchedule@55', 'node.kubernetes.io/unreachable:NoExecute@625'],
  ]);
});

test('cordon and uncordon: the unschedulable NoSchedule taint follows spec.unschedulable', () => {
  const c = withPods();
  at(c, 3);
  ok(c, ['cordon', 'node1']);
  assert.deepEqual(taints(c, 'node1'), ['node.kubernetes.io/unschedulable:NoSchedule@3']);
  ok(c, ['uncordon', 'node1']);
  assert.deepEqual(taints(c, 'node1'), []);
});

test('a node that joins is registered at the next pass, a removed one removed; settling after a stop runs to the evictions', () => {
  const c = withPods();
  at(c, 7);
  c.joinNode('node3');
  at(c, 9.999);
  assert.deepEqual(events(c, 'RegisteredNode'), []);
  at(c, 10);
  assert.deepEqual(events(c, 'RegisteredNode'), ['Node/node3: Node node3 event: Registered Node node3 in Controller']);
  c.removeNode('node3');
  at(c, 15);
  assert.deepEqual(events(c, 'RemovingNode'), ['Node/node3: Node node3 event: Removing Node node3 from Controller']);
  c.stopReporting('node2');
  c.settle();
  assert.equal(c.clock.now(), TUTORIAL_EPOCH + 371_000, 'last renewal at 10 s: NotReady at 65 s, NoExecute at 70 s, evicted 300 s later, replacements ready a second after');
});
