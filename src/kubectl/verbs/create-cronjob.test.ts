import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CronJob, Job } from 'kubernetes-types/batch/v1.js';
import { clusterWith, kubectl, ok } from '../apply/testing.ts';

const cronJob = (c: ReturnType<typeof clusterWith>, name: string) => c.store.get<CronJob>('cronjobs.batch', 'default', name);
const job = (c: ReturnType<typeof clusterWith>, name: string) => c.store.get<Job>('jobs.batch', 'default', name);

test('create cronjob: one container named after it, restartPolicy OnFailure, a command after --', () => {
  const c = clusterWith({});
  assert.equal(ok(c, ['create', 'cronjob', 'hello', '--image=busybox', '--schedule=*/1 * * * *', '--', 'date']), 'cronjob.batch/hello created\n');
  const cj = cronJob(c, 'hello')!;
  assert.equal(cj.spec?.schedule, '*/1 * * * *');
  assert.equal(cj.spec?.jobTemplate.metadata?.name, 'hello');
  const pod = cj.spec?.jobTemplate.spec?.template.spec;
  assert.deepEqual([pod?.containers[0].name, pod?.containers[0].image, pod?.containers[0].command, pod?.restartPolicy], ['hello', 'busybox', ['date'], 'OnFailure']);
  assert.equal(ok(c, ['create', 'cj', 'nightly', '--image=busybox', '--schedule=0 2 * * *', '--restart=Never']), 'cronjob.batch/nightly created\n');
  assert.equal(cronJob(c, 'nightly')?.spec?.jobTemplate.spec?.template.spec?.restartPolicy, 'Never');
});

test('create cronjob: required flags, and the API server\'s word on a bad schedule', () => {
  const c = clusterWith({});
  assert.deepEqual(kubectl(c, ['create', 'cronjob', 'hello']), { stdout: '', stderr: 'error: required flag(s) "image", "schedule" not set\n', exitCode: 1 });
  assert.deepEqual(kubectl(c, ['create', 'cronjob', 'hello', '--image=busybox', '--schedule=0 2 * * 7']), {
    stdout: '',
    stderr: 'error: failed to create cronjob: CronJob.batch "hello" is invalid: spec.schedule: Invalid value: "0 2 * * 7": end of range (7) above maximum (6): 7\n',
    exitCode: 1,
  });
  assert.equal(cronJob(c, 'hello'), undefined);
});

test('create job --from=cronjob/NAME: the template, the manual annotation, a controller reference', () => {
  const c = clusterWith({});
  ok(c, ['create', 'cronjob', 'hello', '--image=busybox', '--schedule=0 2 * * *']);
  const cj = cronJob(c, 'hello')!;
  assert.equal(ok(c, ['create', 'job', 'hello-now', '--from=cronjob/hello']), 'job.batch/hello-now created\n');
  const made = job(c, 'hello-now')!;
  assert.equal(made.metadata.annotations?.['cronjob.kubernetes.io/instantiate'], 'manual');
  assert.deepEqual(made.metadata.ownerReferences, [{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'hello', uid: cj.metadata.uid, controller: true }]);
  assert.equal(made.spec?.template.spec?.containers[0].image, 'busybox');
});

test('create job: --image or --from, not both, not neither; --from a CronJob that exists', () => {
  const c = clusterWith({});
  const fails = (argv: string[], stderr: string) => assert.deepEqual(kubectl(c, argv), { stdout: '', stderr: `${stderr}\n`, exitCode: 1 });
  fails(['create', 'job', 'x'], 'error: either --image or --from must be specified');
  fails(['create', 'job', 'x', '--image=busybox', '--from=cronjob/y'], 'error: either --image or --from must be specified');
  fails(['create', 'job', 'x', '--from=cronjob/y', '--', 'date'], 'error: cannot specify --from and command');
  fails(['create', 'job', 'x', '--from=cronjob/nope'], 'Error from server (NotFound): cronjobs.batch "nope" not found');
  fails(['create', 'job', 'x', '--from=deployment/web'], 'error: unknown object type *v1.Deployment');
  assert.equal(ok(c, ['create', 'job', 'once', '--image=busybox', '--', 'echo', 'hi']), 'job.batch/once created\n');
  const pod = job(c, 'once')?.spec?.template.spec;
  assert.deepEqual([pod?.containers[0].name, pod?.containers[0].command, pod?.restartPolicy], ['once', ['echo', 'hi'], 'Never']);
});
