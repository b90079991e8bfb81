import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ControllerRevision, DaemonSet, DaemonSetSpec } from 'kubernetes-types/apps/v1.js';
import type { Event, Pod } from 'kubernetes-types/core/v1.js';
import { isPodAvailable } from '../../api/pod-util.ts';
import { Cluster } from '../../cluster.ts';
import { tutorialCluster, uniformCluster } from '../../cluster-config.ts';
import type { KubeObject, Stored } from '../../store/object.ts';
import type { DaemonSetController } from './controller.ts';

/** The DaemonSet controller end to end: the scheduler binds its pods, the kubelets run them. */

function newDaemonSet(spec: Partial<DaemonSetSpec> = {}, image = 'ikubernetes/filebeat:5.6.5-alpine'): DaemonSet & KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'default' },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'agent', image }] } },
      ...spec,
    },
  };
}

function settled(spec: Partial<DaemonSetSpec> = {}, cluster = new Cluster(tutorialCluster())): Cluster {
  cluster.api.create(newDaemonSet(spec));
  cluster.settle();
  return cluster;
}

const theDs = (cluster: Cluster) => cluster.store.get<DaemonSet>('daemonsets.apps', 'default', 'agent')!;
const livePods = (cluster: Cluster) => cluster.store.list<Pod>('pods', 'default').filter((p) => !p.metadata.deletionTimestamp);
const nodesOf = (pods: Pod[]) => pods.map((p) => p.spec?.nodeName).sort();
const messages = (cluster: Cluster, reason?: string) => cluster.events.eventsFor(theDs(cluster)).filter((e: Stored<Event>) => !reason || e.reason === reason).map((e) => `${e.reason} ${e.message}`);
const setImage = (cluster: Cluster, image: string) => cluster.api.patch('daemonsets.apps', 'default', 'agent', 'strategic', { spec: { template: { spec: { containers: [{ name: 'agent', image }] } } } });

function controllerOf(cluster: Cluster): DaemonSetController {
  // The simulator keeps its reconcilers private; the test reads the controller's work counters.
  const reconcilers = (cluster.sim as unknown as { reconcilers: { name: string }[] }).reconcilers;
  return reconcilers.find((r) => r.name === 'daemonset-controller') as unknown as DaemonSetController;
}

test('one pod per worker, none on the tainted control plane; named <ds>-<5>, labelled, pinned, owned', () => {
  const cluster = settled();
  const pods = livePods(cluster);
  assert.deepEqual(nodesOf(pods), ['node1', 'node2']);
  const hash = cluster.store.list<ControllerRevision>('controllerrevisions.apps', 'default')[0].metadata.labels?.['controller-revision-hash'];
  for (const pod of pods) {
    assert.match(pod.metadata.name, /^agent-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    assert.deepEqual(pod.metadata.labels, { app: 'agent', 'pod-template-generation': '1', 'controller-revision-hash': hash });
    assert.deepEqual(pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms, [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [pod.spec?.nodeName] }] }]);
    assert.equal(pod.metadata.ownerReferences?.[0].kind, 'DaemonSet');
    assert.equal(pod.status?.phase, 'Running');
  }
  assert.deepEqual(messages(cluster).map((m) => m.replace(/agent-\w+/, 'agent-x')), ['SuccessfulCreate Created pod: agent-x', 'SuccessfulCreate Created pod: agent-x']);
});

test('status: the counts, numberUnavailable while starting, observedGeneration', () => {
  const cluster = new Cluster(tutorialCluster());
  cluster.api.create(newDaemonSet());
  cluster.reconcile();
  cluster.advance(1000);
  assert.deepEqual(theDs(cluster).status, { currentNumberScheduled: 2, desiredNumberScheduled: 2, numberMisscheduled: 0, numberReady: 0, updatedNumberScheduled: 2, numberUnavailable: 2, observedGeneration: 1 });
  cluster.settle();
  assert.deepEqual(theDs(cluster).status, { currentNumberScheduled: 2, desiredNumberScheduled: 2, numberMisscheduled: 0, numberReady: 2, updatedNumberScheduled: 2, numberAvailable: 2, observedGeneration: 1 });
});

test('minReadySeconds: pods are ready before they count as available', () => {
  const cluster = new Cluster(tutorialCluster());
  cluster.api.create(newDaemonSet({ minReadySeconds: 10 }));
  cluster.advance(6000);
  assert.equal(theDs(cluster).status?.numberReady, 2);
  assert.equal(theDs(cluster).status?.numberAvailable, undefined);
  cluster.settle();
  assert.equal(theDs(cluster).status?.numberAvailable, 2);
});

test('maxUnavailable 1: node by node, each new pod created only once the old one there has stopped', () => {
  const cluster = settled();
  const since = cluster.store.history.length;
  setImage(cluster, 'ikubernetes/filebeat:5.6.6-alpine');
  cluster.settle();
  const steps = messages(cluster).slice(2).map((m) => m.split(':')[0]);
  assert.deepEqual(steps, ['SuccessfulDelete Deleted pod', 'SuccessfulCreate Created pod', 'SuccessfulDelete Deleted pod', 'SuccessfulCreate Created pod']);
  // Replay the rollout: never more than one node without an available pod.
  const pods = new Map<string, Pod>();
  for (const p of livePods(cluster)) pods.set(p.metadata.uid, p);
  const state = new Map<string, Pod>();
  for (const e of cluster.store.history.slice(0, since)) if (e.resource === 'pods') e.type === 'DELETED' ? state.delete(e.object.metadata.uid) : state.set(e.object.metadata.uid, e.object as Pod);
  for (const e of cluster.store.history.slice(since)) {
    if (e.resource !== 'pods') continue;
    if (e.type === 'DELETED') state.delete(e.object.metadata.uid);
    else state.set(e.object.metadata.uid, e.object as Pod);
    const available = [...state.values()].filter((p) => !p.metadata?.deletionTimestamp && isPodAvailable(p, 0, e.time)).length;
    assert.ok(available >= 1, `at ${e.time} only ${available} available`);
  }
  assert.ok(livePods(cluster).every((p) => p.spec?.containers[0].image === 'ikubernetes/filebeat:5.6.6-alpine' && p.metadata.labels?.['pod-template-generation'] === '2'));
});

test('maxSurge 1: the new pod starts beside the old one, which goes once the new one is available', () => {
  const cluster = settled({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } } });
  setImage(cluster, 'ikubernetes/filebeat:5.6.6-alpine');
  cluster.settle();
  const steps = messages(cluster).slice(2).map((m) => m.split(':')[0]);
  assert.deepEqual(steps, ['SuccessfulCreate Created pod', 'SuccessfulDelete Deleted pod', 'SuccessfulCreate Created pod', 'SuccessfulDelete Deleted pod']);
  assert.equal(livePods(cluster).length, 2);
});

test('OnDelete: pods keep the old template until deleted by hand', () => {
  const cluster = settled({ updateStrategy: { type: 'OnDelete' } });
  setImage(cluster, 'ikubernetes/filebeat:5.6.6-alpine');
  cluster.settle();
  assert.ok(livePods(cluster).every((p) => p.spec?.containers[0].image === 'ikubernetes/filebeat:5.6.5-alpine'));
  assert.equal(theDs(cluster).status?.updatedNumberScheduled, undefined);
  cluster.api.delete('pods', 'default', livePods(cluster)[0].metadata.name);
  cluster.settle();
  assert.deepEqual(livePods(cluster).map((p) => p.spec?.containers[0].image).sort(), ['ikubernetes/filebeat:5.6.5-alpine', 'ikubernetes/filebeat:5.6.6-alpine']);
});

test('a failed daemon pod is deleted (FailedDaemonPod) and replaced', () => {
  const cluster = settled();
  const victim = livePods(cluster).find((p) => p.spec?.nodeName === 'node1')!;
  // A kubelet that reports would write its own status over this one: silence node1's first.
  cluster.stopReporting('node1');
  cluster.api.updateStatus({ ...victim, status: { ...victim.status, phase: 'Failed' } });
  cluster.reconcile();
  assert.deepEqual(messages(cluster, 'FailedDaemonPod'), [`FailedDaemonPod Found failed daemon pod default/${victim.metadata.name} on node node1, will try to kill it`]);
  assert.ok(!cluster.store.get('pods', 'default', victim.metadata.name), 'a finished pod is deleted at once');
  assert.deepEqual(nodesOf(livePods(cluster)), ['node1', 'node2']);
});

test('a matching orphan pinned to a node is adopted; the younger of two pods on a node goes', () => {
  const cluster = settled();
  const orphan: Pod & KubeObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'stray', namespace: 'default', labels: { app: 'agent' } },
    spec: { nodeName: 'node1', containers: [{ name: 'agent', image: 'ikubernetes/filebeat:5.6.5-alpine' }] },
  };
  cluster.advance(5000);
  cluster.api.create(orphan);
  cluster.settle();
  assert.deepEqual(messages(cluster, 'SuccessfulDelete'), ['SuccessfulDelete Deleted pod: stray']);
  assert.deepEqual(nodesOf(livePods(cluster)), ['node1', 'node2']);
});

test('a pod relabelled out of the selector is released, and its node gets a new daemon pod', () => {
  const cluster = settled();
  const pod = livePods(cluster)[0];
  cluster.api.patch('pods', 'default', pod.metadata.name, 'merge', { metadata: { labels: { app: 'debug' } } });
  cluster.settle();
  assert.equal(cluster.store.get<Pod>('pods', 'default', pod.metadata.name)?.metadata.ownerReferences, undefined);
  assert.equal(livePods(cluster).filter((p) => p.metadata.labels?.app === 'agent').length, 2);
});

test('a node that joins costs the controller one node, not a look at every node', () => {
  const cluster = settled({}, new Cluster(uniformCluster(50)));
  assert.equal(livePods(cluster).length, 50);
  const controller = controllerOf(cluster);
  const before = controller.stats.nodesLookedAt;
  cluster.joinNode('node51');
  cluster.settle();
  assert.equal(livePods(cluster).length, 51);
  // The new node, then once per change of its pod (created, bound, started, ready).
  assert.ok(controller.stats.nodesLookedAt - before <= 6, `looked at ${controller.stats.nodesLookedAt - before} nodes`);
  assert.equal(theDs(cluster).status?.desiredNumberScheduled, 51);
});

test('a node that leaves: the pod garbage collector removes its pod, the status stops counting it', () => {
  const cluster = settled();
  cluster.removeNode('node2');
  cluster.settle();
  assert.deepEqual(nodesOf(livePods(cluster)), ['node1']);
  assert.equal(theDs(cluster).status?.desiredNumberScheduled, 1);
  assert.deepEqual(messages(cluster, 'SuccessfulCreate').length, 2, 'no replacement elsewhere');
});

test('revisions: one per template, renumbered when a template returns; revisionHistoryLimit prunes the oldest', () => {
  const cluster = settled({ revisionHistoryLimit: 1 });
  const revisions = () => cluster.store.list<ControllerRevision>('controllerrevisions.apps', 'default').map((r) => [r.metadata.name, r.revision] as const).sort((a, b) => a[1]! - b[1]!);
  const [first] = revisions();
  assert.equal(first[0], `agent-${cluster.store.list<Pod>('pods', 'default')[0].metadata.labels?.['controller-revision-hash']}`);
  setImage(cluster, 'ikubernetes/filebeat:5.6.6-alpine');
  cluster.settle();
  assert.deepEqual(revisions().map((r) => r[1]), [1, 2]);
  // Back to the first template: its revision becomes number 3 rather than a new one appearing.
  setImage(cluster, 'ikubernetes/filebeat:5.6.5-alpine');
  cluster.settle();
  assert.deepEqual(revisions(), [[revisions()[0][0], 2], [first[0], 3]]);
  setImage(cluster, 'busybox');
  cluster.settle();
  // Limit 1: of the old revisions (2 and 3) the oldest goes.
  assert.deepEqual(revisions().map((r) => r[1]), [3, 4]);
});

test('deleting the DaemonSet deletes its pods and revisions (garbage collector)', () => {
  const cluster = settled();
  cluster.api.delete('daemonsets.apps', 'default', 'agent');
  cluster.settle();
  assert.equal(livePods(cluster).length, 0);
  assert.equal(cluster.store.list('controllerrevisions.apps', 'default').length, 0);
});

test('a daemon pod that fits nowhere: the scheduler only filters its own node and says why', () => {
  const cluster = settled({ template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'agent', image: 'ikubernetes/filebeat:5.6.5-alpine', resources: { requests: { cpu: '3' } } }] } } });
  const events = cluster.store.list<Event>('events', 'default').filter((e) => e.reason === 'FailedScheduling').map((e) => e.message);
  assert.equal(events[0], '0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn\'t satisfy plugin(s) [NodeAffinity]. preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.');
  assert.equal(theDs(cluster).status?.numberReady, 0);
});
