import type { HorizontalPodAutoscaler, HPAScalingRules, MetricSpec, MetricStatus } from 'kubernetes-types/autoscaling/v2.js';
import type { Event } from 'kubernetes-types/core/v1.js';
import type { Stored } from '../../store/object.ts';
import { describeEvents } from './events.ts';
import { rfc1123z } from './format.ts';
import { printAnnotationsMultiline, printLabelsMultiline } from './multiline.ts';
import { DescribeWriter, LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3 } from './writer.ts';

const UNKNOWN = '<unknown>';

/** Go's %q for metric names (plain names need no escapes). */
const quoted = (s: string) => JSON.stringify(s);

/**
 * One line under `Metrics:`. Resource metrics are written in two pieces, the second again at
 * LEVEL_1, so the line reads `  resource cpu on pods  (as a percentage of request):  45% (45m) / 80%`.
 */
function describeMetric(w: DescribeWriter, metric: MetricSpec, status: MetricStatus | undefined): void {
  switch (metric.type) {
    case 'External': {
      const { metric: id, target } = metric.external!;
      if (target.averageValue !== undefined) {
        w.write(LEVEL_1, `${quoted(id.name)} (target average value):\t${status?.external?.current.averageValue ?? UNKNOWN} / ${target.averageValue}\n`);
      } else {
        w.write(LEVEL_1, `${quoted(id.name)} (target value):\t${status?.external ? (status.external.current.value ?? '<nil>') : UNKNOWN} / ${target.value ?? '<nil>'}\n`);
      }
      return;
    }
    case 'Pods':
      w.write(LEVEL_1, `${quoted(metric.pods!.metric.name)} on pods:\t${status?.pods ? (status.pods.current.averageValue ?? '<nil>') : UNKNOWN} / ${metric.pods!.target.averageValue ?? '<nil>'}\n`);
      return;
    case 'Object': {
      const { metric: id, describedObject, target } = metric.object!;
      w.write(LEVEL_1, `"${id.name}" on ${describedObject.kind}/${describedObject.name} `);
      if (target.type === 'AverageValue') w.write(LEVEL_0, `(target average value):\t${status?.object ? (status.object.current.averageValue ?? '<nil>') : UNKNOWN} / ${target.averageValue ?? '<nil>'}\n`);
      else w.write(LEVEL_0, `(target value):\t${status?.object ? (status.object.current.value ?? '<nil>') : UNKNOWN} / ${target.value ?? '<nil>'}\n`);
      return;
    }
    case 'Resource':
    case 'ContainerResource': {
      const isResource = metric.type === 'Resource';
      const source = isResource ? metric.resource! : metric.containerResource!;
      const current = isResource ? status?.resource?.current : status?.containerResource?.current;
      w.write(LEVEL_1, isResource ? `resource ${source.name} on pods` : `resource ${source.name} of container "${metric.containerResource!.container}" on pods`);
      if (source.target.averageValue !== undefined) {
        w.write(LEVEL_0, `:\t${current ? (current.averageValue ?? '<nil>') : UNKNOWN} / ${source.target.averageValue}\n`);
        return;
      }
      const now = current?.averageUtilization !== undefined ? `${current.averageUtilization}% (${current.averageValue ?? '<nil>'})` : UNKNOWN;
      const target = source.target.averageUtilization !== undefined ? `${source.target.averageUtilization}%` : '<auto>';
      w.write(LEVEL_1, `(as a percentage of request):\t${now} / ${target}\n`);
      return;
    }
    default:
      w.write(LEVEL_1, `<unknown metric type ${quoted(metric.type)}>\n`);
  }
}

/** printDirectionBehavior. */
function describeDirection(w: DescribeWriter, direction: string, rules: HPAScalingRules | undefined): void {
  if (!rules) return;
  w.write(LEVEL_1, `${direction}:\n`);
  if (rules.stabilizationWindowSeconds !== undefined) w.write(LEVEL_2, `Stabilization Window: ${rules.stabilizationWindowSeconds} seconds\n`);
  if (rules.policies?.length) {
    w.write(LEVEL_2, `Select Policy: ${rules.selectPolicy ?? 'Max'}\n`);
    w.write(LEVEL_2, 'Policies:\n');
    for (const p of rules.policies) w.write(LEVEL_3, `- Type: ${p.type}\tValue: ${p.value}\tPeriod: ${p.periodSeconds} seconds\n`);
  }
}

/** describeHorizontalPodAutoscalerV2 (staging/src/k8s.io/kubectl/pkg/describe/describe.go at v1.32). */
export function describeHorizontalPodAutoscaler(hpa: Stored<HorizontalPodAutoscaler>, events: readonly Stored<Event>[] | undefined, now: number): string {
  const w = new DescribeWriter();
  const spec = hpa.spec;
  const status = hpa.status;
  w.write(LEVEL_0, `Name:\t${hpa.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${hpa.metadata.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', hpa.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', hpa.metadata.annotations);
  w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(hpa.metadata.creationTimestamp)}\n`);
  w.write(LEVEL_0, `Reference:\t${spec?.scaleTargetRef.kind ?? ''}/${spec?.scaleTargetRef.name ?? ''}\n`);
  w.write(LEVEL_0, 'Metrics:\t( current / target )\n');
  (spec?.metrics ?? []).forEach((m, i) => describeMetric(w, m, status?.currentMetrics?.[i]));
  w.write(LEVEL_0, `Min replicas:\t${spec?.minReplicas !== undefined ? spec.minReplicas : '<unset>'}\n`);
  w.write(LEVEL_0, `Max replicas:\t${spec?.maxReplicas ?? 0}\n`);
  if (spec?.behavior) {
    w.write(LEVEL_0, 'Behavior:\n');
    describeDirection(w, 'Scale Up', spec.behavior.scaleUp);
    describeDirection(w, 'Scale Down', spec.behavior.scaleDown);
  }
  w.write(LEVEL_0, `${spec?.scaleTargetRef.kind ?? ''} pods:\t`);
  w.write(LEVEL_0, `${status?.currentReplicas ?? 0} current / ${status?.desiredReplicas ?? 0} desired\n`);
  if (status?.conditions?.length) {
    w.write(LEVEL_0, 'Conditions:\n');
    w.write(LEVEL_1, 'Type\tStatus\tReason\tMessage\n');
    w.write(LEVEL_1, '----\t------\t------\t-------\n');
    for (const c of status.conditions) w.write(LEVEL_1, `${c.type}\t${c.status}\t${c.reason ?? ''}\t${c.message ?? ''}\n`);
  }
  if (events) describeEvents(w, events, now);
  return w.text();
}
