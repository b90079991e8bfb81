import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Job } from 'kubernetes-types/batch/v1.js';
import { Cluster } from '../../cluster.ts';
import type { KubeObject, Stored } from '../../store/object.ts';
import { runKubectl } from '../index.ts';
import { jobCompletions, jobDuration, jobStatus } from './jobs.ts';

/** printJob (pkg/printers/internalversion/printers.go, v1.32). */
const T0 = Date.UTC(2018, 8, 6, 6, 57, 0);
const at = (s: number) => new Date(T0 + s * 1000).toISOString().replace('.000Z', 'Z');

function stored(spec: Job['spec'], status: Job['status'] = {}, deleting = false): Stored<Job> {
  return { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j', uid: 'u', resourceVersion: '1', creationTimestamp: at(0), ...(deleting ? { deletionTimestamp: at(5) } : {}) }, spec, status } as Stored<Job>;
}

const cond = (type: string, status = 'True') => ({ type, status });

test('STATUS: Complete, then Failed, Terminating, Suspended, FailureTarget, else Running', () => {
  const spec = { template: {} };
  assert.equal(jobStatus(stored(spec, { conditions: [cond('SuccessCriteriaMet'), cond('Complete')] })), 'Complete');
  assert.equal(jobStatus(stored(spec, { conditions: [cond('FailureTarget'), cond('Failed')] })), 'Failed');
  assert.equal(jobStatus(stored(spec, { conditions: [cond('Suspended')] }, true)), 'Terminating');
  assert.equal(jobStatus(stored(spec, { conditions: [cond('Suspended')] })), 'Suspended');
  assert.equal(jobStatus(stored(spec, { conditions: [cond('Suspended', 'False'), cond('FailureTarget')] })), 'FailureTarget');
  // Only the interim success condition: still Running in v1.32's printer.
  assert.equal(jobStatus(stored(spec, { conditions: [cond('SuccessCriteriaMet')] })), 'Running');
});

test('COMPLETIONS: succeeded/completions; without completions n/1, or n/1 of p when parallel', () => {
  assert.equal(jobCompletions({ spec: { completions: 3, template: {} }, status: { succeeded: 2 } }), '2/3');
  assert.equal(jobCompletions({ spec: { parallelism: 1, template: {} }, status: {} }), '0/1');
  assert.equal(jobCompletions({ spec: { parallelism: 4, template: {} }, status: { succeeded: 1 } }), '1/1 of 4');
});

test('DURATION: blank before the start, running time, then completion − start', () => {
  assert.equal(jobDuration({ status: {} }, T0 + 10_000), '');
  assert.equal(jobDuration({ status: { startTime: at(0) } }, T0 + 135_000), '2m15s');
  assert.equal(jobDuration({ status: { startTime: at(0), completionTime: at(16) } }, T0 + 3_600_000), '16s');
});

test('kubectl get jobs, and -o wide, for a finished and a running Job', () => {
  const c = new Cluster();
  const job = (name: string, command: string[], completions?: number): Job & KubeObject => ({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace: 'default' },
    spec: { ...(completions ? { completions } : {}), template: { spec: { restartPolicy: 'Never', containers: [{ name: 'work', image: 'busybox', command }] } } },
  });
  c.api.create(job('quick', ['echo', 'hi'], 2));
  c.api.create(job('long', ['sleep', '3600']));
  c.advance(20_000);
  const get = (...argv: string[]) => runKubectl(c, ['get', 'jobs', ...argv]).stdout;
  assert.equal(get(), ['NAME    STATUS     COMPLETIONS   DURATION   AGE', 'long    Running    0/1           20s        20s', 'quick   Complete   2/2           6s         20s', ''].join('\n'));
  const uid = c.store.get<Job>('jobs.batch', 'default', 'quick')!.metadata.uid;
  assert.equal(get('quick', '-o', 'wide').split('\n')[1], `quick   Complete   2/2           6s         20s   work         busybox   batch.kubernetes.io/controller-uid=${uid}`);
});
