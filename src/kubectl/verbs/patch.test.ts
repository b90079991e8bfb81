import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { Cluster } from '../../cluster.ts';
import { clusterWith, kubectl, ok } from '../apply/testing.ts';

const rs = (c: Cluster) => c.store.get<ReplicaSet>('replicasets.apps', 'default', 'myapp')!;

function withReplicaSet(): Cluster {
  const c = clusterWith();
  ok(c, ['apply', '-f', 'rs.yaml']);
  c.settle();
  return c;
}

test('a strategic merge patch (the default) is `patched`; the same patch again is `patched (no change)`', () => {
  const c = withReplicaSet();
  assert.deepEqual(kubectl(c, ['patch', 'rs', 'myapp', '-p', '{"spec":{"replicas":3}}']), { stdout: 'replicaset.apps/myapp patched\n', stderr: '', exitCode: 0 });
  assert.equal(rs(c).spec?.replicas, 3);
  assert.equal(ok(c, ['patch', 'rs/myapp', '-p', '{"spec":{"replicas":3}}']), 'replicaset.apps/myapp patched (no change)\n');
});

test('strategic: a container is patched by name, its other fields kept', () => {
  const c = withReplicaSet();
  ok(c, ['patch', 'rs', 'myapp', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"myapp","image":"ikubernetes/myapp:v2"}]}}}}']);
  const container = rs(c).spec?.template?.spec?.containers[0];
  assert.equal(container?.image, 'ikubernetes/myapp:v2');
  assert.deepEqual(container?.ports, [{ containerPort: 80, protocol: 'TCP' }]);
});

test('--type merge and --type json', () => {
  const c = withReplicaSet();
  assert.equal(ok(c, ['patch', 'rs', 'myapp', '--type=merge', '-p', '{"metadata":{"labels":{"tier":"fe"}}}']), 'replicaset.apps/myapp patched\n');
  assert.deepEqual(rs(c).metadata.labels, { tier: 'fe' });
  assert.equal(ok(c, ['patch', 'rs', 'myapp', '--type', 'json', '-p', '[{"op":"replace","path":"/spec/replicas","value":1}]']), 'replicaset.apps/myapp patched\n');
  assert.equal(rs(c).spec?.replicas, 1);
});

test('a JSON patch that does not apply is the server\'s bare 422', () => {
  const c = withReplicaSet();
  const before = rs(c);
  assert.deepEqual(kubectl(c, ['patch', 'rs', 'myapp', '--type=json', '-p', '[{"op":"replace","path":"/spec/nope/x","value":1}]']), {
    stdout: '',
    stderr: 'The request is invalid: the server rejected our request due to an error in our request\n',
    exitCode: 1,
  });
  assert.equal(rs(c), before);
});

test('an invalid result is refused and changes nothing', () => {
  const c = withReplicaSet();
  const before = rs(c);
  const r = kubectl(c, ['patch', 'rs', 'myapp', '-p', '{"spec":{"replicas":-1}}']);
  assert.equal(r.stderr, 'The ReplicaSet "myapp" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n');
  assert.equal(r.exitCode, 1);
  assert.equal(rs(c), before);
});

test('errors as kubectl prints them', () => {
  const c = withReplicaSet();
  assert.equal(kubectl(c, ['patch', 'rs', 'nope', '-p', '{}']).stderr, 'Error from server (NotFound): replicasets.apps "nope" not found\n');
  assert.equal(kubectl(c, ['patch', 'rs', 'myapp']).stderr, 'error: must specify --patch or --patch-file containing the contents of the patch\n');
  assert.equal(kubectl(c, ['patch', 'rs', 'myapp', '--type=xml', '-p', '{}']).stderr, 'error: --type must be one of [json merge strategic], not "xml"\n');
  assert.equal(
    kubectl(c, ['patch', 'rs', 'myapp', '-p', '{"spec":']).stderr,
    'error: unable to parse "{\\"spec\\":": error converting YAML to JSON: yaml: line 1: did not find expected node content\n',
  );
  assert.equal(
    kubectl(c, ['patch', 'rs', 'myapp', '--type=json', '-p', '{"op":"add"}']).stderr,
    'Error from server (BadRequest): error decoding patch: json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp\n',
  );
});

test('-f names the object to patch; --dry-run shows the result without storing it', () => {
  const c = withReplicaSet();
  const before = rs(c);
  assert.equal(ok(c, ['patch', '-f', 'rs.yaml', '-p', '{"spec":{"replicas":5}}', '--dry-run=server']), 'replicaset.apps/myapp patched (server dry run)\n');
  assert.equal(ok(c, ['patch', 'rs', 'myapp', '-p', '{"spec":{"replicas":5}}', '--dry-run=client', '-o', 'jsonpath={.spec.replicas}']), '5');
  assert.equal(rs(c), before);
  assert.equal(ok(c, ['patch', '-f', 'rs.yaml', '-p', '{"spec":{"replicas":5}}']), 'replicaset.apps/myapp patched\n');
  assert.equal(rs(c).spec?.replicas, 5);
});
