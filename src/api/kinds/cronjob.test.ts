import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CronJob } from 'kubernetes-types/batch/v1.js';
import { Cluster } from '../../cluster.ts';
import { StatusError } from '../errors.ts';

function cronJob(name: string, spec: Partial<CronJob['spec']> & Record<string, unknown> = {}): CronJob {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name },
    spec: {
      schedule: '*/1 * * * *',
      jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'hello', image: 'busybox' }] } } } },
      ...spec,
    } as CronJob['spec'],
  };
}

/** The API server's message for creating `cj`, or '' when it is accepted. */
function createError(cluster: Cluster, cj: CronJob): string {
  try {
    cluster.api.create(cj);
    return '';
  } catch (e) {
    assert.ok(e instanceof StatusError, String(e));
    return e.message;
  }
}

test('defaults: Allow, not suspended, 3 successful and 1 failed Jobs kept, pod defaults in the template', () => {
  const cluster = new Cluster();
  const stored = cluster.api.create(cronJob('hello'));
  assert.equal(stored.spec?.concurrencyPolicy, 'Allow');
  assert.equal(stored.spec?.suspend, false);
  assert.equal(stored.spec?.successfulJobsHistoryLimit, 3);
  assert.equal(stored.spec?.failedJobsHistoryLimit, 1);
  assert.equal(stored.spec?.startingDeadlineSeconds, undefined);
  assert.equal(stored.spec?.timeZone, undefined);
  const pod = stored.spec?.jobTemplate.spec?.template.spec;
  assert.equal(pod?.dnsPolicy, 'ClusterFirst');
  assert.equal(pod?.containers[0].imagePullPolicy, 'Always');
  // Job defaults wait for the Job: no backoffLimit in the template.
  assert.equal(stored.spec?.jobTemplate.spec?.backoffLimit, undefined);
  assert.equal(stored.metadata.generation, 1);
  assert.deepEqual(stored.status, {});
  assert.equal(cluster.api.kinds.resolve('cj')?.kind, 'CronJob');
});

test('validation with the v1.32 API server\'s words', () => {
  const cluster = new Cluster();
  const cases: [CronJob, string][] = [
    [cronJob('bad', { schedule: '*/1 * * *' }), 'CronJob.batch "bad" is invalid: spec.schedule: Invalid value: "*/1 * * *": expected exactly 5 fields, found 4: [*/1 * * *]'],
    [cronJob('bad', { schedule: '0 2 * * 7' }), 'CronJob.batch "bad" is invalid: spec.schedule: Invalid value: "0 2 * * 7": end of range (7) above maximum (6): 7'],
    [cronJob('bad', { schedule: 'H 2 * * *' }), 'CronJob.batch "bad" is invalid: spec.schedule: Invalid value: "H 2 * * *": failed to parse int from H: strconv.Atoi: parsing "H": invalid syntax'],
    [cronJob('bad', { schedule: 'TZ=UTC 0 2 * * *' }), 'CronJob.batch "bad" is invalid: spec.schedule: Invalid value: "TZ=UTC 0 2 * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead'],
    [
      cronJob('bad', { schedule: 'CRON_TZ=Mars/Base 0 2 * * *' }),
      'CronJob.batch "bad" is invalid: [spec.schedule: Invalid value: "CRON_TZ=Mars/Base 0 2 * * *": provided bad location Mars/Base: unknown time zone Mars/Base, spec.schedule: Invalid value: "CRON_TZ=Mars/Base 0 2 * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead]',
    ],
    [cronJob('bad', { schedule: '' }), 'CronJob.batch "bad" is invalid: spec.schedule: Required value'],
    [cronJob('bad', { timeZone: 'Mars/Base' }), 'CronJob.batch "bad" is invalid: spec.timeZone: Invalid value: "Mars/Base": unknown time zone Mars/Base'],
    [cronJob('bad', { timeZone: 'Europe/Berlin/../x' }), 'CronJob.batch "bad" is invalid: spec.timeZone: Invalid value: "Europe/Berlin/../x": unknown time zone Europe/Berlin/../x'],
    [cronJob('bad', { timeZone: '' }), 'CronJob.batch "bad" is invalid: spec.timeZone: Invalid value: "": timeZone must be nil or non-empty string'],
    [cronJob('bad', { timeZone: 'Local' }), 'CronJob.batch "bad" is invalid: spec.timeZone: Invalid value: "Local": timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones'],
    [cronJob('bad', { concurrencyPolicy: 'Sometimes' }), 'CronJob.batch "bad" is invalid: spec.concurrencyPolicy: Unsupported value: "Sometimes": supported values: "Allow", "Forbid", "Replace"'],
    [cronJob('bad', { startingDeadlineSeconds: -1 }), 'CronJob.batch "bad" is invalid: spec.startingDeadlineSeconds: Invalid value: -1: must be greater than or equal to 0'],
    [cronJob('bad', { successfulJobsHistoryLimit: -1 }), 'CronJob.batch "bad" is invalid: spec.successfulJobsHistoryLimit: Invalid value: -1: must be greater than or equal to 0'],
    [
      cronJob('bad', { jobTemplate: { spec: { template: { spec: { containers: [{ name: 'hello', image: 'busybox' }] } } } } }),
      'CronJob.batch "bad" is invalid: spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
    ],
    [
      cronJob('a-name-that-is-longer-than-fifty-two-characters-by-far'),
      'CronJob.batch "a-name-that-is-longer-than-fifty-two-characters-by-far" is invalid: metadata.name: Invalid value: "a-name-that-is-longer-than-fifty-two-characters-by-far": must be no more than 52 characters',
    ],
  ];
  for (const [cj, message] of cases) assert.equal(createError(cluster, cj), message, cj.spec?.schedule);
  assert.equal(cluster.store.count('cronjobs.batch'), 0);
  for (const ok of [cronJob('a', { timeZone: 'Asia/Shanghai' }), cronJob('b', { schedule: '@every 1h' }), cronJob('c', { schedule: '0 0 ? * mon-FRI' }), cronJob('d', { timeZone: 'Etc/UTC' })]) {
    assert.equal(createError(cluster, ok), '', ok.metadata?.name);
  }
});

test('updates: TZ stays allowed in a schedule that already had it, the 52-character limit does not apply', () => {
  const cluster = new Cluster();
  const cj = cluster.api.create(cronJob('hello'));
  const next = { ...cj, spec: { ...cj.spec!, schedule: '*/5 * * * *' } };
  assert.equal(cluster.api.update(next).metadata.generation, 2);
  const withTz = cluster.api.get<CronJob>('cronjobs.batch', 'default', 'hello');
  assert.throws(
    () => cluster.api.update({ ...withTz, spec: { ...withTz.spec!, schedule: 'TZ=UTC */5 * * * *' } }),
    /spec.schedule: Invalid value: "TZ=UTC \*\/5 \* \* \* \*": cannot use TZ or CRON_TZ in schedule, use timeZone field instead/,
  );
});
