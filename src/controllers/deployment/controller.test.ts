import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { Pod, PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import { Cluster } from '../../cluster.ts';
import type { KubeObject } from '../../store/object.ts';
import { conditionOf, getDeployment, newDeployment, replicaSetsOf } from './testing.ts';

/** The controller's wiring (deployment_controller.go): claiming ReplicaSets, events, deletion. */

const TEMPLATE: PodTemplateSpec = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'ikubernetes/myapp:v1' }] } };

function replicaSet(name: string, replicas: number, template: PodTemplateSpec, labels: Record<string, string> = { app: 'web' }): ReplicaSet & KubeObject {
  return { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name, namespace: 'default', labels }, spec: { replicas, selector: { matchLabels: labels }, template } };
}

test('a matching orphan ReplicaSet is adopted; one with the same template is found as the new ReplicaSet', () => {
  const cluster = new Cluster();
  cluster.api.create(replicaSet('web-manual', 2, TEMPLATE));
  cluster.settle();
  cluster.api.create(newDeployment('web', 2));
  cluster.settle();
  const d = getDeployment(cluster, 'web');
  const sets = replicaSetsOf(cluster, 'web');
  assert.deepEqual(sets.map((rs) => rs.metadata.name), ['web-manual'], 'adopted, and no other ReplicaSet was needed');
  const rs = sets[0];
  assert.deepEqual(rs.metadata.ownerReferences, [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: d.metadata.uid, controller: true, blockOwnerDeletion: true }]);
  assert.equal(rs.metadata.annotations?.['deployment.kubernetes.io/revision'], '1');
  const found = cluster.store.history.some(
    (e) => e.resource === 'deployments.apps' && (e.object as typeof d).status?.conditions?.some((c) => c.reason === 'FoundNewReplicaSet' && c.message === 'Found new replica set "web-manual"'),
  );
  assert.ok(found, 'Progressing: FoundNewReplicaSet');
  assert.equal(d.status?.availableReplicas, 2);
});

test('an owned ReplicaSet relabelled out of the selector is released (and a new one takes its place)', () => {
  const cluster = new Cluster();
  cluster.api.create(newDeployment('web', 1));
  cluster.settle();
  const [rs] = replicaSetsOf(cluster, 'web');
  cluster.api.patch('replicasets.apps', 'default', rs.metadata.name, 'merge', { metadata: { labels: { app: 'other', 'pod-template-hash': rs.metadata.labels!['pod-template-hash'] } } });
  cluster.settle();
  const released = cluster.store.get<ReplicaSet>('replicasets.apps', 'default', rs.metadata.name)!;
  assert.equal(released.metadata.ownerReferences, undefined);
  const now = replicaSetsOf(cluster, 'web');
  assert.equal(now.length, 1);
  assert.notEqual(now[0].metadata.uid, rs.metadata.uid);
});

test('a ReplicaSet of another controller is never claimed, even when its labels match', () => {
  const cluster = new Cluster();
  cluster.api.create(newDeployment('other', 1, 'ikubernetes/myapp:v1', { selector: { matchLabels: { app: 'web' } }, template: TEMPLATE }));
  cluster.settle();
  cluster.api.create(newDeployment('web', 1));
  cluster.settle();
  const [theirs] = replicaSetsOf(cluster, 'other');
  const [ours] = replicaSetsOf(cluster, 'web');
  assert.notEqual(theirs.metadata.uid, ours.metadata.uid);
  assert.equal(theirs.metadata.ownerReferences?.[0].name, 'other');
});

test('deleting the Deployment takes its ReplicaSets and pods with it (garbage collector)', () => {
  const cluster = new Cluster();
  cluster.api.create(newDeployment('web', 2));
  cluster.settle();
  cluster.api.delete('deployments.apps', 'default', 'web');
  cluster.settle();
  assert.equal(cluster.store.count('replicasets.apps'), 0);
  assert.equal(cluster.store.list('pods', 'default').length, 0);
});

test('the ReplicaSet controller ranks pods for deletion against the pods of all the Deployment\'s ReplicaSets', () => {
  const cluster = new Cluster();
  // A paused Deployment creates no ReplicaSet of its own; it claims two made by hand.
  cluster.api.create(newDeployment('web', 3, 'ikubernetes/myapp:v2', { paused: true, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } } }));
  const d = getDeployment(cluster, 'web');
  const owner = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: d.metadata.uid, controller: true, blockOwnerDeletion: true };
  // ReplicaSet a: one pod on node1, one (ready later) on node2, adopted from bare pods.
  const aLabels = { app: 'web', 'pod-template-hash': 'a' };
  for (const [name, node] of [['a-node1', 'node1'], ['a-node2', 'node2']]) {
    cluster.api.create<Pod & KubeObject>({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', labels: aLabels }, spec: { nodeName: node, containers: [{ name: 'app', image: 'ikubernetes/myapp:v1' }] } });
    cluster.advance(10_000);
  }
  cluster.api.create({ ...replicaSet('web-a', 2, { metadata: { labels: aLabels }, spec: TEMPLATE.spec }, aLabels), metadata: { name: 'web-a', namespace: 'default', labels: aLabels, ownerReferences: [owner] } });
  // ReplicaSet b (the Deployment's template), made in the same instant: both pods on node1.
  const bLabels = { app: 'web', 'pod-template-hash': 'b' };
  const bTemplate = { metadata: { labels: bLabels }, spec: { ...d.spec!.template.spec!, nodeName: 'node1' } };
  cluster.api.create({ ...replicaSet('web-b', 2, bTemplate, bLabels), metadata: { name: 'web-b', namespace: 'default', labels: bLabels, ownerReferences: [owner] } });
  cluster.settle();
  assert.deepEqual(replicaSetsOf(cluster, 'web').map((rs) => [rs.metadata.name, rs.spec?.replicas]).sort(), [['web-a', 2], ['web-b', 2]]);

  // Scaling to 2 (max 3): −1 from the older of two equal ReplicaSets, web-a. Its two pods rank
  // 1 + 2 (node1, with web-b's two) and 1 (node2): the node1 pod goes, although by its own
  // ReplicaSet alone the node2 pod, ready more recently, would have.
  cluster.api.patch('deployments.apps', 'default', 'web', 'merge', { spec: { replicas: 2 } });
  cluster.settle();
  assert.equal(cluster.store.get<ReplicaSet>('replicasets.apps', 'default', 'web-a')?.spec?.replicas, 1);
  assert.equal(cluster.store.get('pods', 'default', 'a-node1'), undefined);
  assert.ok(cluster.store.get('pods', 'default', 'a-node2'));
  assert.equal(conditionOf(cluster, 'web', 'Progressing')?.reason, 'DeploymentPaused');
});

test('the rate limiter\'s bucket: bursts of 100, then 10 per second', async () => {
  const { TokenBucket } = await import('./controller.ts');
  const bucket = new TokenBucket(10, 100);
  for (let i = 0; i < 100; i++) assert.equal(bucket.reserve(0), 0);
  assert.equal(bucket.reserve(0), 100);
  assert.equal(bucket.reserve(0), 200);
  assert.equal(bucket.reserve(1000), 0, 'ten tokens accrued in a second, two of them already promised');
});
