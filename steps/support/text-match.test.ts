import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffTable, diffText, linePattern, parseTable } from './text-match.ts';

test('placeholders match what they stand for and nothing else', () => {
  assert.ok(linePattern('myapp-{suffix}   1/1').test('myapp-r4ss4   1/1'));
  assert.ok(!linePattern('myapp-{suffix}').test('myapp-r4ss'));
  assert.ok(linePattern('{age}').test('3m12s'));
  assert.ok(linePattern('curl {ip}').test('curl 10.244.2.13'));
  assert.ok(!linePattern('resources: {}').test('resources: x'));
  assert.ok(linePattern('resources: {}').test('resources: {}'));
});

test('diffText reports the differing lines', () => {
  assert.equal(diffText('a\nb\n', 'a\nb'), undefined);
  assert.match(diffText('a\nb', 'a\nc')!, /- b\n\+ c/);
});

test('tables split by header positions, so cells may hold spaces', () => {
  const text = 'NAME    READY   STATUS        RESTARTS      AGE\np       1/1     Running       1 (5m ago)    10m\n';
  const { rows } = parseTable(text);
  assert.deepEqual(rows[0], { NAME: 'p', READY: '1/1', STATUS: 'Running', RESTARTS: '1 (5m ago)', AGE: '10m' });
  assert.equal(diffTable([{ NAME: '{any}', STATUS: 'Running' }], text), undefined);
  assert.match(diffTable([{ NAME: 'q', STATUS: 'Running' }], text)!, /✗ q \| Running/);
});

test('in any order, rows pair up with the expected rows they match', () => {
  const text = 'NAME   STATUS\nb      Running\na      Terminating\n';
  assert.equal(diffTable([{ NAME: 'a', STATUS: 'Terminating' }, { NAME: 'b', STATUS: 'Running' }], text, true), undefined);
  assert.match(diffTable([{ NAME: 'a', STATUS: 'Running' }, { NAME: 'b', STATUS: 'Running' }], text, true)!, /✗/);
  assert.match(diffTable([{ NAME: 'a', STATUS: 'Terminating' }], text, true)!, /expected 1 rows, got 2/);
});
