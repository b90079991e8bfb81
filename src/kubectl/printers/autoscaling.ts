import type { HorizontalPodAutoscaler, MetricSpec, MetricStatus } from 'kubernetes-types/autoscaling/v2.js';
import type { Stored } from '../../store/object.ts';
import { age } from './age.ts';
import { col, type TablePrinter } from './table.ts';

/** formatHPAMetrics shows at most this many metrics, then `+ N more...`. */
const MAX_METRICS = 2;

/**
 * formatHPAMetrics (pkg/printers/internalversion/printers.go at v1.32): `cpu: 45%/80%` for a
 * utilization target (`cpu: <unknown>/80%` before the controller has measured), `cpu: 250m/500m`
 * for an average value, `<current>/<target>` for the others, `(avg)` after per-pod object and
 * external targets; two at most, comma-separated.
 */
export function formatHpaMetrics(specs: readonly MetricSpec[] | undefined, statuses: readonly MetricStatus[] | null | undefined): string {
  if (!specs?.length) return '<none>';
  const list = specs.map((spec, i) => formatMetric(spec, statuses?.[i]));
  if (list.length > MAX_METRICS) return `${list.slice(0, MAX_METRICS).join(', ')} + ${list.length - MAX_METRICS} more...`;
  return list.join(', ');
}

/** One metric's `current/target`; a nil quantity prints `<nil>`, as Quantity.String does. */
function formatMetric(spec: MetricSpec, status: MetricStatus | undefined): string {
  const unknown = '<unknown>';
  switch (spec.type) {
    case 'External': {
      const target = spec.external!.target;
      if (target.averageValue !== undefined) return `${status?.external?.current.averageValue ?? unknown}/${target.averageValue} (avg)`;
      return `${status?.external ? (status.external.current.value ?? '<nil>') : unknown}/${target.value ?? '<nil>'}`;
    }
    case 'Pods':
      return `${status?.pods ? (status.pods.current.averageValue ?? '<nil>') : unknown}/${spec.pods!.target.averageValue ?? '<nil>'}`;
    case 'Object': {
      const target = spec.object!.target;
      if (target.averageValue !== undefined) return `${status?.object?.current.averageValue ?? unknown}/${target.averageValue} (avg)`;
      return `${status?.object ? (status.object.current.value ?? '<nil>') : unknown}/${target.value ?? '<nil>'}`;
    }
    case 'Resource':
    case 'ContainerResource': {
      const source = spec.type === 'Resource' ? spec.resource! : spec.containerResource!;
      const current = spec.type === 'Resource' ? status?.resource?.current : status?.containerResource?.current;
      const present = spec.type === 'Resource' ? !!status?.resource : !!status?.containerResource;
      if (source.target.averageValue !== undefined) return `${source.name}: ${present ? (current?.averageValue ?? '<nil>') : unknown}/${source.target.averageValue}`;
      const now = current?.averageUtilization !== undefined ? `${current.averageUtilization}%` : unknown;
      const target = source.target.averageUtilization !== undefined ? `${source.target.averageUtilization}%` : '<auto>';
      return `${source.name}: ${now}/${target}`;
    }
    default:
      return '<unknown type>';
  }
}

/**
 * printHorizontalPodAutoscaler. The column descriptions are autoscaling/v2beta1's swagger docs,
 * as upstream's column definitions still name them.
 */
export const horizontalPodAutoscalerPrinter: TablePrinter<Stored<HorizontalPodAutoscaler>> = {
  columns: [
    col('Name', 'Name must be unique within a namespace.'),
    col('Reference', 'scaleTargetRef points to the target resource to scale, and is used to the pods for which metrics should be collected, as well as to actually change the replica count.'),
    col(
      'Targets',
      'metrics contains the specifications for which to use to calculate the desired replica count (the maximum replica count across all metrics will be used).  The desired replica count is calculated multiplying the ratio between the target value and the current value by the current number of pods.  Ergo, metrics used must decrease as the pod count is increased, and vice-versa.  See the individual metric source types for more information about how each type of metric must respond.',
    ),
    col('MinPods', 'minReplicas is the lower limit for the number of replicas to which the autoscaler can scale down.  It defaults to 1 pod.  minReplicas is allowed to be 0 if the alpha feature gate HPAScaleToZero is enabled and at least one Object or External metric is configured.  Scaling is active as long as at least one metric value is available.'),
    col('MaxPods', 'maxReplicas is the upper limit for the number of replicas to which the autoscaler can scale up. It cannot be less that minReplicas.'),
    col('Replicas', 'currentReplicas is current number of replicas of pods managed by this autoscaler, as last seen by the autoscaler.'),
    col('Age', 'CreationTimestamp is a timestamp representing the server time when this object was created.'),
  ],
  cells(hpa, now) {
    const ref = hpa.spec?.scaleTargetRef;
    return [
      hpa.metadata.name,
      `${ref?.kind ?? ''}/${ref?.name ?? ''}`,
      formatHpaMetrics(hpa.spec?.metrics, hpa.status?.currentMetrics),
      hpa.spec?.minReplicas !== undefined ? String(hpa.spec.minReplicas) : '<unset>',
      String(hpa.spec?.maxReplicas ?? 0),
      String(hpa.status?.currentReplicas ?? 0),
      age(hpa.metadata.creationTimestamp, now),
    ];
  },
};
