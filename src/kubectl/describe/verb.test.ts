import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { Cluster } from '../../cluster.ts';
import { runKubectl as run } from '../index.ts';
import type { KubectlIO } from '../context.ts';

/** kubectl's streams and exit code (the interleaved display is not under test here). */
function runKubectl(c: Cluster, argv: string[], io?: KubectlIO) {
  const { stdout, stderr, exitCode } = run(c, argv, io);
  return { stdout, stderr, exitCode };
}

/** A cluster with the two pods of ReplicaSet `myapp` running, and a bare pod `myapp-extra` in namespace dev. */
function cluster(): { cluster: Cluster; pods: string[] } {
  const c = new Cluster();
  c.files.set(
    'objects.yaml',
    `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: myapp
spec:
  replicas: 2
  selector:
    matchLabels: {app: myapp}
  template:
    metadata:
      labels: {app: myapp}
    spec:
      containers:
      - name: myapp
        image: ikubernetes/myapp:v1
---
apiVersion: v1
kind: Pod
metadata:
  name: myapp-extra
  namespace: dev
  labels: {app: myapp}
spec:
  containers:
  - name: myapp
    image: ikubernetes/myapp:v1
`,
  );
  assert.equal(runKubectl(c, ['create', 'namespace', 'dev']).exitCode, 0);
  assert.equal(runKubectl(c, ['create', '-f', 'objects.yaml']).exitCode, 0);
  c.settle();
  const pods = c.store.list<Pod>('pods', 'default').map((p) => p.metadata.name).sort();
  return { cluster: c, pods };
}

/** One object's description on its own. */
function single(c: Cluster, ref: string, ...flags: string[]): string {
  const r = runKubectl(c, ['describe', ref, ...flags]);
  assert.equal(r.exitCode, 0, r.stderr);
  return r.stdout;
}

test('a missing object: the API server\'s NotFound, nothing on stdout, exit 1', () => {
  const { cluster: c } = cluster();
  for (const argv of [['describe', 'pod', 'nope'], ['describe', 'pod/nope'], ['describe', 'po', 'nope', '-n', 'default']]) {
    assert.deepEqual(runKubectl(c, argv), { stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n', exitCode: 1 });
  }
  assert.deepEqual(runKubectl(c, ['describe', 'rs', 'nope']), { stdout: '', stderr: 'Error from server (NotFound): replicasets.apps "nope" not found\n', exitCode: 1 });
  assert.deepEqual(runKubectl(c, ['describe', 'node', 'nope']), { stdout: '', stderr: 'Error from server (NotFound): nodes "nope" not found\n', exitCode: 1 });
});

test('TYPE NAME with no exact match describes every object whose name starts with NAME, each followed by a blank line', () => {
  const { cluster: c, pods } = cluster();
  const r = runKubectl(c, ['describe', 'pods', 'myapp']);
  assert.equal(r.stderr, '');
  assert.equal(r.exitCode, 0);
  // Only the current namespace: dev/myapp-extra does not match.
  assert.equal(r.stdout, pods.map((p) => `${single(c, `pod/${p}`)}\n`).join(''));
  const nodes = runKubectl(c, ['describe', 'nodes', 'node', '--show-events=false']);
  assert.equal(nodes.stdout, `${single(c, 'node/node1', '--show-events=false')}\n${single(c, 'node/node2', '--show-events=false')}\n`);
});

test('an exact name wins over prefix matching', () => {
  const { cluster: c } = cluster();
  const r = runKubectl(c, ['describe', 'rs', 'myapp']);
  assert.equal(r.stdout, single(c, 'rs/myapp'));
  assert.ok(r.stdout.startsWith('Name:         myapp\n'));
});

test('several objects: the later ones after a blank line (kubectl writes "\\n\\n" before each)', () => {
  const { cluster: c, pods } = cluster();
  const [a, b] = pods;
  const expected = `${single(c, `pod/${a}`)}\n\n${single(c, `pod/${b}`)}`;
  assert.equal(runKubectl(c, ['describe', 'pods', a, b]).stdout, expected);
  assert.equal(runKubectl(c, ['describe', `pod/${a}`, `pod/${b}`]).stdout, expected);
  // Listing: the namespace's pods in name order.
  assert.equal(runKubectl(c, ['describe', 'pods']).stdout, expected);
  assert.equal(runKubectl(c, ['describe', 'pods', '-l', 'app=myapp']).stdout, expected);
  // All namespaces: namespace, then name.
  const all = runKubectl(c, ['describe', 'pods', '-A']);
  assert.equal(all.stdout, `${expected}\n\n${single(c, 'pod/myapp-extra', '-n', 'dev')}`);
});

test('a found and a missing name: the found one is described, the error follows, exit 1', () => {
  const { cluster: c, pods } = cluster();
  const r = runKubectl(c, ['describe', 'pods', pods[0], 'nope', 'nada']);
  assert.equal(r.stdout, single(c, `pod/${pods[0]}`));
  assert.equal(r.stderr, 'Error from server (NotFound): pods "nope" not found\nError from server (NotFound): pods "nada" not found\n');
  assert.equal(r.exitCode, 1);
  // Two TYPE/NAME arguments go through the prefix retry, which finds nothing: the error alone.
  assert.deepEqual(runKubectl(c, ['describe', `pod/${pods[0]}`, 'pod/nope']), { stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n', exitCode: 1 });
});

test('nothing matches a selector: "No resources found", exit 0', () => {
  const { cluster: c } = cluster();
  assert.deepEqual(runKubectl(c, ['describe', 'pods', '-l', 'app=none']), { stdout: '', stderr: 'No resources found in default namespace.\n', exitCode: 0 });
  assert.deepEqual(runKubectl(c, ['describe', 'pods', '-l', 'app=none', '-n', 'dev']), { stdout: '', stderr: 'No resources found in dev namespace.\n', exitCode: 0 });
  assert.deepEqual(runKubectl(c, ['describe', 'pods', '-l', 'app=none', '-A']), { stdout: '', stderr: 'No resources found\n', exitCode: 0 });
  // describe words it the same way for cluster-scoped kinds.
  assert.deepEqual(runKubectl(c, ['describe', 'nodes', '-l', 'disk=ssd']), { stdout: '', stderr: 'No resources found in default namespace.\n', exitCode: 0 });
});

test('usage errors, worded as kubectl words them', () => {
  const { cluster: c } = cluster();
  const error = (argv: string[]) => runKubectl(c, argv).stderr;
  assert.equal(error(['describe']), 'error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n');
  assert.equal(error(['describe', 'pods', 'x', '-A']), 'error: a resource cannot be retrieved by name across all namespaces\n');
  assert.equal(error(['describe', 'pods', 'x', '-l', 'app=myapp']), 'error: name cannot be provided when a selector is specified\n');
  assert.equal(error(['describe', 'foos']), 'error: the server doesn\'t have a resource type "foos"\n');
  assert.equal(error(['describe', 'events']), 'error: no description has been implemented for /v1, Kind=Event\n');
});

test('describe -f: the objects a manifest names', () => {
  const { cluster: c } = cluster();
  const r = runKubectl(c, ['describe', '-f', 'objects.yaml', '--show-events=false']);
  assert.equal(r.stdout, `${single(c, 'rs/myapp', '--show-events=false')}\n\n${single(c, 'pod/myapp-extra', '-n', 'dev', '--show-events=false')}`);
});
