import type { HorizontalPodAutoscaler as HpaV1 } from 'kubernetes-types/autoscaling/v1.js';
import type { HorizontalPodAutoscaler, HorizontalPodAutoscalerBehavior } from 'kubernetes-types/autoscaling/v2.js';
import type { KubeObject } from '../../store/object.ts';

/** The annotations autoscaling/v1 uses to round-trip what only v2 can say (pkg/apis/autoscaling/annotations.go). */
const ROUND_TRIP_ANNOTATIONS = [
  'autoscaling.alpha.kubernetes.io/metrics',
  'autoscaling.alpha.kubernetes.io/current-metrics',
  'autoscaling.alpha.kubernetes.io/conditions',
  'autoscaling.alpha.kubernetes.io/behavior',
];
const BEHAVIOR_ANNOTATION = 'autoscaling.alpha.kubernetes.io/behavior';

/**
 * Convert_v1_HorizontalPodAutoscaler_To_autoscaling_HorizontalPodAutoscaler
 * (pkg/apis/autoscaling/v1/conversion.go), as far as a client writes it: targetCPUUtilizationPercentage
 * becomes a CPU Utilization metric, the behaviour annotation becomes spec.behavior, and the
 * round-trip annotations are dropped. (Other metrics in the `metrics` annotation are not read.)
 * The result is an autoscaling/v2 object, which v2 defaulting then completes.
 */
export function horizontalPodAutoscalerFromV1(obj: KubeObject): KubeObject {
  const v1 = obj as HpaV1;
  const annotations = { ...(v1.metadata?.annotations ?? {}) };
  let behavior: HorizontalPodAutoscalerBehavior | undefined;
  const behaviorText = annotations[BEHAVIOR_ANNOTATION];
  if (behaviorText) {
    try {
      const parsed = JSON.parse(behaviorText) as HorizontalPodAutoscalerBehavior | null;
      if (parsed && (parsed.scaleUp || parsed.scaleDown)) behavior = parsed;
    } catch {
      // upstream ignores an annotation that does not unmarshal
    }
  }
  for (const a of ROUND_TRIP_ANNOTATIONS) delete annotations[a];
  const spec = v1.spec;
  const out: HorizontalPodAutoscaler = {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { ...v1.metadata, ...(Object.keys(annotations).length ? { annotations } : { annotations: undefined }) },
    spec: {
      scaleTargetRef: { ...(spec?.scaleTargetRef ?? { kind: '', name: '' }) },
      ...(spec?.minReplicas !== undefined ? { minReplicas: spec.minReplicas } : {}),
      maxReplicas: spec?.maxReplicas ?? 0,
      ...(spec?.targetCPUUtilizationPercentage != null
        ? { metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: spec.targetCPUUtilizationPercentage } } }] }
        : {}),
      ...(behavior ? { behavior } : {}),
    },
  };
  if (out.metadata?.annotations === undefined) delete out.metadata?.annotations;
  return out as KubeObject;
}
