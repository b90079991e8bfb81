import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSchedule } from './schedule.ts';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | undefined) => (ms === undefined ? 'none' : new Date(ms).toISOString().replace('.000Z', 'Z'));

/** The first `n` activations after `from`, as robfig's Schedule.Next chains them. */
function runs(spec: string, from: string, n = 3): string[] {
  const s = parseSchedule(spec);
  const out: string[] = [];
  let t: number | undefined = at(from);
  for (let i = 0; i < n && t !== undefined; i++) out.push(iso((t = s.next(t))));
  return out;
}

test('next is strictly after, at whole seconds', () => {
  assert.deepEqual(runs('*/1 * * * *', '2018-09-06T06:57:00Z'), ['2018-09-06T06:58:00Z', '2018-09-06T06:59:00Z', '2018-09-06T07:00:00Z']);
  assert.deepEqual(runs('*/1 * * * *', '2018-09-06T06:57:59.900Z', 1), ['2018-09-06T06:58:00Z']);
  assert.deepEqual(runs('0 2 * * *', '2018-09-06T06:57:00Z'), ['2018-09-07T02:00:00Z', '2018-09-08T02:00:00Z', '2018-09-09T02:00:00Z']);
});

test('macros', () => {
  const from = '2024-05-15T12:34:56Z';
  assert.deepEqual(runs('@hourly', from, 1), ['2024-05-15T13:00:00Z']);
  assert.deepEqual(runs('@daily', from, 1), ['2024-05-16T00:00:00Z']);
  assert.deepEqual(runs('@midnight', from, 1), ['2024-05-16T00:00:00Z']);
  assert.deepEqual(runs('@weekly', from, 1), ['2024-05-19T00:00:00Z']);
  assert.deepEqual(runs('@monthly', from, 1), ['2024-06-01T00:00:00Z']);
  assert.deepEqual(runs('@yearly', from, 1), ['2025-01-01T00:00:00Z']);
  assert.deepEqual(runs('@every 90m', from, 2), ['2024-05-15T14:04:56Z', '2024-05-15T15:34:56Z']);
});

test('day-of-month OR day-of-week when both are restricted; AND when either is * or ?', () => {
  // January 2024: the 1st is a Monday, the 13th a Saturday, Fridays are the 5th, 12th, 19th.
  assert.deepEqual(runs('0 0 13 * FRI', '2024-01-01T00:00:00Z', 4), ['2024-01-05T00:00:00Z', '2024-01-12T00:00:00Z', '2024-01-13T00:00:00Z', '2024-01-19T00:00:00Z']);
  assert.deepEqual(runs('0 0 ? * FRI', '2024-01-01T00:00:00Z', 2), ['2024-01-05T00:00:00Z', '2024-01-12T00:00:00Z']);
  // `*/1` still counts as a star (robfig keeps the star bit for a step of 1): Fridays only.
  assert.deepEqual(runs('0 0 */1 * 5', '2024-01-01T00:00:00Z', 2), ['2024-01-05T00:00:00Z', '2024-01-12T00:00:00Z']);
  // `*/2` is no star: odd days or Fridays.
  assert.deepEqual(runs('0 0 */2 * 5', '2024-01-01T00:00:00Z', 3), ['2024-01-03T00:00:00Z', '2024-01-05T00:00:00Z', '2024-01-07T00:00:00Z']);
  // `1-31` is no star either: every day.
  assert.deepEqual(runs('0 0 1-31 * 5', '2024-01-01T00:00:00Z', 2), ['2024-01-02T00:00:00Z', '2024-01-03T00:00:00Z']);
});

test('time zones: the schedule is read on the zone\'s wall clock', () => {
  assert.deepEqual(runs('TZ=Asia/Shanghai 0 2 * * *', '2024-01-01T00:00:00Z', 2), ['2024-01-01T18:00:00Z', '2024-01-02T18:00:00Z']);
  assert.deepEqual(runs('CRON_TZ=Etc/UTC 0 2 * * *', '2024-01-01T00:00:00Z', 1), ['2024-01-01T02:00:00Z']);
});

test('DST as robfig/cron: a time in the spring-forward gap is skipped, one in the fall-back hour runs twice', () => {
  // America/New_York, 2024-03-10: 02:00 EST becomes 03:00 EDT, so there is no 02:00 that day.
  assert.deepEqual(runs('TZ=America/New_York 0 2 * * *', '2024-03-09T12:00:00Z'), ['2024-03-11T06:00:00Z', '2024-03-12T06:00:00Z', '2024-03-13T06:00:00Z']);
  assert.deepEqual(runs('TZ=America/New_York 30 2 * * *', '2024-03-09T12:00:00Z', 1), ['2024-03-11T06:30:00Z']);
  // 2024-11-03: 02:00 EDT becomes 01:00 EST, so 01:30 happens at 05:30Z and again at 06:30Z.
  assert.deepEqual(runs('TZ=America/New_York 30 1 * * *', '2024-11-02T12:00:00Z'), ['2024-11-03T05:30:00Z', '2024-11-03T06:30:00Z', '2024-11-04T06:30:00Z']);
  assert.deepEqual(runs('TZ=America/New_York */30 1 * * *', '2024-11-03T04:00:00Z', 5), ['2024-11-03T05:00:00Z', '2024-11-03T05:30:00Z', '2024-11-03T06:00:00Z', '2024-11-03T06:30:00Z', '2024-11-04T06:00:00Z']);
});

test('no activation: a 31st of February, an empty field, a leap day more than five years off', () => {
  assert.deepEqual(runs('0 0 31 2 *', '2024-01-01T00:00:00Z', 1), ['none']);
  assert.deepEqual(runs(', * * * *', '2024-01-01T00:00:00Z', 1), ['none']);
  // robfig searches five years on: from 2097 the next 29th of February (2104) is too far.
  assert.deepEqual(runs('0 0 29 2 *', '2097-01-01T00:00:00Z', 1), ['none']);
  assert.deepEqual(runs('0 0 29 2 *', '2099-03-01T00:00:00Z', 1), ['2104-02-29T00:00:00Z']);
});

test('parsed schedules are shared, and answers memoised', () => {
  assert.equal(parseSchedule('*/5 * * * *'), parseSchedule('*/5 * * * *'));
  const s = parseSchedule('*/5 * * * *');
  assert.equal(s.next(at('2024-01-01T00:00:00Z')), s.next(at('2024-01-01T00:00:00Z')));
});
