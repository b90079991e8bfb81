import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { Cluster } from '../../cluster.ts';
import { clusterWith, kubectl, ok } from '../apply/testing.ts';

/** Two pods of the ReplicaSet, by name, in name order. */
function withPods(): { c: Cluster; pods: string[] } {
  const c = clusterWith();
  ok(c, ['apply', '-f', 'rs.yaml']);
  c.settle();
  const pods = ok(c, ['get', 'pods', '-o', 'name']).trim().split('\n');
  return { c, pods };
}

const labelsOf = (c: Cluster, pod: string) => c.store.get<Pod>('pods', 'default', pod.replace('pod/', ''))!.metadata.labels;

test('adding a label: `labeled`', () => {
  const { c, pods } = withPods();
  assert.deepEqual(kubectl(c, ['label', pods[0], 'tier=web']), { stdout: `${pods[0]} labeled\n`, stderr: '', exitCode: 0 });
  assert.deepEqual(labelsOf(c, pods[0]), { app: 'myapp', tier: 'web' });
});

test('a different value needs --overwrite; the refusal changes nothing', () => {
  const { c, pods } = withPods();
  const name = pods[0].replace('pod/', '');
  ok(c, ['label', 'pods', name, 'tier=web']);
  const before = c.store.get('pods', 'default', name);
  assert.deepEqual(kubectl(c, ['label', 'pods', name, 'tier=db']), {
    stdout: '',
    stderr: "error: 'tier' already has a value (web), and --overwrite is false\n",
    exitCode: 1,
  });
  assert.equal(c.store.get('pods', 'default', name), before);
  assert.equal(ok(c, ['label', 'pods', name, 'tier=db', '--overwrite']), `${pods[0]} labeled\n`);
  assert.equal(labelsOf(c, pods[0])?.tier, 'db');
});

test('the same value again is `not labeled`', () => {
  const { c, pods } = withPods();
  assert.equal(ok(c, ['label', pods[0], 'app=myapp']), `${pods[0]} not labeled\n`);
});

test('removing with `key-`: `unlabeled`; a key that is not there: `label "k" not found.` and `not labeled`', () => {
  const { c, pods } = withPods();
  ok(c, ['label', pods[0], 'tier=web']);
  assert.equal(ok(c, ['label', pods[0], 'tier-']), `${pods[0]} unlabeled\n`);
  assert.deepEqual(labelsOf(c, pods[0]), { app: 'myapp' });
  assert.equal(ok(c, ['label', pods[0], 'tier-']), `label "tier" not found.\n${pods[0]} not labeled\n`);
});

test('-l and --all label every matching object, in name order', () => {
  const { c, pods } = withPods();
  assert.equal(ok(c, ['label', 'pods', '-l', 'app=myapp', 'tier=web']), pods.map((p) => `${p} labeled\n`).join(''));
  assert.equal(ok(c, ['label', 'pods', '--all', 'zone=a']), pods.map((p) => `${p} labeled\n`).join(''));
  assert.equal(ok(c, ['label', 'pods', '-l', 'app=none', 'x=y']), '');
});

test('two conflicts are two lines, without the `error: ` prefix', () => {
  const { c, pods } = withPods();
  ok(c, ['label', pods[0], 'a=1', 'b=2']);
  assert.equal(kubectl(c, ['label', pods[0], 'a=3', 'b=4']).stderr, "'a' already has a value (1), and --overwrite is false\n'b' already has a value (2), and --overwrite is false\n");
});

test('usage errors', () => {
  const { c, pods } = withPods();
  assert.equal(kubectl(c, ['label', pods[0]]).stderr, 'error: at least one label update is required\n');
  assert.equal(kubectl(c, ['label', 'a=b']).stderr, 'error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n');
  assert.equal(kubectl(c, ['label', pods[0], 'a=b', 'a-']).stderr, 'error: can not both modify and remove a label in the same command\n');
  assert.equal(kubectl(c, ['label', pods[0], 'a=b=c']).stderr, 'error: invalid label spec: a=b=c\n');
  assert.match(kubectl(c, ['label', pods[0], 'a=b c']).stderr, /^error: invalid label value: "a=b c": a valid label must be an empty string or consist of/);
  assert.equal(kubectl(c, ['label', 'pods', 'x', 'a=b', 'y']).stderr, 'error: all resources must be specified before label changes: y\n');
  assert.equal(kubectl(c, ['label', 'pods', 'nope', 'a=b']).stderr, 'Error from server (NotFound): pods "nope" not found\n');
});

test('--dry-run=client prints the result and stores nothing', () => {
  const { c, pods } = withPods();
  const before = c.store.get('pods', 'default', pods[0].replace('pod/', ''));
  assert.equal(ok(c, ['label', pods[0], 'tier=web', '--dry-run=client']), `${pods[0]} labeled (dry run)\n`);
  assert.equal(c.store.get('pods', 'default', pods[0].replace('pod/', '')), before);
});
