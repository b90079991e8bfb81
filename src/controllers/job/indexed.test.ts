import { test } from 'node:test';
import assert from 'node:assert/strict';
import { firstPendingIndexes, formatIntervals, generateNameWithIndex, hasIndex, mergeIntervals, parseIntervals, totalIndexes, withIndexes } from './indexed.ts';

/** indexed_job_utils.go: completed indexes as intervals, pending indexes, pod names. */

test('completedIndexes: ranges joined, two adjacent indexes written with a comma', () => {
  const iv = withIndexes([], [0, 1, 2, 4, 6, 7, 9]);
  assert.equal(formatIntervals(iv), '0-2,4,6,7,9');
  assert.equal(totalIndexes(iv), 7);
  assert.ok(hasIndex(iv, 7) && !hasIndex(iv, 8));
  assert.equal(formatIntervals(mergeIntervals(parseIntervals('0-2,4', 10), parseIntervals('3,5-6', 10))), '0-6');
});

test('parsing stops at completions and clips the last range', () => {
  assert.deepEqual(parseIntervals('1,3-8,12', 6), [{ first: 1, last: 1 }, { first: 3, last: 5 }]);
  assert.deepEqual(parseIntervals('', 6), []);
});

test('the lowest indexes neither succeeded nor running are the next to start', () => {
  const succeeded = parseIntervals('0,2', 6);
  assert.deepEqual(firstPendingIndexes(2, 6, succeeded, [1]), [3, 4]);
  assert.deepEqual(firstPendingIndexes(5, 6, succeeded, [1, 5]), [3, 4]);
  assert.deepEqual(firstPendingIndexes(0, 6, succeeded, []), []);
});

test('pods are named <job>-<index>-<5 random>, the job name cut to fit 58 characters', () => {
  assert.equal(generateNameWithIndex('shards', 2), 'shards-2-');
  const long = 'x'.repeat(60);
  const name = generateNameWithIndex(long, 12);
  assert.equal(name, `${'x'.repeat(54)}-12-`);
  assert.equal(name.length, 58);
});
