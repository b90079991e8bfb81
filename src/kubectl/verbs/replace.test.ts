import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { Cluster } from '../../cluster.ts';
import { clusterWith, kubectl, ok, RS_YAML } from '../apply/testing.ts';

const rs = (c: Cluster) => c.store.get<ReplicaSet>('replicasets.apps', 'default', 'myapp')!;

function withReplicaSet(): Cluster {
  const c = clusterWith();
  ok(c, ['create', '-f', 'rs.yaml']);
  c.settle();
  return c;
}

test('replace -f puts the whole object: `replaced`', () => {
  const c = withReplicaSet();
  c.files.set('rs.yaml', RS_YAML.replace('replicas: 2', 'replicas: 3'));
  assert.deepEqual(kubectl(c, ['replace', '-f', 'rs.yaml']), { stdout: 'replicaset.apps/myapp replaced\n', stderr: '', exitCode: 0 });
  assert.equal(rs(c).spec?.replicas, 3);
  assert.ok(rs(c).status?.replicas, 'status is the server\'s, not the file\'s (which has none)');
});

test('a stale resourceVersion is a Conflict and changes nothing', () => {
  const c = withReplicaSet();
  c.files.set('old.yaml', ok(c, ['get', 'rs', 'myapp', '-o', 'yaml']).replace('replicas: 2\n  selector', 'replicas: 5\n  selector'));
  ok(c, ['scale', 'rs', 'myapp', '--replicas=3']);
  const before = rs(c);
  assert.deepEqual(kubectl(c, ['replace', '-f', 'old.yaml']), {
    stdout: '',
    stderr:
      'Error from server (Conflict): error when replacing "old.yaml": Operation cannot be fulfilled on replicasets.apps "myapp": the object has been modified; please apply your changes to the latest version and try again\n',
    exitCode: 1,
  });
  assert.equal(rs(c), before);
});

test('a missing object is NotFound; no file is a usage error', () => {
  const c = clusterWith();
  assert.equal(kubectl(c, ['replace', '-f', 'rs.yaml']).stderr, 'Error from server (NotFound): error when replacing "rs.yaml": replicasets.apps "myapp" not found\n');
  assert.equal(kubectl(c, ['replace']).stderr, 'error: must specify --filename to replace\n');
  assert.equal(kubectl(c, ['replace', '-f', 'rs.yaml', '--grace-period=1']).stderr, 'error: --grace-period must have --force specified\n');
});

test('--save-config records the last applied configuration; --dry-run stores nothing', () => {
  const c = withReplicaSet();
  const before = rs(c);
  assert.equal(ok(c, ['replace', '-f', 'rs.yaml', '--dry-run=client']), 'replicaset.apps/myapp replaced (dry run)\n');
  assert.equal(ok(c, ['replace', '-f', 'rs.yaml', '--dry-run=server']), 'replicaset.apps/myapp replaced (server dry run)\n');
  assert.equal(rs(c), before);
  ok(c, ['replace', '-f', 'rs.yaml', '--save-config']);
  assert.match(rs(c).metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration'] ?? '', /^\{"apiVersion":"apps\/v1","kind":"ReplicaSet"/);
});

test('--force deletes the object, waits until it is gone, and creates it again', () => {
  const c = withReplicaSet();
  const uid = rs(c).metadata.uid;
  assert.equal(ok(c, ['replace', '--force', '-f', 'rs.yaml']), 'replicaset.apps "myapp" deleted\nreplicaset.apps/myapp replaced\n');
  assert.notEqual(rs(c).metadata.uid, uid);
});
