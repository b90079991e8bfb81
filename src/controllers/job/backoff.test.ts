import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { BackoffStore, finishedTime, MAX_POD_FAILURE_BACKOFF_MS, remainingBackoff } from './backoff.ts';

/** backoff_utils.go: the Job controller's pod-failure back-off. */
const T0 = Date.UTC(2018, 8, 6, 6, 57, 0);
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** A pod whose one container finished `at`. */
function finished(name: string, at: number, exitCode = 1): Pod {
  return {
    metadata: { name, uid: name, creationTimestamp: iso(T0) },
    status: { phase: exitCode === 0 ? 'Succeeded' : 'Failed', containerStatuses: [{ name: 'c', image: 'i', imageID: '', ready: false, restartCount: 0, state: { terminated: { exitCode, finishedAt: iso(at) } } }] },
  };
}

test('the delay doubles from 10 s per consecutive failure and stops at 10 minutes, not the documented 6', () => {
  const delay = (failures: number) => remainingBackoff(T0, { failuresAfterLastSuccess: failures, lastFailureTime: T0 });
  assert.deepEqual([0, 1, 2, 3, 4, 5, 6, 7, 8].map(delay), [0, 10_000, 20_000, 40_000, 80_000, 160_000, 320_000, 600_000, 600_000]);
  assert.equal(MAX_POD_FAILURE_BACKOFF_MS, 10 * 60 * 1000);
});

test('the delay counts from the last failure: what has passed is taken off, and none is left after it', () => {
  const record = { failuresAfterLastSuccess: 2, lastFailureTime: T0 };
  assert.equal(remainingBackoff(T0 + 1000, record), 19_000);
  assert.equal(remainingBackoff(T0 + 20_000, record), 0);
  assert.equal(remainingBackoff(T0 + 25_000, record), 0);
});

test('new failures add to the record; a success resets it, and only failures after the success count', () => {
  const store = new BackoffStore();
  const first = store.newRecord('default/j', [], [finished('a', T0 + 7000)]);
  assert.deepEqual(first, { key: 'default/j', failuresAfterLastSuccess: 1, lastFailureTime: T0 + 7000 });
  // Not stored until the controller flushes the status that counted the pod.
  assert.equal(store.newRecord('default/j', [], []).failuresAfterLastSuccess, 0);
  store.update(first);
  assert.equal(store.newRecord('default/j', [], [finished('b', T0 + 24_000)]).failuresAfterLastSuccess, 2);
  const mixed = store.newRecord('default/j', [finished('ok', T0 + 30_000, 0)], [finished('c', T0 + 20_000), finished('d', T0 + 40_000)]);
  assert.deepEqual(mixed, { key: 'default/j', failuresAfterLastSuccess: 1, lastFailureTime: T0 + 40_000 });
  store.remove('default/j');
  assert.equal(store.newRecord('default/j', [], []).failuresAfterLastSuccess, 0);
});

test('a pod finished when its last container did, else when Ready turned False, else at deletion less grace', () => {
  assert.equal(finishedTime(finished('a', T0 + 5000)), T0 + 5000);
  const readyFalse: Pod = { metadata: { creationTimestamp: iso(T0) }, status: { conditions: [{ type: 'Ready', status: 'False', lastTransitionTime: iso(T0 + 3000) }] } };
  assert.equal(finishedTime(readyFalse), T0 + 3000);
  const deleted: Pod = { metadata: { creationTimestamp: iso(T0), deletionTimestamp: iso(T0 + 40_000), deletionGracePeriodSeconds: 30 } };
  assert.equal(finishedTime(deleted), T0 + 10_000);
  assert.equal(finishedTime({ metadata: { creationTimestamp: iso(T0) } }), T0);
});
