import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Job, JobSpec } from 'kubernetes-types/batch/v1.js';
import type { Event, Pod } from 'kubernetes-types/core/v1.js';
import { Cluster } from '../../cluster.ts';
import type { KubeObject, Stored } from '../../store/object.ts';

/** The Job controller (pkg/controller/job/job_controller.go) driven through a whole cluster. */
function job(name: string, script: string, spec: Partial<JobSpec> = {}, restartPolicy = 'Never'): Job & KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace: 'default' },
    spec: { template: { spec: { restartPolicy, containers: [{ name: 'worker', image: 'busybox', command: ['sh', '-c', script] }] } }, ...spec },
  };
}

const jobOf = (c: Cluster, name: string) => c.store.get<Job>('jobs.batch', 'default', name)!;
const podsOf = (c: Cluster, j: Stored<Job>) => c.store.byIndex<Pod>('pods', 'controller', j.metadata.uid);
const reasons = (c: Cluster, obj: Stored) => c.events.eventsFor(obj).map((e: Stored<Event>) => e.reason);
const conditionTypes = (j: Job) => (j.status?.conditions ?? []).filter((x) => x.status === 'True').map((x) => x.type);

test('completions 3, parallelism 2: never more than 2 pods at once, then SuccessCriteriaMet and Complete', () => {
  const c = new Cluster();
  c.api.create(job('items', 'sleep 5', { completions: 3, parallelism: 2 }));
  let most = 0;
  c.sim.settle(() => {
    most = Math.max(most, podsOf(c, jobOf(c, 'items')).filter((p) => p.status?.phase !== 'Succeeded').length);
    return false;
  });
  const j = jobOf(c, 'items');
  assert.equal(most, 2);
  assert.equal(j.status?.succeeded, 3);
  assert.equal(j.status?.active, undefined);
  assert.deepEqual(conditionTypes(j), ['SuccessCriteriaMet', 'Complete']);
  assert.equal(j.status?.conditions?.[1].reason, 'CompletionsReached');
  assert.equal(j.status?.completionTime, j.status?.conditions?.[1].lastTransitionTime);
  assert.deepEqual(j.status?.uncountedTerminatedPods, {});
  // Every pod was counted, so none keeps the tracking finalizer.
  assert.ok(podsOf(c, j).every((p) => !p.metadata.finalizers?.length));
  assert.deepEqual(reasons(c, j), ['SuccessfulCreate', 'SuccessfulCreate', 'SuccessfulCreate', 'Completed']);
});

test('without completions (a work queue) the first success ends the Job once its other pods are done', () => {
  const c = new Cluster();
  c.api.create(job('queue', 'sleep 5', { parallelism: 3 }));
  c.settle();
  const j = jobOf(c, 'queue');
  assert.equal(j.spec?.completions, undefined);
  assert.equal(podsOf(c, j).length, 3);
  assert.equal(j.status?.succeeded, 3);
  assert.ok(conditionTypes(j).includes('Complete'));
});

test('restartPolicy Never: failed pods count and stay; one failure more than backoffLimit fails the Job', () => {
  const c = new Cluster();
  c.api.create(job('doomed', 'exit 3', { backoffLimit: 1 }));
  c.settle();
  const j = jobOf(c, 'doomed');
  assert.equal(j.status?.failed, 2);
  assert.deepEqual(conditionTypes(j), ['FailureTarget', 'Failed']);
  assert.equal(j.status?.conditions?.[1].reason, 'BackoffLimitExceeded');
  assert.equal(j.status?.completionTime, undefined);
  const pods = podsOf(c, j);
  assert.equal(pods.length, 2);
  assert.ok(pods.every((p) => p.status?.phase === 'Failed' && !p.metadata.finalizers?.length));
  assert.deepEqual(reasons(c, j), ['SuccessfulCreate', 'SuccessfulCreate', 'BackoffLimitExceeded']);
});

test('backoffLimit 0: the first failure fails the Job, with no replacement', () => {
  const c = new Cluster();
  c.api.create(job('once', 'exit 1', { backoffLimit: 0 }));
  c.settle();
  assert.equal(podsOf(c, jobOf(c, 'once')).length, 1);
  assert.ok(conditionTypes(jobOf(c, 'once')).includes('Failed'));
});

test('restartPolicy OnFailure: restarts count against backoffLimit; the pod is deleted, the Job fails once it is gone', () => {
  const c = new Cluster();
  c.api.create(job('crashy', 'exit 1', { backoffLimit: 2 }, 'OnFailure'));
  let target: number | undefined;
  c.sim.settle(() => {
    target ??= conditionTypes(jobOf(c, 'crashy')).includes('FailureTarget') ? c.clock.now() : undefined;
    return false;
  });
  const j = jobOf(c, 'crashy');
  assert.deepEqual(conditionTypes(j), ['FailureTarget', 'Failed']);
  // Failed comes once the deleted pod is gone (here at once: its container was waiting to restart).
  assert.ok(Date.parse(j.status!.conditions![1].lastTransitionTime!) >= target!);
  assert.equal(podsOf(c, j).length, 0);
  assert.equal(j.status?.failed, 1);
});

test('Indexed: pods <job>-<index>-<5>, each index once, completedIndexes 0-3', () => {
  const c = new Cluster();
  c.api.create(job('idx', 'echo $JOB_COMPLETION_INDEX', { completions: 4, parallelism: 2, completionMode: 'Indexed' }));
  c.settle();
  const j = jobOf(c, 'idx');
  const names = podsOf(c, j).map((p) => p.metadata.name).sort();
  assert.equal(names.length, 4);
  names.forEach((n, i) => assert.match(n, new RegExp(`^idx-${i}-[bcdfghjklmnpqrstvwxz2456789]{5}$`)));
  assert.equal(j.status?.completedIndexes, '0-3');
  assert.equal(j.status?.succeeded, 4);
  const pod = podsOf(c, j).find((p) => p.metadata.name.startsWith('idx-3-'))!;
  assert.equal(pod.spec?.hostname, 'idx-3');
  assert.equal(pod.metadata.labels?.['batch.kubernetes.io/job-completion-index'], '3');
});

test('activeDeadlineSeconds counts from startTime: DeadlineExceeded, the running pod deleted', () => {
  const c = new Cluster();
  c.api.create(job('slow', 'sleep 600', { activeDeadlineSeconds: 20 }));
  c.advance(21_000);
  const j = jobOf(c, 'slow');
  assert.ok(conditionTypes(j).includes('FailureTarget'));
  assert.equal(j.status?.conditions?.[0].reason, 'DeadlineExceeded');
  assert.equal(j.status?.conditions?.[0].lastTransitionTime, '2018-09-06T06:57:20Z');
  assert.ok(podsOf(c, j).every((p) => p.metadata.deletionTimestamp));
});

test('suspend: no pods and Suspended True; resuming resets startTime and runs the Job', () => {
  const c = new Cluster();
  c.api.create(job('later', 'sleep 5', { suspend: true }));
  c.settle();
  let j = jobOf(c, 'later');
  assert.equal(podsOf(c, j).length, 0);
  assert.equal(j.status?.startTime, undefined);
  assert.deepEqual(j.status?.conditions?.map((x) => [x.type, x.status, x.reason]), [['Suspended', 'True', 'JobSuspended']]);
  c.advance(60_000);
  c.api.patch('jobs.batch', 'default', 'later', 'merge', { spec: { suspend: false } });
  c.settle();
  j = jobOf(c, 'later');
  assert.deepEqual(j.status?.conditions?.map((x) => [x.type, x.status, x.reason]).slice(0, 1), [['Suspended', 'False', 'JobResumed']]);
  assert.equal(j.status?.startTime, '2018-09-06T06:58:01Z');
  assert.ok(conditionTypes(j).includes('Complete'));
});

test('a deleted Job takes its pods with it, and their tracking finalizers do not hold them', () => {
  const c = new Cluster();
  c.api.create(job('gone', 'sleep 600'));
  c.advance(5000);
  const j = jobOf(c, 'gone');
  assert.equal(podsOf(c, j).length, 1);
  c.api.delete('jobs.batch', 'default', 'gone', { propagationPolicy: 'Background' });
  c.settle();
  assert.equal(c.store.list('pods', 'default').length, 0);
});
