import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Deployment } from 'kubernetes-types/apps/v1.js';
import { Cluster } from '../../cluster.ts';
import type { KubeObject } from '../../store/object.ts';
import { conditionOf, eventMessages, getDeployment, newDeployment, replicaSetsOf, rolling, setImage, sizeSequence } from './testing.ts';

/** sync.go: proportional scaling, history cleanup, status, the empty-selector warning. */

const scaleTo = (cluster: Cluster, replicas: number) => cluster.api.patch('deployments.apps', 'default', 'web', 'merge', { spec: { replicas } });

test('proportional scaling, the docs example: stuck at old 8 / new 5, scaled 10 → 15, gives old 11 / new 7', () => {
  const cluster = new Cluster();
  cluster.images.markMissing('ikubernetes/myapp:v9');
  cluster.api.create(newDeployment('web', 10, 'ikubernetes/myapp:v1', rolling(3, 2)));
  cluster.settle();
  setImage(cluster, 'web', 'ikubernetes/myapp:v9');
  cluster.advance(30_000);
  const [oldRS, newRS] = replicaSetsOf(cluster, 'web');
  assert.deepEqual([oldRS.spec?.replicas, newRS.spec?.replicas], [8, 5]);

  scaleTo(cluster, 15);
  cluster.advance(30_000);
  const [old2, new2] = replicaSetsOf(cluster, 'web');
  // 15 + 3 − 13 = 5 more: round(8 × 18 / 13) − 8 = 3 to the old, the other 2 to the new.
  assert.deepEqual([old2.spec?.replicas, new2.spec?.replicas], [11, 7]);
  for (const rs of [old2, new2]) {
    assert.equal(rs.metadata.annotations?.['deployment.kubernetes.io/desired-replicas'], '15');
    assert.equal(rs.metadata.annotations?.['deployment.kubernetes.io/max-replicas'], '18');
  }
  assert.deepEqual(eventMessages(cluster, 'web', 'ScalingReplicaSet').slice(-2), [
    `Scaled up replica set ${oldRS.metadata.name} from 8 to 11`,
    `Scaled up replica set ${newRS.metadata.name} from 5 to 7`,
  ]);
  // The docs' `get deploy`: DESIRED 15, CURRENT 18, UP-TO-DATE 7, AVAILABLE 11.
  const d = getDeployment(cluster, 'web');
  assert.deepEqual([d.status?.replicas, d.status?.updatedReplicas, d.status?.availableReplicas], [18, 7, 11]);
});

test('scaling down mid-rollout takes from the largest, oldest ReplicaSet first', () => {
  const cluster = new Cluster();
  cluster.images.markMissing('ikubernetes/myapp:v9');
  cluster.api.create(newDeployment('web', 10, 'ikubernetes/myapp:v1', rolling(3, 2)));
  cluster.settle();
  setImage(cluster, 'web', 'ikubernetes/myapp:v9');
  cluster.advance(30_000);
  const since = cluster.store.history.length;
  scaleTo(cluster, 5);
  cluster.advance(30_000);
  const [oldRS, newRS] = replicaSetsOf(cluster, 'web');
  // 5 + 3 (maxSurge stays absolute) − 13 = −5, oldest and largest first: old round(8 × 8 / 13) − 8
  // = −3, new round(5 × 8 / 13) − 5 = −2 → 5 and 3. The rollout then goes on: minAvailable is
  // now 5 − 2 = 3, so 2 available old pods may go and 2 more new ones may start.
  assert.deepEqual(sizeSequence(cluster, [oldRS.metadata.name, newRS.metadata.name], since), [
    [5, 5],
    [5, 3],
    [3, 3],
    [3, 5],
  ]);
  const messages = eventMessages(cluster, 'web', 'ScalingReplicaSet');
  assert.ok(messages.includes(`Scaled down replica set ${oldRS.metadata.name} from 8 to 5`));
  assert.ok(messages.includes(`Scaled down replica set ${newRS.metadata.name} from 5 to 3`));
});

test('a single active ReplicaSet simply follows the Deployment, with an event', () => {
  const cluster = new Cluster();
  cluster.api.create(newDeployment('web', 2));
  cluster.settle();
  scaleTo(cluster, 5);
  cluster.settle();
  const [rs] = replicaSetsOf(cluster, 'web');
  assert.equal(rs.spec?.replicas, 5);
  assert.equal(rs.metadata.annotations?.['deployment.kubernetes.io/desired-replicas'], '5');
  assert.equal(rs.metadata.annotations?.['deployment.kubernetes.io/max-replicas'], '7');
  assert.deepEqual(eventMessages(cluster, 'web', 'ScalingReplicaSet'), [`Scaled up replica set ${rs.metadata.name} from 0 to 2`, `Scaled up replica set ${rs.metadata.name} from 2 to 5`]);
  assert.equal(getDeployment(cluster, 'web').status?.availableReplicas, 5);
});

test('revisionHistoryLimit: a completed rollout keeps only the newest old ReplicaSets', () => {
  const cluster = new Cluster();
  cluster.api.create(newDeployment('web', 1, 'ikubernetes/myapp:v1', { revisionHistoryLimit: 1 }));
  cluster.settle();
  for (const image of ['ikubernetes/myapp:v2', 'ikubernetes/myapp:v3', 'nginx:1.25']) {
    setImage(cluster, 'web', image);
    cluster.settle();
  }
  const revisions = replicaSetsOf(cluster, 'web').map((rs) => rs.metadata.annotations?.['deployment.kubernetes.io/revision']);
  assert.deepEqual(revisions, ['3', '4']);
  const deleted = cluster.store.history.filter((e) => e.resource === 'replicasets.apps' && e.type === 'DELETED');
  assert.equal(deleted.length, 2);
});

test('revisionHistoryLimit 0 removes every old ReplicaSet once the rollout completes', () => {
  const cluster = new Cluster();
  cluster.api.create(newDeployment('web', 2, 'ikubernetes/myapp:v1', { revisionHistoryLimit: 0 }));
  cluster.settle();
  setImage(cluster, 'web', 'ikubernetes/myapp:v2');
  cluster.settle();
  assert.deepEqual(replicaSetsOf(cluster, 'web').map((rs) => rs.spec?.template?.spec?.containers[0].image), ['ikubernetes/myapp:v2']);
});

test('status: counts from the ReplicaSets, observedGeneration, and both conditions once complete', () => {
  const cluster = new Cluster();
  cluster.api.create(newDeployment('web', 3));
  cluster.settle();
  const [rs] = replicaSetsOf(cluster, 'web');
  let d = getDeployment(cluster, 'web');
  assert.equal(d.metadata.annotations?.['deployment.kubernetes.io/revision'], '1');
  // The Progressing condition through the rollout, as the Deployment's writes recorded it.
  const progressing: string[] = [];
  for (const e of cluster.store.history) {
    if (e.resource !== 'deployments.apps') continue;
    const c = (e.object as Deployment).status?.conditions?.find((x) => x.type === 'Progressing');
    const text = c && `${c.reason}: ${c.message}`;
    if (text && text !== progressing.at(-1)) progressing.push(text);
  }
  assert.deepEqual(progressing, [
    `NewReplicaSetCreated: Created new replica set "${rs.metadata.name}"`,
    `ReplicaSetUpdated: ReplicaSet "${rs.metadata.name}" is progressing.`,
    `NewReplicaSetAvailable: ReplicaSet "${rs.metadata.name}" has successfully progressed.`,
  ]);
  const { conditions, ...counts } = d.status!;
  assert.deepEqual(counts, { observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 });
  assert.deepEqual(
    conditions?.map((c) => [c.type, c.status, c.reason, c.message]),
    [
      ['Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'],
      ['Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${rs.metadata.name}" has successfully progressed.`],
    ],
  );
  assert.equal(conditions![1].lastTransitionTime, d.metadata.creationTimestamp, 'Progressing stayed True since the ReplicaSet was created');

  // A spec change is observed even when it needs no rollout.
  cluster.api.patch('deployments.apps', 'default', 'web', 'merge', { spec: { minReadySeconds: 5 } });
  cluster.settle();
  d = getDeployment(cluster, 'web');
  assert.equal(d.metadata.generation, 2);
  assert.equal(d.status?.observedGeneration, 2);
  assert.equal(replicaSetsOf(cluster, 'web')[0].spec?.minReadySeconds, 5, 'the new ReplicaSet follows minReadySeconds');
});

test('status while replicas start: unavailable counts spec replicas not yet available, Available False below the minimum', () => {
  const cluster = new Cluster();
  cluster.api.create(newDeployment('web', 4, 'ikubernetes/myapp:v1', rolling(1, 1)));
  cluster.advance(1000);
  const d = getDeployment(cluster, 'web');
  assert.equal(d.status?.unavailableReplicas, 4);
  assert.equal(d.status?.availableReplicas, undefined, 'zero counts are omitted, as omitempty fields are');
  assert.equal(conditionOf(cluster, 'web', 'Available')?.status, 'False');
  assert.equal(conditionOf(cluster, 'web', 'Available')?.message, 'Deployment does not have minimum availability.');
});

test('minReadySeconds: pods count as available only after being ready that long', () => {
  const cluster = new Cluster();
  cluster.api.create(newDeployment('web', 2, 'ikubernetes/myapp:v1', { minReadySeconds: 20 }));
  const start = cluster.clock.now();
  cluster.waitUntil(() => (getDeployment(cluster, 'web').status?.readyReplicas ?? 0) === 2, 60_000);
  const ready = cluster.clock.now();
  assert.equal(getDeployment(cluster, 'web').status?.availableReplicas, undefined);
  cluster.settle();
  assert.equal(getDeployment(cluster, 'web').status?.availableReplicas, 2);
  assert.ok(cluster.clock.now() - ready >= 20_000 && cluster.clock.now() - start < 60_000);
  assert.equal(conditionOf(cluster, 'web', 'Progressing')?.reason, 'NewReplicaSetAvailable');
});

test('an empty selector selects everything: a SelectingAll warning, and only observedGeneration moves', () => {
  const cluster = new Cluster();
  // apps/v1 validation refuses empty selectors; an object stored by an old API version can still have one.
  const d = newDeployment('web', 2);
  cluster.store.insert('deployments.apps', {
    ...d,
    metadata: { ...d.metadata, uid: 'legacy-uid', generation: 3, creationTimestamp: cluster.clock.rfc3339() },
    spec: { ...d.spec!, selector: {}, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } } },
    status: {},
  } as Deployment & KubeObject);
  cluster.settle();
  assert.deepEqual(eventMessages(cluster, 'web', 'SelectingAll'), ['This deployment is selecting all pods. A non-empty selector is required.']);
  assert.equal(cluster.events.eventsFor(getDeployment(cluster, 'web'))[0].type, 'Warning');
  assert.deepEqual(getDeployment(cluster, 'web').status, { observedGeneration: 3 });
  assert.equal(cluster.store.count('replicasets.apps'), 0);
});
