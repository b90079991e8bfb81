import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Deployment } from 'kubernetes-types/apps/v1.js';
import { deploymentStatus } from './status-viewers.ts';
import { deploymentWithHistory, kubectl, ScriptedCluster, setStatus } from './testing.ts';

/** A Deployment `x` of 2 replicas, rolled out, whose template then changed (generation 2). */
function changed(): ScriptedCluster {
  const c = new ScriptedCluster();
  deploymentWithHistory(c, 'x', [{ image: 'img:v1', replicas: 2 }]);
  c.api.patch('deployments.apps', 'default', 'x', 'strategic', { spec: { template: { spec: { containers: [{ name: 'app', image: 'img:v2' }] } } } });
  return c;
}

const WAIT = 'Waiting for deployment "x" rollout to finish:';

test('rollout status prints a line for the listed object and one per change, repeats included, until done', () => {
  const c = changed();
  const start = c.clock.now();
  c.at(1000, () => setStatus(c, 'x', { observedGeneration: 2, replicas: 3, updatedReplicas: 1, availableReplicas: 2 }));
  c.at(2000, () => setStatus(c, 'x', { observedGeneration: 2, replicas: 3, updatedReplicas: 1, availableReplicas: 2, readyReplicas: 3 }));
  c.at(3000, () => setStatus(c, 'x', { observedGeneration: 2, replicas: 3, updatedReplicas: 2, availableReplicas: 2 }));
  c.at(4000, () => setStatus(c, 'x', { observedGeneration: 2, replicas: 2, updatedReplicas: 2, availableReplicas: 1 }));
  c.at(5000, () => setStatus(c, 'x', { observedGeneration: 2, replicas: 2, updatedReplicas: 2, availableReplicas: 2 }));
  c.at(6000, () => setStatus(c, 'x', { observedGeneration: 2, replicas: 2, updatedReplicas: 2, availableReplicas: 2, readyReplicas: 2 }));
  assert.deepEqual(kubectl(c, ['rollout', 'status', 'deployment', 'x']), {
    stdout: [
      'Waiting for deployment spec update to be observed...',
      `${WAIT} 1 out of 2 new replicas have been updated...`,
      `${WAIT} 1 out of 2 new replicas have been updated...`,
      `${WAIT} 1 old replicas are pending termination...`,
      `${WAIT} 1 of 2 updated replicas are available...`,
      'deployment "x" successfully rolled out',
      '',
    ].join('\n'),
    stderr: '',
    exitCode: 0,
  });
  // The command returns as the rollout completes; the later write is still to come.
  assert.equal(c.clock.now() - start, 5000);
});

test('--timeout: the lines so far, then `timed out waiting for the condition` (reference sample 30)', () => {
  const c = changed();
  const start = c.clock.now();
  c.at(1000, () => setStatus(c, 'x', { observedGeneration: 2, replicas: 3, updatedReplicas: 1, availableReplicas: 2 }));
  c.at(5000, () => setStatus(c, 'x', { observedGeneration: 2, replicas: 2, updatedReplicas: 2, availableReplicas: 2 }));
  assert.deepEqual(kubectl(c, ['rollout', 'status', 'deployment/x', '--timeout=3s']), {
    stdout: `Waiting for deployment spec update to be observed...\n${WAIT} 1 out of 2 new replicas have been updated...\n`,
    stderr: 'error: timed out waiting for the condition\n',
    exitCode: 1,
  });
  assert.equal(c.clock.now() - start, 3000);
});

test('a finished rollout prints only the success line; --watch=false prints the current line once', () => {
  const c = new ScriptedCluster();
  deploymentWithHistory(c, 'x', [{ image: 'img:v1', replicas: 2 }]);
  assert.deepEqual(kubectl(c, ['rollout', 'status', 'deploy/x']), { stdout: 'deployment "x" successfully rolled out\n', stderr: '', exitCode: 0 });
  const d = changed();
  const start = d.clock.now();
  assert.deepEqual(kubectl(d, ['rollout', 'status', 'deployment', 'x', '--watch=false']), { stdout: 'Waiting for deployment spec update to be observed...\n', stderr: '', exitCode: 0 });
  assert.equal(d.clock.now(), start);
});

test('a Progressing condition timed out is an error, listed or watched', () => {
  const c = changed();
  const timedOut = { type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: 'ReplicaSet "x-5d9c7b6f8d" has timed out progressing.' };
  c.at(600_000, () => setStatus(c, 'x', { observedGeneration: 2, replicas: 3, updatedReplicas: 1, availableReplicas: 2, conditions: [timedOut] }));
  assert.deepEqual(kubectl(c, ['rollout', 'status', 'deployment', 'x']), {
    stdout: 'Waiting for deployment spec update to be observed...\n',
    stderr: 'error: deployment "x" exceeded its progress deadline\n',
    exitCode: 1,
  });
  assert.deepEqual(kubectl(c, ['rollout', 'status', 'deployment', 'x']), { stdout: '', stderr: 'error: deployment "x" exceeded its progress deadline\n', exitCode: 1 });
});

test('the object deleted while watched: `object has been deleted`', () => {
  const c = changed();
  c.at(2000, () => c.api.delete('deployments.apps', 'default', 'x'));
  assert.deepEqual(kubectl(c, ['rollout', 'status', 'deployment', 'x']), {
    stdout: 'Waiting for deployment spec update to be observed...\n',
    stderr: 'error: object has been deleted\n',
    exitCode: 1,
  });
});

test('--revision pins the revision the Deployment must be at', () => {
  const c = new ScriptedCluster();
  deploymentWithHistory(c, 'x', [{ image: 'img:v1' }, { image: 'img:v2', replicas: 2 }]);
  assert.equal(kubectl(c, ['rollout', 'status', 'deployment', 'x', '--revision=2']).stdout, 'deployment "x" successfully rolled out\n');
  assert.deepEqual(kubectl(c, ['rollout', 'status', 'deployment', 'x', '--revision=1']), {
    stdout: '',
    stderr: 'error: desired revision (1) is different from the running revision (2)\n',
    exitCode: 1,
  });
  assert.equal(kubectl(c, ['rollout', 'status', 'deployment', 'x', '--revision=-1']).stderr, 'error: revision must be a positive integer: -1\n');
});

test('errors: nothing named, a missing object, a kind without a status viewer, no objects of the type, a bad --timeout', () => {
  const c = new ScriptedCluster();
  deploymentWithHistory(c, 'x', [{ image: 'img:v1', replicas: 2 }]);
  assert.equal(kubectl(c, ['rollout', 'status']).stderr, 'error: required resource not specified\n');
  assert.deepEqual(kubectl(c, ['rollout', 'status', 'deployment', 'nope']), { stdout: '', stderr: 'Error from server (NotFound): deployments.apps "nope" not found\n', exitCode: 1 });
  assert.equal(kubectl(c, ['rollout', 'status', 'rs/x-7c6cf4f8f9']).stderr, 'error: no status viewer has been implemented for ReplicaSet.apps\n');
  assert.deepEqual(kubectl(c, ['rollout', 'status', 'rc']), { stdout: '', stderr: 'No resources found in default namespace.\n', exitCode: 0 });
  assert.equal(
    kubectl(c, ['rollout', 'status', 'deployment', 'x', '--timeout=soon']).stderr,
    'error: invalid argument "soon" for "--timeout" flag: time: invalid duration "soon"\nSee \'kubectl rollout status --help\' for usage.\n',
  );
  // Several: each object in turn, the errors together at the end.
  assert.deepEqual(kubectl(c, ['rollout', 'status', 'deployment', 'x', 'nope']), {
    stdout: 'deployment "x" successfully rolled out\n',
    stderr: 'Error from server (NotFound): deployments.apps "nope" not found\n',
    exitCode: 1,
  });
});

test('DeploymentStatusViewer: each step of rollout_status.go', () => {
  const d = (generation: number, replicas: number, status: Deployment['status']) => ({ metadata: { name: 'x', generation }, spec: { replicas }, status }) as Deployment;
  assert.deepEqual(deploymentStatus(d(2, 3, { observedGeneration: 1 }), 0), { message: 'Waiting for deployment spec update to be observed...\n', done: false });
  assert.deepEqual(deploymentStatus(d(2, 3, { observedGeneration: 2, updatedReplicas: 1 }), 0), { message: `${WAIT} 1 out of 3 new replicas have been updated...\n`, done: false });
  assert.deepEqual(deploymentStatus(d(2, 3, { observedGeneration: 2, updatedReplicas: 3, replicas: 5 }), 0), { message: `${WAIT} 2 old replicas are pending termination...\n`, done: false });
  assert.deepEqual(deploymentStatus(d(2, 3, { observedGeneration: 2, updatedReplicas: 3, replicas: 3, availableReplicas: 2 }), 0), { message: `${WAIT} 2 of 3 updated replicas are available...\n`, done: false });
  assert.deepEqual(deploymentStatus(d(2, 3, { observedGeneration: 3, updatedReplicas: 3, replicas: 3, availableReplicas: 3 }), 0), { message: 'deployment "x" successfully rolled out\n', done: true });
  // Scaled to 0: nothing to wait for.
  assert.equal(deploymentStatus(d(1, 0, { observedGeneration: 1 }), 0).done, true);
});
