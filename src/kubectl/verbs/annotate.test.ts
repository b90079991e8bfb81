import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { Cluster } from '../../cluster.ts';
import { clusterWith, kubectl, ok } from '../apply/testing.ts';

const annotations = (c: Cluster) => c.store.get<ReplicaSet>('replicasets.apps', 'default', 'myapp')!.metadata.annotations;

function withReplicaSet(): Cluster {
  const c = clusterWith();
  ok(c, ['create', '-f', 'rs.yaml']);
  return c;
}

test('annotate adds, changes with --overwrite and removes: always `annotated`', () => {
  const c = withReplicaSet();
  assert.deepEqual(kubectl(c, ['annotate', 'rs', 'myapp', 'description=my frontend']), { stdout: 'replicaset.apps/myapp annotated\n', stderr: '', exitCode: 0 });
  assert.deepEqual(annotations(c), { description: 'my frontend' });
  assert.equal(ok(c, ['annotate', 'rs/myapp', '--overwrite', 'description=x=y']), 'replicaset.apps/myapp annotated\n');
  assert.deepEqual(annotations(c), { description: 'x=y' });
  assert.equal(ok(c, ['annotate', 'rs/myapp', 'description-']), 'replicaset.apps/myapp annotated\n');
  assert.equal(annotations(c), undefined);
  assert.equal(ok(c, ['annotate', 'rs/myapp', 'description-']), 'replicaset.apps/myapp annotated\n');
});

test('overwriting needs --overwrite (the refusal changes nothing); change-cause never does', () => {
  const c = withReplicaSet();
  ok(c, ['annotate', 'rs', 'myapp', 'a=1', 'kubernetes.io/change-cause=v1']);
  const before = c.store.get('replicasets.apps', 'default', 'myapp');
  assert.deepEqual(kubectl(c, ['annotate', 'rs', 'myapp', 'a=2']), {
    stdout: '',
    stderr: "error: --overwrite is false but found the following declared annotation(s): 'a' already has a value (1)\n",
    exitCode: 1,
  });
  assert.equal(c.store.get('replicasets.apps', 'default', 'myapp'), before);
  assert.equal(ok(c, ['annotate', 'rs', 'myapp', 'kubernetes.io/change-cause=image v2']), 'replicaset.apps/myapp annotated\n');
  assert.equal(annotations(c)?.['kubernetes.io/change-cause'], 'image v2');
});

test('usage errors', () => {
  const c = withReplicaSet();
  assert.equal(kubectl(c, ['annotate', 'rs', 'myapp']).stderr, 'error: at least one annotation update is required\n');
  assert.equal(kubectl(c, ['annotate', 'rs', 'myapp', 'a=1', 'a-']).stderr, 'error: can not both modify and remove the following annotation(s) in the same command: a\n');
  assert.equal(kubectl(c, ['annotate', 'rs', 'nope', 'a=1']).stderr, 'Error from server (NotFound): replicasets.apps "nope" not found\n');
});
