import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Cluster } from '../../cluster.ts';
import { parseRfc3339 } from '../../sim/clock.ts';
import { conditionOf, getDeployment, newDeployment, replicaSetsOf, setImage } from './testing.ts';

/** progress.go and the paused conditions: Progressing, the deadline, pause and resume. */

const pause = (cluster: Cluster, paused: boolean) => cluster.api.patch('deployments.apps', 'default', 'web', 'merge', { spec: { paused } });

test('an image that never pulls: ProgressDeadlineExceeded once progressDeadlineSeconds pass without progress', () => {
  const cluster = new Cluster();
  cluster.images.markMissing('ikubernetes/myapp:v9');
  cluster.api.create(newDeployment('web', 3));
  cluster.settle();
  setImage(cluster, 'web', 'ikubernetes/myapp:v9');
  cluster.reconcile();
  const started = parseRfc3339(conditionOf(cluster, 'web', 'Progressing')!.lastUpdateTime)!;
  // settle() jumps to the deadline check: it is progress, unlike the image pull back-offs.
  cluster.settle();
  const [, newRS] = replicaSetsOf(cluster, 'web');
  const progressing = conditionOf(cluster, 'web', 'Progressing')!;
  assert.equal(progressing.status, 'False');
  assert.equal(progressing.reason, 'ProgressDeadlineExceeded');
  assert.equal(progressing.message, `ReplicaSet "${newRS.metadata.name}" has timed out progressing.`);
  // requeueStuckDeployment: lastUpdateTime + 600 s, plus one second against clock skew.
  assert.equal(parseRfc3339(progressing.lastUpdateTime), started + 601_000);
  assert.equal(cluster.clock.now(), started + 601_000);
  // The rollout is not undone: the old pods keep serving, the new one keeps trying.
  assert.deepEqual(replicaSetsOf(cluster, 'web').map((rs) => rs.spec?.replicas), [3, 1]);
  assert.equal(conditionOf(cluster, 'web', 'Available')?.status, 'True');
});

test('a completed rollout leaves no deadline behind: settle() does not move the clock past it', () => {
  const cluster = new Cluster();
  cluster.api.create(newDeployment('web', 2));
  const start = cluster.clock.now();
  cluster.settle();
  setImage(cluster, 'web', 'ikubernetes/myapp:v2');
  cluster.settle();
  assert.equal(conditionOf(cluster, 'web', 'Progressing')?.reason, 'NewReplicaSetAvailable');
  assert.ok(cluster.clock.now() - start < 60_000, `settled after ${(cluster.clock.now() - start) / 1000} s`);
});

test('paused: a template change makes no ReplicaSet, scaling still works; resumed: the rollout goes on', () => {
  const cluster = new Cluster();
  cluster.api.create(newDeployment('web', 2));
  cluster.settle();
  pause(cluster, true);
  cluster.settle();
  let progressing = conditionOf(cluster, 'web', 'Progressing')!;
  assert.deepEqual([progressing.status, progressing.reason, progressing.message], ['Unknown', 'DeploymentPaused', 'Deployment is paused']);

  setImage(cluster, 'web', 'ikubernetes/myapp:v2');
  cluster.api.patch('deployments.apps', 'default', 'web', 'merge', { spec: { replicas: 4 } });
  cluster.settle();
  let sets = replicaSetsOf(cluster, 'web');
  assert.equal(sets.length, 1, 'no new ReplicaSet while paused');
  assert.equal(sets[0].spec?.replicas, 4, 'a paused Deployment still scales');
  let d = getDeployment(cluster, 'web');
  assert.equal(d.status?.observedGeneration, d.metadata.generation);
  assert.equal(d.status?.updatedReplicas, undefined, 'no ReplicaSet matches the new template');

  pause(cluster, false);
  cluster.reconcile();
  sets = replicaSetsOf(cluster, 'web');
  assert.equal(sets.length, 2);
  cluster.settle();
  sets = replicaSetsOf(cluster, 'web');
  assert.deepEqual(sets.map((rs) => rs.spec?.replicas), [0, 4]);
  d = getDeployment(cluster, 'web');
  assert.equal(d.status?.updatedReplicas, 4);
  progressing = conditionOf(cluster, 'web', 'Progressing')!;
  assert.equal(progressing.reason, 'NewReplicaSetAvailable');
  // On the way: Resumed (Unknown). The same sync creates the new ReplicaSet, but its status write
  // (NewReplicaSetCreated) carries the resourceVersion read before the Resumed write and
  // conflicts, as upstream's stale copy does; the retry finds the condition already set.
  const reasons = cluster.store.history
    .filter((e) => e.resource === 'deployments.apps')
    .map((e) => (e.object as ReturnType<typeof getDeployment>).status?.conditions?.find((c) => c.type === 'Progressing')?.reason)
    .filter((r, i, all) => r && r !== all[i - 1]);
  assert.deepEqual(reasons.slice(-4), ['DeploymentPaused', 'DeploymentResumed', 'ReplicaSetUpdated', 'NewReplicaSetAvailable']);
});

test('time spent paused does not count against the deadline', () => {
  const cluster = new Cluster();
  cluster.images.markMissing('ikubernetes/myapp:v9');
  cluster.api.create(newDeployment('web', 2, 'ikubernetes/myapp:v1', { progressDeadlineSeconds: 60 }));
  cluster.settle();
  setImage(cluster, 'web', 'ikubernetes/myapp:v9');
  cluster.advance(30_000);
  pause(cluster, true);
  cluster.advance(120_000);
  assert.equal(conditionOf(cluster, 'web', 'Progressing')?.reason, 'DeploymentPaused');
  pause(cluster, false);
  cluster.advance(30_000);
  assert.equal(conditionOf(cluster, 'web', 'Progressing')?.reason, 'DeploymentResumed');
  cluster.advance(40_000);
  assert.equal(conditionOf(cluster, 'web', 'Progressing')?.reason, 'ProgressDeadlineExceeded');
});

test('a timed-out Deployment keeps ProgressDeadlineExceeded when paused', () => {
  const cluster = new Cluster();
  cluster.images.markMissing('ikubernetes/myapp:v9');
  cluster.api.create(newDeployment('web', 1, 'ikubernetes/myapp:v9', { progressDeadlineSeconds: 30 }));
  cluster.settle();
  assert.equal(conditionOf(cluster, 'web', 'Progressing')?.reason, 'ProgressDeadlineExceeded');
  pause(cluster, true);
  cluster.settle();
  assert.equal(conditionOf(cluster, 'web', 'Progressing')?.reason, 'ProgressDeadlineExceeded');
});

test('a completed rollout whose pods then fail keeps NewReplicaSetAvailable, and settle() still ends', () => {
  const cluster = new Cluster();
  cluster.images.addYaml('- repository: flaky\n  exit: { after: 5, code: 1 }\n');
  cluster.api.create(newDeployment('web', 2));
  cluster.settle();
  const start = cluster.clock.now();
  setImage(cluster, 'web', 'flaky:1');
  cluster.settle();
  // Upstream estimates no more progress once complete and re-checks at the rate limiter's pace
  // while it is not available: those requeues are not progress, so settle() stops.
  assert.ok(cluster.clock.now() - start < 11 * 60_000, `settled after ${(cluster.clock.now() - start) / 1000} s`);
  assert.equal(conditionOf(cluster, 'web', 'Progressing')?.reason, 'NewReplicaSetAvailable');
  const before = cluster.store.history.length;
  cluster.advance(60_000);
  const deploymentWrites = cluster.store.history.slice(before).filter((e) => e.resource === 'deployments.apps').length;
  assert.ok(deploymentWrites < 20, `${deploymentWrites} Deployment writes in a minute`);
});
