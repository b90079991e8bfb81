import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import { canonicalJson, computeHash, fnv32a, safeEncodeString } from './hash.ts';

/** The pod-template-hash (controller.ComputeHash + rand.SafeEncodeString). */

const template = (image: string): PodTemplateSpec => ({ metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image }] } });

test('SafeEncodeString maps the decimal digits to 4 5 6 7 8 9 b c d f (char code mod 27)', () => {
  assert.equal(safeEncodeString('0123456789'), '456789bcdf');
});

test('FNV-32a matches the published vectors', () => {
  const bytes = (s: string) => new TextEncoder().encode(s);
  assert.equal(fnv32a(0x811c9dc5, bytes('')), 0x811c9dc5);
  assert.equal(fnv32a(0x811c9dc5, bytes('a')), 0xe40c292c);
  assert.equal(fnv32a(0x811c9dc5, bytes('foobar')), 0xbf9cf968);
});

test('a hash is the encoded decimal uint32: 1 to 10 characters from {4-9, b, c, d, f}', () => {
  for (const image of ['ikubernetes/myapp:v1', 'ikubernetes/myapp:v2', 'nginx:1.25', 'redis', 'busybox:1.36']) {
    const hash = computeHash(template(image));
    assert.match(hash, /^[4-9bcdf]{1,10}$/, hash);
  }
});

test('the hash depends on the template only, not on key order, and the collisionCount changes it', () => {
  const a = computeHash({ spec: { containers: [{ name: 'app', image: 'x' }] }, metadata: { labels: { b: '2', a: '1' } } });
  const b = computeHash({ metadata: { labels: { a: '1', b: '2' } }, spec: { containers: [{ image: 'x', name: 'app' }] } });
  assert.equal(a, b);
  assert.notEqual(computeHash(template('x')), computeHash(template('y')));
  const base = computeHash(template('x'));
  assert.notEqual(computeHash(template('x'), 0), base, 'a collisionCount of 0 is still hashed in');
  assert.notEqual(computeHash(template('x'), 1), computeHash(template('x'), 0));
  assert.equal(computeHash(template('x'), 1), computeHash(template('x'), 1));
});

test('canonical JSON sorts keys and drops undefined fields', () => {
  assert.equal(canonicalJson({ b: 1, a: [{ d: undefined, c: 'x' }], e: null }), '{"a":[{"c":"x"}],"b":1,"e":null}');
});
