import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ReplicaSet } from 'kubernetes-types/apps/v1.js';
import { Cluster } from '../../cluster.ts';
import { eventMessages, getDeployment, newDeployment, replicaSetsOf, rolling, setImage, sizeSequence } from './testing.ts';

/** RollingUpdate (rolling.go), end to end through the ReplicaSet controller, scheduler and kubelets. */

/** Creates `web`, lets it settle, changes the image, lets it settle; returns the history mark and both ReplicaSets. */
function rollOut(replicas: number, spec = {}) {
  const cluster = new Cluster();
  cluster.api.create(newDeployment('web', replicas, 'ikubernetes/myapp:v1', spec));
  cluster.settle();
  const since = cluster.store.history.length;
  setImage(cluster, 'web', 'ikubernetes/myapp:v2');
  cluster.settle();
  const [oldRS, newRS] = replicaSetsOf(cluster, 'web');
  return { cluster, since, oldRS, newRS };
}

test('3 replicas with the default 25%/25% (surge 1, unavailable 0): the documented sequence of sizes', () => {
  const { cluster, since, oldRS, newRS } = rollOut(3);
  // (old, new): new created at 1, then old −1 / new +1 each time a new pod becomes available.
  assert.deepEqual(sizeSequence(cluster, [oldRS.metadata.name, newRS.metadata.name], since), [
    [3, 1],
    [2, 1],
    [2, 2],
    [1, 2],
    [1, 3],
    [0, 3],
  ]);
  assert.deepEqual(eventMessages(cluster, 'web', 'ScalingReplicaSet'), [
    `Scaled up replica set ${oldRS.metadata.name} from 0 to 3`,
    `Scaled up replica set ${newRS.metadata.name} from 0 to 1`,
    `Scaled down replica set ${oldRS.metadata.name} from 3 to 2`,
    `Scaled up replica set ${newRS.metadata.name} from 1 to 2`,
    `Scaled down replica set ${oldRS.metadata.name} from 2 to 1`,
    `Scaled up replica set ${newRS.metadata.name} from 2 to 3`,
    `Scaled down replica set ${oldRS.metadata.name} from 1 to 0`,
  ]);
  const event = cluster.events.eventsFor(getDeployment(cluster, 'web'))[0];
  assert.deepEqual(event.source, { component: 'deployment-controller' });
  assert.equal(event.type, 'Normal');
});

test('maxUnavailable 0 keeps 3 pods available at every moment, and at most 4 exist', () => {
  const { cluster, since, oldRS, newRS } = rollOut(3);
  const available = new Map<string, number>();
  cluster.store.history.forEach((e, i) => {
    if (e.resource !== 'replicasets.apps') return;
    const rs = e.object as ReplicaSet;
    available.set(rs.metadata!.name!, rs.status?.availableReplicas ?? 0);
    const total = [...available.values()].reduce((a, b) => a + b, 0);
    if (i >= since) assert.ok(total >= 3, `only ${total} available at resourceVersion ${e.resourceVersion}`);
  });
  for (const sizes of sizeSequence(cluster, [oldRS.metadata.name, newRS.metadata.name], since)) assert.ok(sizes[0] + sizes[1] <= 4, String(sizes));
});

test('10 replicas, maxSurge 3, maxUnavailable 2: new at 3, old to 8, new to 5, then within 13 pods and 8 available', () => {
  const { cluster, since, oldRS, newRS } = rollOut(10, rolling(3, 2));
  const sequence = sizeSequence(cluster, [oldRS.metadata.name, newRS.metadata.name], since);
  // The first three steps are fixed by the arithmetic: 13 − 10 = 3 new; 13 − 8 − 3 (unavailable
  // new) = 2 old may go; then 13 − 11 = 2 more new. The rest follows the pods becoming available.
  assert.deepEqual(sequence, [
    [10, 3],
    [8, 3],
    [8, 5],
    [7, 5],
    [7, 6],
    [6, 6],
    [6, 7],
    [4, 7],
    [4, 9],
    [2, 9],
    [2, 10],
    [0, 10],
  ]);
  for (const [o, n] of sequence) assert.ok(o + n <= 13, `${o} + ${n} pods exceed 10 + maxSurge 3`);
  const d = getDeployment(cluster, 'web');
  assert.equal(d.status?.updatedReplicas, 10);
  assert.equal(d.status?.availableReplicas, 10);
});

test('a rollout stuck on an image that never pulls stops at old 8 / new 5: unavailable new pods block scale-down', () => {
  const cluster = new Cluster();
  cluster.images.markMissing('ikubernetes/myapp:v9');
  cluster.api.create(newDeployment('web', 10, 'ikubernetes/myapp:v1', rolling(3, 2)));
  cluster.settle();
  setImage(cluster, 'web', 'ikubernetes/myapp:v9');
  cluster.advance(60_000);
  const [oldRS, newRS] = replicaSetsOf(cluster, 'web');
  assert.equal(oldRS.spec?.replicas, 8);
  assert.equal(newRS.spec?.replicas, 5);
  const d = getDeployment(cluster, 'web');
  assert.equal(d.status?.replicas, 13);
  assert.equal(d.status?.updatedReplicas, 5);
  assert.equal(d.status?.availableReplicas, 8);
  assert.equal(d.status?.unavailableReplicas, 5);
  assert.equal(d.status?.conditions?.find((c) => c.type === 'Available')?.status, 'True', '8 = 10 − maxUnavailable 2 is minimum availability');
});

/** 10 replicas, maxSurge 3, maxUnavailable 2, stuck on v9 at old 8 / new 5 (upstream's reconcileOldReplicaSets example). */
function stuckAt8And5() {
  const cluster = new Cluster();
  cluster.images.markMissing('ikubernetes/myapp:v9');
  cluster.api.create(newDeployment('web', 10, 'ikubernetes/myapp:v1', rolling(3, 2)));
  cluster.settle();
  setImage(cluster, 'web', 'ikubernetes/myapp:v9');
  cluster.advance(30_000);
  const [v1, v9] = replicaSetsOf(cluster, 'web');
  return { cluster, v1, v9, since: cluster.store.history.length };
}

test('roll-over from a stuck rollout: the new ReplicaSet starts at 0, the stuck one\'s unhealthy replicas go first', () => {
  const { cluster, v1, v9, since } = stuckAt8And5();
  setImage(cluster, 'web', 'ikubernetes/myapp:v2');
  cluster.settle();
  const v2 = replicaSetsOf(cluster, 'web')[2];
  const sequence = sizeSequence(cluster, [v1.metadata.name, v9.metadata.name, v2.metadata.name], since);
  // 13 pods already: v2 is created with 0; 13 − 8 − 0 = 5 may go, all 5 unhealthy v9 replicas
  // (cleanupUnhealthyReplicas) while the 8 available v1 ones stay; then v2 grows by 5.
  assert.deepEqual(sequence.slice(0, 2), [
    [8, 0, 0],
    [8, 0, 5],
  ]);
  assert.deepEqual(sequence.at(-1), [0, 0, 10]);
  assert.ok(eventMessages(cluster, 'web', 'ScalingReplicaSet').includes(`Scaled down replica set ${v9.metadata.name} from 5 to 0`));
});

test('rolling back a stuck rollout: the old ReplicaSet is the new one again, the crash-looping replicas go', () => {
  const { cluster, v1, v9, since } = stuckAt8And5();
  setImage(cluster, 'web', 'ikubernetes/myapp:v1');
  cluster.settle();
  const sequence = sizeSequence(cluster, [v1.metadata.name, v9.metadata.name], since);
  // v1 at 8 is found again as the new ReplicaSet (revision 3); 13 − 8 − 0 = 5 unhealthy v9 go,
  // then v1 grows back to 10.
  assert.deepEqual(sequence, [
    [8, 0],
    [10, 0],
  ]);
  assert.equal(replicaSetsOf(cluster, 'web').at(-1)!.metadata.uid, v1.metadata.uid);
  assert.equal(replicaSetsOf(cluster, 'web').at(-1)!.metadata.annotations?.['deployment.kubernetes.io/revision'], '3');
});
