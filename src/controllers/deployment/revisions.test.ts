import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { Cluster } from '../../cluster.ts';
import type { KubeObject } from '../../store/object.ts';
import { computeHash } from './hash.ts';
import { conditionOf, getDeployment, newDeployment, replicaSetAtRevision, replicaSetsOf, setImage } from './testing.ts';

/** The new ReplicaSet, its hash and name, and revision numbering (sync.go, deployment_util.go). */

const revisionsOf = (cluster: Cluster) => replicaSetsOf(cluster, 'web').map((rs) => rs.metadata.annotations?.['deployment.kubernetes.io/revision']);

/**
 * What `kubectl rollout undo --to-revision=n` does (client-side in apps/v1): the Deployment takes
 * that ReplicaSet's template without its hash label, and its non-skipped annotations.
 */
function undoTo(cluster: Cluster, n: number): void {
  const rs = replicaSetAtRevision(cluster, 'web', n)!;
  const { 'pod-template-hash': _hash, ...labels } = rs.spec!.template!.metadata!.labels!;
  const template = { ...rs.spec!.template, metadata: { ...rs.spec!.template!.metadata, labels } };
  const changeCause = rs.metadata.annotations?.['kubernetes.io/change-cause'];
  cluster.api.patch('deployments.apps', 'default', 'web', 'json', [
    { op: 'replace', path: '/spec/template', value: template },
    { op: 'replace', path: '/metadata/annotations', value: { ...getDeployment(cluster, 'web').metadata.annotations, 'kubernetes.io/change-cause': changeCause } },
  ]);
}

test('the new ReplicaSet: <deployment>-<hash>, hash label on labels, selector and template, controller reference, annotations', () => {
  const cluster = new Cluster();
  const d = newDeployment('web', 2);
  d.metadata!.annotations = { 'kubernetes.io/change-cause': 'kubectl create --record', 'kubectl.kubernetes.io/last-applied-configuration': '{}', team: 'blue' };
  cluster.api.create(d);
  cluster.settle();
  const deployment = getDeployment(cluster, 'web');
  const [rs] = replicaSetsOf(cluster, 'web');
  const hash = computeHash(deployment.spec!.template, undefined);
  assert.match(hash, /^[4-9bcdf]+$/);
  assert.equal(rs.metadata.name, `web-${hash}`);
  assert.deepEqual(rs.metadata.labels, { app: 'web', 'pod-template-hash': hash });
  assert.deepEqual(rs.spec?.selector, { matchLabels: { app: 'web', 'pod-template-hash': hash } });
  assert.deepEqual(rs.spec?.template?.metadata?.labels, { app: 'web', 'pod-template-hash': hash });
  assert.deepEqual(rs.metadata.ownerReferences, [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: deployment.metadata.uid, controller: true, blockOwnerDeletion: true }]);
  assert.deepEqual(rs.metadata.annotations, {
    'kubernetes.io/change-cause': 'kubectl create --record',
    team: 'blue',
    'deployment.kubernetes.io/revision': '1',
    'deployment.kubernetes.io/desired-replicas': '2',
    'deployment.kubernetes.io/max-replicas': '3',
  });
  assert.equal(deployment.metadata.annotations?.['deployment.kubernetes.io/revision'], '1');
  const pods = cluster.store.list<Pod>('pods', 'default');
  assert.equal(pods.length, 2);
  for (const pod of pods) {
    assert.match(pod.metadata.name, new RegExp(`^web-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
    assert.equal(pod.metadata.labels?.['pod-template-hash'], hash);
  }
});

test('each template change is the next revision; a change-cause on the Deployment reaches its ReplicaSet', () => {
  const cluster = new Cluster();
  cluster.api.create(newDeployment('web', 1));
  cluster.settle();
  cluster.api.patch('deployments.apps', 'default', 'web', 'merge', { metadata: { annotations: { 'kubernetes.io/change-cause': 'kubectl set image deployment/web app=ikubernetes/myapp:v2' } } });
  setImage(cluster, 'web', 'ikubernetes/myapp:v2');
  cluster.settle();
  assert.deepEqual(revisionsOf(cluster), ['1', '2']);
  assert.equal(replicaSetAtRevision(cluster, 'web', 2)!.metadata.annotations?.['kubernetes.io/change-cause'], 'kubectl set image deployment/web app=ikubernetes/myapp:v2');
  assert.equal(getDeployment(cluster, 'web').metadata.annotations?.['deployment.kubernetes.io/revision'], '2');
});

test('rolling back renumbers the old ReplicaSet max+1 and records its old number: 1 2 3 → undo to 1 → 2 3 4', () => {
  const cluster = new Cluster();
  cluster.api.create(newDeployment('web', 2));
  cluster.settle();
  for (const image of ['ikubernetes/myapp:v2', 'ikubernetes/myapp:v3']) {
    setImage(cluster, 'web', image);
    cluster.settle();
  }
  assert.deepEqual(revisionsOf(cluster), ['1', '2', '3']);
  const first = replicaSetAtRevision(cluster, 'web', 1)!;
  const created = cluster.store.count('replicasets.apps');

  undoTo(cluster, 1);
  cluster.settle();
  assert.equal(cluster.store.count('replicasets.apps'), created, 'no new ReplicaSet: the old one matches the template');
  assert.deepEqual(revisionsOf(cluster), ['2', '3', '4']);
  const renumbered = replicaSetAtRevision(cluster, 'web', 4)!;
  assert.equal(renumbered.metadata.uid, first.metadata.uid);
  assert.equal(renumbered.metadata.annotations?.['deployment.kubernetes.io/revision-history'], '1');
  assert.equal(renumbered.spec?.replicas, 2);
  assert.equal(getDeployment(cluster, 'web').metadata.annotations?.['deployment.kubernetes.io/revision'], '4');
  assert.equal(conditionOf(cluster, 'web', 'Progressing')?.reason, 'NewReplicaSetAvailable');

  // Back to 2 (now 5), then to the first template again: its history grows to "1,4".
  undoTo(cluster, 2);
  cluster.settle();
  undoTo(cluster, 4);
  cluster.settle();
  assert.deepEqual(revisionsOf(cluster), ['3', '5', '6']);
  assert.equal(replicaSetAtRevision(cluster, 'web', 6)!.metadata.uid, first.metadata.uid);
  assert.equal(replicaSetAtRevision(cluster, 'web', 6)!.metadata.annotations?.['deployment.kubernetes.io/revision-history'], '1,4');
  assert.equal(replicaSetAtRevision(cluster, 'web', 5)!.metadata.annotations?.['deployment.kubernetes.io/revision-history'], '2');
});

test('a name taken by a foreign ReplicaSet is a hash collision: collisionCount goes up and the name changes', () => {
  const cluster = new Cluster();
  const d = newDeployment('web', 1);
  cluster.api.create(d);
  const template = getDeployment(cluster, 'web').spec!.template;
  cluster.api.delete('deployments.apps', 'default', 'web');
  cluster.settle();
  // Someone else's ReplicaSet (labels the Deployment does not select) holds web-<hash>.
  const takenName = `web-${computeHash(template, undefined)}`;
  cluster.api.create<ReplicaSet & KubeObject>({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: takenName, namespace: 'default' },
    spec: { replicas: 0, selector: { matchLabels: { other: 'x' } }, template: { metadata: { labels: { other: 'x' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
  });
  cluster.api.create(d);
  cluster.settle();
  const deployment = getDeployment(cluster, 'web');
  assert.equal(deployment.status?.collisionCount, 1);
  const [rs] = replicaSetsOf(cluster, 'web');
  assert.equal(rs.metadata.name, `web-${computeHash(template, 1)}`);
  assert.notEqual(rs.metadata.name, takenName);
  assert.equal(deployment.status?.availableReplicas, 1);
});
