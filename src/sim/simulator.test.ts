import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Clock } from './clock.ts';
import { Random } from './random.ts';
import { Simulator, type Notification } from './simulator.ts';
import { TimerQueue } from './timers.ts';
import { WorkQueue } from './work-queue.ts';

const S = 1000;
const start = 1_000_000;

function sim(): { sim: Simulator; log: string[]; at: () => number } {
  const clock = new Clock(start);
  const s = new Simulator(clock, new Random('test'));
  return { sim: s, log: [], at: () => clock.now() - start };
}

test('settle jumps to progress timers only; periodic ones passed on the way fire, later ones do not', () => {
  const { sim: s, log, at } = sim();
  s.after(5 * S, () => log.push(`periodic@${at()}`), { progress: false });
  s.after(10 * S, () => log.push(`progress@${at()}`));
  s.after(100 * S, () => log.push(`late-periodic@${at()}`), { progress: false });
  assert.equal(s.settle(), true);
  assert.deepEqual(log, ['periodic@5000', 'progress@10000']);
  assert.equal(at(), 10 * S, 'the clock stops at the last progress timer');
});

test('a periodic loop runs through the interval settle crosses, at its own times, and no further', () => {
  const { sim: s, log, at } = sim();
  const loop = () => {
    log.push(`loop@${at()}`);
    s.after(3 * S, loop, { progress: false });
  };
  s.after(3 * S, loop, { progress: false });
  s.after(10 * S, () => log.push(`ready@${at()}`));
  s.settle();
  assert.deepEqual(log, ['loop@3000', 'loop@6000', 'loop@9000', 'ready@10000']);
  s.advance(5 * S);
  assert.deepEqual(log.slice(4), ['loop@12000', 'loop@15000']);
});

test('settle with only periodic timers does not move the clock', () => {
  const { sim: s, log, at } = sim();
  s.after(S, () => log.push('tick'), { progress: false });
  assert.equal(s.settle(), true);
  assert.deepEqual(log, []);
  assert.equal(at(), 0);
});

test('settle follows progress that schedules more progress', () => {
  const { sim: s, log, at } = sim();
  const step = (n: number) => () => {
    log.push(`step${n}@${at()}`);
    if (n < 3) s.after(S, step(n + 1));
  };
  s.after(S, step(1));
  s.settle();
  assert.deepEqual(log, ['step1@1000', 'step2@2000', 'step3@3000']);
});

test('advance runs every timer due in the window, in time order, then stops at the target', () => {
  const { sim: s, log, at } = sim();
  s.after(3 * S, () => log.push(`c@${at()}`), { progress: false });
  s.after(S, () => log.push(`a@${at()}`));
  s.after(S, () => log.push(`a2@${at()}`), { progress: false });
  s.after(2 * S, () => {
    log.push(`b@${at()}`);
    s.after(500, () => log.push(`b+@${at()}`), { progress: false });
  });
  s.after(10 * S, () => log.push('too late'));
  s.advance(4 * S);
  // Same instant: scheduling order decides, whatever the kind of timer.
  assert.deepEqual(log, ['a@1000', 'a2@1000', 'b@2000', 'b+@2500', 'c@3000']);
  assert.equal(at(), 4 * S);
});

test('until() stops settle and advance as soon as it holds', () => {
  const { sim: s, at } = sim();
  let n = 0;
  for (let i = 1; i <= 5; i++) s.after(i * S, () => n++);
  assert.equal(s.settle(() => n >= 2), true);
  assert.equal(n, 2);
  assert.equal(at(), 2 * S);
  assert.equal(s.advance(60 * S, () => n >= 4), true);
  assert.equal(n, 4);
  assert.equal(at(), 4 * S, 'advance stops where until() first held, not at the target');
  assert.equal(s.advance(S, () => n >= 10), false, 'false when it never holds in the window');
  assert.equal(at(), 5 * S);
});

test('settle gives up after 7 days of virtual time of endless progress', () => {
  const { sim: s } = sim();
  const forever = () => s.after(3600 * S, forever);
  forever();
  assert.throws(() => s.settle(), /the cluster did not settle within 7 days of virtual time/);
});

test('a cancelled timer neither fires nor counts as progress', () => {
  const { sim: s, log, at } = sim();
  const h = s.after(5 * S, () => log.push('cancelled'));
  s.after(2 * S, () => log.push('kept'));
  h.cancel();
  s.settle();
  assert.deepEqual(log, ['kept']);
  assert.equal(at(), 2 * S);
});

test('at() in the past runs now', () => {
  const { sim: s, log, at } = sim();
  s.at(start - 10 * S, () => log.push(`late@${at()}`));
  s.drain();
  assert.deepEqual(log, ['late@0']);
});

test('drain delivers notifications in order before syncing, and controllers take turns', () => {
  const { sim: s } = sim();
  const log: string[] = [];
  const make = (name: string) => ({
    name,
    queue: new WorkQueue(name),
    sync(key: string) {
      log.push(`${name}:${key}`);
    },
  });
  const a = make('a');
  const b = make('b');
  s.register(a);
  s.register(b);
  s.watch('pods', (e: Notification & { n?: number }) => {
    log.push(`event ${e.n}`);
    a.queue.add(`k${e.n}`);
    b.queue.add('x');
  });
  s.notify({ resource: 'pods', n: 1 } as Notification);
  s.notify({ resource: 'pods', n: 2 } as Notification);
  s.notify({ resource: 'nodes' });
  s.drain();
  // Both events first; the queue coalesces b's key; syncs alternate between controllers.
  assert.deepEqual(log, ['event 1', 'event 2', 'a:k1', 'b:x', 'a:k2']);
});

test('TimerQueue: nextProgressTime ignores periodic timers; popDue returns the earliest due one', () => {
  const q = new TimerQueue();
  q.schedule(50, () => {}, { progress: false, label: 'p50' });
  q.schedule(70, () => {}, { label: 'g70' });
  q.schedule(30, () => {}, { progress: false, label: 'p30' });
  assert.equal(q.nextProgressTime(), 70);
  assert.equal(q.nextTime(), 30);
  assert.equal(q.popDue(20), undefined);
  assert.deepEqual([q.popDue(100)?.label, q.popDue(100)?.label, q.popDue(100)?.label, q.popDue(100)], ['p30', 'p50', 'g70', undefined]);
  assert.equal(q.nextTime(), undefined);
});

test('WorkQueue: a key queued twice is synced once, in first-arrival order', () => {
  const q = new WorkQueue('q');
  for (const k of ['b', 'a', 'b', 'c']) q.add(k);
  assert.equal(q.length, 3);
  assert.deepEqual([q.pop(), q.pop(), q.pop(), q.pop()], ['b', 'a', 'c', undefined]);
});

test('settle stops before a schedule timer: progress before it runs, progress after it waits for advance()', () => {
  const { sim: s, log, at } = sim();
  s.after(5 * S, () => log.push(`progress@${at()}`));
  s.after(60 * S, () => log.push(`schedule@${at()}`), { schedule: true });
  s.after(90 * S, () => log.push(`long@${at()}`));
  assert.equal(s.settle(), true);
  assert.deepEqual(log, ['progress@5000']);
  assert.equal(at(), 5 * S, 'the clock stays where settling stopped');
  s.advance(100 * S);
  assert.deepEqual(log, ['progress@5000', 'schedule@60000', 'long@90000']);
});

test('a schedule that keeps starting work longer than its interval cannot keep settle() going', () => {
  const { sim: s, log, at } = sim();
  // Every 60 s a run that takes 90 s, as a CronJob with concurrencyPolicy Allow would start.
  const tick = () => {
    log.push(`tick@${at()}`);
    s.after(90 * S, () => log.push(`done@${at()}`));
    s.after(60 * S, tick, { schedule: true });
  };
  s.after(60 * S, tick, { schedule: true });
  s.advance(61 * S);
  assert.equal(s.settle(), true);
  assert.deepEqual(log, ['tick@60000']);
  assert.equal(at(), 61 * S);
});
