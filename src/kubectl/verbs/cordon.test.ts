import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Node } from 'kubernetes-types/core/v1.js';
import type { Cluster } from '../../cluster.ts';
import { clusterWith, kubectl, ok } from '../apply/testing.ts';

const unschedulable = (c: Cluster, name: string) => c.store.get<Node>('nodes', undefined, name)!.spec?.unschedulable;

test('cordon and uncordon: `cordoned`, `already cordoned`, `uncordoned`, `already uncordoned`', () => {
  const c = clusterWith();
  assert.deepEqual(kubectl(c, ['cordon', 'node1']), { stdout: 'node/node1 cordoned\n', stderr: '', exitCode: 0 });
  assert.equal(unschedulable(c, 'node1'), true);
  assert.equal(ok(c, ['cordon', 'node/node1', 'node2']), 'node/node1 already cordoned\nnode/node2 cordoned\n');
  assert.equal(ok(c, ['uncordon', 'node1']), 'node/node1 uncordoned\n');
  assert.equal(unschedulable(c, 'node1'), undefined, 'the patch removes the field (omitempty)');
  assert.equal(ok(c, ['uncordon', 'node1']), 'node/node1 already uncordoned\n');
});

test('dry runs change nothing; -l picks nodes by label', () => {
  const c = clusterWith();
  assert.equal(ok(c, ['cordon', 'node1', '--dry-run=client']), 'node/node1 cordoned (dry run)\n');
  assert.equal(ok(c, ['cordon', 'node1', '--dry-run=server']), 'node/node1 cordoned (server dry run)\n');
  assert.equal(unschedulable(c, 'node1'), undefined);
  assert.equal(ok(c, ['cordon', '-l', 'node-role.kubernetes.io/control-plane']), 'node/master cordoned\n');
});

test('usage errors and missing nodes', () => {
  const c = clusterWith();
  assert.deepEqual(kubectl(c, ['cordon']), { stdout: '', stderr: "error: USAGE: cordon NODE [flags]\nSee 'kubectl cordon -h' for help and examples\n", exitCode: 1 });
  assert.equal(kubectl(c, ['uncordon', 'node1', '-l', 'a=b']).stderr, "error: cannot specify both a node name and a --selector option\nSee 'kubectl uncordon -h' for help and examples\n");
  assert.equal(kubectl(c, ['cordon', 'node9']).stderr, 'Error from server (NotFound): nodes "node9" not found\n');
  assert.equal(kubectl(c, ['cordon', 'pod/web']).stderr, 'Error from server (NotFound): pods "web" not found\n');
  ok(c, ['run', 'web', '--image=ikubernetes/myapp:v1']);
  assert.equal(kubectl(c, ['cordon', 'pod/web']).stderr, 'error: expected resource of type node, got "/v1, Resource=pods"\n');
  assert.equal(kubectl(c, ['cordon', 'node1', '--dry-run=maybe']).stderr, 'error: Invalid dry-run value (maybe). Must be "none", "server", or "client".\n');
});
