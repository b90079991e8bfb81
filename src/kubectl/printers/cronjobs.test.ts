import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CronJob } from 'kubernetes-types/batch/v1.js';
import type { Stored } from '../../store/object.ts';
import { GET_TABLE, TabWriter } from '../tabwriter.ts';
import { cronJobPrinter } from './cronjobs.ts';
import type { TablePrinter } from './table.ts';
import { buildTable, renderTable } from './render.ts';

const NOW = Date.parse('2018-09-09T06:57:00Z');

function cronJob(name: string, spec: Partial<CronJob['spec']>, status: CronJob['status'] = {}): Stored<CronJob> {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name, namespace: 'default', uid: name, resourceVersion: '1', creationTimestamp: '2018-09-06T06:57:00Z' },
    spec: {
      schedule: '0 2 * * *',
      suspend: false,
      jobTemplate: { spec: { template: { spec: { containers: [{ name: 'backup', image: 'busybox:1.36' }, { name: 'upload', image: 'amazon/aws-cli' }] } } } },
      ...spec,
    } as CronJob['spec'],
    status,
  };
}

const print = (objects: Stored<CronJob>[], wide = false) => renderTable(buildTable(cronJobPrinter as TablePrinter<Stored>, objects, NOW), { wide }, new TabWriter(GET_TABLE));

test('get cronjobs: TIMEZONE <none> when unset, SUSPEND True/False, ACTIVE a count, LAST SCHEDULE an age or <none>', () => {
  const objects = [
    cronJob('backup', {}, { lastScheduleTime: '2018-09-09T02:00:00Z', active: [{ name: 'backup-25608600' }] }),
    cronJob('hello', { schedule: '*/1 * * * *', suspend: true, timeZone: 'Asia/Shanghai' }),
  ];
  assert.equal(
    print(objects),
    ['NAME     SCHEDULE      TIMEZONE        SUSPEND   ACTIVE   LAST SCHEDULE   AGE', 'backup   0 2 * * *     <none>          False     1        4h57m           3d', 'hello    */1 * * * *   Asia/Shanghai   True      0        <none>          3d', ''].join('\n'),
  );
});

test('get cronjobs -o wide: the template\'s containers and images; the template\'s selector, normally <none>', () => {
  assert.equal(
    print([cronJob('backup', {})], true),
    ['NAME     SCHEDULE    TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE   CONTAINERS      IMAGES                        SELECTOR', 'backup   0 2 * * *   <none>     False     0        <none>          3d    backup,upload   busybox:1.36,amazon/aws-cli   <none>', ''].join('\n'),
  );
});
