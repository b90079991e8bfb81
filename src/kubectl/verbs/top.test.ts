import { test } from 'node:test';
import assert from 'node:assert/strict';
import { METRIC_RESOLUTION_MS } from '../../node/metrics.ts';
import { clusterWith, kubectl, ok } from '../apply/testing.ts';

function withPods() {
  const c = clusterWith();
  ok(c, ['create', '-f', 'rs.yaml']);
  c.settle();
  return c;
}

const names = (c: ReturnType<typeof clusterWith>) => c.store.list('pods', 'default').map((p) => p.metadata.name).sort();

test('top pods: tab-terminated cells (the last column padded too), CPU in m, memory in Mi', () => {
  const c = withPods();
  assert.deepEqual(kubectl(c, ['top', 'pods']), { stdout: '', stderr: 'error: metrics not available yet\n', exitCode: 1 });
  c.advance(METRIC_RESOLUTION_MS);
  c.kubelet.metrics.setPodUsage('default', 'app=myapp', { cpu: 250 });
  const [a, b] = names(c);
  assert.equal(ok(c, ['top', 'pods']), `NAME          CPU(cores)   MEMORY(bytes)   \n${a}   250m         2Mi             \n${b}   250m         2Mi             \n`);
  assert.equal(ok(c, ['top', 'pod', a, '--no-headers']), `${a}   250m   2Mi   \n`);
  assert.equal(
    ok(c, ['top', 'pods', '--containers', '--sum']),
    `POD           NAME    CPU(cores)   MEMORY(bytes)   \n${a}   myapp   250m         2Mi             \n${b}   myapp   250m         2Mi             \n                      ________     ________        \n                      500m         4Mi             \n`,
  );
});

test('top pods: errors and an empty namespace', () => {
  const c = withPods();
  assert.deepEqual(kubectl(c, ['top', 'pods', '-n', 'kube-public']), { stdout: '', stderr: 'No resources found in kube-public namespace.\n', exitCode: 0 });
  assert.deepEqual(kubectl(c, ['top', 'pods', '--sort-by=name']), { stdout: '', stderr: 'error: --sort-by accepts only cpu or memory\n', exitCode: 1 });
  assert.deepEqual(kubectl(c, ['top', 'pod', 'nope']), { stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n', exitCode: 1 });
  const [a] = names(c);
  assert.deepEqual(kubectl(c, ['top', 'pod', a]), { stdout: '', stderr: `Error from server (NotFound): podmetrics.metrics.k8s.io "default/${a}" not found\n`, exitCode: 1 });
  // A pod older than 2 minutes without metrics is reported by name.
  const d = clusterWith({ 'rs.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: stuck\nspec:\n  containers:\n  - name: c\n    image: ikubernetes/myapp:v9\n' });
  ok(d, ['create', '-f', 'rs.yaml']);
  d.advance(150_000);
  assert.deepEqual(kubectl(d, ['top', 'pods']), { stdout: '', stderr: 'error: Metrics not available for pod default/stuck, age: 2m30s\n', exitCode: 1 });
});

test('top nodes: usage and its share of allocatable, by name', () => {
  const c = withPods();
  c.advance(METRIC_RESOLUTION_MS);
  const lines = ok(c, ['top', 'nodes']).split('\n');
  assert.equal(lines[0], 'NAME     CPU(cores)   CPU(%)   MEMORY(bytes)   MEMORY(%)   ');
  assert.equal(lines[1], 'master   60m          3%       600Mi           15%         ');
  assert.deepEqual(lines.slice(2, 4).map((l) => l.split(/\s+/)[0]), ['node1', 'node2']);
});
