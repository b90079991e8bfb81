import type { Job } from 'kubernetes-types/batch/v1.js';
import type { Event } from 'kubernetes-types/core/v1.js';
import { parseRfc3339 } from '../../sim/clock.ts';
import { humanDuration } from '../../sim/duration.ts';
import type { Stored } from '../../store/object.ts';
import { describeEvents } from './events.ts';
import { controllerName, formatLabelSelector, rfc1123z } from './format.ts';
import { printAnnotationsMultiline, printLabelsMultiline } from './multiline.ts';
import { describePodTemplate } from './pod-template.ts';
import { DescribeWriter, LEVEL_0 } from './writer.ts';

/**
 * describeJob (staging/src/k8s.io/kubectl/pkg/describe/describe.go, v0.32.0): the spec's counts
 * and policies, start and completion, the status counters (`Pods Statuses` from status, not
 * from listing pods), the pod template and the events. There is no Conditions section: a
 * failure shows as its event (BackoffLimitExceeded, DeadlineExceeded).
 */
export function describeJob(job: Stored<Job>, events: readonly Stored<Event>[] | undefined, now: number): string {
  const w = new DescribeWriter();
  const spec = job.spec;
  const status = job.status ?? {};
  w.write(LEVEL_0, `Name:\t${job.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${job.metadata.namespace ?? ''}\n`);
  // LabelSelectorAsSelector: an empty selector prints as nothing, not `<none>`.
  const selector = formatLabelSelector(spec?.selector);
  w.write(LEVEL_0, `Selector:\t${selector === '<none>' ? '' : selector}\n`);
  printLabelsMultiline(w, 'Labels', job.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', job.metadata.annotations);
  const controlledBy = controllerName(job);
  if (controlledBy) w.write(LEVEL_0, `Controlled By:\t${controlledBy}\n`);
  if (spec?.parallelism != null) w.write(LEVEL_0, `Parallelism:\t${spec.parallelism}\n`);
  w.write(LEVEL_0, spec?.completions != null ? `Completions:\t${spec.completions}\n` : 'Completions:\t<unset>\n');
  if (spec?.completionMode) w.write(LEVEL_0, `Completion Mode:\t${spec.completionMode}\n`);
  if (spec?.suspend != null) w.write(LEVEL_0, `Suspend:\t${spec.suspend}\n`);
  if (spec?.backoffLimit != null) w.write(LEVEL_0, `Backoff Limit:\t${spec.backoffLimit}\n`);
  if (spec?.ttlSecondsAfterFinished != null) w.write(LEVEL_0, `TTL Seconds After Finished:\t${spec.ttlSecondsAfterFinished}\n`);
  if (status.startTime) w.write(LEVEL_0, `Start Time:\t${rfc1123z(status.startTime)}\n`);
  if (status.completionTime) w.write(LEVEL_0, `Completed At:\t${rfc1123z(status.completionTime)}\n`);
  if (status.startTime && status.completionTime) {
    w.write(LEVEL_0, `Duration:\t${humanDuration((parseRfc3339(status.completionTime) ?? 0) - (parseRfc3339(status.startTime) ?? 0))}\n`);
  }
  if (spec?.activeDeadlineSeconds != null) w.write(LEVEL_0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
  const counts = `${status.succeeded ?? 0} Succeeded / ${status.failed ?? 0} Failed`;
  if (status.ready == null) w.write(LEVEL_0, `Pods Statuses:\t${status.active ?? 0} Active / ${counts}\n`);
  else w.write(LEVEL_0, `Pods Statuses:\t${status.active ?? 0} Active (${status.ready} Ready) / ${counts}\n`);
  if (spec?.completionMode === 'Indexed') w.write(LEVEL_0, `Completed Indexes:\t${capIndexes(status.completedIndexes ?? '', 50)}\n`);
  describePodTemplate(w, spec?.template);
  if (events) describeEvents(w, events, now);
  return w.text();
}

/** capIndexesListOrNone: `<none>`, or the list cut after the first comma at or past `softLimit` characters, then `...`. */
export function capIndexes(indexes: string, softLimit: number): string {
  if (!indexes) return '<none>';
  const comma = indexes.indexOf(',', softLimit);
  return comma < 0 ? indexes : `${indexes.slice(0, comma + 1)}...`;
}
