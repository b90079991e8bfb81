import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { HorizontalPodAutoscaler } from 'kubernetes-types/autoscaling/v2.js';
import type { Cluster } from '../../cluster.ts';
import { clusterWith, kubectl, ok, RS_YAML } from '../apply/testing.ts';

/** RS_YAML's pods with a CPU request, so the autoscaler can measure them. */
const RS_WITH_REQUESTS = RS_YAML.replace('        - containerPort: 80\n', '        - containerPort: 80\n        resources:\n          requests:\n            cpu: 100m\n');

function withReplicaSet(): Cluster {
  const c = clusterWith({ 'rs.yaml': RS_WITH_REQUESTS });
  ok(c, ['create', '-f', 'rs.yaml']);
  c.settle();
  return c;
}

const hpa = (c: Cluster, name = 'myapp') => c.store.get<HorizontalPodAutoscaler>('horizontalpodautoscalers.autoscaling', 'default', name);

test('autoscale creates an autoscaler named after the target: `autoscaled`', () => {
  const c = withReplicaSet();
  assert.equal(ok(c, ['autoscale', 'rs', 'myapp', '--min=2', '--max=5', '--cpu-percent=80']), 'horizontalpodautoscaler.autoscaling/myapp autoscaled\n');
  assert.deepEqual(hpa(c)?.spec, {
    scaleTargetRef: { kind: 'ReplicaSet', name: 'myapp', apiVersion: 'apps/v1' },
    minReplicas: 2,
    maxReplicas: 5,
    metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }],
  });
  assert.equal(
    ok(c, ['get', 'hpa']),
    'NAME    REFERENCE          TARGETS              MINPODS   MAXPODS   REPLICAS   AGE\nmyapp   ReplicaSet/myapp   cpu: <unknown>/80%   2         5         0          0s\n',
  );
});

test('--name, TYPE/NAME, the server defaults (min 1, 80% CPU), and -o name', () => {
  const c = withReplicaSet();
  assert.equal(ok(c, ['autoscale', 'replicaset/myapp', '--max=3', '--name=web', '-o', 'name']), 'horizontalpodautoscaler.autoscaling/web\n');
  assert.equal(hpa(c, 'web')?.spec?.minReplicas, 1);
  assert.equal(hpa(c, 'web')?.spec?.metrics?.[0].resource?.target.averageUtilization, 80);
});

test('--dry-run=client prints the autoscaling/v1 object kubectl would send and creates nothing', () => {
  const c = withReplicaSet();
  assert.equal(
    ok(c, ['autoscale', 'rs', 'myapp', '--max=3', '--cpu-percent=50', '--dry-run=client', '-o', 'yaml']),
    `apiVersion: autoscaling/v1
kind: HorizontalPodAutoscaler
metadata:
  creationTimestamp: null
  name: myapp
spec:
  maxReplicas: 3
  scaleTargetRef:
    apiVersion: apps/v1
    kind: ReplicaSet
    name: myapp
  targetCPUUtilizationPercentage: 50
status:
  currentReplicas: 0
  desiredReplicas: 0
`,
  );
  assert.equal(ok(c, ['autoscale', 'rs', 'myapp', '--max=3', '--dry-run=client']), 'horizontalpodautoscaler.autoscaling/myapp created (dry run)\n');
  assert.equal(hpa(c), undefined);
});

test('usage errors and the server errors, word for word', () => {
  const c = withReplicaSet();
  const fails = (argv: string[], stderr: string) => assert.deepEqual(kubectl(c, argv), { stdout: '', stderr, exitCode: 1 });
  fails(['autoscale', 'rs', 'myapp'], 'error: required flag(s) "max" not set\n');
  fails(['autoscale', 'rs', 'myapp', '--max=0'], 'error: --max=MAXPODS is required and must be at least 1, max: 0\n');
  fails(['autoscale', 'rs', 'myapp', '--min=4', '--max=3'], 'error: --max=MAXPODS must be larger or equal to --min=MINPODS, max: 3, min: 4\n');
  fails(['autoscale', 'rs', 'nope', '--max=3'], 'Error from server (NotFound): replicasets.apps "nope" not found\n');
  const pod = c.store.list('pods', 'default')[0].metadata.name;
  fails(['autoscale', 'pod', pod, '--max=3'], 'error: cannot autoscale a Pod: could not find scale subresource for /v1, Resource=pods in discovery information\n');
  ok(c, ['autoscale', 'rs', 'myapp', '--max=3']);
  fails(['autoscale', 'rs', 'myapp', '--max=3'], 'Error from server (AlreadyExists): horizontalpodautoscalers.autoscaling "myapp" already exists\n');
});

test('--save-config keeps the v1 object as kubectl encoded it', () => {
  const c = withReplicaSet();
  ok(c, ['autoscale', 'rs', 'myapp', '--max=3', '--save-config']);
  assert.equal(
    hpa(c)?.metadata?.annotations?.['kubectl.kubernetes.io/last-applied-configuration'],
    '{"kind":"HorizontalPodAutoscaler","apiVersion":"autoscaling/v1","metadata":{"name":"myapp","creationTimestamp":null},"spec":{"scaleTargetRef":{"kind":"ReplicaSet","name":"myapp","apiVersion":"apps/v1"},"maxReplicas":3},"status":{"currentReplicas":0,"desiredReplicas":0}}\n',
  );
});
