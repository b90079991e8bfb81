import type { MetricSpec, MetricStatus, MetricTarget } from 'kubernetes-types/autoscaling/v2.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { Quantity } from '../../api/quantity.ts';
import type { Selector } from '../../api/labels.ts';
import type { PodMetricsSource } from '../../node/metrics.ts';
import { getRawResourceReplicas, getResourceMetric, getResourceReplicas, ReplicaCalculationError } from './replica-calculator.ts';

/**
 * computeReplicasForMetric and the computeStatusFor…Metric functions (horizontal.go): one metric
 * spec's replica proposal and MetricStatus, or the condition and error of its failure, with
 * upstream's layers of error wording. Only resource metrics exist here (there is a
 * metrics-server, but no custom or external metrics API).
 */

/** What a metric computation reads. */
export interface MetricContext {
  source: PodMetricsSource;
  namespace: string;
  selector: Selector;
  pods: readonly Pod[];
  now: number;
  /** The scale's spec.replicas. */
  specReplicas: number;
  /** Records a Warning event on the autoscaler. */
  warn(reason: string, message: string): void;
}

export type MetricResult =
  | { ok: true; replicas: number; metricName: string; status: MetricStatus }
  | { ok: false; error: string; condition: { reason: string; message: string } };

/** resource.NewMilliQuantity(v, DecimalSI).String(). */
export function milliQuantity(milli: number): string {
  return Quantity.parse(`${milli}m`).toString();
}

/** getUnableComputeReplicaCountCondition: a Warning event and the ScalingActive=False condition. */
function unable(ctx: MetricContext, reason: string, message: string, error = message): MetricResult {
  ctx.warn(reason, message);
  return { ok: false, error, condition: { reason, message: `the HPA was unable to compute the replica count: ${message}` } };
}

/**
 * computeStatusForResourceMetricGeneric: an averageValue target compares average usage with it;
 * a Utilization target compares usage as a percentage of the pods' requests.
 */
function resourceProposal(ctx: MetricContext, target: MetricTarget | undefined, resource: string, container: string): { replicas: number; metricName: string; current: NonNullable<MetricStatus['resource']>['current'] } {
  // GetResourceReplicas and GetRawResourceReplicas wrap the metrics client's errors.
  const metrics = () => {
    try {
      return getResourceMetric(ctx.source, resource, ctx.namespace, ctx.selector, container);
    } catch (e) {
      if (!(e instanceof ReplicaCalculationError)) throw e;
      throw new ReplicaCalculationError(`unable to get metrics for resource ${resource}: ${e.message}`);
    }
  };
  const input = () => ({ currentReplicas: ctx.specReplicas, pods: ctx.pods, metrics: metrics(), resource, container, now: ctx.now });
  if (target?.averageValue !== undefined) {
    let result;
    try {
      result = getRawResourceReplicas(input(), Quantity.parse(String(target.averageValue)).milliValue());
    } catch (e) {
      if (!(e instanceof ReplicaCalculationError)) throw e;
      throw new ReplicaCalculationError(`failed to get ${resource} usage: ${e.message}`);
    }
    return { replicas: result.replicas, metricName: `${resource} resource`, current: { averageValue: milliQuantity(result.usage) } };
  }
  if (target?.averageUtilization === undefined) {
    throw new ReplicaCalculationError('invalid resource metric source: neither an average utilization target nor an average value (usage) target was set');
  }
  let result;
  try {
    result = getResourceReplicas(input(), target.averageUtilization);
  } catch (e) {
    if (!(e instanceof ReplicaCalculationError)) throw e;
    throw new ReplicaCalculationError(`failed to get ${resource} utilization: ${e.message}`);
  }
  const metricName = container ? `${resource} container resource utilization (percentage of request)` : `${resource} resource utilization (percentage of request)`;
  return { replicas: result.replicas, metricName, current: { averageUtilization: result.utilization, averageValue: milliQuantity(result.rawAverage) } };
}

/** computeReplicasForMetric for one metric spec. */
export function computeReplicasForMetric(ctx: MetricContext, spec: MetricSpec): MetricResult {
  switch (spec.type) {
    case 'Resource': {
      const name = spec.resource?.name ?? '';
      try {
        const p = resourceProposal(ctx, spec.resource?.target, name, '');
        return { ok: true, replicas: p.replicas, metricName: p.metricName, status: { type: 'Resource', resource: { name, current: p.current } } };
      } catch (e) {
        if (!(e instanceof ReplicaCalculationError)) throw e;
        return unable(ctx, 'FailedGetResourceMetric', e.message, `failed to get ${name} resource metric value: ${e.message}`);
      }
    }
    case 'ContainerResource': {
      const { name = '', container = '' } = spec.containerResource ?? {};
      try {
        const p = resourceProposal(ctx, spec.containerResource?.target, name, container);
        return { ok: true, replicas: p.replicas, metricName: p.metricName, status: { type: 'ContainerResource', containerResource: { name, container, current: p.current } } };
      } catch (e) {
        if (!(e instanceof ReplicaCalculationError)) throw e;
        return unable(ctx, 'FailedGetContainerResourceMetric', e.message, `failed to get ${container} container metric value: ${e.message}`);
      }
    }
    case 'Pods': {
      // The custom metrics client finds no custom.metrics.k8s.io API in discovery.
      const metric = spec.pods?.metric.name ?? '';
      const message = `unable to get metric ${metric}: unable to fetch metrics from custom metrics API: no custom metrics API (custom.metrics.k8s.io) registered`;
      return unable(ctx, 'FailedGetPodsMetric', message, `failed to get pods metric value: ${message}`);
    }
    case 'Object': {
      // GetObjectMetricReplicas' format string puts its arguments out of order; so does its message.
      const { metric, describedObject } = spec.object ?? { metric: { name: '' }, describedObject: { kind: '', name: '' } };
      const message = `unable to get metric ${metric.name}: ${describedObject.kind} on ${ctx.namespace} ${describedObject.name}/unable to fetch metrics from custom metrics API: no custom metrics API (custom.metrics.k8s.io) registered`;
      return unable(ctx, 'FailedGetObjectMetric', message, `failed to get object metric value: ${message}`);
    }
    case 'External': {
      const metric = spec.external?.metric.name ?? '';
      const message = `failed to get external metric ${metric}: unable to get external metric ${ctx.namespace}/${metric}/nil: unable to fetch metrics from external metrics API: the server could not find the requested resource`;
      return unable(ctx, 'FailedGetExternalMetric', message, `failed to get ${metric} external metric value: ${message}`);
    }
    default: {
      const message = `unknown metric source type "${spec.type}"`;
      return unable(ctx, 'InvalidMetricSourceType', message);
    }
  }
}
