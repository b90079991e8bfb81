import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatGoDuration, humanDuration, parseDuration } from './duration.ts';

test('humanDuration follows apimachinery/pkg/util/duration', () => {
  const s = 1000, m = 60 * s, h = 60 * m, d = 24 * h;
  const cases: [number, string][] = [
    [-2 * s, '<invalid>'], [-500, '0s'], [0, '0s'], [23 * s, '23s'], [119 * s, '119s'], [120 * s, '2m'],
    [3 * m + 12 * s, '3m12s'], [10 * m, '10m'], [179 * m, '179m'], [3 * h, '3h'], [3 * h + 5 * m, '3h5m'],
    [47 * h, '47h'], [2 * d + 3 * h, '2d3h'], [8 * d, '8d'], [400 * d, '400d'], [800 * d, '2y70d'], [9 * 365 * d, '9y'],
  ];
  for (const [ms, want] of cases) assert.equal(humanDuration(ms), want, `${ms}ms`);
});

test('formatGoDuration matches time.Duration.String()', () => {
  assert.equal(formatGoDuration(0), '0s');
  assert.equal(formatGoDuration(400), '400ms');
  assert.equal(formatGoDuration(1799), '1.799s');
  assert.equal(formatGoDuration(2000), '2s');
  assert.equal(formatGoDuration(62_500), '1m2.5s');
  assert.equal(formatGoDuration(300_000), '5m0s');
  assert.equal(formatGoDuration(3_600_000), '1h0m0s');
});

test('parseDuration reads Go durations and bare seconds', () => {
  assert.equal(parseDuration('30s'), 30_000);
  assert.equal(parseDuration('1h30m'), 5_400_000);
  assert.equal(parseDuration('100ms'), 100);
  assert.equal(parseDuration('2'), 2000);
  assert.throws(() => parseDuration('soon'), /invalid duration/);
});
