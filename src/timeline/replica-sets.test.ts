import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newestOf, replicaSetLives, sizeRows } from './replica-sets.ts';
import { HistoryBuilder } from './testing.ts';

test('sizes: where the ReplicaSets stood when the span began, then a row per change; `-` while one does not exist', () => {
  const h = new HistoryBuilder().rs('web-1', 3, { deployment: 'web', revision: 1 });
  const from = h.rv;
  h.at(1).rs('web-2', 1, { deployment: 'web', revision: 2 }).at(4).scale('web-1', 2).scale('web-1', 2).at(5).scale('web-2', 2);
  h.at(8).scale('web-1', 0).scale('web-2', 3).at(9).deleteRs('web-1');
  const lives = replicaSetLives(h.store, h.since(from, 0), 'default');
  assert.deepEqual(lives.map((l) => [l.name, l.controller, l.revision]), [['web-1', 'Deployment/web', 1], ['web-2', 'Deployment/web', 2]]);
  assert.deepEqual(sizeRows(lives), [['3', '-'], ['3', '1'], ['2', '1'], ['2', '2'], ['0', '2'], ['0', '3'], ['-', '3']], 'a write that leaves the size alone adds no row');
  assert.equal(newestOf(lives)?.name, 'web-2');
});

test('ReplicaSets are ordered by creation, and minReadySeconds is the last one seen', () => {
  const h = new HistoryBuilder().at(5).rs('b', 1).at(5).rs('a', 1, { minReadySeconds: 7 });
  const lives = replicaSetLives(h.store, h.since(0, 0), 'default');
  assert.deepEqual(lives.map((l) => [l.name, l.minReadySeconds, l.initialReplicas]), [['b', 0, undefined], ['a', 7, undefined]], 'same creation second: the one written first comes first');
  assert.equal(newestOf(lives)?.name, 'a', 'without revisions, the newest is the one created last');
});
