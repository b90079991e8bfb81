import { test } from 'node:test';
import assert from 'node:assert/strict';
import { entriesOf, formatOffset, indexAfter, replay } from './span.ts';
import { HistoryBuilder } from './testing.ts';

test('indexAfter and entriesOf find a span\'s writes by resourceVersion', () => {
  const h = new HistoryBuilder().rs('a', 1).rs('b', 1).scale('a', 2).scale('b', 2);
  assert.equal(indexAfter(h.store.history, 0), 0);
  assert.equal(indexAfter(h.store.history, 2), 2);
  assert.equal(indexAfter(h.store.history, 9), 4);
  assert.deepEqual(entriesOf(h.store.history, { fromRv: 1, toRv: 3 }).map((e) => e.resourceVersion), [2, 3]);
});

test('replay rebuilds the objects as they were at the span\'s start, and lists the changes in it', () => {
  const h = new HistoryBuilder().rs('a', 1).rs('b', 1);
  const from = h.rv;
  h.scale('a', 5).deleteRs('b').rs('c', 1);
  const { initial, changes } = replay(h.store, 'replicasets.apps', 'default', h.since(from, 0), h.store.list('replicasets.apps', 'default'));
  assert.deepEqual([...initial.values()].map((o) => [o.metadata.name, (o as { spec?: { replicas?: number } }).spec?.replicas]), [['a', 1], ['b', 1]]);
  assert.deepEqual(changes.map((e) => `${e.type} ${e.object.metadata.name}`), ['MODIFIED a', 'DELETED b', 'ADDED c']);
  const until = replay(h.store, 'replicasets.apps', 'default', { ...h.since(from, 0), toRv: from + 1 }, []);
  assert.deepEqual(until.changes.map((e) => e.type), ['MODIFIED'], 'a span that ends earlier stops there');
  assert.deepEqual([...until.initial.keys()].sort(), ['uid-a', 'uid-b'], 'objects the writes touched are rebuilt even when `current` leaves them out');
});

test('offsets print as Go durations', () => {
  assert.deepEqual([0, 3500, 60_000, 90_000, 125_250].map(formatOffset), ['0s', '3.5s', '1m0s', '1m30s', '2m5.25s']);
});
