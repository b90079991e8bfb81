import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Deployment } from 'kubernetes-types/apps/v1.js';
import { deploymentWithHistory, kubectl, ScriptedCluster } from './testing.ts';

const paused = (c: ScriptedCluster, name = 'x') => c.store.get<Deployment>('deployments.apps', 'default', name)!.spec?.paused;

function withDeployment(): ScriptedCluster {
  const c = new ScriptedCluster();
  deploymentWithHistory(c, 'x', [{ image: 'img:v1', replicas: 2 }]);
  return c;
}

test('rollout pause and resume (reference samples 20 and 21): spec.paused set, then removed', () => {
  const c = withDeployment();
  assert.deepEqual(kubectl(c, ['rollout', 'pause', 'deployment', 'x']), { stdout: 'deployment.apps/x paused\n', stderr: '', exitCode: 0 });
  assert.equal(paused(c), true);
  assert.deepEqual(kubectl(c, ['rollout', 'resume', 'deployment/x']), { stdout: 'deployment.apps/x resumed\n', stderr: '', exitCode: 0 });
  assert.equal(paused(c), undefined);
  assert.equal(kubectl(c, ['rollout', 'pause', 'deployment', 'x', '-o', 'name']).stdout, 'deployment.apps/x\n');
  assert.match(kubectl(c, ['rollout', 'resume', 'deployment', 'x', '-o', 'yaml']).stdout, /^apiVersion: apps\/v1\nkind: Deployment\n/);
});

test('pausing a paused Deployment or resuming a running one is the helper\'s error, not `already paused`', () => {
  const c = withDeployment();
  assert.deepEqual(kubectl(c, ['rollout', 'resume', 'deployment', 'x']), { stdout: '', stderr: 'error: deployments.apps "x" is not paused\n', exitCode: 1 });
  kubectl(c, ['rollout', 'pause', 'deployment', 'x']);
  assert.deepEqual(kubectl(c, ['rollout', 'pause', 'deployment', 'x']), { stdout: '', stderr: 'error: deployments.apps "x" is already paused\n', exitCode: 1 });
});

test('several objects: each patched in turn, the errors (the builder\'s first) together at the end', () => {
  const c = withDeployment();
  deploymentWithHistory(c, 'a', [{ image: 'img:v1', replicas: 1 }]);
  kubectl(c, ['rollout', 'pause', 'deployment', 'a']);
  assert.deepEqual(kubectl(c, ['rollout', 'pause', 'deployment', 'a', 'nope', 'x']), {
    stdout: 'deployment.apps/x paused\n',
    stderr: 'Error from server (NotFound): deployments.apps "nope" not found\nerror: deployments.apps "a" is already paused\n',
    exitCode: 1,
  });
  // Two missing objects are one aggregate; alone among the errors it is unwrapped, a line each.
  assert.deepEqual(kubectl(c, ['rollout', 'resume', 'deployment', 'a', 'p', 'q']), {
    stdout: 'deployment.apps/a resumed\n',
    stderr: 'Error from server (NotFound): deployments.apps "p" not found\nError from server (NotFound): deployments.apps "q" not found\n',
    exitCode: 1,
  });
  // TYPE alone: every Deployment of the namespace, by name.
  assert.deepEqual(kubectl(c, ['rollout', 'resume', 'deployment']), {
    stdout: 'deployment.apps/x resumed\n',
    stderr: 'error: deployments.apps "a" is not paused\n',
    exitCode: 1,
  });
});

test('pause and resume errors: kinds they do not support, no objects, nothing named', () => {
  const c = withDeployment();
  assert.equal(kubectl(c, ['rollout', 'pause', 'rs/x-7c6cf4f8f9']).stderr, 'error: replicasets.apps "x-7c6cf4f8f9" pausing is not supported\n');
  assert.equal(kubectl(c, ['rollout', 'resume', 'rs/x-7c6cf4f8f9']).stderr, 'error: replicasets.apps "x-7c6cf4f8f9" resuming is not supported\n');
  assert.deepEqual(kubectl(c, ['rollout', 'pause', 'rc']), { stdout: '', stderr: 'No resources found in default namespace.\n', exitCode: 0 });
  assert.equal(kubectl(c, ['rollout', 'resume']).stderr, 'error: required resource not specified\n');
});
