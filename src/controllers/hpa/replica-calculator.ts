import type { Container, Pod } from 'kubernetes-types/core/v1.js';
import { podCondition } from '../../api/pod-util.ts';
import { Quantity } from '../../api/quantity.ts';
import type { Selector } from '../../api/labels.ts';
import type { PodMetrics, PodMetricsSource } from '../../node/metrics.ts';
import { parseRfc3339 } from '../../sim/clock.ts';

/**
 * The replica arithmetic of the HorizontalPodAutoscaler (pkg/controller/podautoscaler/
 * replica_calculator.go and metrics/utilization.go at v1.32), as pure functions of the pods, their
 * metrics and the time. Values are milli-units throughout: millicores for CPU, bytes × 1000 for
 * memory (resource.Quantity.MilliValue).
 */

/** kube-controller-manager's defaults: --horizontal-pod-autoscaler-tolerance, -cpu-initialization-period, -initial-readiness-delay. */
export const TOLERANCE = 0.1;
export const CPU_INITIALIZATION_PERIOD_MS = 5 * 60_000;
export const INITIAL_READINESS_DELAY_MS = 30_000;

/** One pod's usage of one resource (metricsclient.PodMetric). */
export interface PodMetric {
  value: number;
  timestamp: number;
  windowMs: number;
}

/** Metrics by pod name (PodMetricsInfo). */
export type PodMetricsInfo = Map<string, PodMetric>;

/** An error whose message is upstream's, wrapped by each caller as upstream wraps it. */
export class ReplicaCalculationError extends Error {}

const fail = (message: string): never => {
  throw new ReplicaCalculationError(message);
};

/** A quantity's MilliValue (rounded up). */
function milli(q: string | number | undefined): number | undefined {
  return q === undefined ? undefined : Quantity.parse(String(q)).milliValue();
}

/** A container's usage of `resource` in milli-units, when metrics-server reports that resource. */
function usageOf(c: PodMetrics['containers'][number], resource: string): number | undefined {
  if (resource === 'cpu') return c.usage.cpu;
  if (resource === 'memory') return c.usage.memory * 1000;
  return undefined;
}

/**
 * resourceMetricsClient.GetResourceMetric: the pods' summed container usage (getPodMetrics; a pod
 * missing a container's value is left out), or one container's (getContainerMetrics).
 */
export function getResourceMetric(source: PodMetricsSource, resource: string, namespace: string, selector: Selector, container: string): PodMetricsInfo {
  const items = source.listPodMetrics(namespace, selector);
  if (items.length === 0) fail('no metrics returned from resource metrics API');
  const res: PodMetricsInfo = new Map();
  for (const m of items) {
    const at = { timestamp: m.timestamp, windowMs: m.windowMs };
    if (container) {
      const c = m.containers.find((x) => x.name === container);
      if (!c) fail(`failed to get container metrics: container ${container} not present in metrics for pod ${m.namespace}/${m.name}`);
      const v = usageOf(c!, resource);
      if (v !== undefined) res.set(m.name, { value: v, ...at });
      continue;
    }
    const values = m.containers.map((c) => usageOf(c, resource));
    if (values.length === 0 || values.some((v) => v === undefined)) continue;
    res.set(m.name, { value: values.reduce((a: number, v) => a + v!, 0), ...at });
  }
  return res;
}

/**
 * groupPods: pods being deleted or Failed are ignored; Pending pods are unready; pods without a
 * metric are missing; for CPU, a pod is unready while it is not Ready, or within the CPU
 * initialization period (5 min from its start) until one full metric window has passed since it
 * became Ready, or after that period if it has never been Ready (turned unready within the initial
 * readiness delay of its start).
 */
export function groupPods(pods: readonly Pod[], metrics: PodMetricsInfo, resource: string, now: number): { readyPodCount: number; unready: Set<string>; missing: Set<string>; ignored: Set<string> } {
  const unready = new Set<string>(), missing = new Set<string>(), ignored = new Set<string>();
  let readyPodCount = 0;
  for (const pod of pods) {
    const name = pod.metadata?.name ?? '';
    if (pod.metadata?.deletionTimestamp || pod.status?.phase === 'Failed') {
      ignored.add(name);
      continue;
    }
    if (pod.status?.phase === 'Pending') {
      unready.add(name);
      continue;
    }
    const metric = metrics.get(name);
    if (!metric) {
      missing.add(name);
      continue;
    }
    if (resource === 'cpu') {
      const ready = podCondition(pod, 'Ready');
      const start = parseRfc3339(pod.status?.startTime);
      const transition = parseRfc3339(ready?.lastTransitionTime) ?? 0;
      let isUnready: boolean;
      if (!ready || start === undefined) isUnready = true;
      else if (start + CPU_INITIALIZATION_PERIOD_MS > now) isUnready = ready.status === 'False' || metric.timestamp < transition + metric.windowMs;
      else isUnready = ready.status === 'False' && start + INITIAL_READINESS_DELAY_MS > transition;
      if (isUnready) {
        unready.add(name);
        continue;
      }
    }
    readyPodCount++;
  }
  return { readyPodCount, unready, missing, ignored };
}

/** The containers whose requests count: regular ones and restartable (sidecar) init containers. */
function requestingContainers(pod: Pod): Container[] {
  return [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always')];
}

/** calculatePodRequests: each pod's summed request of the resource; a container without one is an error. */
export function calculatePodRequests(pods: readonly Pod[], container: string, resource: string): Map<string, number> {
  const requests = new Map<string, number>();
  for (const pod of pods) {
    let sum = 0;
    for (const c of requestingContainers(pod)) {
      if (container && container !== c.name) continue;
      const request = milli(c.resources?.requests?.[resource] as string | undefined);
      if (request === undefined) fail(`missing request for ${resource} in container ${c.name} of Pod ${pod.metadata?.name ?? ''}`);
      sum += request!;
    }
    requests.set(pod.metadata?.name ?? '', sum);
  }
  return requests;
}

/**
 * GetResourceUtilizationRatio: utilization is Σusage × 100 / Σrequests over the pods with both,
 * truncated to a whole percent, and the ratio is that percentage over the target (so 179m used
 * of 200m requested is 89%, and 89/80 = 1.1125). The raw value is the average usage.
 */
export function resourceUtilizationRatio(metrics: PodMetricsInfo, requests: Map<string, number>, targetUtilization: number): { ratio: number; utilization: number; rawAverage: number } {
  let metricsTotal = 0, requestsTotal = 0, n = 0;
  for (const [name, metric] of metrics) {
    const request = requests.get(name);
    if (request === undefined) continue;
    metricsTotal += metric.value;
    requestsTotal += request;
    n++;
  }
  if (requestsTotal === 0) fail('no metrics returned matched known pods');
  const utilization = Math.trunc((metricsTotal * 100) / requestsTotal);
  return { ratio: utilization / targetUtilization, utilization, rawAverage: Math.trunc(metricsTotal / n) };
}

/** GetMetricUsageRatio: the average usage over the target. */
function usageRatio(metrics: PodMetricsInfo, target: number): { ratio: number; usage: number } {
  let total = 0;
  for (const m of metrics.values()) total += m.value;
  const usage = Math.trunc(total / metrics.size);
  return { ratio: usage / target, usage };
}

/** What the pods and their metrics look like to one calculation. */
export interface CalculationInput {
  currentReplicas: number;
  pods: readonly Pod[];
  metrics: PodMetricsInfo;
  resource: string;
  container: string;
  now: number;
}

/** The pods grouped, and the metrics left once ignored and unready pods are dropped. */
function prepare(input: CalculationInput) {
  if (input.pods.length === 0) fail('no pods returned by selector while calculating replica count');
  const metrics: PodMetricsInfo = new Map(input.metrics);
  const groups = groupPods(input.pods, metrics, input.resource, input.now);
  for (const name of [...groups.ignored, ...groups.unready]) metrics.delete(name);
  if (metrics.size === 0) fail('did not receive metrics for targeted pods (pods might be unready)');
  return { metrics, ...groups };
}

/**
 * Whether a recomputed ratio keeps the scale: within tolerance, or flipping the direction
 * (missing pods counted at 100% may turn a scale-down into a scale-up, which is never done).
 */
function keepsScale(ratio: number, newRatio: number): boolean {
  return Math.abs(1 - newRatio) <= TOLERANCE || (ratio < 1 && newRatio > 1) || (ratio > 1 && newRatio < 1);
}

/**
 * GetResourceReplicas: desired = ceil(ratio × ready pods) unless the ratio is within 10% of 1.
 * With pods missing metrics or not yet ready, the ratio is recomputed counting missing pods at
 * 0% on a scale-up and at max(100%, target) of their request on a scale-down, and unready pods at
 * 0% on a scale-up; then desired = ceil(new ratio × pods counted), unless that is within tolerance
 * or would reverse the direction. E.g. 4 ready pods at 90% of a 50% target (ratio 1.8) and 2
 * pending ones: counted at 0%, 4 × 90 / 6 = 60%, ratio 1.2, ceil(1.2 × 6) = 8.
 */
export function getResourceReplicas(input: CalculationInput, targetUtilization: number): { replicas: number; utilization: number; rawAverage: number } {
  const { metrics, readyPodCount, unready, missing } = prepare(input);
  const requests = calculatePodRequests(input.pods, input.container, input.resource);
  const { ratio, utilization, rawAverage } = resourceUtilizationRatio(metrics, requests, targetUtilization);
  const result = (replicas: number) => ({ replicas, utilization, rawAverage });
  const scaleUpWithUnready = unready.size > 0 && ratio > 1;
  if (!scaleUpWithUnready && missing.size === 0) {
    if (Math.abs(1 - ratio) <= TOLERANCE) return result(input.currentReplicas);
    return result(Math.ceil(ratio * readyPodCount));
  }
  if (missing.size > 0) {
    const fallback = Math.max(100, targetUtilization);
    for (const name of missing) {
      if (ratio < 1) metrics.set(name, { value: Math.trunc(((requests.get(name) ?? 0) * fallback) / 100), timestamp: 0, windowMs: 0 });
      else if (ratio > 1) metrics.set(name, { value: 0, timestamp: 0, windowMs: 0 });
    }
  }
  if (scaleUpWithUnready) for (const name of unready) metrics.set(name, { value: 0, timestamp: 0, windowMs: 0 });
  const newRatio = resourceUtilizationRatio(metrics, requests, targetUtilization).ratio;
  if (keepsScale(ratio, newRatio)) return result(input.currentReplicas);
  const replicas = Math.ceil(newRatio * metrics.size);
  if ((newRatio < 1 && replicas > input.currentReplicas) || (newRatio > 1 && replicas < input.currentReplicas)) return result(input.currentReplicas);
  return result(replicas);
}

/**
 * calcPlainMetricReplicas (GetRawResourceReplicas for an averageValue target): the same, with the
 * average usage over the target value as the ratio, and missing pods counted at the target on a
 * scale-down.
 */
export function getRawResourceReplicas(input: CalculationInput, targetUsage: number): { replicas: number; usage: number } {
  const { metrics, readyPodCount, unready, missing } = prepare(input);
  const { ratio, usage } = usageRatio(metrics, targetUsage);
  const result = (replicas: number) => ({ replicas, usage });
  const scaleUpWithUnready = unready.size > 0 && ratio > 1;
  if (!scaleUpWithUnready && missing.size === 0) {
    if (Math.abs(1 - ratio) <= TOLERANCE) return result(input.currentReplicas);
    return result(Math.ceil(ratio * readyPodCount));
  }
  if (missing.size > 0) {
    for (const name of missing) {
      if (ratio < 1) metrics.set(name, { value: targetUsage, timestamp: 0, windowMs: 0 });
      else if (ratio > 1) metrics.set(name, { value: 0, timestamp: 0, windowMs: 0 });
    }
  }
  if (scaleUpWithUnready) for (const name of unready) metrics.set(name, { value: 0, timestamp: 0, windowMs: 0 });
  const newRatio = usageRatio(metrics, targetUsage).ratio;
  if (keepsScale(ratio, newRatio)) return result(input.currentReplicas);
  const replicas = Math.ceil(newRatio * metrics.size);
  if ((newRatio < 1 && replicas > input.currentReplicas) || (newRatio > 1 && replicas < input.currentReplicas)) return result(input.currentReplicas);
  return result(replicas);
}
