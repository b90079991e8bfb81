import type { CronJob, JobTemplateSpec } from 'kubernetes-types/batch/v1.js';
import type { Event, ObjectReference } from 'kubernetes-types/core/v1.js';
import { Selector } from '../../api/labels.ts';
import type { Stored } from '../../store/object.ts';
import { printBoolPtr } from '../printers/cronjobs.ts';
import { describeEvents } from './events.ts';
import { rfc1123z } from './format.ts';
import { printAnnotationsMultiline, printLabelsMultiline } from './multiline.ts';
import { describePodTemplate } from './pod-template.ts';
import { DescribeWriter, LEVEL_0 } from './writer.ts';

/** describeJobTemplate: the template's selector and counts, `<unset>` when absent, then its pod template. */
function describeJobTemplate(w: DescribeWriter, template: JobTemplateSpec | undefined): void {
  const spec = template?.spec;
  if (spec?.selector) {
    let text: string;
    try {
      text = Selector.fromLabelSelector(spec.selector).toString();
    } catch (e) {
      text = `Failed to get selector: ${(e as Error).message}`;
    }
    w.write(LEVEL_0, `Selector:\t${text}\n`);
  } else {
    w.write(LEVEL_0, 'Selector:\t<unset>\n');
  }
  w.write(LEVEL_0, `Parallelism:\t${spec?.parallelism ?? '<unset>'}\n`);
  w.write(LEVEL_0, `Completions:\t${spec?.completions ?? '<unset>'}\n`);
  if (spec?.activeDeadlineSeconds != null) w.write(LEVEL_0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
  describePodTemplate(w, spec?.template);
}

/** printActiveJobs: the names on one line, comma-separated; `<none>`. */
function printActiveJobs(w: DescribeWriter, title: string, jobs: readonly ObjectReference[] | undefined): void {
  w.write(LEVEL_0, `${title}:\t`);
  if (!jobs?.length) {
    w.line('<none>');
    return;
  }
  w.write(LEVEL_0, jobs.map((j) => j.name ?? '').join(', '));
  w.line('');
}

/**
 * describeCronJob (staging/src/k8s.io/kubectl/pkg/describe/describe.go, v1.32). It shows neither
 * the time zone nor lastSuccessfulTime, and times are in the terminal's zone (UTC here).
 */
export function describeCronJob(cj: Stored<CronJob>, events: readonly Stored<Event>[] | undefined, now: number): string {
  const w = new DescribeWriter();
  const spec = cj.spec;
  w.write(LEVEL_0, `Name:\t${cj.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${cj.metadata.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', cj.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', cj.metadata.annotations);
  w.write(LEVEL_0, `Schedule:\t${spec?.schedule ?? ''}\n`);
  w.write(LEVEL_0, `Concurrency Policy:\t${spec?.concurrencyPolicy ?? ''}\n`);
  w.write(LEVEL_0, `Suspend:\t${printBoolPtr(spec?.suspend)}\n`);
  w.write(LEVEL_0, `Successful Job History Limit:\t${spec?.successfulJobsHistoryLimit ?? '<unset>'}\n`);
  w.write(LEVEL_0, `Failed Job History Limit:\t${spec?.failedJobsHistoryLimit ?? '<unset>'}\n`);
  w.write(LEVEL_0, `Starting Deadline Seconds:\t${spec?.startingDeadlineSeconds != null ? `${spec.startingDeadlineSeconds}s` : '<unset>'}\n`);
  describeJobTemplate(w, spec?.jobTemplate);
  const last = cj.status?.lastScheduleTime;
  w.write(LEVEL_0, `Last Schedule Time:\t${last ? rfc1123z(last) : '<unset>'}\n`);
  printActiveJobs(w, 'Active Jobs', cj.status?.active);
  if (events) describeEvents(w, events, now);
  return w.text();
}
