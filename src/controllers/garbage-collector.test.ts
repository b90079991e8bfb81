import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { Cluster } from '../cluster.ts';
import type { KubeObject, Stored } from '../store/object.ts';

/** Deleting a ReplicaSet with each propagation policy (pkg/controller/garbagecollector). */
function clusterWithReplicaSet(): Cluster {
  const cluster = new Cluster();
  const rs: ReplicaSet & KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'web' },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'ikubernetes/myapp:v1' }] } },
    },
  };
  cluster.api.create(rs);
  cluster.settle();
  assert.equal(pods(cluster).length, 3);
  return cluster;
}

const pods = (cluster: Cluster) => cluster.store.list<Pod>('pods', 'default');
const replicaSet = (cluster: Cluster) => cluster.store.get<ReplicaSet>('replicasets.apps', 'default', 'web');

test('Background: the ReplicaSet goes at once, then its pods', () => {
  const cluster = clusterWithReplicaSet();
  cluster.api.delete('replicasets.apps', 'default', 'web', { propagationPolicy: 'Background' });
  assert.equal(replicaSet(cluster), undefined);
  cluster.reconcile();
  assert.ok(pods(cluster).every((p) => p.metadata.deletionTimestamp), 'the collector deletes every dependent');
  cluster.settle();
  assert.deepEqual(pods(cluster), []);
});

test('Orphan: the pods stay, without their ownerReferences, and nobody recreates or removes them', () => {
  const cluster = clusterWithReplicaSet();
  const before = pods(cluster).map((p) => p.metadata.uid).sort();
  cluster.api.delete('replicasets.apps', 'default', 'web', { propagationPolicy: 'Orphan' });
  const marked = replicaSet(cluster)!;
  assert.ok(marked.metadata.deletionTimestamp);
  assert.deepEqual(marked.metadata.finalizers, ['orphan']);
  cluster.settle();
  assert.equal(replicaSet(cluster), undefined);
  const after = pods(cluster);
  assert.deepEqual(after.map((p) => p.metadata.uid).sort(), before);
  for (const p of after) {
    assert.equal(p.metadata.ownerReferences, undefined, `${p.metadata.name} is an orphan`);
    assert.equal(p.metadata.deletionTimestamp, undefined);
  }
});

test('Foreground: the ReplicaSet waits, marked, until its pods are gone', () => {
  const cluster = clusterWithReplicaSet();
  cluster.api.delete('replicasets.apps', 'default', 'web', { propagationPolicy: 'Foreground' });
  const marked = replicaSet(cluster)!;
  assert.ok(marked.metadata.deletionTimestamp, 'deletionTimestamp set');
  assert.deepEqual(marked.metadata.finalizers, ['foregroundDeletion']);
  cluster.reconcile();
  assert.ok(pods(cluster).every((p) => p.metadata.deletionTimestamp), 'its pods are being deleted');
  assert.ok(replicaSet(cluster), 'the owner is still there while they terminate');
  cluster.settle();
  assert.deepEqual(pods(cluster), []);
  assert.equal(replicaSet(cluster), undefined);
  // The flight recorder: the ReplicaSet's removal comes after the last of its pods'.
  const deletions = cluster.store.history.filter((e) => e.type === 'DELETED' && (e.resource === 'pods' || e.resource === 'replicasets.apps'));
  assert.equal(deletions.at(-1)?.resource, 'replicasets.apps');
  assert.equal(deletions.filter((e) => e.resource === 'pods').length, 3);
});

test('a dependent with another live owner only loses the dangling reference', () => {
  const cluster = clusterWithReplicaSet();
  const [first] = pods(cluster) as Stored<Pod>[];
  const other = cluster.api.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'keeper' } });
  const refs = [...first.metadata.ownerReferences!, { apiVersion: 'v1', kind: 'ServiceAccount', name: 'keeper', uid: other.metadata.uid }];
  cluster.api.patch('pods', 'default', first.metadata.name, 'merge', { metadata: { ownerReferences: refs } });
  cluster.api.delete('replicasets.apps', 'default', 'web');
  cluster.settle();
  const left = pods(cluster);
  assert.deepEqual(left.map((p) => p.metadata.name), [first.metadata.name]);
  assert.deepEqual(left[0].metadata.ownerReferences, [{ apiVersion: 'v1', kind: 'ServiceAccount', name: 'keeper', uid: other.metadata.uid }]);
});
