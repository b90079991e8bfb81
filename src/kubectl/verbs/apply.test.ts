import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { Cluster } from '../../cluster.ts';
import { clusterWith, kubectl, ok, RS_YAML } from '../apply/testing.ts';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const rs = (c: Cluster) => c.store.get<ReplicaSet>('replicasets.apps', 'default', 'myapp')!;

test('apply creates a new object with the last-applied-configuration annotation kubectl writes', () => {
  const c = clusterWith();
  const r = kubectl(c, ['apply', '-f', 'rs.yaml']);
  assert.deepEqual(r, { stdout: 'replicaset.apps/myapp created\n', stderr: '', exitCode: 0 });
  // Compact JSON, keys sorted, the emptied annotations map kept, the namespace filled in, a newline.
  assert.equal(
    rs(c).metadata.annotations?.[LAST_APPLIED],
    '{"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"annotations":{},"name":"myapp","namespace":"default"},"spec":{"replicas":2,"selector":{"matchLabels":{"app":"myapp"}},"template":{"metadata":{"labels":{"app":"myapp"}},"spec":{"containers":[{"image":"ikubernetes/myapp:v1","name":"myapp","ports":[{"containerPort":80}]}]}}}}\n',
  );
});

test('apply of an unchanged file is `unchanged` and writes nothing', () => {
  const c = clusterWith();
  ok(c, ['apply', '-f', 'rs.yaml']);
  c.settle();
  const before = rs(c).metadata.resourceVersion;
  assert.deepEqual(kubectl(c, ['apply', '-f', 'rs.yaml']), { stdout: 'replicaset.apps/myapp unchanged\n', stderr: '', exitCode: 0 });
  assert.equal(rs(c).metadata.resourceVersion, before);
});

test('apply of a changed file is `configured`: the change and the new annotation are stored', () => {
  const c = clusterWith();
  ok(c, ['apply', '-f', 'rs.yaml']);
  c.files.set('rs.yaml', RS_YAML.replace('replicas: 2', 'replicas: 4'));
  assert.equal(ok(c, ['apply', '-f', 'rs.yaml']), 'replicaset.apps/myapp configured\n');
  assert.equal(rs(c).spec?.replicas, 4);
  assert.match(rs(c).metadata.annotations![LAST_APPLIED], /"replicas":4/);
});

test('three-way: a field dropped from the file is deleted, fields others set are kept', () => {
  const c = clusterWith({ 'rs.yaml': RS_YAML.replace('  replicas: 2\n', '  replicas: 2\n  minReadySeconds: 5\n') });
  ok(c, ['apply', '-f', 'rs.yaml']);
  ok(c, ['label', 'rs', 'myapp', 'team=blue']);
  ok(c, ['annotate', 'rs', 'myapp', 'note=kept']);
  c.files.set('rs.yaml', RS_YAML.replace('image: ikubernetes/myapp:v1', 'image: ikubernetes/myapp:v2'));
  assert.equal(ok(c, ['apply', '-f', 'rs.yaml']), 'replicaset.apps/myapp configured\n');
  const live = rs(c);
  assert.equal(live.spec?.minReadySeconds, undefined);
  assert.equal(live.metadata.labels?.team, 'blue');
  assert.equal(live.metadata.annotations?.note, 'kept');
  assert.equal(live.spec?.template?.spec?.containers[0].image, 'ikubernetes/myapp:v2');
  // Defaults the server filled in stay: the container merged by name rather than being replaced.
  assert.equal(live.spec?.template?.spec?.containers[0].terminationMessagePath, '/dev/termination-log');
});

test('three-way: replicas left out of the file keep the scaled value', () => {
  const c = clusterWith({ 'rs.yaml': RS_YAML.replace('  replicas: 2\n', '') });
  ok(c, ['apply', '-f', 'rs.yaml']);
  ok(c, ['scale', 'rs', 'myapp', '--replicas=3']);
  c.files.set('rs.yaml', RS_YAML.replace('  replicas: 2\n', '').replace('app: myapp\n    spec', 'app: myapp\n        tier: web\n    spec'));
  assert.equal(ok(c, ['apply', '-f', 'rs.yaml']), 'replicaset.apps/myapp configured\n');
  assert.equal(rs(c).spec?.replicas, 3);
});

test('three-way: list items merge by key; a port removed from the file is removed from the object', () => {
  const twoPorts = RS_YAML.replace('        - containerPort: 80\n', '        - containerPort: 80\n        - containerPort: 443\n');
  const c = clusterWith({ 'rs.yaml': twoPorts });
  ok(c, ['apply', '-f', 'rs.yaml']);
  c.files.set('rs.yaml', RS_YAML.replace('containerPort: 80', 'containerPort: 8080'));
  ok(c, ['apply', '-f', 'rs.yaml']);
  assert.deepEqual(rs(c).spec?.template?.spec?.containers[0].ports, [{ containerPort: 8080, protocol: 'TCP' }]);
});

test('apply onto an object created without apply warns, then patches the annotation in', () => {
  const c = clusterWith();
  ok(c, ['create', '-f', 'rs.yaml']);
  const r = kubectl(c, ['apply', '-f', 'rs.yaml']);
  assert.equal(r.stdout, 'replicaset.apps/myapp configured\n');
  // shared/reference/kubectl-1.32-outputs/07-apply_1st_.txt, for a ReplicaSet.
  assert.equal(
    r.stderr,
    'Warning: resource replicasets/myapp is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n',
  );
  assert.ok(rs(c).metadata.annotations?.[LAST_APPLIED]);
  assert.equal(kubectl(c, ['apply', '-f', 'rs.yaml']).stderr, '');
});

test('--dry-run=client and --dry-run=server report what would happen and store nothing', () => {
  const c = clusterWith();
  assert.equal(ok(c, ['apply', '-f', 'rs.yaml', '--dry-run=client']), 'replicaset.apps/myapp created (dry run)\n');
  assert.equal(ok(c, ['apply', '-f', 'rs.yaml', '--dry-run=server']), 'replicaset.apps/myapp created (server dry run)\n');
  assert.equal(c.store.get('replicasets.apps', 'default', 'myapp'), undefined);
  ok(c, ['apply', '-f', 'rs.yaml']);
  const before = rs(c);
  c.files.set('rs.yaml', RS_YAML.replace('replicas: 2', 'replicas: 5'));
  assert.equal(ok(c, ['apply', '-f', 'rs.yaml', '--dry-run=client']), 'replicaset.apps/myapp configured (dry run)\n');
  assert.equal(ok(c, ['apply', '-f', 'rs.yaml', '--dry-run=server']), 'replicaset.apps/myapp configured (server dry run)\n');
  assert.equal(rs(c), before);
});

test('-o name prints the name only; -o yaml prints the applied object with its annotation', () => {
  const c = clusterWith();
  assert.equal(ok(c, ['apply', '-f', 'rs.yaml', '-o', 'name']), 'replicaset.apps/myapp\n');
  const yaml = ok(c, ['apply', '-f', 'rs.yaml', '-o', 'yaml']);
  assert.match(yaml, /^apiVersion: apps\/v1\nkind: ReplicaSet\nmetadata:\n  annotations:\n    kubectl.kubernetes.io\/last-applied-configuration: \|\n/);
  assert.equal(kubectl(c, ['apply', '-f', 'rs.yaml', '-o', 'wide']).stderr.startsWith('error: unable to match a printer suitable for the output format "wide"'), true);
});

test('--server-side creates or merges and prints serverside-applied', () => {
  const c = clusterWith();
  assert.equal(ok(c, ['apply', '--server-side', '-f', 'rs.yaml']), 'replicaset.apps/myapp serverside-applied\n');
  c.files.set('rs.yaml', RS_YAML.replace('replicas: 2', 'replicas: 3'));
  assert.equal(ok(c, ['apply', '--server-side', '-f', 'rs.yaml']), 'replicaset.apps/myapp serverside-applied\n');
  assert.equal(rs(c).spec?.replicas, 3);
  assert.equal(kubectl(c, ['apply', '--server-side', '--dry-run=client', '-f', 'rs.yaml']).stderr, "error: --dry-run=client doesn't work with --server-side (did you mean --dry-run=server instead?)\n");
});

test('an invalid change is refused with the API server\'s message and changes nothing', () => {
  const c = clusterWith();
  ok(c, ['apply', '-f', 'rs.yaml']);
  const before = rs(c);
  c.files.set('rs.yaml', RS_YAML.replace('replicas: 2', 'replicas: -1'));
  assert.deepEqual(kubectl(c, ['apply', '-f', 'rs.yaml']), {
    stdout: '',
    stderr: 'The ReplicaSet "myapp" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n',
    exitCode: 1,
  });
  assert.equal(rs(c), before);
});

test('usage errors: no file, generateName, an empty file', () => {
  const c = clusterWith({ 'gen.yaml': RS_YAML.replace('name: myapp', 'generateName: myapp-'), 'empty.yaml': '' });
  assert.equal(kubectl(c, ['apply']).stderr, 'error: must specify one of -f and -k\n');
  assert.equal(kubectl(c, ['apply', '-f', 'gen.yaml']).stderr, 'error: from myapp-: cannot use generate name with apply\n');
  assert.equal(kubectl(c, ['apply', '-f', 'empty.yaml']).stderr, 'error: no objects passed to apply\n');
});

test('several objects: each is applied, a failing one is reported after the others', () => {
  const c = clusterWith({ 'two.yaml': `${RS_YAML}---\n${RS_YAML.replace('name: myapp', 'name: Bad_Name')}` });
  const r = kubectl(c, ['apply', '-f', 'two.yaml']);
  assert.equal(r.stdout, 'replicaset.apps/myapp created\n');
  assert.match(r.stderr, /^The ReplicaSet "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name"/);
  assert.equal(r.exitCode, 1);
});
