import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Deployment } from 'kubernetes-types/apps/v1.js';
import { clusterWith, kubectl, ok } from '../apply/testing.ts';

const get = (c: ReturnType<typeof clusterWith>, name: string, namespace = 'default') => c.store.get<Deployment>('deployments.apps', namespace, name)!;

test('create deployment: app=NAME labels and selector, a container named after the image, --port on it', () => {
  const c = clusterWith({});
  assert.deepEqual(kubectl(c, ['create', 'deployment', 'web', '--image=ikubernetes/myapp:v1', '--replicas=3', '--port=80']), {
    stdout: 'deployment.apps/web created\n',
    stderr: '',
    exitCode: 0,
  });
  const d = get(c, 'web');
  assert.deepEqual(d.metadata.labels, { app: 'web' });
  assert.deepEqual(d.spec?.selector, { matchLabels: { app: 'web' } });
  assert.equal(d.spec?.replicas, 3);
  assert.deepEqual(d.spec?.template.metadata?.labels, { app: 'web' });
  const [container] = d.spec!.template.spec!.containers;
  assert.deepEqual([container.name, container.image, container.ports], ['myapp', 'ikubernetes/myapp:v1', [{ containerPort: 80, protocol: 'TCP' }]]);
});

test('create deployment: several images, a digest, -n, and a command after --', () => {
  const c = clusterWith({});
  assert.equal(ok(c, ['create', 'deploy', 'db', '-n', 'kube-public', '--image=registry:5000/redis@sha256:0123,busybox:1.36']), 'deployment.apps/db created\n');
  assert.deepEqual(
    get(c, 'db', 'kube-public').spec!.template.spec!.containers.map((x) => [x.name, x.image]),
    [['redis', 'registry:5000/redis@sha256:0123'], ['busybox', 'busybox:1.36']],
  );
  assert.equal(ok(c, ['create', 'deployment', 'sleeper', '--image=busybox', '--', 'sleep', '3600']), 'deployment.apps/sleeper created\n');
  assert.deepEqual(get(c, 'sleeper').spec!.template.spec!.containers[0].command, ['sleep', '3600']);
});

test('create deployment --dry-run=client -o yaml: the object as kubectl builds it, nothing stored', () => {
  const c = clusterWith({});
  const yaml = ok(c, ['create', 'deployment', 'x', '--image=my_registry/app.server:2', '--port=8080', '--dry-run=client', '-o', 'yaml']);
  // An image name that is no DNS label: `_` and `.` become `-`, plus utilrand's 5 characters.
  const suffix = /name: app-server-([bcdfghjklmnpqrstvwxz2456789]{5})\n/.exec(yaml)?.[1];
  assert.ok(suffix, yaml);
  assert.equal(
    yaml,
    `apiVersion: apps/v1
kind: Deployment
metadata:
  creationTimestamp: null
  labels:
    app: x
  name: x
spec:
  replicas: 1
  selector:
    matchLabels:
      app: x
  strategy: {}
  template:
    metadata:
      creationTimestamp: null
      labels:
        app: x
    spec:
      containers:
      - image: my_registry/app.server:2
        name: app-server-${suffix}
        ports:
        - containerPort: 8080
        resources: {}
status: {}
`,
  );
  assert.equal(ok(c, ['create', 'deployment', 'x', '--image=nginx', '--dry-run=client']), 'deployment.apps/x created (dry run)\n');
  assert.equal(ok(c, ['create', 'deployment', 'x', '--image=nginx', '--dry-run=server']), 'deployment.apps/x created (server dry run)\n');
  assert.equal(get(c, 'x'), undefined);
});

test('create deployment --save-config: the last-applied annotation is the object as Go encodes it', () => {
  const c = clusterWith({});
  ok(c, ['create', 'deployment', 'web', '--image=nginx', '--save-config']);
  assert.equal(
    get(c, 'web').metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration'],
    '{"kind":"Deployment","apiVersion":"apps/v1","metadata":{"name":"web","creationTimestamp":null,"labels":{"app":"web"}},"spec":{"replicas":1,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"creationTimestamp":null,"labels":{"app":"web"}},"spec":{"containers":[{"name":"nginx","image":"nginx","resources":{}}]}},"strategy":{}},"status":{}}\n',
  );
});

test('create deployment errors: --image required, exactly one NAME, image list with a command, an existing name', () => {
  const c = clusterWith({});
  assert.deepEqual(kubectl(c, ['create', 'deployment', 'web']), { stdout: '', stderr: 'error: required flag(s) "image" not set\n', exitCode: 1 });
  assert.equal(kubectl(c, ['create', 'deployment', '--image=nginx']).stderr, "error: exactly one NAME is required, got 0\nSee 'kubectl create deployment -h' for help and examples\n");
  assert.equal(kubectl(c, ['create', 'deployment', 'a', 'b', '--image=nginx']).stderr, "error: exactly one NAME is required, got 2\nSee 'kubectl create deployment -h' for help and examples\n");
  assert.equal(kubectl(c, ['create', 'deployment', 'a', '--image=nginx', '--image=redis', '--', 'sleep']).stderr, 'error: cannot specify multiple --image options and command\n');
  ok(c, ['create', 'deployment', 'web', '--image=nginx']);
  assert.deepEqual(kubectl(c, ['create', 'deployment', 'web', '--image=nginx']), {
    stdout: '',
    stderr: 'error: failed to create deployment: deployments.apps "web" already exists\n',
    exitCode: 1,
  });
});
