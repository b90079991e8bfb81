import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clusterWith, kubectl, ok } from '../../apply/testing.ts';

/**
 * The rollout verbs against the whole engine, Deployment controller included: only what kubectl
 * and Kubernetes' rules fix is pinned, not how many status writes the controller makes.
 */

const WAIT = 'Waiting for deployment "web" rollout to finish:';

test('create, set image, status, history, undo: the rolled-back ReplicaSet takes the next revision', () => {
  const c = clusterWith({});
  assert.equal(ok(c, ['create', 'deployment', 'web', '--image=ikubernetes/myapp:v1', '--replicas=3']), 'deployment.apps/web created\n');
  assert.match(ok(c, ['rollout', 'status', 'deployment/web']), /deployment "web" successfully rolled out\n$/);
  ok(c, ['set', 'image', 'deployment/web', 'myapp=ikubernetes/myapp:v2']);
  ok(c, ['annotate', 'deployment/web', 'kubernetes.io/change-cause=image v2']);
  const lines = ok(c, ['rollout', 'status', 'deployment', 'web']).trimEnd().split('\n');
  assert.equal(lines.at(-1), 'deployment "web" successfully rolled out');
  assert.ok(lines.slice(0, -1).every((l) => l.startsWith(WAIT) || l === 'Waiting for deployment spec update to be observed...'), lines.join('\n'));
  assert.ok(lines.includes(`${WAIT} 1 out of 3 new replicas have been updated...`), lines.join('\n'));
  assert.equal(ok(c, ['rollout', 'history', 'deployment/web']), 'deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         image v2\n\n');
  assert.equal(ok(c, ['rollout', 'undo', 'deployment/web']), 'deployment.apps/web rolled back\n');
  ok(c, ['rollout', 'status', 'deployment/web']);
  assert.equal(ok(c, ['rollout', 'history', 'deployment/web']), 'deployment.apps/web \nREVISION  CHANGE-CAUSE\n2         image v2\n3         <none>\n\n');
  assert.equal(ok(c, ['rollout', 'undo', 'deployment/web', '--to-revision=3']), 'deployment.apps/web skipped rollback (current template already matches revision 3)\n');
  assert.match(ok(c, ['describe', 'deployment', 'web']), /\nOldReplicaSets: +web-\w+ \(0\/0 replicas created\)\nNewReplicaSet: +web-\w+ \(3\/3 replicas created\)\n/);
});

test('a paused Deployment: a template change makes no new ReplicaSet, so status waits until resumed', () => {
  const c = clusterWith({});
  ok(c, ['create', 'deployment', 'web', '--image=ikubernetes/myapp:v1', '--replicas=2']);
  ok(c, ['rollout', 'status', 'deployment/web']);
  assert.equal(ok(c, ['rollout', 'pause', 'deployment/web']), 'deployment.apps/web paused\n');
  ok(c, ['set', 'image', 'deployment/web', 'myapp=ikubernetes/myapp:v2']);
  assert.deepEqual(kubectl(c, ['rollout', 'status', 'deployment/web', '--timeout=30s']), {
    stdout: `${WAIT} 0 out of 2 new replicas have been updated...\n`,
    stderr: 'error: timed out waiting for the condition\n',
    exitCode: 1,
  });
  assert.equal(kubectl(c, ['rollout', 'restart', 'deployment/web']).stderr, 'error: deployments.apps "web" can\'t restart paused deployment (run rollout resume first)\n');
  assert.equal(ok(c, ['rollout', 'resume', 'deployment/web']), 'deployment.apps/web resumed\n');
  assert.match(ok(c, ['rollout', 'status', 'deployment/web']), /deployment "web" successfully rolled out\n$/);
  assert.equal(ok(c, ['rollout', 'history', 'deployment/web']), 'deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n');
});

test('rollout restart rolls every pod onto a new ReplicaSet', () => {
  const c = clusterWith({});
  ok(c, ['create', 'deployment', 'web', '--image=ikubernetes/myapp:v1', '--replicas=2']);
  ok(c, ['rollout', 'status', 'deployment/web']);
  const before = ok(c, ['get', 'pods', '-o', 'name']);
  assert.equal(ok(c, ['rollout', 'restart', 'deployment/web']), 'deployment.apps/web restarted\n');
  ok(c, ['rollout', 'status', 'deployment/web']);
  c.settle();
  const after = ok(c, ['get', 'pods', '-o', 'name']).trim().split('\n');
  assert.equal(after.length, 2);
  assert.ok(after.every((p) => !before.includes(p)), `${before}\n${after}`);
});
