import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { toRfc3339 } from '../sim/clock.ts';
import { comparePodsForDeletion, podsToDelete } from './pod-ranking.ts';

/**
 * TestSortingActivePodsWithRanks (pkg/controller/controller_utils_test.go): the same pods, the
 * same equalities and inequalities, with LogarithmicScaleDown and PodDeletionCost on (their
 * v1.32 defaults). `Less(0, 1)` is `comparePodsForDeletion(a, …, b, …) < 0`.
 */
const now = Date.UTC(2024, 5, 15, 12, 0, 0);
const hour = 3600_000;
const then1Month = Date.UTC(2024, 4, 15, 12, 0, 0);
const then2Hours = now - 2 * hour;
const then5Hours = now - 5 * hour;
const then8Hours = now - 8 * hour;
const zero = undefined;

function pod(name: string, nodeName: string, phase: string, ready: boolean, restarts: number, readySince: number | undefined, created: number | undefined, annotations?: Record<string, string>): Pod {
  return {
    metadata: { name, creationTimestamp: created === undefined ? undefined : toRfc3339(created), annotations },
    spec: { nodeName: nodeName || undefined, containers: [] },
    status: {
      phase,
      conditions: ready ? [{ type: 'Ready', status: 'True', lastTransitionTime: readySince === undefined ? undefined : toRfc3339(readySince) }] : undefined,
      containerStatuses: ready ? [{ name: 'c', image: 'i', imageID: '', ready: true, restartCount: restarts }] : undefined,
    },
  };
}

const unscheduledPod = pod('unscheduled', '', 'Pending', false, 0, zero, zero);
const scheduledPendingPod = pod('pending', 'node', 'Pending', false, 0, zero, zero);
const unknownPhasePod = pod('unknown-phase', 'node', 'Unknown', false, 0, zero, zero);
const runningNotReadyPod = pod('not-ready', 'node', 'Running', false, 0, zero, zero);
const runningReadyNoLastTransitionTimePod = pod('ready-no-last-transition-time', 'node', 'Running', true, 0, zero, zero);
const runningReadyNow = pod('ready-now', 'node', 'Running', true, 0, now, now);
const runningReadyThen = pod('ready-then', 'node', 'Running', true, 0, then1Month, then1Month);
const runningReadyNowHighRestarts = pod('ready-high-restarts', 'node', 'Running', true, 9001, now, now);
const runningReadyNowCreatedThen = pod('ready-now-created-then', 'node', 'Running', true, 0, now, then1Month);
const lowPodDeletionCost = pod('low-deletion-cost', 'node', 'Running', true, 0, now, then1Month, { 'controller.kubernetes.io/pod-deletion-cost': '10' });
const highPodDeletionCost = pod('high-deletion-cost', 'node', 'Running', true, 0, now, then1Month, { 'controller.kubernetes.io/pod-deletion-cost': '100' });
const unscheduled5Hours = pod('unscheduled-5-hours', '', 'Pending', false, 0, then5Hours, then5Hours);
const unscheduled8Hours = pod('unscheduled-10-hours', '', 'Pending', false, 0, then8Hours, then8Hours);
const ready2Hours = pod('ready-2-hours', '', 'Running', true, 0, then2Hours, then1Month);
const ready5Hours = pod('ready-5-hours', '', 'Running', true, 0, then5Hours, then1Month);
const ready10Hours = pod('ready-10-hours', '', 'Running', true, 0, then8Hours, then1Month);

const less = (a: Pod, rankA: number, b: Pod, rankB: number) => comparePodsForDeletion(a, rankA, b, rankB, now) < 0;

test('TestSortingActivePodsWithRanks: equality', () => {
  const equal: [Pod, Pod?][] = [
    [unscheduledPod],
    [scheduledPendingPod],
    [unknownPhasePod],
    [runningNotReadyPod],
    [runningReadyNowCreatedThen],
    [runningReadyNow],
    [runningReadyThen],
    [runningReadyNowHighRestarts],
    // Same log2 bucket of age, same (empty) UID: neither goes first.
    [unscheduled5Hours, unscheduled8Hours],
    [ready5Hours, ready10Hours],
  ];
  for (const [p1, p2 = p1] of equal) {
    assert.ok(!less(p1, 1, p2, 1) && !less(p2, 1, p1, 1), `${p1.metadata!.name} ≡ ${p2.metadata!.name}`);
  }
});

test('TestSortingActivePodsWithRanks: inequality', () => {
  const ordered: [Pod, number, Pod, number][] = [
    [unscheduledPod, 1, scheduledPendingPod, 2],
    [unscheduledPod, 2, scheduledPendingPod, 1],
    [scheduledPendingPod, 1, unknownPhasePod, 2],
    [unknownPhasePod, 1, runningNotReadyPod, 2],
    [runningNotReadyPod, 1, runningReadyNoLastTransitionTimePod, 1],
    [runningReadyNoLastTransitionTimePod, 1, runningReadyNow, 1],
    [runningReadyNow, 2, runningReadyNoLastTransitionTimePod, 1],
    [runningReadyNow, 1, runningReadyThen, 1],
    [runningReadyNow, 2, runningReadyThen, 1],
    [runningReadyNowHighRestarts, 1, runningReadyNow, 1],
    [runningReadyNow, 2, runningReadyNowHighRestarts, 1],
    [runningReadyNow, 1, runningReadyNowCreatedThen, 1],
    [runningReadyNowCreatedThen, 2, runningReadyNow, 1],
    [lowPodDeletionCost, 2, highPodDeletionCost, 1],
    [ready2Hours, 1, ready5Hours, 1],
  ];
  for (const [lesser, rl, greater, rg] of ordered) {
    const names = `${lesser.metadata!.name}@${rl} < ${greater.metadata!.name}@${rg}`;
    assert.ok(less(lesser, rl, greater, rg), names);
    assert.ok(!less(greater, rg, lesser, rl), `not ${names} reversed`);
  }
});

test('same log2 bucket: the UID breaks the tie', () => {
  const a = { ...ready5Hours, metadata: { ...ready5Hours.metadata, uid: 'aaa' } };
  const b = { ...ready10Hours, metadata: { ...ready10Hours.metadata, uid: 'bbb' } };
  assert.ok(less(a, 1, b, 1));
  assert.ok(less({ ...b, metadata: { ...b.metadata, uid: '0' } }, 1, a, 1));
});

test('a malformed deletion cost counts as 0 (GetDeletionCostFromPodAnnotations)', () => {
  const cost = (v: string) => pod(`cost-${v}`, 'node', 'Running', true, 0, now, then1Month, { 'controller.kubernetes.io/pod-deletion-cost': v });
  // "+10", "010" and "1e3" are invalid and so 0: a pod with cost -1 goes before them, one with 1 after.
  for (const v of ['+10', '010', '1e3', '10abc', '99999999999']) {
    assert.ok(less(cost('-1'), 1, cost(v), 1), v);
    assert.ok(less(cost(v), 1, cost('1'), 1), v);
  }
  assert.ok(less(cost('-010'), 1, cost('-9'), 1), '-010 is -10');
});

test('restarts count regular containers only', () => {
  const withInit = { ...runningReadyNow, status: { ...runningReadyNow.status, initContainerStatuses: [{ name: 'i', image: 'i', imageID: '', ready: true, restartCount: 50 }] } };
  assert.ok(!less(withInit, 1, runningReadyNow, 1) && !less(runningReadyNow, 1, withInit, 1));
});

test('getPodsToDelete: no sorting when all go; ranks count active related pods per node', () => {
  const onA = (name: string) => pod(name, 'a', 'Running', true, 0, then1Month, then1Month);
  const onB = (name: string) => pod(name, 'b', 'Running', true, 0, then1Month, then1Month);
  const pods = [onA('a1'), onB('b1'), onA('a2')];
  assert.deepEqual(podsToDelete(pods, pods, 3, now).map((p) => p.metadata!.name), ['a1', 'b1', 'a2']);
  // Node a holds two related pods, so one of its pods goes first.
  assert.equal(podsToDelete(pods, pods, 1, now)[0].spec!.nodeName, 'a');
  // A terminating sibling does not count toward its node's rank.
  const terminating = { ...onB('b0'), metadata: { name: 'b0', deletionTimestamp: toRfc3339(now) } };
  const related = [...pods, terminating, terminating];
  assert.equal(podsToDelete(pods, related, 1, now)[0].spec!.nodeName, 'a');
});
