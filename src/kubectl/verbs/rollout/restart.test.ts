import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Deployment } from 'kubernetes-types/apps/v1.js';
import { deploymentWithHistory, kubectl, ScriptedCluster } from './testing.ts';

const templateAnnotations = (c: ScriptedCluster) => c.store.get<Deployment>('deployments.apps', 'default', 'x')!.spec?.template.metadata?.annotations;

test('rollout restart stamps the pod template with the virtual time, RFC 3339', () => {
  const c = new ScriptedCluster();
  deploymentWithHistory(c, 'x', [{ image: 'img:v1', replicas: 2 }]);
  c.advance(60_000);
  assert.deepEqual(kubectl(c, ['rollout', 'restart', 'deployment', 'x']), { stdout: 'deployment.apps/x restarted\n', stderr: '', exitCode: 0 });
  assert.deepEqual(templateAnnotations(c), { 'kubectl.kubernetes.io/restartedAt': '2018-09-06T06:58:01Z' });
  // Within the same second the patch is empty.
  assert.deepEqual(kubectl(c, ['rollout', 'restart', 'deployment/x']), {
    stdout: '',
    stderr: 'error: failed to create patch for x: if restart has already been triggered within the past second, please wait before attempting to trigger another\n',
    exitCode: 1,
  });
  c.advance(1000);
  assert.equal(kubectl(c, ['rollout', 'restart', 'deployment/x']).stdout, 'deployment.apps/x restarted\n');
  assert.deepEqual(templateAnnotations(c), { 'kubectl.kubernetes.io/restartedAt': '2018-09-06T06:58:02Z' });
});

test('rollout restart refuses a paused Deployment and kinds it cannot restart', () => {
  const c = new ScriptedCluster();
  deploymentWithHistory(c, 'x', [{ image: 'img:v1', replicas: 2 }]);
  kubectl(c, ['rollout', 'pause', 'deployment', 'x']);
  assert.equal(kubectl(c, ['rollout', 'restart', 'deployment', 'x']).stderr, 'error: deployments.apps "x" can\'t restart paused deployment (run rollout resume first)\n');
  assert.equal(kubectl(c, ['rollout', 'restart', 'rs', 'x-7c6cf4f8f9']).stderr, 'error: replicasets.apps "x-7c6cf4f8f9" restarting is not supported\n');
  assert.equal(templateAnnotations(c), undefined);
});
