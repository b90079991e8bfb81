import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { Cluster } from '../../cluster.ts';
import { controllerOf } from '../../store/object.ts';
import { conditionOf, eventMessages, getDeployment, newDeployment, replicaSetsOf, setImage, sizeSequence } from './testing.ts';

/** Recreate (recreate.go): everything old goes before anything new starts. */

test('Recreate: old ReplicaSet to 0, every old pod gone, only then the new ReplicaSet at full size', () => {
  const cluster = new Cluster();
  cluster.api.create(newDeployment('web', 3, 'ikubernetes/myapp:v1', { strategy: { type: 'Recreate' } }));
  cluster.settle();
  const [first] = replicaSetsOf(cluster, 'web');
  const since = cluster.store.history.length;
  setImage(cluster, 'web', 'ikubernetes/myapp:v2');
  cluster.settle();
  const [oldRS, newRS] = replicaSetsOf(cluster, 'web');
  assert.equal(oldRS.metadata.uid, first.metadata.uid);

  const history = cluster.store.history.slice(since);
  const podsOf = (uid: string) => history.filter((e) => e.resource === 'pods' && controllerOf(e.object)?.uid === uid);
  const lastOldGone = Math.max(...podsOf(oldRS.metadata.uid).filter((e) => e.type === 'DELETED').map((e) => e.resourceVersion));
  const firstNewPod = Math.min(...podsOf(newRS.metadata.uid).filter((e) => e.type === 'ADDED').map((e) => e.resourceVersion));
  const newRSCreated = history.find((e) => e.resource === 'replicasets.apps' && e.type === 'ADDED')!;
  assert.equal(podsOf(oldRS.metadata.uid).filter((e) => e.type === 'DELETED').length, 3);
  assert.ok(lastOldGone < newRSCreated.resourceVersion, 'the new ReplicaSet is created only after the last old pod is gone');
  assert.ok(newRSCreated.resourceVersion < firstNewPod);
  // Terminating pods take their grace period: the new ReplicaSet waits for it in virtual time.
  const scaledDown = history.find((e) => e.resource === 'replicasets.apps' && e.type === 'MODIFIED' && e.object.metadata.uid === oldRS.metadata.uid)!;
  assert.ok(newRSCreated.time > scaledDown.time);

  assert.deepEqual(sizeSequence(cluster, [oldRS.metadata.name, newRS.metadata.name], since), [
    [0, 0],
    [0, 3],
  ]);
  assert.deepEqual(eventMessages(cluster, 'web', 'ScalingReplicaSet').slice(1), [
    `Scaled down replica set ${oldRS.metadata.name} from 3 to 0`,
    `Scaled up replica set ${newRS.metadata.name} from 0 to 3`,
  ]);
  const pods = cluster.store.list<Pod>('pods', 'default');
  assert.equal(pods.length, 3);
  assert.ok(pods.every((p) => p.spec?.containers[0].image === 'ikubernetes/myapp:v2'));
  assert.equal(conditionOf(cluster, 'web', 'Progressing')?.reason, 'NewReplicaSetAvailable');
  assert.equal(getDeployment(cluster, 'web').status?.availableReplicas, 3);
});

test('Recreate: the Available condition needs every replica (maxUnavailable is 0)', () => {
  const cluster = new Cluster();
  cluster.api.create(newDeployment('web', 2, 'ikubernetes/myapp:v1', { strategy: { type: 'Recreate' } }));
  cluster.settle();
  setImage(cluster, 'web', 'ikubernetes/myapp:v2');
  cluster.reconcile();
  assert.equal(conditionOf(cluster, 'web', 'Available')?.status, 'False');
  assert.equal(conditionOf(cluster, 'web', 'Available')?.reason, 'MinimumReplicasUnavailable');
  cluster.settle();
  assert.equal(conditionOf(cluster, 'web', 'Available')?.status, 'True');
});
