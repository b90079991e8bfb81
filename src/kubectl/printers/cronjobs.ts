import type { CronJob } from 'kubernetes-types/batch/v1.js';
import { Selector } from '../../api/labels.ts';
import type { Stored } from '../../store/object.ts';
import { age } from './age.ts';
import { col, type TablePrinter } from './table.ts';
import { containerCells, formatSelector } from './workloads.ts';

/** printBoolPtr: `True`, `False`, or `<unset>` for nil. */
export function printBoolPtr(b: boolean | undefined | null): string {
  return b == null ? '<unset>' : b ? 'True' : 'False';
}

/**
 * printCronJob (pkg/printers/internalversion/printers.go, v1.32): TIMEZONE `<none>` when unset,
 * ACTIVE the number of Jobs in status.active, LAST SCHEDULE the age of lastScheduleTime. The wide
 * SELECTOR is the Job template's, which is normally unset: `<none>`. The descriptions are
 * batch/v1beta1's swagger docs, as upstream's column definitions still name them.
 */
export const cronJobPrinter: TablePrinter<Stored<CronJob>> = {
  columns: [
    col('Name', 'Name must be unique within a namespace.'),
    col('Schedule', 'The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron.'),
    col(
      'Timezone',
      'The time zone name for the given schedule, see https://en.wikipedia.org/wiki/List_of_tz_database_time_zones. If not specified, this will default to the time zone of the kube-controller-manager process. The set of valid time zone names and the time zone offset is loaded from the system-wide time zone database by the API server during CronJob validation and the controller manager during execution. If no system-wide time zone database can be found a bundled version of the database is used instead. If the time zone name becomes invalid during the lifetime of a CronJob or due to a change in host configuration, the controller will stop creating new new Jobs and will create a system event with the reason UnknownTimeZone. More information can be found in https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#time-zones',
    ),
    col('Suspend', 'This flag tells the controller to suspend subsequent executions, it does not apply to already started executions.  Defaults to false.', 0, 'boolean'),
    col('Active', 'A list of pointers to currently running jobs.', 0, 'integer'),
    col('Last Schedule', 'Information when was the last time the job was successfully scheduled.'),
    col('Age', 'CreationTimestamp is a timestamp representing the server time when this object was created.'),
    col('Containers', 'Names of each container in the template.', 1),
    col('Images', 'Images referenced by each container in the template.', 1),
    col('Selector', 'A label query over pods that should match the pod count. Normally, the system sets this field for you. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors', 1),
  ],
  cells(cj, now) {
    const spec = cj.spec;
    const [names, images] = containerCells(spec?.jobTemplate.spec?.template);
    let selector: string;
    try {
      selector = spec?.jobTemplate.spec?.selector ? formatSelector(Selector.fromLabelSelector(spec.jobTemplate.spec.selector)) : '<none>';
    } catch {
      selector = '<error>';
    }
    return [
      cj.metadata.name,
      spec?.schedule ?? '',
      spec?.timeZone ?? '<none>',
      printBoolPtr(spec?.suspend),
      String(cj.status?.active?.length ?? 0),
      cj.status?.lastScheduleTime ? age(cj.status.lastScheduleTime, now) : '<none>',
      age(cj.metadata.creationTimestamp, now),
      names,
      images,
      selector,
    ];
  },
};
