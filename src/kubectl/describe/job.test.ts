import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Job } from 'kubernetes-types/batch/v1.js';
import { Cluster } from '../../cluster.ts';
import { runKubectl } from '../index.ts';
import { capIndexes } from './job.ts';

/** describeJob (staging/src/k8s.io/kubectl/pkg/describe/describe.go, v0.32.0). */
const PI = `apiVersion: batch/v1
kind: Job
metadata:
  name: pi
spec:
  backoffLimit: 4
  activeDeadlineSeconds: 600
  template:
    spec:
      containers:
      - name: pi
        image: perl:5.34.0
        command: ["perl", "-Mbignum=bpi", "-wle", "print bpi(2000)"]
      restartPolicy: Never
`;

test('the documentation example: perl prints π, the Job completes; describe shows it as kubectl 1.32 does', () => {
  const c = new Cluster();
  c.files.set('pi.yaml', PI);
  assert.equal(runKubectl(c, ['apply', '-f', 'pi.yaml']).stdout, 'job.batch/pi created\n');
  c.settle();
  const uid = c.store.get<Job>('jobs.batch', 'default', 'pi')!.metadata.uid;
  const pod = c.store.list('pods', 'default')[0].metadata.name;
  assert.equal(
    runKubectl(c, ['describe', 'job', 'pi']).stdout,
    [
      'Name:                     pi',
      'Namespace:                default',
      `Selector:                 batch.kubernetes.io/controller-uid=${uid}`,
      `Labels:                   batch.kubernetes.io/controller-uid=${uid}`,
      '                          batch.kubernetes.io/job-name=pi',
      `                          controller-uid=${uid}`,
      '                          job-name=pi',
      'Annotations:              <none>',
      'Parallelism:              1',
      'Completions:              1',
      'Completion Mode:          NonIndexed',
      'Suspend:                  false',
      'Backoff Limit:            4',
      'Start Time:               Thu, 06 Sep 2018 06:57:00 +0000',
      'Completed At:             Thu, 06 Sep 2018 06:57:37 +0000',
      'Duration:                 37s',
      'Active Deadline Seconds:  600s',
      'Pods Statuses:            0 Active (0 Ready) / 1 Succeeded / 0 Failed',
      'Pod Template:',
      `  Labels:  batch.kubernetes.io/controller-uid=${uid}`,
      '           batch.kubernetes.io/job-name=pi',
      `           controller-uid=${uid}`,
      '           job-name=pi',
      '  Containers:',
      '   pi:',
      '    Image:      perl:5.34.0',
      '    Port:       <none>',
      '    Host Port:  <none>',
      '    Command:',
      '      perl',
      '      -Mbignum=bpi',
      '      -wle',
      '      print bpi(2000)',
      '    Environment:   <none>',
      '    Mounts:        <none>',
      '  Volumes:         <none>',
      '  Node-Selectors:  <none>',
      '  Tolerations:     <none>',
      'Events:',
      '  Type    Reason            Age   From            Message',
      '  ----    ------            ----  ----            -------',
      `  Normal  SuccessfulCreate  38s   job-controller  Created pod: ${pod}`,
      '  Normal  Completed         1s    job-controller  Job completed',
      '',
    ].join('\n'),
  );
  const digits = runKubectl(c, ['logs', pod]).stdout;
  assert.ok(digits.startsWith('3.14159265358979323846264338327950288419716939937510'));
  // bpi(2000): 2000 significant digits; π runs on …75900|9946…, so the last is rounded up to …75901.
  assert.match(digits, /^3\.\d{1999}\n$/);
  assert.ok(digits.endsWith('8658326459958133904780275901\n'));
});

test('a Job past its backoffLimit: no completion time, the failure as a Warning event', () => {
  const c = new Cluster();
  c.api.create({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'bad', namespace: 'default' }, spec: { backoffLimit: 0, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox', command: ['false'] }] } } } });
  c.settle();
  const out = runKubectl(c, ['describe', 'job', 'bad']).stdout;
  assert.match(out, /\nBackoff Limit:    0\nStart Time:       Thu, 06 Sep 2018 06:57:00 \+0000\nPods Statuses:    0 Active \(0 Ready\) \/ 0 Succeeded \/ 1 Failed\n/);
  assert.doesNotMatch(out, /Completed At/);
  assert.match(out, /\n {2}Warning {2}BackoffLimitExceeded {2}1s {4}job-controller {2}Job has reached the specified backoff limit\n/);
});

test('Completed Indexes: cut after the first comma past 50 characters', () => {
  assert.equal(capIndexes('', 50), '<none>');
  assert.equal(capIndexes('0-2,4', 50), '0-2,4');
  const long = Array.from({ length: 30 }, (_, i) => String(i * 2)).join(',');
  assert.equal(capIndexes(long, 50), `${long.slice(0, long.indexOf(',', 50) + 1)}...`);
});
