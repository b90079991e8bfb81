import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { ReplicationController } from 'kubernetes-types/core/v1.js';
import type { Cluster } from '../../cluster.ts';
import { clusterWith, kubectl, ok, RC_YAML, RS_YAML } from '../apply/testing.ts';

const rs = (c: Cluster) => c.store.get<ReplicaSet>('replicasets.apps', 'default', 'myapp')!;

function withWorkloads(): Cluster {
  const c = clusterWith({ 'rs.yaml': RS_YAML, 'rc.yaml': RC_YAML });
  ok(c, ['create', '-f', 'rs.yaml']);
  ok(c, ['create', '-f', 'rc.yaml']);
  c.settle();
  return c;
}

test('scale a ReplicaSet (TYPE NAME, TYPE/NAME, -f) and a ReplicationController: `scaled`', () => {
  const c = withWorkloads();
  assert.deepEqual(kubectl(c, ['scale', 'rs', 'myapp', '--replicas=3']), { stdout: 'replicaset.apps/myapp scaled\n', stderr: '', exitCode: 0 });
  assert.equal(rs(c).spec?.replicas, 3);
  assert.equal(ok(c, ['scale', '--replicas', '4', 'replicaset/myapp']), 'replicaset.apps/myapp scaled\n');
  assert.equal(ok(c, ['scale', '-f', 'rs.yaml', '--replicas=1']), 'replicaset.apps/myapp scaled\n');
  assert.equal(rs(c).spec?.replicas, 1);
  assert.equal(ok(c, ['scale', 'rc', 'web', '--replicas=2']), 'replicationcontroller/web scaled\n');
  assert.equal(c.store.get<ReplicationController>('replicationcontrollers', 'default', 'web')!.spec?.replicas, 2);
  c.settle();
  assert.equal(c.store.list('pods', 'default').length, 3);
});

test('--current-replicas is a precondition: a mismatch is refused and changes nothing', () => {
  const c = withWorkloads();
  const before = rs(c);
  assert.deepEqual(kubectl(c, ['scale', 'rs', 'myapp', '--current-replicas=3', '--replicas=5']), {
    stdout: '',
    stderr: 'error: Expected replicas to be 3, was 2\n',
    exitCode: 1,
  });
  assert.equal(rs(c), before);
  assert.equal(ok(c, ['scale', 'rs', 'myapp', '--current-replicas=2', '--replicas=5']), 'replicaset.apps/myapp scaled\n');
});

test('a missing object: `no objects passed to scale` with the NotFound text', () => {
  const c = withWorkloads();
  assert.deepEqual(kubectl(c, ['scale', 'rs', 'web', '--replicas=3']), {
    stdout: '',
    stderr: 'error: no objects passed to scale replicasets.apps "web" not found\n',
    exitCode: 1,
  });
  // With another object found, that one is scaled and the NotFound printed as the server's.
  const r = kubectl(c, ['scale', 'rs', 'myapp', 'web', '--replicas=3']);
  assert.equal(r.stdout, 'replicaset.apps/myapp scaled\n');
  assert.equal(r.stderr, 'Error from server (NotFound): replicasets.apps "web" not found\n');
});

test('flag errors; pods have no scale subresource', () => {
  const c = withWorkloads();
  assert.equal(kubectl(c, ['scale', 'rs', 'myapp']).stderr, 'error: required flag(s) "replicas" not set\n');
  assert.equal(kubectl(c, ['scale', 'rs', 'myapp', '--replicas=-1']).stderr, 'error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n');
  const pod = ok(c, ['get', 'pods', '-o', 'name']).split('\n')[0];
  assert.equal(kubectl(c, ['scale', pod, '--replicas=2']).stderr, 'Error from server (NotFound): the server could not find the requested resource\n');
});

test('--dry-run=client prints and stores nothing; --timeout waits for the replicas', () => {
  const c = withWorkloads();
  const before = rs(c);
  assert.equal(ok(c, ['scale', 'rs', 'myapp', '--replicas=4', '--dry-run=client']), 'replicaset.apps/myapp scaled (dry run)\n');
  assert.equal(rs(c), before);
  assert.equal(ok(c, ['scale', 'rs', 'myapp', '--replicas=4', '--timeout=1m']), 'replicaset.apps/myapp scaled\n');
  assert.equal(rs(c).status?.replicas, 4);
});
