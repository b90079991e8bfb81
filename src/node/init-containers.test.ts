import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { Cluster } from '../cluster.ts';
import { podSummary } from '../kubectl/printers/pods.ts';

/** Init containers: one at a time, each to success, before the containers (kubelet SyncPod, getPhase). */
function pod(name: string, init: string[], restartPolicy = 'Always'): Pod & { apiVersion: string; kind: string } {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: {
      restartPolicy,
      initContainers: init.map((script, i) => ({ name: `init-${i}`, image: 'busybox', command: ['sh', '-c', script] })),
      containers: [{ name: 'app', image: 'ikubernetes/myapp:v1' }],
    },
  };
}

const get = (c: Cluster, name: string) => c.store.get<Pod>('pods', 'default', name)!;
const status = (c: Cluster, name: string) => podSummary(get(c, name), c.clock.now()).status;

test('init containers run in order: Init:0/2, Init:1/2, PodInitializing, then Running', () => {
  const c = new Cluster();
  c.api.create(pod('web', ['sleep 10', 'sleep 5']));
  const seen: string[] = [];
  c.sim.settle(() => {
    const s = status(c, 'web');
    if (seen.at(-1) !== s) seen.push(s);
    return false;
  });
  assert.deepEqual(seen, ['Init:0/2', 'Init:1/2', 'PodInitializing', 'Running']);
  const p = get(c, 'web');
  assert.deepEqual(p.status?.initContainerStatuses?.map((s) => [s.name, s.state?.terminated?.reason, s.ready]), [['init-0', 'Completed', false], ['init-1', 'Completed', false]]);
  assert.equal(p.status?.conditions?.find((x) => x.type === 'Initialized')?.status, 'True');
  // The second started when the first finished.
  const [a, b] = p.status!.initContainerStatuses!;
  assert.equal(b.state?.terminated?.startedAt, a.state?.terminated?.finishedAt);
});

test('while initializing: Pending, Initialized False with the incomplete init containers, containers PodInitializing', () => {
  const c = new Cluster();
  c.api.create(pod('web', ['sleep 30', 'true']));
  c.advance(10_000);
  const p = get(c, 'web');
  assert.equal(p.status?.phase, 'Pending');
  const init = p.status?.conditions?.find((x) => x.type === 'Initialized');
  assert.deepEqual([init?.status, init?.reason, init?.message], ['False', 'ContainersNotInitialized', 'containers with incomplete status: [init-0 init-1]']);
  assert.equal(p.status?.containerStatuses?.[0].state?.waiting?.reason, 'PodInitializing');
});

test('a failing init container: Init:CrashLoopBackOff under Always, the pod Failed under Never', () => {
  const c = new Cluster();
  c.api.create(pod('retry', ['exit 1']));
  c.api.create(pod('once', ['exit 1'], 'Never'));
  c.advance(20_000);
  assert.equal(status(c, 'retry'), 'Init:CrashLoopBackOff');
  assert.equal(get(c, 'retry').status?.phase, 'Pending');
  assert.equal(status(c, 'once'), 'Init:Error');
  assert.equal(get(c, 'once').status?.phase, 'Failed');
  assert.equal(get(c, 'once').status?.containerStatuses?.[0].state?.waiting?.reason, 'PodInitializing');
});
