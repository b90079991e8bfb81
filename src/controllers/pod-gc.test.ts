import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import type { Cluster } from '../cluster.ts';
import { clusterWith, ok } from '../kubectl/apply/testing.ts';
import { TUTORIAL_EPOCH } from '../sim/clock.ts';

const at = (c: Cluster, seconds: number) => c.advance(TUTORIAL_EPOCH + seconds * 1000 - c.clock.now());
const onNode = (c: Cluster, node: string) => c.store.byIndex<Pod>('pods', 'node', node).map((p) => p.metadata.name);

function withPods(): Cluster {
  const c = clusterWith();
  ok(c, ['create', '-f', 'rs.yaml']);
  c.settle();
  return c;
}

test("a removed node's pods: seen at the next 20-second pass, quarantined 40 s, then marked Failed and force-deleted", () => {
  const c = withPods();
  at(c, 7);
  const [pod] = onNode(c, 'node2');
  c.removeNode('node2');
  at(c, 59.999);
  assert.deepEqual(onNode(c, 'node2'), [pod], 'seen at 20 s, still in quarantine');
  at(c, 60);
  assert.deepEqual(onNode(c, 'node2'), []);
  const writes = c.store.history.filter((e) => e.resource === 'pods' && e.object.metadata.name === pod && e.time === TUTORIAL_EPOCH + 60_000);
  assert.deepEqual(writes.map((e) => e.type), ['MODIFIED', 'DELETED']);
  const failed = writes[0].object as Pod;
  assert.equal(failed.status?.phase, 'Failed');
  assert.deepEqual(
    failed.status?.conditions?.filter((x) => x.type === 'DisruptionTarget').map((x) => [x.reason, x.message]),
    [['DeletionByPodGC', 'PodGC: node no longer exists']],
  );
  c.settle();
  assert.equal(onNode(c, 'node1').length, 2, 'the ReplicaSet replaced it');
});

test('a node back before the quarantine ends keeps its pods', () => {
  const c = withPods();
  const [pod] = onNode(c, 'node2');
  const node = c.store.get<Node>('nodes', undefined, 'node2')!;
  c.api.delete('nodes', undefined, 'node2');
  at(c, 30);
  c.api.create({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'node2', labels: node.metadata.labels }, spec: node.spec, status: node.status });
  at(c, 120);
  assert.deepEqual(onNode(c, 'node2'), [pod]);
});

test('terminating pods on a NotReady node tainted out-of-service are force-deleted at the next pass', () => {
  const c = withPods();
  at(c, 7);
  c.stopReporting('node2');
  c.settle();
  const [pod] = onNode(c, 'node2');
  assert.ok(c.store.get<Pod>('pods', 'default', pod)!.metadata.deletionTimestamp, 'evicted, and stuck terminating');
  ok(c, ['taint', 'nodes', 'node2', 'node.kubernetes.io/out-of-service=nodeshutdown:NoExecute']);
  const tainted = c.clock.now();
  c.settle();
  assert.deepEqual(onNode(c, 'node2'), []);
  assert.equal(c.clock.now(), Math.floor(tainted / 20_000) * 20_000 + 20_000);
});
