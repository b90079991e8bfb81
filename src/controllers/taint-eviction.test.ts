import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Event, Node, Pod, Taint, Toleration } from 'kubernetes-types/core/v1.js';
import { Cluster } from '../cluster.ts';
import { TUTORIAL_EPOCH } from '../sim/clock.ts';
import { evictionDelayMs } from './taint-eviction.ts';

const NOT_READY: Taint = { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' };
const UNREACHABLE: Taint = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' };
/** What DefaultTolerationSeconds admission gives every pod. */
const DEFAULTS: Toleration[] = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
];

test('getMinTolerationTime: the smallest tolerationSeconds of the tolerations used; none set is forever; an untolerated taint is now', () => {
  const cases: [string, Taint[], Toleration[] | undefined, number | undefined][] = [
    ['default tolerations, unreachable', [UNREACHABLE], DEFAULTS, 300_000],
    ['both taints', [NOT_READY, UNREACHABLE], [{ ...DEFAULTS[0], tolerationSeconds: 60 }, DEFAULTS[1]], 60_000],
    ['a taint nobody tolerates', [UNREACHABLE, { key: 'maintenance', effect: 'NoExecute' }], DEFAULTS, 0],
    ['no tolerations', [UNREACHABLE], undefined, 0],
    ['Exists without seconds (a DaemonSet pod)', [UNREACHABLE], [{ operator: 'Exists' }], undefined],
    ['tolerationSeconds 0', [UNREACHABLE], [{ ...DEFAULTS[1], tolerationSeconds: 0 }], 0],
    ['no taints', [], DEFAULTS, 0],
  ];
  for (const [name, taints, tolerations, expected] of cases) assert.equal(evictionDelayMs(taints, tolerations), expected, name);
});

/** Pods pinned to node2: one with the default tolerations, one tolerating `maintenance` for 60 s, one forever. */
function clusterWithPods(): Cluster {
  const c = new Cluster();
  const pod = (name: string, tolerations: Toleration[] = []): Pod & { apiVersion: string; kind: string } => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: { nodeName: 'node2', tolerations, containers: [{ name: 'app', image: 'ikubernetes/myapp:v1' }] },
  });
  c.api.create(pod('plain'));
  c.api.create(pod('minute', [{ key: 'maintenance', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }]));
  c.api.create(pod('forever', [{ key: 'maintenance', operator: 'Exists', effect: 'NoExecute' }]));
  c.settle();
  return c;
}

const at = (c: Cluster, seconds: number) => c.advance(TUTORIAL_EPOCH + seconds * 1000 - c.clock.now());
const deleting = (c: Cluster) =>
  c.store
    .list<Pod>('pods', 'default')
    .filter((p) => p.metadata.deletionTimestamp)
    .map((p) => p.metadata.name)
    .sort();
const messages = (c: Cluster) =>
  c.store
    .list<Event>('events', 'default')
    .filter((e) => e.reason === 'TaintManagerEviction')
    .map((e) => `${e.involvedObject.uid ?? 'no uid'} ${e.message}`);

function taint(c: Cluster, taints: Taint[]): void {
  const node = c.store.get<Node>('nodes', undefined, 'node2')!;
  c.api.update({ ...node, spec: { ...node.spec, taints } });
  c.reconcile();
}

test('a NoExecute taint: the untolerating pod goes at once, the tolerating one after its seconds, the other stays', () => {
  const c = clusterWithPods();
  at(c, 10);
  taint(c, [{ key: 'maintenance', value: 'true', effect: 'NoExecute' }]);
  assert.deepEqual(deleting(c), ['plain']);
  const plain = c.store.get<Pod>('pods', 'default', 'plain')!;
  assert.deepEqual(
    plain.status?.conditions?.find((x) => x.type === 'DisruptionTarget'),
    { type: 'DisruptionTarget', status: 'True', reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint', lastProbeTime: null, lastTransitionTime: '2018-09-06T06:57:10Z' },
  );
  at(c, 69.999);
  assert.deepEqual(c.store.get<Pod>('pods', 'default', 'minute')?.metadata.deletionTimestamp, undefined);
  at(c, 70);
  assert.ok(c.store.get<Pod>('pods', 'default', 'minute')!.metadata.deletionTimestamp);
  c.settle();
  assert.deepEqual(c.store.list<Pod>('pods', 'default').map((p) => p.metadata.name), ['forever']);
  assert.deepEqual(messages(c), ['no uid Marking for deletion Pod default/plain', 'no uid Marking for deletion Pod default/minute'], 'events without the UID, as upstream');
});

test('the taint removed before its time: the scheduled deletion is cancelled, with an event', () => {
  const c = clusterWithPods();
  taint(c, [{ key: 'maintenance', effect: 'NoExecute' }]);
  at(c, 30);
  taint(c, []);
  c.settle();
  assert.deepEqual(c.store.list<Pod>('pods', 'default').map((p) => p.metadata.name).sort(), ['forever', 'minute']);
  assert.deepEqual(messages(c), ['no uid Marking for deletion Pod default/plain', 'no uid Cancelling deletion of Pod default/minute']);
});
