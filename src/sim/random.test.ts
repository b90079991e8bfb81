import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Random, RandomStream } from './random.ts';

test('a seed gives the same draws every time; streams are independent', () => {
  const a = new Random('s'), b = new Random('s');
  assert.deepEqual([a.stream('names').uuid(), a.stream('names').string('abc', 5)], [b.stream('names').uuid(), b.stream('names').string('abc', 5)]);
  const c = new Random('s');
  c.stream('other').uuid();
  assert.equal(c.stream('names').uuid(), new Random('s').stream('names').uuid());
});

test('uuid() is a version-4, variant-1 UUID', () => {
  const r = new RandomStream('u');
  for (let i = 0; i < 200; i++) assert.match(r.uuid(), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});

test('int(n) covers [0, n) evenly enough', () => {
  const r = new RandomStream('i');
  const counts = [0, 0, 0];
  for (let i = 0; i < 3000; i++) counts[r.int(3)]++;
  for (const c of counts) assert.ok(c > 900 && c < 1100, String(counts));
});
