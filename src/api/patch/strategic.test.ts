import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StatusError } from '../errors.ts';
import { applyPatch, createMergePatch } from './index.ts';
import { mergeStrategic, strategicMerge, type JsonMap } from './strategic.ts';
import { loadUpstreamCases, mergeItemSchema } from './testdata/merge-item.ts';

const cases = loadUpstreamCases();
const serverSide = { mergeParallelList: true, ignoreUnmatchedNulls: true };
const apply = (original: JsonMap | undefined, patch: JsonMap | undefined) =>
  mergeStrategic(structuredClone(original ?? {}), structuredClone(patch ?? {}), mergeItemSchema, serverSide);

test('upstream: applying the two-way patches of the raw cases gives the expected documents, in order', () => {
  for (const c of cases.rawCases) {
    if (c.twoWay === undefined) continue;
    assert.deepEqual(apply(c.original, c.twoWay), c.twoWayResult ?? c.modified ?? {}, c.description);
  }
});

test('upstream: applying the three-way patches to the live documents gives the expected results', () => {
  for (const c of cases.rawCases) {
    if (c.threeWay === undefined || c.result === undefined) continue;
    assert.deepEqual(apply(c.current, c.threeWay), c.result, c.description);
  }
});

test('upstream custom cases: $setElementOrder, $deleteFromPrimitiveList, $patch and their errors', () => {
  for (const c of [...cases.customCases, ...cases.customRawCases]) {
    if (c.expectedError) {
      assert.throws(() => apply(c.original, c.twoWay), (e: Error) => e.message.includes(c.expectedError!), c.description);
      continue;
    }
    assert.deepEqual(apply(c.original, c.twoWay), c.twoWayResult ?? c.modified ?? {}, c.description);
  }
});

const pod = (containers: JsonMap[], extra: JsonMap = {}): JsonMap => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers, ...extra } });

test('containers merge by name; a new container is appended', () => {
  const live = pod([{ name: 'a', image: 'a:1' }, { name: 'b', image: 'b:1' }]);
  const out = strategicMerge(live, { spec: { containers: [{ name: 'b', image: 'b:2' }, { name: 'c', image: 'c:1' }] } }, 'Pod');
  assert.deepEqual((out as JsonMap & { spec: JsonMap }).spec.containers, [
    { name: 'a', image: 'a:1' },
    { name: 'b', image: 'b:2' },
    { name: 'c', image: 'c:1' },
  ]);
});

test('$patch: delete removes a list item by its merge key; $patch: replace replaces the list', () => {
  const live = pod([{ name: 'a', image: 'a:1' }, { name: 'b', image: 'b:1' }]);
  const deleted = strategicMerge(live, { spec: { containers: [{ name: 'a', $patch: 'delete' }] } }, 'Pod') as { spec: JsonMap };
  assert.deepEqual(deleted.spec.containers, [{ name: 'b', image: 'b:1' }]);
  const replaced = strategicMerge(live, { spec: { containers: [{ name: 'z', image: 'z:1' }, { $patch: 'replace' }] } }, 'Pod') as { spec: JsonMap };
  assert.deepEqual(replaced.spec.containers, [{ name: 'z', image: 'z:1' }]);
});

test('$patch: replace on a map replaces it; $patch: delete on a map empties it', () => {
  const live = { metadata: { name: 'x', labels: { a: '1', b: '2' } } };
  assert.deepEqual(strategicMerge(live, { metadata: { labels: { c: '3', $patch: 'replace' } } }), { metadata: { name: 'x', labels: { c: '3' } } });
  assert.deepEqual(strategicMerge(live, { metadata: { labels: { $patch: 'delete' } } }), { metadata: { name: 'x', labels: {} } });
});

test('null deletes a field; a null that matches nothing is dropped', () => {
  const live = { metadata: { name: 'x', labels: { a: '1', b: '2' } } };
  assert.deepEqual(strategicMerge(live, { metadata: { labels: { a: null, z: null } } }), { metadata: { name: 'x', labels: { b: '2' } } });
});

test('$setElementOrder orders a merge list: named items first, the live-only ones kept in place', () => {
  // kubectl set image sends this order with the changed container (kubectl-wire.md).
  const live = pod([{ name: 'a', image: 'a:1' }, { name: 'sidecar', image: 's:1' }]);
  const out = strategicMerge(live, { spec: { '$setElementOrder/containers': [{ name: 'sidecar' }, { name: 'a' }], containers: [{ name: 'a', image: 'a:2' }] } }, 'Pod') as { spec: JsonMap };
  assert.deepEqual(out.spec.containers, [{ name: 'sidecar', image: 's:1' }, { name: 'a', image: 'a:2' }]);
  assert.equal(Object.keys(out.spec).some((k) => k.startsWith('$')), false);
});

test('$deleteFromPrimitiveList removes from a merge list of primitives (metadata.finalizers)', () => {
  const live = { metadata: { name: 'x', finalizers: ['a', 'b', 'c'] } };
  assert.deepEqual(strategicMerge(live, { metadata: { '$deleteFromPrimitiveList/finalizers': ['b'] } }), { metadata: { name: 'x', finalizers: ['a', 'c'] } });
  // Added items keep the patch's relative order (d before a) and are placed before live-only ones
  // they precede in the patch (mergeSortedSlice).
  assert.deepEqual(strategicMerge(live, { metadata: { finalizers: ['d', 'a'] } }), { metadata: { name: 'x', finalizers: ['d', 'a', 'b', 'c'] } });
});

test('container ports merge by containerPort; a patch on a list without a strategy replaces it', () => {
  const live = pod([{ name: 'a', image: 'a', ports: [{ containerPort: 80 }], args: ['x'] }]);
  const out = strategicMerge(live, { spec: { containers: [{ name: 'a', ports: [{ containerPort: 8080 }, { containerPort: 80, $patch: 'delete' }], args: ['y'] }] } }, 'Pod') as { spec: { containers: JsonMap[] } };
  assert.deepEqual(out.spec.containers[0], { name: 'a', image: 'a', ports: [{ containerPort: 8080 }], args: ['y'] });
});

test('$retainKeys clears the union members the patch does not keep (Deployment spec.strategy)', () => {
  const live = { kind: 'Deployment', spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } } };
  const out = strategicMerge(live, { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } }, 'Deployment');
  assert.deepEqual(out, { kind: 'Deployment', spec: { strategy: { type: 'Recreate' } } });
});

test('errors: a body that is not an object, an unknown directive, a missing merge key', () => {
  assert.throws(() => strategicMerge({}, [1]), { message: 'json: cannot unmarshal array into Go value of type map[string]interface {}' });
  assert.throws(() => strategicMerge({ metadata: {} }, { metadata: { $patch: 'explode' } }), { message: 'unknown patch type: explode in map: map[$patch:explode]' });
  assert.throws(() => strategicMerge(pod([{ name: 'a' }]), { spec: { containers: [{ image: 'x' }] } }, 'Pod'), {
    message: 'map: map[image:x] does not contain declared merge key: name',
  });
});

test('JSON patch: an operation that cannot apply is a bare 422; a body that is not a list a BadRequest', () => {
  const obj = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } };
  assert.throws(
    () => applyPatch(obj, 'json', [{ op: 'replace', path: '/spec/replicas', value: 2 }]),
    (e: unknown) => e instanceof StatusError && e.reason === 'Invalid' && e.message === 'the server rejected our request due to an error in our request',
  );
  assert.throws(
    () => applyPatch(obj, 'json', { op: 'add' }),
    (e: unknown) => e instanceof StatusError && e.reason === 'BadRequest' && e.message === 'error decoding patch: json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp',
  );
  assert.deepEqual(applyPatch(obj, 'json', [{ op: 'add', path: '/metadata/labels', value: { a: '1' } }]).metadata, { name: 'p', labels: { a: '1' } });
});

test('createMergePatch: changed and added keys, null for removed ones, nested objects diffed', () => {
  assert.deepEqual(createMergePatch({ metadata: { labels: { a: '1', b: '2' } } }, { metadata: { labels: { a: '1', c: '3' } } }), { metadata: { labels: { b: null, c: '3' } } });
  assert.deepEqual(createMergePatch({ a: [1] }, { a: [1] }), {});
});
