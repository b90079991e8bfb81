import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { Event } from 'kubernetes-types/core/v1.js';
import { Selector } from '../../api/labels.ts';
import type { Stored } from '../../store/object.ts';
import { describeEvents } from './events.ts';
import { rfc1123z } from './format.ts';
import { printAnnotationsMultiline, printLabelsMultiline } from './multiline.ts';
import { describePodTemplate } from './pod-template.ts';
import { DescribeWriter, LEVEL_0, LEVEL_1 } from './writer.ts';

/**
 * describeDeployment (describe.go DeploymentDescriber): identity, selector, the replica counts of
 * status, the strategy, the pod template, conditions, the old and new ReplicaSets (only when the
 * Deployment has any) and events.
 */
export function describeDeployment(
  d: Stored<Deployment>,
  replicaSets: { old: readonly ReplicaSet[]; newReplicaSet?: ReplicaSet },
  events: readonly Stored<Event>[] | undefined,
  now: number,
): string {
  const w = new DescribeWriter();
  const spec = d.spec;
  const status = d.status ?? {};
  w.write(LEVEL_0, `Name:\t${d.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${d.metadata.namespace ?? ''}\n`);
  w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(d.metadata.creationTimestamp)}\n`);
  printLabelsMultiline(w, 'Labels', d.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', d.metadata.annotations);
  // The selector's String(): empty for an empty selector, not `<none>`.
  w.write(LEVEL_0, `Selector:\t${Selector.fromLabelSelector(spec?.selector).toString()}\n`);
  w.write(
    LEVEL_0,
    `Replicas:\t${spec?.replicas ?? 0} desired | ${status.updatedReplicas ?? 0} updated | ${status.replicas ?? 0} total | ${status.availableReplicas ?? 0} available | ${status.unavailableReplicas ?? 0} unavailable\n`,
  );
  w.write(LEVEL_0, `StrategyType:\t${spec?.strategy?.type ?? ''}\n`);
  w.write(LEVEL_0, `MinReadySeconds:\t${spec?.minReadySeconds ?? 0}\n`);
  const ru = spec?.strategy?.rollingUpdate;
  if (ru) w.write(LEVEL_0, `RollingUpdateStrategy:\t${intOrStringText(ru.maxUnavailable)} max unavailable, ${intOrStringText(ru.maxSurge)} max surge\n`);
  describePodTemplate(w, spec?.template);
  const conditions = status.conditions ?? [];
  if (conditions.length) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tReason\n');
    w.write(LEVEL_1, '----\t------\t------\n');
    for (const c of conditions) w.write(LEVEL_1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
  }
  const newOnes = replicaSets.newReplicaSet ? [replicaSets.newReplicaSet] : [];
  if (replicaSets.old.length || newOnes.length) {
    w.write(LEVEL_0, `OldReplicaSets:\t${replicaSetsText(replicaSets.old)}\n`);
    w.write(LEVEL_0, `NewReplicaSet:\t${replicaSetsText(newOnes)}\n`);
  }
  if (events) describeEvents(w, events, now);
  return w.text();
}

/** printReplicaSetsByLabels: `name (current/desired replicas created)`, comma-separated, or `<none>`. */
function replicaSetsText(list: readonly ReplicaSet[]): string {
  const text = list.map((rs) => `${rs.metadata?.name ?? ''} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 0} replicas created)`).join(', ');
  return text || '<none>';
}

/** (*IntOrString).String(): the number or the string; `<nil>` when unset. */
function intOrStringText(v: number | string | undefined): string {
  return v === undefined ? '<nil>' : String(v);
}
