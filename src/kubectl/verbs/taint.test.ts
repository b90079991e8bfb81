import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Node } from 'kubernetes-types/core/v1.js';
import type { Cluster } from '../../cluster.ts';
import { clusterWith, kubectl, ok } from '../apply/testing.ts';
import { parseTaints, updateTaints } from './taint.ts';

const taints = (c: Cluster, name: string) => c.store.get<Node>('nodes', undefined, name)!.spec?.taints;

test('parseTaints: additions need an effect; removals take `key:effect-` or `key-`; the spec is checked', () => {
  assert.deepEqual(parseTaints(['dedicated=special-user:NoSchedule', 'bar:NoExecute', 'a:PreferNoSchedule-', 'b-']), {
    add: [{ key: 'dedicated', value: 'special-user', effect: 'NoSchedule' }, { key: 'bar', value: '', effect: 'NoExecute' }],
    remove: [{ key: 'a', effect: 'PreferNoSchedule' }, { key: 'b', effect: '' }],
  });
  assert.throws(() => parseTaints(['k=v']), /^Error: invalid taint spec: k=v, name part must consist of alphanumeric characters/);
  assert.throws(() => parseTaints(['dedicated']), /^Error: invalid taint spec: dedicated$/);
  assert.throws(() => parseTaints(['k=v:Sometimes']), /^Error: invalid taint effect: Sometimes, unsupported taint effect$/);
  assert.throws(() => parseTaints(['k=a=b:NoSchedule']), /^Error: invalid taint spec: k=a=b:NoSchedule$/);
  assert.throws(() => parseTaints(['a:b:c']), /^Error: invalid taint spec: a:b:c$/);
  assert.throws(() => parseTaints(['k=1:NoSchedule', 'k=2:NoSchedule']), /^Error: duplicated taints with the same key and effect: \{k 2 NoSchedule <nil>\}$/);
});

test('reorganizeTaints: new taints first; the operation word follows the list length and --overwrite, as upstream', () => {
  const node = (list: { key: string; effect: string; value?: string }[]): Node => ({ metadata: { name: 'n' }, spec: { taints: list } });
  const old = [{ key: 'a', effect: 'NoSchedule' }];
  assert.deepEqual(updateTaints(node(old), false, [{ key: 'b', value: '', effect: 'NoExecute' }], []), { operation: 'tainted', taints: [{ key: 'b', effect: 'NoExecute' }, ...old] });
  assert.deepEqual(updateTaints(node(old), false, [], [{ key: 'a', effect: '' }]), { operation: 'untainted', taints: [] });
  assert.equal(updateTaints(node(old), true, [{ key: 'a', value: 'x', effect: 'NoSchedule' }], []).operation, 'modified');
  // Replacing one taint by another of the same count is neither tainted nor modified without --overwrite.
  assert.equal(updateTaints(node(old), false, [{ key: 'b', value: '', effect: 'NoSchedule' }], [{ key: 'a', effect: 'NoSchedule' }]).operation, 'modified');
  assert.throws(() => updateTaints(node(old), false, [{ key: 'a', value: 'y', effect: 'NoSchedule' }], []), /^Error: node n already has a taint\(s\) with same effect\(s\) and --overwrite is false$/);
  assert.throws(() => updateTaints(node(old), false, [], [{ key: 'x', effect: 'NoSchedule' }, { key: 'y', effect: '' }]), /^Error: \[taint "x:NoSchedule" not found, taint "y" not found\]$/);
});

test('kubectl taint: `tainted`, the duplicate error, `untainted`, `modified`', () => {
  const c = clusterWith();
  assert.deepEqual(kubectl(c, ['taint', 'nodes', 'node1', 'dedicated=special-user:NoSchedule']), { stdout: 'node/node1 tainted\n', stderr: '', exitCode: 0 });
  assert.deepEqual(taints(c, 'node1'), [{ key: 'dedicated', value: 'special-user', effect: 'NoSchedule' }]);
  assert.deepEqual(kubectl(c, ['taint', 'node', 'node1', 'dedicated=other:NoSchedule']), {
    stdout: '',
    stderr: 'error: node node1 already has dedicated taint(s) with same effect(s) and --overwrite is false\n',
    exitCode: 1,
  });
  assert.equal(ok(c, ['taint', 'no', 'node1', 'dedicated=other:NoSchedule', '--overwrite']), 'node/node1 modified\n');
  assert.equal(ok(c, ['taint', 'nodes', 'node1', 'dedicated-']), 'node/node1 untainted\n');
  assert.equal(taints(c, 'node1'), undefined);
  assert.equal(kubectl(c, ['taint', 'nodes', 'node1', 'dedicated:NoSchedule-']).stderr, 'error: taint "dedicated:NoSchedule" not found\n');
  // The control plane's own taint stays behind the new one.
  assert.equal(ok(c, ['taint', 'nodes', '-l', 'node-role.kubernetes.io/control-plane', 'gpu=true:PreferNoSchedule']), 'node/master tainted\n');
  assert.deepEqual(taints(c, 'master')?.map((t) => t.key), ['gpu', 'node-role.kubernetes.io/control-plane']);
  assert.equal(ok(c, ['taint', 'nodes', 'node2', 'x=y:NoSchedule', '--dry-run=client']), 'node/node2 tainted (dry run)\n');
  assert.equal(taints(c, 'node2'), undefined);
  assert.match(ok(c, ['taint', 'nodes', 'node2', 'x=y:NoSchedule', '-o', 'yaml']), /taints:\n {2}- effect: NoSchedule\n {4}key: x\n {4}value: "?y"?\n/);
});

test('kubectl taint: the errors of Complete and Validate, and a missing node', () => {
  const c = clusterWith();
  const err = (...args: string[]) => kubectl(c, ['taint', ...args]).stderr;
  assert.equal(err('nodes', 'node1'), 'error: at least one taint update is required\n');
  assert.equal(err('a=b:NoSchedule'), 'error: one or more resources must be specified as <resource> <name>\n');
  assert.equal(err('nodes', 'a=b:NoSchedule', 'node1'), 'error: all resources must be specified before taint changes: node1\n');
  assert.equal(err('nodes', 'node1', 'a=b:Sometimes'), "error: invalid taint effect: Sometimes, unsupported taint effect\nSee 'kubectl taint -h' for help and examples\n");
  assert.equal(err('pods', 'x', 'a=b:NoSchedule'), 'error: invalid resource type pods, only node types are supported\n');
  assert.equal(err('nodes', 'a=b:NoSchedule'), "error: at least one resource name must be specified since 'all' parameter is not set\n");
  assert.equal(err('nodes', '--all', '-l', 'x=y', 'a=b:NoSchedule'), "error: setting 'all' parameter with a non empty selector is prohibited\n");
  assert.equal(err('nodes', 'node1', 'a=b:NoSchedule', 'a:NoSchedule-'), 'error: can not both modify and remove the following taint(s) in the same command: a=NoSchedule\n');
  assert.equal(err('nodes', 'node9', 'a=b:NoSchedule'), 'Error from server (NotFound): nodes "node9" not found\n');
});
