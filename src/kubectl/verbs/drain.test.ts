import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { Cluster } from '../../cluster.ts';
import type { Stored } from '../../store/object.ts';
import { clusterWith, kubectl, ok, RS_YAML } from '../apply/testing.ts';
import { podDeleteList, type DrainOptions } from '../drain/filters.ts';

const SOLO = `apiVersion: v1
kind: Pod
metadata:
  name: solo
spec:
  nodeName: node1
  containers:
  - name: app
    image: ikubernetes/myapp:v1
`;
const SCRATCH = SOLO.replace('name: solo', 'name: scratch').replace('image: ikubernetes/myapp:v1', 'image: ikubernetes/myapp:v1\n  volumes:\n  - name: tmp\n    emptyDir: {}');

function withPods(files: Record<string, string> = {}): Cluster {
  const c = clusterWith({ 'rs.yaml': RS_YAML.replace('replicas: 2', 'replicas: 4'), ...files });
  ok(c, ['create', '-f', 'rs.yaml']);
  for (const f of Object.keys(files)) ok(c, ['create', '-f', f]);
  c.settle();
  return c;
}

/** The pods on a node, `ns/name`, in list order. */
const podsOn = (c: Cluster, node: string) =>
  c.store
    .byIndex<Pod>('pods', 'node', node)
    .map((p) => p.metadata.name)
    .sort();

test('drain: cordon, evict each pod, wait for each to go, `drained`', () => {
  const c = withPods();
  const pods = podsOn(c, 'node1');
  assert.equal(pods.length, 2);
  const r = kubectl(c, ['drain', 'node1']);
  assert.deepEqual(r, {
    stdout: ['node/node1 cordoned', ...pods.map((p) => `evicting pod default/${p}`), ...pods.map((p) => `pod/${p} evicted`), 'node/node1 drained', ''].join('\n'),
    stderr: '',
    exitCode: 0,
  });
  assert.deepEqual(podsOn(c, 'node1'), []);
  c.settle();
  assert.equal(podsOn(c, 'node2').length, 4);
  assert.equal(ok(c, ['drain', 'node1']), 'node/node1 already cordoned\nnode/node1 drained\n');
});

test('drain refuses pods with emptyDir data and pods without a controller, cordoning all the same', () => {
  const c = withPods({ 'solo.yaml': SOLO, 'scratch.yaml': SCRATCH });
  const r = kubectl(c, ['drain', 'node1']);
  assert.equal(r.stdout, 'node/node1 cordoned\n');
  assert.equal(
    r.stderr,
    [
      'error: unable to drain node "node1" due to error: [cannot delete Pods with local storage (use --delete-emptydir-data to override): default/scratch, cannot delete cannot delete Pods that declare no controller (use --force to override): default/solo], continuing command...',
      'There are pending nodes to be drained:',
      ' node1',
      'cannot delete Pods with local storage (use --delete-emptydir-data to override): default/scratch',
      'cannot delete cannot delete Pods that declare no controller (use --force to override): default/solo',
      '',
    ].join('\n'),
  );
  assert.equal(r.exitCode, 1);
  assert.equal(podsOn(c, 'node1').length, 4, 'nothing evicted');
  // The local-storage warning is lost to the next filter's verdict, as upstream.
  const forced = kubectl(c, ['drain', 'node1', '--force', '--delete-emptydir-data']);
  assert.equal(forced.stderr, 'Warning: deleting Pods that declare no controller: default/scratch, default/solo\n');
  assert.match(forced.stdout, /^node\/node1 already cordoned\n(evicting pod default\/\S+\n){4}(pod\/\S+ evicted\n){4}node\/node1 drained\n$/);
});

test('--disable-eviction deletes instead; --dry-run=server and client change nothing', () => {
  const c = withPods();
  const pods = podsOn(c, 'node1');
  assert.equal(ok(c, ['drain', 'node1', '--dry-run=client']), ['node/node1 cordoned (dry run)', ...pods.map((p) => `evicting pod default/${p} (dry run)`), 'node/node1 drained (dry run)', ''].join('\n'));
  assert.equal(ok(c, ['drain', 'node1', '--dry-run=server']), ['node/node1 cordoned (server dry run)', ...pods.map((p) => `evicting pod default/${p} (server dry run)`), 'node/node1 drained (server dry run)', ''].join('\n'));
  assert.deepEqual(podsOn(c, 'node1'), pods);
  assert.equal(ok(c, ['drain', 'node1', '--disable-eviction']), ['node/node1 cordoned', ...pods.map((p) => `pod/${p} deleted`), 'node/node1 drained', ''].join('\n'));
});

test('a node whose kubelet is gone: --timeout ends the wait with an error; --skip-wait-for-delete-timeout skips pods long in deletion', () => {
  const c = withPods();
  const pods = podsOn(c, 'node2');
  c.stopReporting('node2');
  const start = c.clock.now();
  const r = kubectl(c, ['drain', 'node2', '--timeout=5s']);
  assert.equal(c.clock.now() - start, 5000);
  const waiting = (p: string) => `error when waiting for pod "${p}" in namespace "default" to terminate: context deadline exceeded`;
  assert.equal(r.stdout, ['node/node2 cordoned', ...pods.map((p) => `evicting pod default/${p}`), ''].join('\n'));
  assert.equal(
    r.stderr,
    [
      `There are pending pods in node "node2" when an error occurred: [${pods.map(waiting).join(', ')}]`,
      ...pods.map((p) => `pod/${p}`),
      `error: unable to drain node "node2" due to error: [${pods.map(waiting).join(', ')}], continuing command...`,
      'There are pending nodes to be drained:',
      ' node2',
      ...pods.map(waiting),
      '',
    ].join('\n'),
  );
  assert.equal(r.exitCode, 1);
  // Evicted 5 s ago with a 30 s grace period: deleted "since" 25 s from now, so more than 10 s after 36 s.
  const again = kubectl(c, ['drain', 'node2', '--skip-wait-for-delete-timeout=10']);
  assert.equal(c.clock.now() - start, 5000 + 36_000);
  assert.equal(again.stdout, ['node/node2 already cordoned', ...pods.map((p) => `evicting pod default/${p}`), ...pods.map((p) => `pod "${p}" has DeletionTimestamp older than 10 seconds, skipping`), 'node/node2 drained', ''].join('\n'));
  // Now that they are that old, the filter leaves them out altogether.
  assert.equal(ok(c, ['drain', 'node2', '--skip-wait-for-delete-timeout=10']), 'node/node2 already cordoned\nnode/node2 drained\n');
});

test('usage errors', () => {
  const c = withPods();
  assert.equal(kubectl(c, ['drain']).stderr, "error: USAGE: drain NODE [flags]\nSee 'kubectl drain -h' for help and examples\n");
  assert.equal(kubectl(c, ['drain', 'node1', '--pod-selector=a=(']).stderr, 'error: --pod-selector=<pod_selector> must be a valid label selector\n');
  assert.equal(kubectl(c, ['drain', 'node9']).stderr, 'Error from server (NotFound): nodes "node9" not found\n');
  assert.equal(kubectl(c, ['drain', 'node1', '--timeout=soon']).stderr, 'error: invalid argument "soon" for "--timeout" flag: time: invalid duration "soon"\nSee \'kubectl drain --help\' for usage.\n');
});

test('the filters: DaemonSet pods stop the drain unless ignored; a missing DaemonSet is a warning with --force; mirror pods are skipped', () => {
  const pod = (name: string, owner?: string, extra: Partial<Pod['metadata']> = {}): Stored<Pod> =>
    ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: 'kube-system', uid: name, resourceVersion: '1', ...(owner ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: owner, uid: owner, controller: true }] } : {}), ...extra },
      spec: { containers: [] },
      status: { phase: 'Running' },
    }) as Stored<Pod>;
  const options = (o: Partial<DrainOptions> = {}): DrainOptions => ({
    force: false,
    ignoreAllDaemonSets: false,
    deleteEmptyDirData: false,
    skipWaitForDeleteTimeoutSeconds: 0,
    now: 0,
    daemonSetError: (_ns, name) => (name === 'gone' ? `daemonsets.apps "${name}" not found` : undefined),
    ...o,
  });
  const pods = [pod('kube-proxy-x', 'kube-proxy'), pod('orphan-y', 'gone'), pod('etcd-master', undefined, { annotations: { 'kubernetes.io/config.mirror': 'abc' } })];
  assert.deepEqual(podDeleteList(pods, options()).errors, [
    'cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): kube-system/kube-proxy-x',
    'cannot delete daemonsets.apps "gone" not found: kube-system/orphan-y',
  ]);
  const ignored = podDeleteList(pods, options({ ignoreAllDaemonSets: true, force: true }));
  assert.deepEqual(ignored.errors, []);
  assert.deepEqual(ignored.pods.map((p) => p.metadata.name), ['orphan-y']);
  // The orphan's warning is lost: the later filters pass it (it has a controller), and the last verdict counts.
  assert.equal(ignored.warnings, 'ignoring DaemonSet-managed Pods: kube-system/kube-proxy-x');
});
