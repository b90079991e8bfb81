import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { Stored } from '../../store/object.ts';
import { getProportion } from './sync.ts';
import { newDeployment, rolling } from './testing.ts';
import { lastRevision, maxRevision, maxSurge, maxUnavailable, newRSNewReplicas, resolveFenceposts, type DeploymentObject } from './util.ts';

/** deployment_util.go arithmetic: fenceposts, NewRSNewReplicas, proportions, revisions. */

const d = (replicas: number, surge: number | string = '25%', unavailable: number | string = '25%', type = 'RollingUpdate') =>
  ({ ...newDeployment('web', replicas, 'x', type === 'Recreate' ? { strategy: { type } } : rolling(surge, unavailable)), metadata: { name: 'web', namespace: 'default', uid: 'd', resourceVersion: '1' } }) as DeploymentObject;

const rs = (replicas: number, annotations: Record<string, string> = {}) => ({ metadata: { name: `rs-${replicas}`, annotations }, spec: { replicas } }) as unknown as Stored<ReplicaSet>;

test('ResolveFenceposts: maxSurge rounds up, maxUnavailable down, both zero makes unavailable 1', () => {
  const cases: [number, number | string, number | string, number, number][] = [
    [3, '25%', '25%', 1, 0],
    [10, '25%', '25%', 3, 2],
    [1, '25%', '25%', 1, 0],
    [3, 0, '25%', 0, 1],
    [2, '1%', '0%', 1, 0],
    [2, '0%', '1%', 0, 1],
    [10, 3, 2, 3, 2],
  ];
  for (const [replicas, s, u, surge, unavailable] of cases) {
    assert.deepEqual(resolveFenceposts(d(replicas, s, u), replicas), { surge, unavailable }, `${replicas} ${s} ${u}`);
  }
});

test('MaxUnavailable is capped at replicas and 0 for 0 replicas or Recreate; MaxSurge 0 for Recreate', () => {
  assert.equal(maxUnavailable(d(2, 0, 5)), 2);
  assert.equal(maxUnavailable(d(0, 1, 1)), 0);
  assert.equal(maxUnavailable(d(3, 1, 1, 'Recreate')), 0);
  assert.equal(maxSurge(d(3, 1, 1, 'Recreate')), 0);
});

test('NewRSNewReplicas: up to replicas + maxSurge in all, never above replicas; Recreate at once', () => {
  // 3 replicas, surge 1: the old ReplicaSet has 3, so the new one may have 4 − 3 = 1.
  assert.equal(newRSNewReplicas(d(3), [rs(3), rs(0)], rs(0)), 1);
  // 10 replicas, surge 3, old at 8 and new at 3: 13 − 11 = 2 more.
  assert.equal(newRSNewReplicas(d(10, 3, 2), [rs(8), rs(3)], rs(3)), 5);
  // The first ReplicaSet of a Deployment starts at full size.
  assert.equal(newRSNewReplicas(d(10, 3, 2), [rs(0)], rs(0)), 10);
  assert.equal(newRSNewReplicas(d(3), [rs(3), rs(1)], rs(1)), 1);
  assert.equal(newRSNewReplicas(d(5, 0, 1, 'Recreate'), [rs(5), rs(0)], rs(0)), 5);
});

test('GetProportion: the docs example, 10 → 15 replicas with maxSurge 3 while old 8 / new 5', () => {
  const deployment = d(15, 3, 2);
  const max = { 'deployment.kubernetes.io/max-replicas': '13' };
  // 15 + 3 − 13 = 5 to add; old: round(8 × 18 / 13) − 8 = 3; new: round(5 × 18 / 13) − 5 = 2.
  const old = getProportion(rs(8, max), deployment, 5, 0);
  assert.equal(old, 3);
  assert.equal(getProportion(rs(5, max), deployment, 5, old), 2);
  // Never more than what is left; nothing for an empty ReplicaSet.
  assert.equal(getProportion(rs(5, max), deployment, 5, 4), 1);
  assert.equal(getProportion(rs(0, max), deployment, 5, 0), 0);
  // Scaling to zero removes a ReplicaSet's whole size.
  assert.equal(getProportion(rs(4, max), d(0, 3, 2), -9, 0), -4);
});

test('MaxRevision and LastRevision (the one `rollout undo` goes back to)', () => {
  const at = (n: string) => rs(1, { 'deployment.kubernetes.io/revision': n });
  const sets = [at('1'), at('4'), at('3'), at('x'), rs(1)];
  assert.equal(maxRevision(sets), 4);
  assert.equal(lastRevision(sets), 3);
  assert.equal(lastRevision([at('2')]), 0);
});
