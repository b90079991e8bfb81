import type { ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { Event, Pod, ReplicationController } from 'kubernetes-types/core/v1.js';
import { Selector } from '../../api/labels.ts';
import type { Stored } from '../../store/object.ts';
import type { KubectlContext } from '../context.ts';
import { describeEvents } from './events.ts';
import { controllerName, formatLabels, formatLabelSelector } from './format.ts';
import { printAnnotationsMultiline, printLabelsMultiline } from './multiline.ts';
import { describePodTemplate } from './pod-template.ts';
import { DescribeWriter, LEVEL_0, LEVEL_1 } from './writer.ts';

/** Pods of a controller by phase: the `Pods Status:` line. */
export interface PodCounts {
  running: number;
  waiting: number;
  succeeded: number;
  failed: number;
}

/**
 * getPodStatusForController (describe.go): the pods the selector matches in the controller's
 * namespace whose controller ownerReference is this controller, counted by phase. (Read through
 * the controller index: the same pods, without listing the namespace.)
 */
export function podCountsFor(ctx: KubectlContext, namespace: string | undefined, selector: Selector, uid: string): PodCounts {
  const counts: PodCounts = { running: 0, waiting: 0, succeeded: 0, failed: 0 };
  for (const pod of ctx.store.byIndex<Pod>('pods', 'controller', uid)) {
    if (pod.metadata.namespace !== namespace || !selector.matches(pod.metadata.labels)) continue;
    const phase = pod.status?.phase;
    if (phase === 'Running') counts.running++;
    else if (phase === 'Pending') counts.waiting++;
    else if (phase === 'Succeeded') counts.succeeded++;
    else if (phase === 'Failed') counts.failed++;
  }
  return counts;
}

/**
 * describeReplicaSet and describeReplicationController (describe.go) share one layout; they differ
 * in how the selector prints (a LabelSelector vs a plain map) and in that only a ReplicaSet shows
 * `Controlled By` (its Deployment).
 */
export function describeReplicaSet(obj: Stored<ReplicaSet> | Stored<ReplicationController>, counts: PodCounts, events: readonly Stored<Event>[] | undefined, now: number): string {
  const w = new DescribeWriter();
  const isReplicaSet = obj.kind === 'ReplicaSet';
  w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
  const selector = isReplicaSet ? formatLabelSelector((obj as ReplicaSet).spec?.selector) : formatLabels((obj as ReplicationController).spec?.selector);
  w.write(LEVEL_0, `Selector:\t${selector}\n`);
  printLabelsMultiline(w, 'Labels', obj.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
  const controlledBy = isReplicaSet ? controllerName(obj) : '';
  if (controlledBy) w.write(LEVEL_0, `Controlled By:\t${controlledBy}\n`);
  w.write(LEVEL_0, `Replicas:\t${obj.status?.replicas ?? 0} current / ${obj.spec?.replicas ?? 0} desired\n`);
  w.write(LEVEL_0, `Pods Status:\t${counts.running} Running / ${counts.waiting} Waiting / ${counts.succeeded} Succeeded / ${counts.failed} Failed\n`);
  describePodTemplate(w, obj.spec?.template);
  const conditions = obj.status?.conditions ?? [];
  if (conditions.length) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tReason\n');
    w.write(LEVEL_1, '----\t------\t------\n');
    for (const c of conditions) w.write(LEVEL_1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
  }
  if (events) describeEvents(w, events, now);
  return w.text();
}

/** The selector a ReplicaSet or ReplicationController counts its pods with. */
export function controllerSelector(obj: ReplicaSet | ReplicationController, kind: string): Selector {
  return kind === 'ReplicaSet' ? Selector.fromLabelSelector((obj as ReplicaSet).spec?.selector) : Selector.fromSet((obj as ReplicationController).spec?.selector);
}
