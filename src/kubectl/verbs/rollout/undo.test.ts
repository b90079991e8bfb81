import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Deployment } from 'kubernetes-types/apps/v1.js';
import { deploymentWithHistory, kubectl, ScriptedCluster } from './testing.ts';

const deployment = (c: ScriptedCluster) => c.store.get<Deployment>('deployments.apps', 'default', 'x')!;
const image = (c: ScriptedCluster) => deployment(c).spec?.template.spec?.containers[0].image;

/** Revisions 1 (v1), 2 (v2, annotated) and 3 (v3, current); the Deployment also has its own annotations. */
function withHistory(): ScriptedCluster {
  const c = new ScriptedCluster();
  deploymentWithHistory(c, 'x', [{ image: 'img:v1' }, { image: 'img:v2', changeCause: 'image v2' }, { image: 'img:v3', changeCause: 'image v3', replicas: 2 }]);
  c.api.patch('deployments.apps', 'default', 'x', 'merge', {
    metadata: { annotations: { 'kubernetes.io/change-cause': 'image v3', 'kubectl.kubernetes.io/last-applied-configuration': '{}\n', team: 'a' } },
  });
  return c;
}

test('rollout undo: back to the second-highest revision; template without pod-template-hash, annotations from the ReplicaSet', () => {
  const c = withHistory();
  assert.deepEqual(kubectl(c, ['rollout', 'undo', 'deployment', 'x']), { stdout: 'deployment.apps/x rolled back\n', stderr: '', exitCode: 0 });
  const d = deployment(c);
  assert.equal(image(c), 'img:v2');
  assert.deepEqual(d.spec?.template.metadata?.labels, { app: 'x' });
  // The skip-list annotations stay the Deployment's own; all others are the ReplicaSet's (the
  // replica annotations of a ReplicaSet are on the skip list, so they are not copied).
  assert.deepEqual(d.metadata.annotations, {
    'deployment.kubernetes.io/revision': '3',
    'kubectl.kubernetes.io/last-applied-configuration': '{}\n',
    'kubernetes.io/change-cause': 'image v2',
  });
});

test('rollout undo --to-revision=N (reference samples 24 and 26)', () => {
  const c = withHistory();
  assert.equal(kubectl(c, ['rollout', 'undo', 'deployment', 'x', '--to-revision=1']).stdout, 'deployment.apps/x rolled back\n');
  assert.equal(image(c), 'img:v1');
  assert.equal(deployment(c).metadata.annotations?.['kubernetes.io/change-cause'], undefined);
  assert.deepEqual(kubectl(c, ['rollout', 'undo', 'deployment', 'x', '--to-revision=1']), {
    stdout: 'deployment.apps/x skipped rollback (current template already matches revision 1)\n',
    stderr: '',
    exitCode: 0,
  });
  assert.deepEqual(kubectl(c, ['rollout', 'undo', 'deployment', 'x', '--to-revision=7']), { stdout: '', stderr: 'error: unable to find specified revision 7 in history\n', exitCode: 1 });
  assert.equal(kubectl(c, ['rollout', 'undo', 'deployment', 'x', '--to-revision=-1']).stderr, 'error: unable to find specified revision -1 in history\n');
});

test('rollout undo to the previous revision when the template already is that one names revision 0, as kubectl does', () => {
  const c = new ScriptedCluster();
  // The template is revision 1's while revision 2 is the latest: `undo` picks revision 1.
  deploymentWithHistory(c, 'x', [{ image: 'img:v1', replicas: 2 }, { image: 'img:v2' }], 0);
  assert.equal(kubectl(c, ['rollout', 'undo', 'deployment/x']).stdout, 'deployment.apps/x skipped rollback (current template already matches revision 0)\n');
});

test('rollout undo refuses a paused Deployment and one without a previous revision', () => {
  const c = withHistory();
  c.api.patch('deployments.apps', 'default', 'x', 'merge', { spec: { paused: true } });
  assert.deepEqual(kubectl(c, ['rollout', 'undo', 'deployment', 'x']), {
    stdout: '',
    stderr: "error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again\n",
    exitCode: 1,
  });
  assert.equal(image(c), 'img:v3');
  const d = new ScriptedCluster();
  deploymentWithHistory(d, 'x', [{ image: 'img:v1', replicas: 2 }]);
  assert.equal(kubectl(d, ['rollout', 'undo', 'deployment', 'x']).stderr, 'error: no rollout history found for deployment "x"\n');
});

test('rollout undo --dry-run: client prints the template it would restore; server changes nothing', () => {
  const c = withHistory();
  const before = deployment(c);
  assert.equal(
    kubectl(c, ['rollout', 'undo', 'deployment', 'x', '--dry-run=client']).stdout,
    [
      'deployment.apps/x Pod Template:',
      '  Labels:\tapp=x',
      '\tpod-template-hash=5d9c7b6f8d',
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
      ' (dry run)',
      '',
    ].join('\n'),
  );
  assert.equal(kubectl(c, ['rollout', 'undo', 'deployment', 'x', '--dry-run=server']).stdout, 'deployment.apps/x rolled back (server dry run)\n');
  assert.equal(deployment(c), before);
});

test('rollout undo errors: kinds without a rollbacker, missing objects, nothing named', () => {
  const c = withHistory();
  assert.equal(kubectl(c, ['rollout', 'undo', 'rs', 'x-7c6cf4f8f9']).stderr, 'error: no rollbacker has been implemented for "ReplicaSet.apps"\n');
  assert.equal(kubectl(c, ['rollout', 'undo', 'ns/default']).stderr, 'error: error retrieving rollbacker for "Namespace", no visitor method exists for { Namespace}\n');
  assert.equal(kubectl(c, ['rollout', 'undo', 'deployment', 'nope']).stderr, 'Error from server (NotFound): deployments.apps "nope" not found\n');
  assert.equal(kubectl(c, ['rollout', 'undo']).stderr, 'error: required resource not specified\n');
});
