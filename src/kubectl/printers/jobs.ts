import type { Job } from 'kubernetes-types/batch/v1.js';
import { Selector } from '../../api/labels.ts';
import { parseRfc3339 } from '../../sim/clock.ts';
import { humanDuration } from '../../sim/duration.ts';
import type { Stored } from '../../store/object.ts';
import { age } from './age.ts';
import { col, type TablePrinter } from './table.ts';
import { containerCells, formatSelector } from './workloads.ts';

/** hasJobCondition (printers.go): the first condition of the type decides. */
function hasCondition(job: Job, type: string): boolean {
  return job.status?.conditions?.find((c) => c.type === type)?.status === 'True';
}

/** The STATUS cell: Complete, Failed, Terminating, Suspended, FailureTarget, else Running. */
export function jobStatus(job: Stored<Job>): string {
  if (hasCondition(job, 'Complete')) return 'Complete';
  if (hasCondition(job, 'Failed')) return 'Failed';
  if (job.metadata.deletionTimestamp) return 'Terminating';
  if (hasCondition(job, 'Suspended')) return 'Suspended';
  if (hasCondition(job, 'FailureTarget')) return 'FailureTarget';
  return 'Running';
}

/** The COMPLETIONS cell: `succeeded/completions`; without completions `n/1`, or `n/1 of p` when parallel. */
export function jobCompletions(job: Job): string {
  const succeeded = job.status?.succeeded ?? 0;
  const completions = job.spec?.completions;
  if (completions != null) return `${succeeded}/${completions}`;
  const parallelism = job.spec?.parallelism ?? 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

/** The DURATION cell: blank until started, running time, then completion − start. */
export function jobDuration(job: Job, now: number): string {
  const start = parseRfc3339(job.status?.startTime);
  if (start === undefined) return '';
  const end = parseRfc3339(job.status?.completionTime);
  return humanDuration((end ?? now) - start);
}

/** printJob (pkg/printers/internalversion/printers.go, v1.32). */
export const jobPrinter: TablePrinter<Stored<Job>> = {
  columns: [
    col('Name', 'Name must be unique within a namespace.'),
    col('Status', 'Status of the job.'),
    col('Completions', 'The number of pods which reached phase Succeeded. The value increases monotonically for a given spec. However, it may decrease in reaction to scale down of elastic indexed jobs.'),
    col('Duration', 'Time required to complete the job.'),
    col('Age', 'CreationTimestamp is a timestamp representing the server time when this object was created.'),
    col('Containers', 'Names of each container in the template.', 1),
    col('Images', 'Images referenced by each container in the template.', 1),
    col('Selector', 'A label query over pods that should match the pod count. Normally, the system sets this field for you. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors', 1),
  ],
  cells(job, now) {
    const [names, images] = containerCells(job.spec?.template);
    let selector: string;
    try {
      selector = formatSelector(Selector.fromLabelSelector(job.spec?.selector));
    } catch {
      selector = '<error>';
    }
    return [job.metadata.name, jobStatus(job), jobCompletions(job), jobDuration(job, now), age(job.metadata.creationTimestamp, now), names, images, selector];
  },
};
