import type { HorizontalPodAutoscaler, HPAScalingRules, MetricTarget } from 'kubernetes-types/autoscaling/v2.js';
import type { KubeObject } from '../../store/object.ts';
import { badRequestError } from '../errors.ts';
import { Quantity, QuantityError } from '../quantity.ts';
import type { KindInfo } from '../registry.ts';
import { validateHorizontalPodAutoscalerSpec } from '../validation/hpa.ts';
import { validateObjectMeta, validateObjectMetaUpdate } from '../validation/meta.ts';
import { horizontalPodAutoscalerFromV1 } from './hpa-v1.ts';

/** autoscaling.DefaultCPUUtilization: the target when an autoscaler names no metric. */
export const DEFAULT_CPU_UTILIZATION = 80;

/**
 * The default scaling rules (pkg/apis/autoscaling/v2/defaults.go): scale up by at most 4 pods or
 * 100% per 15 s, whichever is more, with no stabilization; scale down by at most 100% per 15 s,
 * with the controller's stabilization window (--horizontal-pod-autoscaler-downscale-stabilization,
 * 5 minutes) since the scale-down rules leave stabilizationWindowSeconds unset.
 */
export function defaultScaleUpRules(): HPAScalingRules {
  return {
    stabilizationWindowSeconds: 0,
    selectPolicy: 'Max',
    policies: [
      { type: 'Pods', value: 4, periodSeconds: 15 },
      { type: 'Percent', value: 100, periodSeconds: 15 },
    ],
  };
}

export function defaultScaleDownRules(): HPAScalingRules {
  return { selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] };
}

/** copyHPAScalingRules: the given fields over the defaults (a null field counts as unset). */
function withDefaults(given: HPAScalingRules | undefined | null, defaults: HPAScalingRules): HPAScalingRules {
  if (!given) return defaults;
  const out = { ...defaults };
  if (given.selectPolicy != null) out.selectPolicy = given.selectPolicy;
  if (given.stabilizationWindowSeconds != null) out.stabilizationWindowSeconds = given.stabilizationWindowSeconds;
  if (given.policies != null) out.policies = given.policies;
  return out;
}

/**
 * Quantities of metric targets are read by the decoder, so text that is not a quantity fails the
 * request, and the rest are stored in canonical form (`0.5` → `500m`).
 */
function canonicalTargets(hpa: HorizontalPodAutoscaler): void {
  for (const m of hpa.spec?.metrics ?? []) {
    for (const source of [m.resource, m.containerResource, m.pods, m.object, m.external]) {
      const target = source?.target as { value?: string; averageValue?: string } | undefined;
      if (!target) continue;
      for (const field of ['value', 'averageValue'] as const) {
        if (target[field] === undefined || target[field] === null) continue;
        try {
          target[field] = Quantity.parse(String(target[field]).trim()).toString();
        } catch (e) {
          if (!(e instanceof QuantityError)) throw e;
          throw badRequestError(`HorizontalPodAutoscaler in version "v2" cannot be handled as a HorizontalPodAutoscaler: ${e.message}`);
        }
      }
    }
  }
}

/** SetDefaults_HorizontalPodAutoscaler (v2): minReplicas 1, 80% CPU when no metric, behaviour filled in if present. */
function setDefaults(obj: KubeObject): void {
  const hpa = obj as HorizontalPodAutoscaler;
  hpa.spec ??= { maxReplicas: 0, scaleTargetRef: { kind: '', name: '' } };
  hpa.spec.minReplicas ??= 1;
  if (!hpa.spec.metrics?.length) {
    const target: MetricTarget = { type: 'Utilization', averageUtilization: DEFAULT_CPU_UTILIZATION };
    hpa.spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target } }];
  }
  if (hpa.spec.behavior) {
    hpa.spec.behavior.scaleUp = withDefaults(hpa.spec.behavior.scaleUp, defaultScaleUpRules());
    hpa.spec.behavior.scaleDown = withDefaults(hpa.spec.behavior.scaleDown, defaultScaleDownRules());
  }
  canonicalTargets(hpa);
}

/**
 * HorizontalPodAutoscalers (autoscaling/v2, the version `kubectl get hpa` reads). autoscaling/v1
 * manifests are accepted too and converted on the way in (hpa-v1.ts). The registry strategy
 * (pkg/registry/autoscaling/horizontalpodautoscaler/strategy.go) keeps no generation and starts
 * every autoscaler with an empty status.
 */
export const horizontalPodAutoscalerKind: KindInfo = {
  kind: 'HorizontalPodAutoscaler',
  group: 'autoscaling',
  version: 'v2',
  resource: 'horizontalpodautoscalers',
  singular: 'horizontalpodautoscaler',
  shortNames: ['hpa'],
  namespaced: true,
  categories: ['all'],
  statusSubresource: true,
  generation: false,
  olderVersions: { v1: horizontalPodAutoscalerFromV1 },
  strategy: {
    defaults: setDefaults,
    prepareForCreate(obj) {
      // HorizontalPodAutoscalerStatus: desiredReplicas and currentMetrics have no omitempty.
      (obj as { status?: unknown }).status = { currentMetrics: null, desiredReplicas: 0 };
    },
    validate: (obj) => [...validateObjectMeta(obj.metadata, true, 'subdomain'), ...validateHorizontalPodAutoscalerSpec(obj as HorizontalPodAutoscaler, 1)],
    validateUpdate(obj, old) {
      // An autoscaler that already scales to zero may keep doing so with the gate off.
      const lowerBound = (old as HorizontalPodAutoscaler).spec?.minReplicas === 0 ? 0 : 1;
      return [...validateObjectMetaUpdate(obj.metadata, old.metadata), ...validateHorizontalPodAutoscalerSpec(obj as HorizontalPodAutoscaler, lowerBound)];
    },
  },
};
