import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Deployment } from 'kubernetes-types/apps/v1.js';
import { deploymentWithHistory, kubectl, ScriptedCluster } from './testing.ts';

function withHistory(): ScriptedCluster {
  const c = new ScriptedCluster();
  deploymentWithHistory(c, 'x', [{ image: 'img:v1' }, { image: 'img:v2', changeCause: 'image v2', replicas: 2 }]);
  return c;
}

test('rollout history: the revisions and their change-cause (reference sample 22)', () => {
  const c = withHistory();
  // The header line keeps the name printer's trailing space; a blank line ends the table.
  const expected = 'deployment.apps/x \nREVISION  CHANGE-CAUSE\n1         <none>\n2         image v2\n\n';
  assert.deepEqual(kubectl(c, ['rollout', 'history', 'deployment', 'x']), { stdout: expected, stderr: '', exitCode: 0 });
  assert.equal(kubectl(c, ['rollout', 'history', 'deployment/x']).stdout, expected);
  c.files.set('x.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\n');
  assert.equal(kubectl(c, ['rollout', 'history', '-f', 'x.yaml']).stdout, expected);
});

test('rollout history --revision=N: that revision\'s pod template, tabs as tabs (reference sample 23)', () => {
  const c = withHistory();
  assert.deepEqual(kubectl(c, ['rollout', 'history', 'deployment', 'x', '--revision=2']), {
    stdout: [
      'deployment.apps/x with revision #2',
      'Pod Template:',
      '  Labels:\tapp=x',
      '\tpod-template-hash=5d9c7b6f8d',
      '  Annotations:\tkubernetes.io/change-cause: image v2',
      '  Containers:',
      '   app:',
      '    Image:\timg:v2',
      '    Port:\t80/TCP',
      '    Host Port:\t0/TCP',
      '    Environment:\t<none>',
      '    Mounts:\t<none>',
      '  Volumes:\t<none>',
      '  Node-Selectors:\t<none>',
      '  Tolerations:\t<none>',
      '',
      '',
    ].join('\n'),
    stderr: '',
    exitCode: 0,
  });
  assert.deepEqual(kubectl(c, ['rollout', 'history', 'deployment', 'x', '--revision=3']), { stdout: '', stderr: 'error: unable to find the specified revision\n', exitCode: 1 });
  assert.equal(kubectl(c, ['rollout', 'history', 'deployment', 'x', '--revision=-2']).stderr, 'error: revision must be a positive integer: -2\n');
});

test('rollout history: only ReplicaSets the Deployment controls count; none is `No rollout history found.`', () => {
  const c = new ScriptedCluster();
  c.api.create<Deployment>({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } } },
  });
  // A ReplicaSet the selector matches but nobody owns is not part of the history.
  c.api.create({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'stray', labels: { app: 'web' }, annotations: { 'deployment.kubernetes.io/revision': '1' } },
    spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } } },
  });
  assert.equal(kubectl(c, ['rollout', 'history', 'deploy', 'web']).stdout, 'deployment.apps/web \nNo rollout history found.\n');
  assert.equal(kubectl(c, ['rollout', 'history', 'deploy', 'web', '--revision=1']).stdout, 'deployment.apps/web with revision #1\nNo rollout history found.\n');
});

test('rollout history TYPE: every object of the type, by name', () => {
  const c = withHistory();
  deploymentWithHistory(c, 'a', [{ image: 'img:v1', changeCause: 'first', replicas: 1 }]);
  assert.equal(
    kubectl(c, ['rollout', 'history', 'deployments']).stdout,
    'deployment.apps/a \nREVISION  CHANGE-CAUSE\n1         first\n\ndeployment.apps/x \nREVISION  CHANGE-CAUSE\n1         <none>\n2         image v2\n\n',
  );
});

test('rollout history -o: the ReplicaSets of the revisions', () => {
  const c = withHistory();
  assert.equal(kubectl(c, ['rollout', 'history', 'deployment', 'x', '-o', 'name']).stdout, 'replicaset.apps/x-7c6cf4f8f9\nreplicaset.apps/x-5d9c7b6f8d\n');
  assert.equal(kubectl(c, ['rollout', 'history', 'deployment', 'x', '--revision=2', '-o', 'jsonpath={.metadata.name}']).stdout, 'x-5d9c7b6f8d');
  const yaml = kubectl(c, ['rollout', 'history', 'deployment', 'x', '-o', 'yaml']).stdout;
  assert.match(yaml, /^apiVersion: apps\/v1\nkind: ReplicaSet\n/);
  assert.equal(yaml.split('\n---\n').length, 2);
});

test('rollout history errors: kinds without a history viewer, kinds outside pkg/apps, missing objects', () => {
  const c = withHistory();
  assert.equal(kubectl(c, ['rollout', 'history', 'rs', 'x-7c6cf4f8f9']).stderr, 'error: no history viewer has been implemented for "ReplicaSet.apps"\n');
  assert.equal(kubectl(c, ['rollout', 'history', 'ns', 'default']).stderr, 'error: error retrieving history for "Namespace", no visitor method exists for { Namespace}\n');
  assert.equal(kubectl(c, ['rollout', 'history', 'deployment', 'nope']).stderr, 'Error from server (NotFound): deployments.apps "nope" not found\n');
  assert.equal(kubectl(c, ['rollout', 'history']).stderr, 'error: required resource not specified\n');
});
