import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { Cluster } from '../cluster.ts';
import { Selector } from '../api/labels.ts';
import { requestPod } from '../network/http.ts';
import type { KubeObject } from '../store/object.ts';
import { METRIC_RESOLUTION_MS } from './metrics.ts';

const MIB = 1024 * 1024;

function withPods(replicas: number, image = 'ikubernetes/myapp:v1'): Cluster {
  const c = new Cluster();
  c.api.create({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'web' },
    spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image }] } } },
  } as KubeObject);
  c.settle();
  return c;
}

const cpus = (c: Cluster) => c.kubelet.metrics.listPodMetrics('default', Selector.parse('app=web')).map((m) => m.containers[0].usage.cpu);

test('a pod has metrics once its containers have run for one metric resolution', () => {
  const c = withPods(1);
  assert.deepEqual(c.kubelet.metrics.listPodMetrics('default'), []);
  c.advance(METRIC_RESOLUTION_MS);
  const [m] = c.kubelet.metrics.listPodMetrics('default');
  // myapp's idle usage from images.yaml.
  assert.deepEqual(m.containers, [{ name: 'web', usage: { cpu: 1, memory: 2 * MIB } }]);
  assert.equal(m.timestamp, c.clock.now());
});

test('an image the catalogue gives no usage idles at 1m and 4Mi', () => {
  const c = withPods(1, 'example.com/own/app:1');
  c.advance(METRIC_RESOLUTION_MS);
  assert.deepEqual(c.kubelet.metrics.listPodMetrics('default')[0].containers[0].usage, { cpu: 1, memory: 4 * MIB });
});

test("a step's usage replaces the idle usage, for pods that exist and pods that come later", () => {
  const c = withPods(1);
  c.kubelet.metrics.setPodUsage('default', 'app=web', { cpu: 300 });
  c.api.patch('replicasets.apps', 'default', 'web', 'merge', { spec: { replicas: 2 } });
  c.settle();
  c.advance(METRIC_RESOLUTION_MS);
  assert.deepEqual(cpus(c), [300, 300]);
  c.kubelet.metrics.clearLoad('default', 'app=web');
  assert.deepEqual(cpus(c), [1, 1]);
});

test('traffic is shared by the ready pods at 10ms of CPU a request', () => {
  const c = withPods(3);
  c.advance(METRIC_RESOLUTION_MS);
  c.kubelet.metrics.setTraffic('default', 'app=web', 90);
  // 30 requests a second each: 300ms of CPU a second, plus the 1m idle.
  assert.deepEqual(cpus(c), [301, 301, 301]);
  c.kubelet.metrics.setTraffic('default', 'app=web', 0);
  assert.deepEqual(cpus(c), [1, 1, 1]);
});

test('requests actually sent count over the last window', () => {
  const c = withPods(1);
  c.advance(METRIC_RESOLUTION_MS);
  const pod = c.store.list<Pod>('pods', 'default')[0];
  for (let i = 0; i < 30; i++) requestPod(c.store, c.kubelet, pod.status!.podIP!, 80, '/');
  // 30 requests in 15 s: 2 a second, 20m.
  assert.deepEqual(cpus(c), [21]);
  c.advance(METRIC_RESOLUTION_MS);
  assert.deepEqual(cpus(c), [1]);
});

test('a node reports its pods plus its own overhead', () => {
  const c = withPods(2);
  c.advance(METRIC_RESOLUTION_MS);
  const nodes = c.kubelet.metrics.listNodeMetrics();
  assert.deepEqual(nodes.map((n) => n.name), ['master', 'node1', 'node2']);
  const total = nodes.reduce((sum, n) => sum + n.usage.cpu, 0);
  assert.equal(total, 3 * 60 + 2 * 1);
});
