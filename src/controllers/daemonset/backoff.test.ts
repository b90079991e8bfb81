import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Backoff } from './backoff.ts';

/** flowcontrol.Backoff as the DaemonSet controller's failedPodsBackoff uses it (1 s to 15 min, no jitter). */

test('1 s, then doubling up to 15 min; in back-off only while less than the delay has passed', () => {
  const b = new Backoff();
  assert.equal(b.isInBackOffSinceUpdate('k', 0), false);
  b.next('k', 0);
  assert.equal(b.get('k'), 1000);
  assert.equal(b.isInBackOffSinceUpdate('k', 999), true);
  assert.equal(b.isInBackOffSinceUpdate('k', 1000), false);
  for (let i = 0; i < 12; i++) b.next('k', 1000 * (i + 1));
  assert.equal(b.get('k'), 15 * 60 * 1000);
});

test('an entry unused for twice the maximum starts over, and is forgotten by gc', () => {
  const b = new Backoff();
  b.next('k', 0);
  b.next('k', 1);
  assert.equal(b.get('k'), 2000);
  const later = 2 * 15 * 60 * 1000 + 2;
  assert.equal(b.isInBackOffSinceUpdate('k', later), false);
  b.next('k', later);
  assert.equal(b.get('k'), 1000);
  b.gc(later + 2 * 15 * 60 * 1000 + 1);
  assert.equal(b.get('k'), 0);
});
