import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { Cluster } from '../cluster.ts';
import { podCondition } from '../api/pod-util.ts';
import type { KubeObject, Stored } from '../store/object.ts';

/** The tutorial cluster: `master` (control plane, tainted NoSchedule) and node1, node2 with 2 CPUs each. */
const pod = (name: string, spec: Partial<Pod['spec']> = {}): Pod & KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name },
  spec: { containers: [{ name: 'app', image: 'ikubernetes/myapp:v1' }], ...spec },
});

const bigPod = (name: string) => pod(name, { containers: [{ name: 'app', image: 'ikubernetes/myapp:v1', resources: { requests: { cpu: '3' } } }] });

function stored(cluster: Cluster, name: string): Stored<Pod> {
  return cluster.store.get<Pod>('pods', 'default', name)!;
}

test('FailedScheduling: the control-plane taint and too little CPU, in FitError words', () => {
  const cluster = new Cluster();
  cluster.api.create(bigPod('big'));
  cluster.settle();
  const p = stored(cluster, 'big');
  const message =
    '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.';
  assert.equal(p.spec?.nodeName, undefined);
  const condition = podCondition(p, 'PodScheduled');
  assert.deepEqual({ status: condition?.status, reason: condition?.reason, message: condition?.message }, { status: 'False', reason: 'Unschedulable', message });
  const events = cluster.events.eventsFor(p).filter((e) => e.reason === 'FailedScheduling');
  assert.equal(events.length, 1, 'one attempt, then it waits for a change in the cluster');
  assert.equal(events[0].message, message);
  assert.equal(events[0].type, 'Warning');
  assert.equal(events[0].reportingComponent, 'default-scheduler');
});

test('a nodeSelector picks the node; one no node satisfies is unschedulable', () => {
  const cluster = new Cluster();
  cluster.api.create(pod('pinned', { nodeSelector: { 'kubernetes.io/hostname': 'node2' } }));
  cluster.api.create(pod('nowhere', { nodeSelector: { disktype: 'ssd' } }));
  cluster.settle();
  assert.equal(stored(cluster, 'pinned').spec?.nodeName, 'node2');
  assert.equal(
    podCondition(stored(cluster, 'nowhere'), 'PodScheduled')?.message,
    "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
  );
  const scheduled = cluster.events.eventsFor(stored(cluster, 'pinned')).find((e) => e.reason === 'Scheduled');
  assert.equal(scheduled?.message, 'Successfully assigned default/pinned to node2');
});

test("a ReplicaSet's pods are spread over the workers, never on the control plane", () => {
  const cluster = new Cluster();
  const rs: ReplicaSet & KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'web' },
    spec: {
      replicas: 4,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'ikubernetes/myapp:v1' }] } },
    },
  };
  cluster.api.create(rs);
  cluster.settle();
  const perNode = new Map<string, number>();
  for (const p of cluster.store.list<Pod>('pods', 'default')) perNode.set(p.spec!.nodeName!, (perNode.get(p.spec!.nodeName!) ?? 0) + 1);
  assert.deepEqual(Object.fromEntries([...perNode].sort()), { node1: 2, node2: 2 });
});

test('an unschedulable pod is retried when a node joins', () => {
  const cluster = new Cluster();
  cluster.api.create(bigPod('big'));
  cluster.settle();
  assert.equal(stored(cluster, 'big').spec?.nodeName, undefined);
  cluster.addNode({ name: 'node3', ip: '192.168.130.106', podCIDR: '10.244.3.0/24', cpu: '4' });
  cluster.settle();
  const p = stored(cluster, 'big');
  assert.equal(p.spec?.nodeName, 'node3');
  assert.equal(podCondition(p, 'PodScheduled')?.status, 'True');
  assert.equal(p.status?.phase, 'Running');
});

test('a pod that fits nowhere is retried when another pod goes away', () => {
  const cluster = new Cluster();
  const oneAndAHalf = (name: string, node: string) =>
    pod(name, { nodeSelector: { 'kubernetes.io/hostname': node }, containers: [{ name: 'app', image: 'ikubernetes/myapp:v1', resources: { requests: { cpu: '1500m' } } }] });
  cluster.api.create(oneAndAHalf('first', 'node1'));
  cluster.settle();
  cluster.api.create(oneAndAHalf('second', 'node1'));
  cluster.settle();
  assert.match(podCondition(stored(cluster, 'second'), 'PodScheduled')?.message ?? '', /1 Insufficient cpu/);
  cluster.api.delete('pods', 'default', 'first', { gracePeriodSeconds: 0 });
  cluster.settle();
  assert.equal(stored(cluster, 'second').spec?.nodeName, 'node1');
});
