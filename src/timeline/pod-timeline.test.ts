import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Selector } from '../api/labels.ts';
import type { WatchEvent } from '../store/watch-event.ts';
import { PodTimeline, type PodCounts } from './pod-timeline.ts';
import { HistoryBuilder, T0 } from './testing.ts';

/** Each moment as `seconds: existing/running/ready/available/terminating`. */
function moments(t: PodTimeline, owner?: string): string[] {
  const out: string[] = [];
  t.moments((m) => {
    const c: Readonly<PodCounts> = owner === undefined ? m.total : (m.byOwner.get(owner) ?? { existing: 0, running: 0, ready: 0, available: 0, terminating: 0 });
    out.push(`${(m.time - T0) / 1000}: ${c.existing}/${c.running}/${c.ready}/${c.available}/${c.terminating}`);
  });
  return out;
}

test('a pod counts as existing, running, ready and available as it starts, and as terminating until it is gone', () => {
  const h = new HistoryBuilder().rs('web-1', 1);
  const from = h.rv;
  h.at(1).pod('a', 'web-1').at(2).run('a').at(3).ready('a').at(10).terminate('a').at(11).finish('a').remove('a');
  const t = PodTimeline.build(h.store, h.since(from, 0), {});
  assert.deepEqual(moments(t), ['0: 0/0/0/0/0', '1: 1/0/0/0/0', '2: 1/1/0/0/0', '3: 1/1/1/1/0', '10: 0/0/0/0/1', '11: 0/0/0/0/0', '11: 0/0/0/0/0']);
  assert.deepEqual(moments(t, 'ReplicaSet/web-1').at(3), '3: 1/1/1/1/0');
});

test('the first moment is the state when the span began, rebuilt from the present and the writes since', () => {
  const h = new HistoryBuilder().rs('web-1', 2).pod('a', 'web-1').ready('a').pod('b', 'web-1').ready('b').pod('c', 'web-1');
  const from = h.rv;
  h.at(5).terminate('a').remove('a').ready('c').relabel('b', { app: 'other' });
  const t = PodTimeline.build(h.store, h.since(from, 2), {});
  // At the start (2s): a and b ready, c pending; a since deleted, b relabelled, c changed.
  assert.deepEqual(moments(t)[0], '2: 3/2/2/2/0');
  const scoped = PodTimeline.build(h.store, h.since(from, 2), { namespace: 'default', selectors: [Selector.parse('app=web')] });
  assert.deepEqual(moments(scoped), ['2: 3/2/2/2/0', '5: 2/1/1/1/1', '5: 2/1/1/1/0', '5: 2/2/2/2/0', '5: 1/1/1/1/0'], 'a pod relabelled out of the scope leaves it');
});

test('availability waits for minReadySeconds after the Ready transition, and comes before the same instant\'s writes', () => {
  const h = new HistoryBuilder().rs('slow', 2, { minReadySeconds: 10 });
  const from = h.rv;
  h.at(1).pod('a', 'slow').pod('b', 'slow').at(3).ready('a').ready('b').at(13).pod('c', 'slow').at(20);
  const t = PodTimeline.build(h.store, h.since(from, 0), {});
  assert.deepEqual(moments(t), ['0: 0/0/0/0/0', '1: 1/0/0/0/0', '1: 2/0/0/0/0', '3: 2/1/1/0/0', '3: 2/2/2/0/0', '13: 2/2/2/2/0', '13: 3/2/2/2/0']);
  const m: string[] = [];
  t.moments((x) => void m.push(x.transitions.map((tr) => `${tr.cause} ${tr.name}`).join(', ')));
  assert.equal(m[5], 'available a, available b', 'pods that become available at one instant form one moment');
});

test('a span that ends before a pod would become available does not count it', () => {
  const h = new HistoryBuilder().rs('slow', 1, { minReadySeconds: 10 });
  const from = h.rv;
  h.at(1).pod('a', 'slow').at(3).ready('a').at(8);
  assert.deepEqual(moments(PodTimeline.build(h.store, h.since(from, 0), {})).at(-1), '3: 1/1/1/0/0');
});

test('writes that change nothing a count reads make no moment; every other write makes its own, even in one millisecond', () => {
  const h = new HistoryBuilder().rs('web-1', 1);
  const from = h.rv;
  h.pod('a', 'web-1').touch('a').touch('a').terminate('a').pod('b', 'web-1');
  assert.deepEqual(moments(PodTimeline.build(h.store, h.since(from, 0), {})), ['0: 0/0/0/0/0', '0: 1/0/0/0/0', '0: 0/0/0/0/1', '0: 1/0/0/0/1']);
});

test('building a timeline reads the history written since the span began, not before', () => {
  const h = new HistoryBuilder().rs('web-1', 1);
  for (let i = 0; i < 5000; i++) h.pod(`old-${i}`, 'web-1', { app: 'old' }).remove(`old-${i}`);
  h.pod('a', 'web-1');
  const from = h.rv;
  h.at(1).ready('a').at(2).pod('b', 'web-1');
  let reads = 0;
  const history = h.store.history;
  const counting = new Proxy(history, {
    get(target, prop, receiver) {
      if (typeof prop === 'string' && /^\d+$/.test(prop)) reads++;
      return Reflect.get(target, prop, receiver) as unknown;
    },
  }) as WatchEvent[];
  Object.defineProperty(h.store, 'history', { value: counting });
  const t = PodTimeline.build(h.store, h.since(from, 0), { namespace: 'default', selectors: [Selector.parse('app=web')] });
  assert.deepEqual(moments(t), ['0: 1/0/0/0/0', '1: 1/1/1/1/0', '2: 2/1/1/1/0']);
  assert.ok(reads < 100, `read ${reads} history entries of ${history.length}`);
});
