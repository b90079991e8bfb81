import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CronJobHarness } from './testing.ts';

/**
 * The CronJob controller v2 (cronjob_controllerv2.go) against Jobs whose status the test writes.
 * The clock starts at 2018-09-06T06:57:00Z, minute 25603617 since the epoch.
 */

test('a Job per scheduled time, named after its minute since the epoch, made from the template', () => {
  const h = new CronJobHarness();
  const cj = h.createCronJob('hello', { jobTemplate: { metadata: { labels: { app: 'hello' }, annotations: { team: 'ops' } }, spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'c', image: 'busybox' }] } } } } });
  assert.deepEqual(h.jobs(), []);
  h.advanceTo('2018-09-06T06:58:00.100Z');
  assert.deepEqual(h.jobs(), ['hello-25603618']);
  const job = h.job('hello-25603618');
  assert.deepEqual(job.metadata.labels, { app: 'hello' });
  assert.deepEqual(job.metadata.annotations, { team: 'ops', 'batch.kubernetes.io/cronjob-scheduled-timestamp': '2018-09-06T06:58:00Z' });
  assert.deepEqual(job.metadata.ownerReferences, [{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'hello', uid: cj.metadata.uid, controller: true, blockOwnerDeletion: true }]);
  assert.equal(job.metadata.creationTimestamp, '2018-09-06T06:58:00Z');
  assert.equal(job.spec?.template.spec?.containers[0].image, 'busybox');
  const status = h.cronJob('hello').status;
  assert.equal(status?.lastScheduleTime, '2018-09-06T06:58:00Z');
  assert.deepEqual(status?.active, [{ kind: 'Job', namespace: 'default', name: 'hello-25603618', uid: job.metadata.uid, apiVersion: 'batch/v1', resourceVersion: job.metadata.resourceVersion }]);
  assert.deepEqual(h.eventsOf('hello'), ['SuccessfulCreate: Created job hello-25603618']);
});

test('the wake-up is not progress: settle() never runs a schedule; only passing time does', () => {
  const h = new CronJobHarness();
  h.createCronJob('hello');
  const before = h.clock.now();
  h.sim.settle();
  assert.equal(h.clock.now(), before);
  assert.deepEqual(h.jobs(), []);
  // It wakes up 100 ms after each scheduled time.
  h.advanceTo('2018-09-06T06:58:00.099Z');
  assert.deepEqual(h.jobs(), []);
  h.advance(1);
  assert.deepEqual(h.jobs(), ['hello-25603618']);
});

test('Allow: a run that outlasts its interval has company', () => {
  const h = new CronJobHarness();
  h.createCronJob('hello');
  h.advanceTo('2018-09-06T07:00:00.100Z');
  assert.deepEqual(h.jobs(), ['hello-25603618', 'hello-25603619', 'hello-25603620']);
  assert.deepEqual(h.active('hello'), ['hello-25603618', 'hello-25603619', 'hello-25603620']);
});

test('a finished Job leaves status.active (SawCompletedJob); a succeeded one sets lastSuccessfulTime', () => {
  const h = new CronJobHarness();
  h.createCronJob('hello');
  h.advanceTo('2018-09-06T06:58:00.100Z');
  h.start('hello-25603618');
  h.advanceTo('2018-09-06T06:58:05Z');
  h.finish('hello-25603618');
  const status = h.cronJob('hello').status;
  assert.equal(status?.active, undefined, 'an empty list is omitted');
  assert.equal(status?.lastSuccessfulTime, '2018-09-06T06:58:05Z');
  assert.deepEqual(h.eventsOf('hello'), ['SuccessfulCreate: Created job hello-25603618', 'SawCompletedJob: Saw completed job: hello-25603618, status: Complete']);
  h.advanceTo('2018-09-06T06:59:00.100Z');
  h.finish('hello-25603619', 'Failed');
  assert.equal(h.cronJob('hello').status?.lastSuccessfulTime, '2018-09-06T06:58:05Z');
  assert.ok(h.eventsOf('hello').includes('SawCompletedJob: Saw completed job: hello-25603619, status: Failed'));
});

test('history: the oldest finished Jobs beyond the limits are deleted, by start time', () => {
  const h = new CronJobHarness();
  h.createCronJob('hello', { successfulJobsHistoryLimit: 2, failedJobsHistoryLimit: 1 });
  const outcomes = ['Complete', 'Failed', 'Failed', 'Complete', 'Complete'] as const;
  outcomes.forEach((outcome, i) => {
    h.advanceTo(new Date(Date.parse('2018-09-06T06:58:00.100Z') + i * 60_000).toISOString());
    const [newest] = h.active('hello');
    h.start(newest);
    h.advance(5_000);
    h.finish(newest, outcome);
  });
  // 25603618 Complete, 19 Failed, 20 Failed, 21 Complete, 22 Complete: the newest failed one and
  // the two newest succeeded ones stay.
  assert.deepEqual(h.jobs(), ['hello-25603620', 'hello-25603621', 'hello-25603622']);
  assert.deepEqual(
    h.eventsOf('hello').filter((e) => e.startsWith('SuccessfulDelete')),
    ['SuccessfulDelete: Deleted job hello-25603619', 'SuccessfulDelete: Deleted job hello-25603618'],
  );
});

test('history: three successful Jobs by default, however many ran', () => {
  const h = new CronJobHarness();
  h.createCronJob('hello');
  // A Job a minute from 06:58 to 07:07, each finished half a minute after it started.
  h.advanceTo('2018-09-06T06:57:30Z');
  for (let i = 0; i < 10; i++) {
    h.advance(60_000);
    for (const name of h.active('hello')) h.finish(name);
  }
  assert.deepEqual(h.jobs(), ['hello-25603625', 'hello-25603626', 'hello-25603627']);
  assert.equal(h.cronJob('hello').status?.lastSuccessfulTime, '2018-09-06T07:07:30Z');
  assert.equal(h.eventsOf('hello').filter((e) => e.startsWith('SuccessfulDelete')).length, 7);
});

test('Forbid: while a Job runs, scheduled times are skipped (JobAlreadyActive); the latest runs late once it ends', () => {
  const h = new CronJobHarness();
  h.createCronJob('hello', { concurrencyPolicy: 'Forbid' });
  h.advanceTo('2018-09-06T06:58:00.100Z');
  h.start('hello-25603618');
  h.advanceTo('2018-09-06T07:00:00.100Z');
  assert.deepEqual(h.jobs(), ['hello-25603618']);
  const event = h.events.eventsFor(h.cronJob('hello')).find((e) => e.reason === 'JobAlreadyActive');
  assert.equal(event?.message, 'Not starting job because prior execution is running and concurrency policy is Forbid');
  assert.equal(event?.count, 2, '06:59 and 07:00');
  h.advanceTo('2018-09-06T07:00:30Z');
  h.finish('hello-25603618');
  // The sync the finished Job triggers finds 07:00 unmet (lastScheduleTime is still 06:58) and,
  // with no startingDeadlineSeconds to forbid it, starts it 30 s late; 06:59 is never run.
  assert.deepEqual(h.jobs(), ['hello-25603618', 'hello-25603620']);
  assert.equal(h.job('hello-25603620').metadata.creationTimestamp, '2018-09-06T07:00:30Z');
  h.advanceTo('2018-09-06T07:01:00.100Z');
  assert.deepEqual(h.jobs(), ['hello-25603618', 'hello-25603620']);
});

test('Forbid with a startingDeadlineSeconds shorter than the wait: the skipped time stays skipped', () => {
  const h = new CronJobHarness();
  h.createCronJob('hello', { concurrencyPolicy: 'Forbid', startingDeadlineSeconds: 10 });
  h.advanceTo('2018-09-06T06:58:00.100Z');
  h.start('hello-25603618');
  h.advanceTo('2018-09-06T06:59:30Z');
  h.finish('hello-25603618');
  assert.deepEqual(h.jobs(), ['hello-25603618']);
  h.advanceTo('2018-09-06T07:00:00.100Z');
  assert.deepEqual(h.jobs(), ['hello-25603618', 'hello-25603620']);
});

test('Replace: the running Job is deleted and the new one started', () => {
  const h = new CronJobHarness();
  h.createCronJob('hello', { concurrencyPolicy: 'Replace' });
  h.advanceTo('2018-09-06T06:58:00.100Z');
  h.start('hello-25603618');
  h.advanceTo('2018-09-06T06:59:00.100Z');
  assert.deepEqual(h.jobs(), ['hello-25603619']);
  assert.deepEqual(h.active('hello'), ['hello-25603619']);
  assert.deepEqual(h.eventsOf('hello'), ['SuccessfulCreate: Created job hello-25603618', 'SuccessfulDelete: Deleted job hello-25603618', 'SuccessfulCreate: Created job hello-25603619']);
});

test('suspend stops it; unsuspending runs the most recent missed time at once, and only that one', () => {
  const h = new CronJobHarness();
  h.createCronJob('hello', { suspend: true });
  h.advanceTo('2018-09-06T07:10:30Z');
  assert.deepEqual(h.jobs(), []);
  h.patch('hello', { suspend: false });
  assert.deepEqual(h.jobs(), ['hello-25603630']);
  assert.equal(h.cronJob('hello').status?.lastScheduleTime, '2018-09-06T07:10:00Z');
  h.patch('hello', { suspend: true });
  h.advanceTo('2018-09-06T07:20:30Z');
  assert.deepEqual(h.jobs(), ['hello-25603630']);
});

test('startingDeadlineSeconds: a missed time older than the deadline is not started late', () => {
  const h = new CronJobHarness();
  h.createCronJob('hello', { suspend: true, startingDeadlineSeconds: 20 });
  h.advanceTo('2018-09-06T07:10:30Z');
  h.patch('hello', { suspend: false });
  assert.deepEqual(h.jobs(), [], '07:10:00 is 30 s old, past the 20 s deadline');
  h.advanceTo('2018-09-06T07:11:00.100Z');
  assert.deepEqual(h.jobs(), ['hello-25603631']);
  h.patch('hello', { suspend: true });
  h.advanceTo('2018-09-06T07:12:10Z');
  h.patch('hello', { suspend: false });
  assert.deepEqual(h.jobs(), ['hello-25603631', 'hello-25603632'], '07:12:00 is 10 s old, within the deadline');
});

test('more than 100 missed times: a warning, and still the most recent one runs', () => {
  const h = new CronJobHarness();
  h.createCronJob('hello', { suspend: true });
  h.advanceTo('2018-09-06T09:00:30Z');
  h.patch('hello', { suspend: false });
  assert.deepEqual(h.jobs(), ['hello-25603740']);
  assert.deepEqual(h.eventsOf('hello'), ['TooManyMissedTimes: too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew', 'SuccessfulCreate: Created job hello-25603740']);
});

test('a time zone: the schedule is read on its wall clock, the annotation written in it', () => {
  const h = new CronJobHarness();
  h.createCronJob('backup', { schedule: '0 2 * * *', timeZone: 'Asia/Shanghai' });
  // 02:00 in Shanghai is 18:00 UTC.
  h.advanceTo('2018-09-06T18:00:00.100Z');
  assert.deepEqual(h.jobs(), ['backup-25604280']);
  assert.equal(h.job('backup-25604280').metadata.annotations?.['batch.kubernetes.io/cronjob-scheduled-timestamp'], '2018-09-07T02:00:00+08:00');
});

test('a Job the controller did not make (kubectl create job --from) is reported, and not counted as active', () => {
  const h = new CronJobHarness();
  const cj = h.createCronJob('hello', { concurrencyPolicy: 'Forbid' });
  h.api.create({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'manual', namespace: 'default', annotations: { 'cronjob.kubernetes.io/instantiate': 'manual' }, ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'hello', uid: cj.metadata.uid, controller: true }] },
    spec: cj.spec!.jobTemplate.spec!,
  });
  h.sim.drain();
  assert.deepEqual(h.eventsOf('hello'), ['UnexpectedJob: Saw a job that the controller did not create or forgot: manual']);
  h.advanceTo('2018-09-06T06:58:00.100Z');
  assert.deepEqual(h.jobs(), ['hello-25603618', 'manual']);
});

test('an active Job deleted by hand goes missing (MissingJob)', () => {
  const h = new CronJobHarness();
  h.createCronJob('hello');
  h.advanceTo('2018-09-06T06:58:00.100Z');
  h.api.delete('jobs.batch', 'default', 'hello-25603618');
  h.sim.drain();
  assert.deepEqual(h.active('hello'), []);
  assert.ok(h.eventsOf('hello').includes('MissingJob: Active job went missing: hello-25603618'));
});

test('a new schedule takes effect at its own next time', () => {
  const h = new CronJobHarness();
  h.createCronJob('hello', { schedule: '0 * * * *' });
  h.advanceTo('2018-09-06T07:00:00.100Z');
  assert.deepEqual(h.jobs(), ['hello-25603620']);
  h.advanceTo('2018-09-06T07:10:00Z');
  h.patch('hello', { schedule: '*/15 * * * *' });
  h.advanceTo('2018-09-06T07:15:00.100Z');
  assert.deepEqual(h.jobs(), ['hello-25603620', 'hello-25603635']);
});

test('a schedule that never fires twice: InvalidSchedule, and nothing more', () => {
  const h = new CronJobHarness();
  h.createCronJob('never', { schedule: '0 0 31 2 *' });
  h.advance(24 * 3600_000);
  assert.deepEqual(h.jobs(), []);
  assert.deepEqual(h.eventsOf('never'), ['InvalidSchedule: invalid schedule: 0 0 31 2 * : time difference between two schedules is less than 1 second']);
});

test('the Job for the time already exists: ours goes into status.active without a new event; someone else\'s is left alone', () => {
  const h = new CronJobHarness();
  const cj = h.createCronJob('hello');
  const ours = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'hello-25603618', namespace: 'default', ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'hello', uid: cj.metadata.uid, controller: true }] }, spec: cj.spec!.jobTemplate.spec! };
  // A Job the controller made before its status write was lost; it is not in status.active.
  h.api.create(ours);
  h.sim.drain();
  h.advanceTo('2018-09-06T06:58:00.100Z');
  assert.deepEqual(h.active('hello'), ['hello-25603618']);
  assert.ok(!h.eventsOf('hello').some((e) => e.startsWith('SuccessfulCreate')));
  const other = h.createCronJob('other');
  h.api.create({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'other-25603619', namespace: 'default' }, spec: other.spec!.jobTemplate.spec! });
  h.sim.drain();
  h.advanceTo('2018-09-06T06:59:00.100Z');
  assert.deepEqual(h.active('other'), []);
  assert.equal(h.cronJob('other').status?.lastScheduleTime, undefined);
});

test('an old object with TZ= in its schedule still runs, with a warning each time (UnsupportedSchedule)', () => {
  const h = new CronJobHarness();
  const cj = h.createCronJob('legacy', { schedule: '0 2 * * *' });
  // Stored before v1.25 refused it: written past the API server's validation.
  h.store.replace('cronjobs.batch', { ...cj, spec: { ...cj.spec!, schedule: 'TZ=Asia/Shanghai 0 2 * * *' } });
  h.sim.drain();
  h.advanceTo('2018-09-06T18:00:00.100Z');
  assert.deepEqual(h.jobs(), ['legacy-25604280']);
  assert.ok(h.eventsOf('legacy').includes('UnsupportedSchedule: CRON_TZ or TZ used in schedule "TZ=Asia/Shanghai 0 2 * * *" is not officially supported, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details'));
});

test('a time zone the controller cannot load: UnknownTimeZone, no Job', () => {
  const h = new CronJobHarness();
  const cj = h.createCronJob('lost', { schedule: '*/1 * * * *' });
  h.store.replace('cronjobs.batch', { ...cj, spec: { ...cj.spec!, timeZone: 'Mars/Olympus' } });
  h.sim.drain();
  h.advance(120_000);
  assert.deepEqual(h.jobs(), []);
  assert.ok(h.eventsOf('lost').includes('UnknownTimeZone: invalid timeZone: "Mars/Olympus": unknown time zone Mars/Olympus'));
});
