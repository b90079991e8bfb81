import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CronJob, Job } from 'kubernetes-types/batch/v1.js';
import { parseSchedule } from '../../api/cron/schedule.ts';
import { byJobStartTime, formatInZone, formatRfc1123z, formatSchedule, getJobName, mostRecentScheduleTime, nextScheduleTimeDuration } from './utils.ts';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

function cronJob(created: string, spec: Partial<CronJob['spec']> = {}, lastScheduleTime?: string): CronJob {
  return { metadata: { name: 'hello', creationTimestamp: created }, spec: { schedule: '*/1 * * * *', jobTemplate: {}, ...spec } as CronJob['spec'], status: lastScheduleTime ? { lastScheduleTime } : {} };
}

test('mostRecentScheduleTime: the worked example (created 06:57, every minute, now 07:00:30)', () => {
  const r = mostRecentScheduleTime(cronJob('2018-09-06T06:57:00Z'), at('2018-09-06T07:00:30Z'), parseSchedule('*/1 * * * *'), true);
  assert.equal(iso(r.mostRecent), '2018-09-06T07:00:00.000Z');
  assert.equal(r.missed, 'few');
  assert.equal(iso(r.earliest), '2018-09-06T06:57:00.000Z');
});

test('mostRecentScheduleTime: nothing due, exactly one due, from lastScheduleTime', () => {
  const s = parseSchedule('*/1 * * * *');
  const cj = cronJob('2018-09-06T06:57:00Z', {}, '2018-09-06T06:58:00Z');
  assert.equal(mostRecentScheduleTime(cj, at('2018-09-06T06:58:59Z'), s, true).mostRecent, undefined);
  const one = mostRecentScheduleTime(cj, at('2018-09-06T06:59:00Z'), s, true);
  assert.deepEqual([iso(one.mostRecent), one.missed], ['2018-09-06T06:59:00.000Z', 'none']);
});

test('mostRecentScheduleTime: a year of minutes missed costs a handful of steps and counts as many', () => {
  const s = parseSchedule('*/1 * * * *');
  let calls = 0;
  const counting = { next: (ms: number) => (calls++, s.next(ms)) } as typeof s;
  const r = mostRecentScheduleTime(cronJob('2017-09-06T06:57:00Z'), at('2018-09-06T06:57:30Z'), counting, true);
  assert.equal(iso(r.mostRecent), '2018-09-06T06:57:00.000Z');
  assert.equal(r.missed, 'many');
  assert.ok(calls <= 5, `${calls} calls`);
});

test('mostRecentScheduleTime: startingDeadlineSeconds moves the earliest time up to now − deadline', () => {
  const s = parseSchedule('*/1 * * * *');
  const cj = cronJob('2018-09-06T06:00:00Z', { startingDeadlineSeconds: 20 });
  assert.equal(mostRecentScheduleTime(cj, at('2018-09-06T07:10:30Z'), s, true).mostRecent, undefined);
  assert.equal(iso(mostRecentScheduleTime(cj, at('2018-09-06T07:10:15Z'), s, true).mostRecent), '2018-09-06T07:10:00.000Z');
  // Without it (as nextScheduleTimeDuration asks), everything since creation counts.
  assert.equal(mostRecentScheduleTime(cj, at('2018-09-06T07:10:30Z'), s, false).missed, 'few');
});

test('nextScheduleTimeDuration: 100 ms after the next scheduled time', () => {
  const s = parseSchedule('0 2 * * *');
  assert.equal(nextScheduleTimeDuration(cronJob('2018-09-06T06:57:00Z'), at('2018-09-06T06:57:00Z'), s), at('2018-09-07T02:00:00.100Z') - at('2018-09-06T06:57:00Z'));
  // Right after a run: the one after it.
  const ran = cronJob('2018-09-06T06:57:00Z', {}, '2018-09-07T02:00:00Z');
  assert.equal(nextScheduleTimeDuration(ran, at('2018-09-07T02:00:00.100Z'), s), 24 * 3600_000);
  // Missed runs: from the most recent one.
  assert.equal(nextScheduleTimeDuration(cronJob('2018-09-06T06:57:00Z'), at('2018-09-10T12:00:00Z'), s), at('2018-09-11T02:00:00.100Z') - at('2018-09-10T12:00:00Z'));
});

test('Job names: minutes since the epoch', () => {
  assert.equal(getJobName(cronJob('2018-09-06T06:57:00Z'), at('2018-09-07T02:00:00Z')), 'hello-25604760');
  assert.equal(getJobName(cronJob('2018-09-06T06:57:00Z'), at('2024-01-01T00:00:00Z')), 'hello-28401120');
});

test('byJobStartTime: oldest start first, unstarted last, ties by name', () => {
  const job = (name: string, startTime?: string): Job => ({ metadata: { name }, status: { startTime } });
  const sorted = [job('d'), job('c', '2018-09-06T07:00:00Z'), job('b', '2018-09-06T06:00:00Z'), job('a', '2018-09-06T07:00:00Z'), job('e')].sort(byJobStartTime);
  assert.deepEqual(sorted.map((j) => j.metadata?.name), ['b', 'a', 'c', 'd', 'e']);
});

test('RFC 3339 in the CronJob\'s zone, RFC 1123Z in UTC', () => {
  assert.equal(formatInZone(at('2018-09-06T18:00:00Z'), undefined), '2018-09-06T18:00:00Z');
  assert.equal(formatInZone(at('2018-09-06T18:00:00Z'), 'Asia/Shanghai'), '2018-09-07T02:00:00+08:00');
  assert.equal(formatInZone(at('2024-01-15T07:00:00Z'), 'America/New_York'), '2024-01-15T02:00:00-05:00');
  assert.equal(formatInZone(at('2024-01-15T07:00:00Z'), 'Asia/Kolkata'), '2024-01-15T12:30:00+05:30');
  assert.equal(formatRfc1123z(at('2018-09-07T02:00:00Z')), 'Fri, 07 Sep 2018 02:00:00 +0000');
});

test('formatSchedule: the timeZone becomes a TZ= prefix for robfig', () => {
  assert.equal(formatSchedule(cronJob('2018-09-06T06:57:00Z', { schedule: '0 2 * * *', timeZone: 'Asia/Shanghai' })), 'TZ=Asia/Shanghai 0 2 * * *');
  assert.equal(formatSchedule(cronJob('2018-09-06T06:57:00Z', { schedule: '0 2 * * *', timeZone: 'Mars/Base' })), '0 2 * * *');
  let warned = false;
  assert.equal(formatSchedule(cronJob('2018-09-06T06:57:00Z', { schedule: 'TZ=UTC 0 2 * * *' }), () => (warned = true)), 'TZ=UTC 0 2 * * *');
  assert.ok(warned);
});
