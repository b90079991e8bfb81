import { test } from 'node:test';
import assert from 'node:assert/strict';
import { atLeastEveryMoment, atMostAnyMoment, goneBeforeCreated, oldAndNew, replacedOneAtATime } from './checks.ts';
import { PodTimeline } from './pod-timeline.ts';
import { HistoryBuilder } from './testing.ts';

/** Three ready pods of web-1 at 0s; the span starts there. */
function steady(): { h: HistoryBuilder; from: number } {
  const h = new HistoryBuilder().rs('web-1', 3).rs('web-2', 0);
  for (const p of ['a', 'b', 'c']) h.pod(p, 'web-1').ready(p);
  return { h, from: h.rv };
}

const timeline = (h: HistoryBuilder, from: number) => PodTimeline.build(h.store, h.since(from, 0), {});

/** maxSurge 1 / maxUnavailable 0, by hand: a new pod, ready 3s later, then an old one goes. */
function surgeOne(h: HistoryBuilder): void {
  let s = 0;
  for (const [fresh, old] of [['x', 'a'], ['y', 'b'], ['z', 'c']]) {
    h.at((s += 1)).pod(fresh, 'web-2').at((s += 3)).ready(fresh).terminate(old).at((s += 1)).finish(old).remove(old);
  }
}

/** maxSurge 1 / maxUnavailable 1: a new pod starts while an old one is already gone. */
function surgeAndUnavailable(h: HistoryBuilder): void {
  h.at(1).terminate('a').pod('x', 'web-2').pod('y', 'web-2');
}

test('at least N at every moment: a surge rollout keeps 3 available; the failure names the moment and the pods', () => {
  const { h, from } = steady();
  surgeOne(h);
  assert.equal(atLeastEveryMoment(timeline(h, from), 'available', 3), undefined);
  const failure = atLeastEveryMoment(timeline(h, from), 'available', 4);
  assert.match(failure!, /^expected at least 4 pods that were available at every moment, but at the start \(0s\) 3 were available:\n {2}a \(ReplicaSet\/web-1\): existing, running, ready, available\n/);
});

test('at most N at any moment: the surge rollout never has more than 4 pods; Terminating ones do not count', () => {
  const { h, from } = steady();
  surgeOne(h);
  assert.equal(atMostAnyMoment(timeline(h, from), 'existing', 4), undefined);
  assert.match(atMostAnyMoment(timeline(h, from), 'existing', 3)!, /^expected at most 3 pods that existed at any moment, but at 1s, after x was created, 4 existed:/);
  assert.match(atMostAnyMoment(timeline(h, from), 'terminating', 0)!, /at 4s, after a became 1\/1 Terminating, 1 was terminating/);
});

test('one at a time: maxSurge 1 / maxUnavailable 0 passes, and so does maxUnavailable 1 alone; both at once do not', () => {
  {
    const { h, from } = steady();
    surgeOne(h);
    assert.equal(replacedOneAtATime(timeline(h, from)), undefined);
  }
  {
    const { h, from } = steady();
    let s = 0;
    for (const [old, fresh] of [['a', 'x'], ['b', 'y'], ['c', 'z']]) h.at((s += 1)).terminate(old).pod(fresh, 'web-2').at((s += 3)).ready(fresh).finish(old).remove(old);
    assert.equal(replacedOneAtATime(timeline(h, from)), undefined);
  }
  {
    const { h, from } = steady();
    surgeAndUnavailable(h);
    assert.match(replacedOneAtATime(timeline(h, from))!, /but at 1s, after y was created, 2 were available \(1 short of 3\) and 4 existed \(1 beyond 3\)/);
  }
});

test('gone before created: a finished pod counts as gone; a new pod among Terminating ones does not pass', () => {
  {
    const h = new HistoryBuilder().rs('web-1', 2).pod('a', 'web-1').ready('a').pod('b', 'web-1').ready('b');
    const from = h.rv;
    // The last old pod finishes, and in the same millisecond (a later write) the first new pod is created.
    h.rs('web-2', 2).at(1).terminate('a').terminate('b').at(2).finish('a').remove('a').finish('b').pod('x', 'web-2').remove('b');
    assert.equal(goneBeforeCreated(timeline(h, from), ['ReplicaSet/web-1'], 'ReplicaSet/web-2'), undefined);
    const { old, fresh } = oldAndNew(timeline(h, from));
    assert.deepEqual([old.map((l) => l.name), fresh?.name], [['web-1'], 'web-2']);
  }
  {
    const { h, from } = steady();
    surgeOne(h);
    assert.equal(
      goneBeforeCreated(timeline(h, from), ['ReplicaSet/web-1'], 'ReplicaSet/web-2'),
      'expected every pod of ReplicaSet/web-1 to be gone before the first pod of ReplicaSet/web-2 was created, but x was created at 1s while a (1/1 Running), b (1/1 Running), c (1/1 Running) were still there',
    );
    assert.equal(goneBeforeCreated(timeline(h, from), ['ReplicaSet/web-2'], 'ReplicaSet/web-3'), 'no pod of ReplicaSet/web-3 was created during the rollout');
  }
});

test('the new ReplicaSet is the highest revision (a rollback), else the one created last', () => {
  const h = new HistoryBuilder().rs('web-1', 0, { revision: 3 }).rs('web-2', 1, { revision: 2 }).pod('b', 'web-2').ready('b');
  const from = h.rv;
  h.at(1).scale('web-1', 1).pod('a', 'web-1').at(4).ready('a').terminate('b');
  const { old, fresh } = oldAndNew(timeline(h, from));
  assert.deepEqual([old.map((l) => l.name), fresh?.name], [['web-2'], 'web-1']);
});
