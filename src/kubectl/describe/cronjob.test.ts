import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CronJob } from 'kubernetes-types/batch/v1.js';
import type { Event } from 'kubernetes-types/core/v1.js';
import type { Stored } from '../../store/object.ts';
import { describeCronJob } from './cronjob.ts';

const NOW = Date.parse('2018-09-08T02:00:30Z');

const BACKUP: Stored<CronJob> = {
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name: 'backup', namespace: 'default', uid: 'cj', resourceVersion: '9', labels: { app: 'db' }, annotations: { owner: 'dba' }, creationTimestamp: '2018-09-06T06:57:00Z' },
  spec: {
    schedule: '0 2 * * *',
    timeZone: 'Asia/Shanghai',
    concurrencyPolicy: 'Forbid',
    suspend: false,
    successfulJobsHistoryLimit: 3,
    failedJobsHistoryLimit: 1,
    startingDeadlineSeconds: 600,
    jobTemplate: {
      spec: {
        backoffLimit: 2,
        activeDeadlineSeconds: 3600,
        template: {
          metadata: { labels: { app: 'db-backup' } },
          spec: {
            restartPolicy: 'OnFailure',
            containers: [{ name: 'backup', image: 'busybox:1.36', command: ['sh', '-c', 'echo dumping; sleep 5'] }],
          },
        },
      },
    },
  },
  status: { lastScheduleTime: '2018-09-07T18:00:00Z', active: [{ name: 'backup-25605720' }, { name: 'backup-25607160' }] },
};

function event(reason: string, message: string, at: string, count = 1, type = 'Normal'): Stored<Event> {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `backup.${reason}`, namespace: 'default', uid: reason, resourceVersion: '1' },
    involvedObject: { kind: 'CronJob', name: 'backup', namespace: 'default', uid: 'cj' },
    reason,
    message,
    type,
    count,
    firstTimestamp: at,
    lastTimestamp: at,
    source: { component: 'cronjob-controller' },
  };
}

test('describe cronjob: describe.go\'s layout, the job template, last schedule time, active jobs, events', () => {
  const events = [event('SuccessfulCreate', 'Created job backup-25607160', '2018-09-07T18:00:00Z'), event('JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid', '2018-09-08T02:00:00Z')];
  assert.equal(
    describeCronJob(BACKUP, events, NOW),
    [
      'Name:                          backup',
      'Namespace:                     default',
      'Labels:                        app=db',
      'Annotations:                   owner: dba',
      'Schedule:                      0 2 * * *',
      'Concurrency Policy:            Forbid',
      'Suspend:                       False',
      'Successful Job History Limit:  3',
      'Failed Job History Limit:      1',
      'Starting Deadline Seconds:     600s',
      'Selector:                      <unset>',
      'Parallelism:                   <unset>',
      'Completions:                   <unset>',
      'Active Deadline Seconds:       3600s',
      'Pod Template:',
      '  Labels:  app=db-backup',
      '  Containers:',
      '   backup:',
      '    Image:      busybox:1.36',
      '    Port:       <none>',
      '    Host Port:  <none>',
      '    Command:',
      '      sh',
      '      -c',
      '      echo dumping; sleep 5',
      '    Environment:     <none>',
      '    Mounts:          <none>',
      '  Volumes:           <none>',
      '  Node-Selectors:    <none>',
      '  Tolerations:       <none>',
      // Neither the time zone nor lastSuccessfulTime is shown; the time is the terminal's (UTC).
      'Last Schedule Time:  Fri, 07 Sep 2018 18:00:00 +0000',
      'Active Jobs:         backup-25605720, backup-25607160',
      'Events:',
      '  Type    Reason            Age   From                Message',
      '  ----    ------            ----  ----                -------',
      '  Normal  SuccessfulCreate  8h    cronjob-controller  Created job backup-25607160',
      '  Normal  JobAlreadyActive  30s   cronjob-controller  Not starting job because prior execution is running and concurrency policy is Forbid',
      '',
    ].join('\n'),
  );
});

test('describe cronjob: nothing scheduled yet, no events', () => {
  const fresh: Stored<CronJob> = { ...BACKUP, metadata: { ...BACKUP.metadata, labels: undefined, annotations: undefined }, spec: { ...BACKUP.spec!, startingDeadlineSeconds: undefined }, status: {} };
  const text = describeCronJob(fresh, [], NOW);
  assert.match(text, /\nStarting Deadline Seconds:\s+<unset>\n/);
  assert.match(text, /\nLast Schedule Time:\s+<unset>\nActive Jobs:\s+<none>\nEvents:\s+<none>\n$/);
});
