import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ReplicaSet } from 'kubernetes-types/apps/v1.js';
import { clusterWith, kubectl, ok } from '../../apply/testing.ts';

test('set image patches the template: `image updated`, and nothing when the image is already set', () => {
  const c = clusterWith();
  ok(c, ['create', '-f', 'rs.yaml']);
  assert.deepEqual(kubectl(c, ['set', 'image', 'rs', 'myapp', 'myapp=ikubernetes/myapp:v2']), { stdout: 'replicaset.apps/myapp image updated\n', stderr: '', exitCode: 0 });
  const rs = c.api.get<ReplicaSet>('replicasets.apps', 'default', 'myapp');
  assert.equal(rs.spec?.template?.spec?.containers[0].image, 'ikubernetes/myapp:v2');
  assert.equal(rs.metadata.generation, 2);
  assert.deepEqual(kubectl(c, ['set', 'image', 'rs/myapp', 'myapp=ikubernetes/myapp:v2']), { stdout: '', stderr: '', exitCode: 0 });
});

test('`*` names every container; an unknown container is an error and nothing changes', () => {
  const c = clusterWith();
  ok(c, ['create', '-f', 'rs.yaml']);
  assert.equal(ok(c, ['set', 'image', 'rs', 'myapp', '*=ikubernetes/myapp:v3']), 'replicaset.apps/myapp image updated\n');
  const before = c.store.resourceVersion;
  assert.deepEqual(kubectl(c, ['set', 'image', 'rs', 'myapp', 'nginx=nginx:1.27']), { stdout: '', stderr: 'error: unable to find container named "nginx"\n', exitCode: 1 });
  assert.equal(c.store.resourceVersion, before);
});

test('pods take a new image in place; missing pairs are a usage error', () => {
  const c = clusterWith({ 'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx:1.26\n' });
  ok(c, ['create', '-f', 'pod.yaml']);
  assert.equal(ok(c, ['set', 'image', 'pod/p', 'c=nginx:1.27']), 'pod/p image updated\n');
  assert.match(kubectl(c, ['set', 'image', 'pod/p']).stderr, /at least one image update is required/);
});
