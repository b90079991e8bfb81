import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { Event, Namespace, Pod, ReplicationController } from 'kubernetes-types/core/v1.js';
import { Cluster } from '../cluster.ts';
import type { KubeObject, Stored } from '../store/object.ts';
import { BURST_REPLICAS, slowStartBatch } from './replica-set.ts';

/** The ReplicaSet controller (pkg/controller/replicaset/replica_set.go) and its RC flavour. */
type Obj = Record<string, unknown>;

function rs(replicas: number, templateLabels: Record<string, string> = { app: 'web' }, spec: Obj = {}, namespace = 'default'): ReplicaSet & KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'web', namespace },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: templateLabels }, spec: { containers: [{ name: 'app', image: 'ikubernetes/myapp:v1' }], ...spec } },
    },
  };
}

const barePod = (name: string, labels: Record<string, string>): Pod & KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, labels },
  spec: { containers: [{ name: 'app', image: 'ikubernetes/myapp:v1' }] },
});

const pods = (cluster: Cluster, namespace = 'default') => cluster.store.list<Pod>('pods', namespace).filter((p) => !p.metadata.deletionTimestamp);
const theRs = (cluster: Cluster, namespace = 'default') => cluster.store.get<ReplicaSet>('replicasets.apps', namespace, 'web')!;
const eventsWith = (cluster: Cluster, obj: Stored, reason: string): Stored<Event>[] => cluster.events.eventsFor(obj).filter((e) => e.reason === reason);

test('slowStartBatch: batches of 1, 2, 4 …, the last one what remains', () => {
  const calls: number[] = [];
  const result = slowStartBatch(10, 1, () => {
    calls.push(calls.length + 1);
    return undefined;
  });
  assert.deepEqual(result, { successes: 10, error: undefined });
  assert.equal(calls.length, 10);
});

test('slowStartBatch: the batch with the first failure is finished, and no other starts', () => {
  const run = (failOn: number[]) => {
    let n = 0;
    const result = slowStartBatch(10, 1, () => (failOn.includes(++n) ? `fail ${n}` : undefined));
    return { calls: n, ...result };
  };
  assert.deepEqual(run([1]), { calls: 1, successes: 0, error: 'fail 1' });
  assert.deepEqual(run([2]), { calls: 3, successes: 2, error: 'fail 2' });
  // Calls 4–7 are the third batch: all four are made, two fail, the first error is kept.
  assert.deepEqual(run([5, 6]), { calls: 7, successes: 5, error: 'fail 5' });
  assert.deepEqual(run([10]), { calls: 10, successes: 9, error: 'fail 10' });
});

test('a matching orphan is adopted with a controller reference, so only the difference is created', () => {
  const cluster = new Cluster();
  cluster.api.create(barePod('orphan', { app: 'web' }));
  cluster.settle();
  cluster.api.create(rs(2));
  cluster.settle();
  const owner = theRs(cluster);
  const all = pods(cluster);
  assert.equal(all.length, 2);
  const orphan = cluster.store.get<Pod>('pods', 'default', 'orphan')!;
  assert.deepEqual(orphan.metadata.ownerReferences, [
    { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: owner.metadata.uid, controller: true, blockOwnerDeletion: true },
  ]);
  assert.equal(eventsWith(cluster, owner, 'SuccessfulCreate').length, 1);
  // The adoption is a patch of the pod: its history shows the reference being added.
  const changes = cluster.store.history.filter((e) => e.resource === 'pods' && e.object.metadata.name === 'orphan' && e.type === 'MODIFIED');
  assert.ok(changes.some((e) => !e.old?.metadata.ownerReferences && e.object.metadata.ownerReferences?.length === 1));
});

test('a pod relabelled out of the selector is released and replaced', () => {
  const cluster = new Cluster();
  cluster.api.create(rs(2));
  cluster.settle();
  const [first] = pods(cluster);
  cluster.api.patch('pods', 'default', first.metadata.name, 'merge', { metadata: { labels: { app: 'debug' } } });
  cluster.settle();
  const released = cluster.store.get<Pod>('pods', 'default', first.metadata.name)!;
  assert.equal(released.metadata.ownerReferences, undefined, 'the controller reference is patched away');
  assert.equal(released.metadata.deletionTimestamp, undefined, 'the released pod keeps running');
  const owned = pods(cluster).filter((p) => p.metadata.ownerReferences?.[0]?.uid === theRs(cluster).metadata.uid);
  assert.equal(owned.length, 2, 'a replacement was created');
  assert.equal(theRs(cluster).status?.replicas, 2);
});

test('at most 500 creates per sync (burstReplicas); the rest on the next sync', () => {
  const cluster = new Cluster();
  cluster.api.create(rs(600));
  const start = cluster.store.history.length;
  cluster.reconcile();
  const events = cluster.store.history.slice(start);
  const firstStatus = events.findIndex((e) => e.resource === 'replicasets.apps' && e.type === 'MODIFIED');
  const createdInFirstSync = events.slice(0, firstStatus).filter((e) => e.resource === 'pods' && e.type === 'ADDED').length;
  assert.equal(createdInFirstSync, BURST_REPLICAS);
  // The first sync's status counts the pods it found, not those it made.
  assert.equal(events[firstStatus].object.metadata.name, 'web');
  assert.equal((events[firstStatus].object as Stored<ReplicaSet>).status?.replicas, 0);
  assert.equal(cluster.store.list('pods', 'default').length, 600);
});

test('a create the namespace refuses: one attempt per sync, FailedCreate and ReplicaFailure, recovery by the rate-limited retry', () => {
  const cluster = new Cluster();
  // The template names a service account the namespace lacks: ServiceAccount admission refuses every pod.
  cluster.api.create(rs(5, { app: 'web' }, { serviceAccountName: 'robot' }));
  cluster.settle();
  const owner = theRs(cluster);
  assert.equal(pods(cluster).length, 0);
  const failed = eventsWith(cluster, owner, 'FailedCreate');
  const message = 'pods "web-" is forbidden: error looking up service account default/robot: serviceaccount "robot" not found';
  assert.equal(failed.length, 1, 'one event, counted up on repeats');
  assert.equal(failed[0].message, `Error creating: ${message}`);
  assert.equal(failed[0].type, 'Warning');
  // Two syncs (the ReplicaSet's creation, then its own status change), one create each: slow
  // start stops after the failing first batch of one.
  assert.equal(failed[0].count, 2);
  const condition = owner.status?.conditions?.find((c) => c.type === 'ReplicaFailure');
  assert.deepEqual({ status: condition?.status, reason: condition?.reason, message: condition?.message }, { status: 'True', reason: 'FailedCreate', message });
  assert.equal(owner.status?.replicas, 0);

  // Once the account exists, the rate-limited retry (5ms, 10ms, …) succeeds and the condition goes.
  cluster.api.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'robot' } });
  cluster.settle();
  assert.equal(pods(cluster).length, 0, 'settle does not wait for a retry: it is not progress');
  cluster.advance(1000);
  cluster.settle();
  assert.equal(pods(cluster).length, 5);
  assert.equal(theRs(cluster).status?.conditions, undefined);
  assert.equal(theRs(cluster).status?.readyReplicas, 5);
});

test('a terminating namespace refuses creates without an event or a ReplicaFailure', () => {
  const cluster = new Cluster();
  cluster.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
  cluster.settle();
  cluster.api.create(rs(1, { app: 'web' }, {}, 'team'));
  cluster.settle();
  const ns = cluster.store.get<Namespace>('namespaces', undefined, 'team')!;
  cluster.api.updateStatus({ ...ns, status: { phase: 'Terminating' } });
  const owner = theRs(cluster, 'team');
  cluster.api.update({ ...owner, spec: { ...owner.spec!, replicas: 3 } });
  cluster.settle();
  assert.equal(pods(cluster, 'team').length, 1);
  assert.deepEqual(eventsWith(cluster, theRs(cluster, 'team'), 'FailedCreate'), []);
  assert.equal(theRs(cluster, 'team').status?.conditions, undefined);
});

test('status: replicas counts every owned pod, fullyLabeledReplicas only those with all the template labels', () => {
  const cluster = new Cluster();
  cluster.api.create(barePod('partial', { app: 'web' }));
  cluster.settle();
  cluster.api.create(rs(2, { app: 'web', tier: 'frontend' }));
  cluster.settle();
  const status = theRs(cluster).status;
  assert.deepEqual(status, { replicas: 2, fullyLabeledReplicas: 1, readyReplicas: 2, availableReplicas: 2, observedGeneration: 1 });
});

test('ReplicationController: an equality selector defaulted from the template, adopting by subset match', () => {
  const cluster = new Cluster();
  cluster.api.create(barePod('extra-labels', { app: 'web', extra: 'x' }));
  cluster.api.create(barePod('other-app', { app: 'api' }));
  cluster.settle();
  const rc: ReplicationController & KubeObject = {
    apiVersion: 'v1',
    kind: 'ReplicationController',
    metadata: { name: 'web' },
    spec: { replicas: 2, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'ikubernetes/myapp:v1' }] } } },
  };
  const created = cluster.api.create(rc);
  assert.deepEqual(created.spec?.selector, { app: 'web' });
  assert.deepEqual(created.metadata.labels, { app: 'web' });
  cluster.settle();
  const adopted = cluster.store.get<Pod>('pods', 'default', 'extra-labels')!;
  assert.deepEqual(adopted.metadata.ownerReferences, [{ apiVersion: 'v1', kind: 'ReplicationController', name: 'web', uid: created.metadata.uid, controller: true, blockOwnerDeletion: true }]);
  assert.equal(cluster.store.get<Pod>('pods', 'default', 'other-app')!.metadata.ownerReferences, undefined);
  const owned = pods(cluster).filter((p) => p.metadata.ownerReferences?.[0]?.kind === 'ReplicationController');
  assert.equal(owned.length, 2);
  const events = cluster.events.eventsFor(cluster.store.get('replicationcontrollers', 'default', 'web')!);
  assert.ok(events.every((e) => e.source?.component === 'replication-controller'));

  // Unlike a ReplicaSet's, an RC's selector may change: the old pods are released.
  const current = cluster.store.get<ReplicationController>('replicationcontrollers', 'default', 'web')!;
  cluster.api.update({ ...current, spec: { ...current.spec, selector: { app: 'web2' }, template: { ...current.spec!.template, metadata: { labels: { app: 'web2' } } } } });
  cluster.settle();
  assert.equal(pods(cluster).filter((p) => p.metadata.labels?.app === 'web2').length, 2);
  assert.equal(cluster.store.get<Pod>('pods', 'default', 'extra-labels')!.metadata.ownerReferences, undefined);
});
