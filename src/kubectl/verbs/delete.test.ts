import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { Cluster } from '../../cluster.ts';
import { clusterWith, kubectl, ok, RS_YAML } from '../apply/testing.ts';

/** A pod whose process ignores SIGTERM, so its deletion takes the whole grace period. */
const SLEEPER = `apiVersion: v1
kind: Pod
metadata:
  name: sleeper
  labels:
    app: sleeper
spec:
  containers:
  - name: sleeper
    image: busybox
    command: ["sleep", "3600"]
`;

function running(files: Record<string, string> = {}): Cluster {
  const c = clusterWith({ 'pod.yaml': SLEEPER, 'rs.yaml': RS_YAML, ...files });
  ok(c, ['apply', '-f', 'pod.yaml']);
  c.settle();
  return c;
}

const pod = (c: Cluster, name = 'sleeper') => c.store.get<Pod>('pods', 'default', name);

test('delete waits, in virtual time, until the pod is really gone: the grace period of a process ignoring SIGTERM', () => {
  const c = running();
  const start = c.clock.now();
  assert.deepEqual(kubectl(c, ['delete', 'pod', 'sleeper']), { stdout: 'pod "sleeper" deleted\n', stderr: '', exitCode: 0 });
  assert.equal(pod(c), undefined);
  assert.equal(c.clock.now() - start, 30_000);
});

test('--grace-period shortens the wait; --now is one second; --wait=false returns at once', () => {
  let c = running();
  let start = c.clock.now();
  ok(c, ['delete', 'pod/sleeper', '--grace-period=5']);
  assert.equal(c.clock.now() - start, 5_000);
  c = running();
  start = c.clock.now();
  ok(c, ['delete', 'pod/sleeper', '--now']);
  assert.equal(c.clock.now() - start, 1_000);
  c = running();
  start = c.clock.now();
  assert.equal(ok(c, ['delete', 'pod', 'sleeper', '--wait=false']), 'pod "sleeper" deleted\n');
  assert.equal(c.clock.now(), start);
  assert.ok(pod(c)?.metadata.deletionTimestamp, 'still terminating');
});

test('--force with --grace-period=0 warns and removes the pod at once: `force deleted`', () => {
  const c = running();
  const start = c.clock.now();
  assert.deepEqual(kubectl(c, ['delete', 'pod', 'sleeper', '--grace-period=0', '--force']), {
    stdout: 'pod "sleeper" force deleted\n',
    stderr: 'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n',
    exitCode: 0,
  });
  assert.equal(pod(c), undefined);
  assert.equal(c.clock.now(), start);
  assert.equal(kubectl(c, ['delete', 'pod', 'x', '--force', '--grace-period=3']).stderr, 'error: --force and --grace-period greater than 0 cannot be specified together\n');
  assert.equal(kubectl(c, ['delete', 'pod', 'x', '--now', '--grace-period=3']).stderr, 'error: --now and --grace-period cannot be specified together\n');
});

test('missing objects: NotFound, unless --ignore-not-found; selectors that match nothing: No resources found', () => {
  const c = running();
  assert.deepEqual(kubectl(c, ['delete', 'pod', 'nope']), { stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n', exitCode: 1 });
  assert.deepEqual(kubectl(c, ['delete', 'pod', 'nope', '--ignore-not-found']), { stdout: '', stderr: '', exitCode: 0 });
  assert.deepEqual(kubectl(c, ['delete', 'pods', '-l', 'app=none']), { stdout: 'No resources found\n', stderr: '', exitCode: 0 });
  assert.deepEqual(kubectl(c, ['delete', 'rs', '--all']), { stdout: 'No resources found\n', stderr: '', exitCode: 0 });
  // One missing among several: the others go, the NotFound is reported.
  const r = kubectl(c, ['delete', 'pod', 'nope', 'sleeper']);
  assert.equal(r.stdout, 'pod "sleeper" deleted\n');
  assert.equal(r.stderr, 'Error from server (NotFound): pods "nope" not found\n');
  assert.ok(pod(c)?.metadata.deletionTimestamp, 'after an error kubectl does not wait');
  c.settle();
  assert.equal(kubectl(c, ['delete', '-f', 'pod.yaml']).stderr, 'Error from server (NotFound): error when deleting "pod.yaml": pods "sleeper" not found\n');
});

test('-l, --all and -f; kind.group and quoted names; -o name; dry runs', () => {
  const c = running();
  ok(c, ['apply', '-f', 'rs.yaml']);
  c.settle();
  assert.equal(ok(c, ['delete', '-f', 'rs.yaml', '--dry-run=client']), 'replicaset.apps "myapp" deleted (dry run)\n');
  assert.equal(ok(c, ['delete', 'rs', 'myapp', '--dry-run=server']), 'replicaset.apps "myapp" deleted (server dry run)\n');
  assert.ok(c.store.get('replicasets.apps', 'default', 'myapp'));
  assert.equal(ok(c, ['delete', 'pods', '-l', 'app=sleeper', '-o', 'name']), 'pod/sleeper\n');
  assert.equal(ok(c, ['delete', '-f', 'rs.yaml']), 'replicaset.apps "myapp" deleted\n');
  c.settle();
  assert.equal(c.store.list('pods', 'default').length, 0, 'the garbage collector took the pods');
});

test('--cascade: orphan keeps the pods; foreground waits for them; the old booleans still work with a warning', () => {
  let c = running({ 'rs.yaml': RS_YAML });
  ok(c, ['apply', '-f', 'rs.yaml']);
  c.settle();
  ok(c, ['delete', 'rs', 'myapp', '--cascade=orphan']);
  c.settle();
  const orphans = c.store.list<Pod>('pods', 'default').filter((p) => p.metadata.labels?.app === 'myapp');
  assert.equal(orphans.length, 2);
  assert.ok(orphans.every((p) => !p.metadata.ownerReferences?.length));

  c = running({ 'rs.yaml': RS_YAML });
  ok(c, ['apply', '-f', 'rs.yaml']);
  c.settle();
  assert.equal(ok(c, ['delete', 'rs', 'myapp', '--cascade=foreground']), 'replicaset.apps "myapp" deleted\n');
  assert.equal(c.store.list('pods', 'default').filter((p) => p.metadata.labels?.app === 'myapp').length, 0, 'foreground deletion waited for the pods');

  c = running({ 'rs.yaml': RS_YAML });
  ok(c, ['apply', '-f', 'rs.yaml']);
  c.settle();
  const r = kubectl(c, ['delete', 'rs', 'myapp', '--cascade=false']);
  assert.equal(r.stderr, 'warning: --cascade=false is deprecated (boolean value) and can be replaced with --cascade=orphan.\n');
  assert.equal(kubectl(c, ['delete', 'rs', 'myapp', '--cascade=sometimes']).stderr, 'error: invalid cascade value (sometimes). Must be "background", "foreground", or "orphan"\n');
});

test('an object held by a finalizer: delete waits until --timeout and reports it', () => {
  const c = running({ 'rs.yaml': RS_YAML });
  ok(c, ['apply', '-f', 'rs.yaml']);
  ok(c, ['patch', 'rs', 'myapp', '--type=merge', '-p', '{"metadata":{"finalizers":["example.com/hold"]}}']);
  const start = c.clock.now();
  assert.deepEqual(kubectl(c, ['delete', 'rs', 'myapp', '--timeout=5s']), {
    stdout: 'replicaset.apps "myapp" deleted\n',
    stderr: 'error: timed out waiting for the condition on replicasets/myapp\n',
    exitCode: 1,
  });
  assert.equal(c.clock.now() - start, 5_000);
  assert.ok(c.store.get('replicasets.apps', 'default', 'myapp')?.metadata.deletionTimestamp);
});

test('usage errors', () => {
  const c = running();
  assert.equal(kubectl(c, ['delete', 'pods']).stderr, 'error: resource(s) were provided, but no name was specified\n');
  assert.equal(kubectl(c, ['delete', 'pods', 'x', '-l', 'a=b']).stderr, 'error: name cannot be provided when a selector is specified\n');
  assert.equal(kubectl(c, ['delete', 'pod', 'sleeper', '-o', 'yaml']).stderr, "error: unexpected -o output mode: yaml. We only support '-o name'\n");
  assert.ok(pod(c), 'nothing was deleted');
});

test('--interactive lists the objects and deletes only on `y`', () => {
  const c = running();
  assert.deepEqual(kubectl(c, ['delete', 'pod', 'sleeper', '-i'], { stdin: 'n\n' }), {
    stdout: 'You are about to delete the following 1 resource(s):\npod/sleeper\nDo you want to continue? (y/n): deletion is cancelled\n',
    stderr: '',
    exitCode: 0,
  });
  assert.ok(pod(c));
  assert.match(ok(c, ['delete', 'pod', 'sleeper', '-i'], { stdin: 'y\n' }), /\(y\/n\): pod "sleeper" deleted\n$/);
  assert.equal(pod(c), undefined);
});
