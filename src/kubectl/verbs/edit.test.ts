import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { Cluster } from '../../cluster.ts';
import { clusterWith, kubectl, ok } from '../apply/testing.ts';

const HEADER =
  "# Please edit the object below. Lines beginning with a '#' will be ignored,\n" +
  '# and an empty file will abort the edit. If an error occurs while saving this file will be\n' +
  '# reopened with the relevant failures.\n' +
  '#\n';

const rs = (c: Cluster) => c.store.get<ReplicaSet>('replicasets.apps', 'default', 'myapp')!;

function withReplicaSet(): Cluster {
  const c = clusterWith();
  ok(c, ['apply', '-f', 'rs.yaml']);
  c.settle();
  return c;
}

test('the editor is shown the header and the object as `kubectl get -o yaml` prints it', () => {
  const c = withReplicaSet();
  const shown: string[] = [];
  kubectl(c, ['edit', 'rs/myapp'], { editor: (text) => (shown.push(text), text) });
  assert.deepEqual(shown, [HEADER + ok(c, ['get', 'rs', 'myapp', '-o', 'yaml'])]);
});

test('a saved change is patched in: `replicaset.apps/myapp edited`', () => {
  const c = withReplicaSet();
  const r = kubectl(c, ['edit', 'rs', 'myapp'], { editor: (text) => text.replace('replicas: 2\n  selector', 'replicas: 3\n  selector') });
  assert.deepEqual(r, { stdout: 'replicaset.apps/myapp edited\n', stderr: '', exitCode: 0 });
  assert.equal(rs(c).spec?.replicas, 3);
});

test('no change, only comments changed, or an emptied file cancel the edit', () => {
  const c = withReplicaSet();
  const before = rs(c);
  assert.deepEqual(kubectl(c, ['edit', 'rs/myapp'], { editor: (t) => t }), { stdout: '', stderr: 'Edit cancelled, no changes made.\n', exitCode: 0 });
  assert.equal(kubectl(c, ['edit', 'rs/myapp'], { editor: (t) => `# hello\n${t}` }).stderr, 'Edit cancelled, no changes made.\n');
  assert.deepEqual(kubectl(c, ['edit', 'rs/myapp'], { editor: () => '# nothing\n' }), { stdout: '', stderr: 'Edit cancelled, saved file was empty.\n', exitCode: 0 });
  assert.equal(rs(c), before);
});

test('without an editor kubectl cannot launch vi', () => {
  const c = withReplicaSet();
  assert.deepEqual(kubectl(c, ['edit', 'rs/myapp']), { stdout: '', stderr: 'error: unable to launch the editor "vi"\n', exitCode: 1 });
});

test('an invalid edit reopens the file with the causes; saving it unchanged gives up and changes nothing', () => {
  const c = withReplicaSet();
  const before = rs(c);
  const opened: string[] = [];
  const r = kubectl(c, ['edit', 'rs/myapp'], {
    editor: (text) => {
      opened.push(text);
      return opened.length === 1 ? text.replace('      app: myapp\n  template', '      app: other\n  template') : text;
    },
  });
  assert.equal(opened.length, 2);
  const reasons = opened[1].slice(HEADER.length).split('\n').filter((l) => l.startsWith('#'));
  assert.deepEqual(reasons, [
    '# replicasets.apps "myapp" was not valid:',
    '# * spec.template.metadata.labels: Invalid value: map[string]string{"app":"myapp"}: `selector` does not match template `labels`',
    '# * spec.template.metadata.labels: Invalid value: map[string]string{"app":"myapp"}: `selector` does not match template `labels`',
    '# * spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"other"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    '#',
  ]);
  assert.ok(opened[1].includes('      app: other\n  template'), 'the reopened file keeps the edit');
  assert.equal(r.exitCode, 1);
  assert.match(r.stderr, /^error: replicasets\.apps "myapp" is invalid\nA copy of your changes has been stored to "\/tmp\/kubectl-edit-\d+\.yaml"\nerror: Edit cancelled, no valid changes were saved\.\n$/);
  assert.equal(rs(c), before);
});

test('an invalid edit corrected in the reopened file is saved', () => {
  const c = withReplicaSet();
  let n = 0;
  const r = kubectl(c, ['edit', 'rs/myapp'], {
    editor: (text) => (++n === 1 ? text.replace('replicas: 2\n  selector', 'replicas: -1\n  selector') : text.replace('replicas: -1\n  selector', 'replicas: 4\n  selector')),
  });
  assert.equal(r.stdout, 'replicaset.apps/myapp edited\n');
  assert.equal(r.stderr, 'error: replicasets.apps "myapp" is invalid\n');
  assert.equal(r.exitCode, 0);
  assert.equal(rs(c).spec?.replicas, 4);
});

test('changing the name is refused; a syntax error reopens the file with the reason', () => {
  const c = withReplicaSet();
  const renamed = kubectl(c, ['edit', 'rs/myapp'], { editor: (t) => t.replace('  name: myapp\n', '  name: yourapp\n') });
  assert.match(renamed.stderr, /^A copy of your changes has been stored to "\/tmp\/kubectl-edit-\d+\.yaml"\nerror: At least one of apiVersion, kind and name was changed\n$/);
  const opened: string[] = [];
  kubectl(c, ['edit', 'rs/myapp'], { editor: (t) => (opened.push(t), opened.length === 1 ? t.replace('kind: ReplicaSet', 'kind: [') : t) });
  assert.match(opened[1], /^# reopened with the relevant failures\.\n#\n# The edited file had a syntax error: error parsing edited-file: error converting YAML to JSON: yaml: line \d+: .*\n#\n/m);
});

test('a missing object is the server\'s NotFound', () => {
  const c = withReplicaSet();
  assert.deepEqual(kubectl(c, ['edit', 'rs', 'nope'], { editor: (t) => t }), {
    stdout: '',
    stderr: 'Error from server (NotFound): replicasets.apps "nope" not found\n',
    exitCode: 1,
  });
});

test('several objects are edited as one List; an object left as it was is `skipped`', () => {
  const c = withReplicaSet();
  const [first, second] = ok(c, ['get', 'pods', '-o', 'name']).trim().split('\n');
  let shown = '';
  const r = kubectl(c, ['edit', 'pods'], { editor: (text) => ((shown = text), text.replace('      app: myapp\n', '      app: myapp\n      tier: web\n')) });
  assert.match(shown, /^# Please edit[^]*\n#\napiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Pod\n/);
  assert.match(shown, /\nkind: List\nmetadata: \{\}\n$/);
  assert.deepEqual(r, { stdout: `${first} edited\n${second} skipped\n`, stderr: '', exitCode: 0 });
  assert.equal(c.store.get<ReplicaSet>('pods', 'default', first.replace('pod/', ''))!.metadata.labels?.tier, 'web');
});
