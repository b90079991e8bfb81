import type { DaemonSet } from 'kubernetes-types/apps/v1.js';
import type { Event } from 'kubernetes-types/core/v1.js';
import { Selector } from '../../api/labels.ts';
import type { Stored } from '../../store/object.ts';
import { describeEvents } from './events.ts';
import { formatLabels } from './format.ts';
import { printAnnotationsMultiline, printLabelsMultiline } from './multiline.ts';
import { describePodTemplate } from './pod-template.ts';
import type { PodCounts } from './replica-set.ts';
import { DescribeWriter, LEVEL_0 } from './writer.ts';

/**
 * describeDaemonSet (kubectl pkg/describe/describe.go DaemonSetDescriber, v0.32): name, selector,
 * the template's node selector, labels and annotations, the status counts (lines without a tab,
 * so they take no part in the alignment), the pods by phase, the pod template and events. Unlike
 * most describers of that release it prints no Namespace line.
 */
export function describeDaemonSet(ds: Stored<DaemonSet>, counts: PodCounts, events: readonly Stored<Event>[] | undefined, now: number): string {
  const w = new DescribeWriter();
  const status = ds.status;
  w.write(LEVEL_0, `Name:\t${ds.metadata.name}\n`);
  // The selector's String(): empty for an empty selector, not `<none>`.
  w.write(LEVEL_0, `Selector:\t${Selector.fromLabelSelector(ds.spec?.selector).toString()}\n`);
  w.write(LEVEL_0, `Node-Selector:\t${formatLabels(ds.spec?.template?.spec?.nodeSelector)}\n`);
  printLabelsMultiline(w, 'Labels', ds.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', ds.metadata.annotations);
  w.write(LEVEL_0, `Desired Number of Nodes Scheduled: ${status?.desiredNumberScheduled ?? 0}\n`);
  w.write(LEVEL_0, `Current Number of Nodes Scheduled: ${status?.currentNumberScheduled ?? 0}\n`);
  w.write(LEVEL_0, `Number of Nodes Scheduled with Up-to-date Pods: ${status?.updatedNumberScheduled ?? 0}\n`);
  w.write(LEVEL_0, `Number of Nodes Scheduled with Available Pods: ${status?.numberAvailable ?? 0}\n`);
  w.write(LEVEL_0, `Number of Nodes Misscheduled: ${status?.numberMisscheduled ?? 0}\n`);
  w.write(LEVEL_0, `Pods Status:\t${counts.running} Running / ${counts.waiting} Waiting / ${counts.succeeded} Succeeded / ${counts.failed} Failed\n`);
  describePodTemplate(w, ds.spec?.template);
  if (events) describeEvents(w, events, now);
  return w.text();
}
