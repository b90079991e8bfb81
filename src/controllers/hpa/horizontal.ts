import type { HorizontalPodAutoscaler, HorizontalPodAutoscalerStatus, MetricStatus } from 'kubernetes-types/autoscaling/v2.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { deepEqual } from '../../api/equality.ts';
import { StatusError } from '../../api/errors.ts';
import { Selector } from '../../api/labels.ts';
import { groupResource, parseApiVersion } from '../../api/registry.ts';
import { getScale, updateScale, type Scale } from '../../api/scale.ts';
import type { PodMetricsSource } from '../../node/metrics.ts';
import type { TimerHandle } from '../../sim/timers.ts';
import { WorkQueue } from '../../sim/work-queue.ts';
import { keyOf, splitKey, type Stored } from '../../store/object.ts';
import type { ControllerContext } from '../context.ts';
import { setCondition, type ConditionStatus, type ConditionType } from './conditions.ts';
import { computeReplicasForMetric, type MetricContext } from './metric-replicas.ts';
import { normalizeDesiredReplicas, normalizeDesiredReplicasWithBehaviors, ScalingHistory, storeScaleEvent } from './normalize.ts';

/** --horizontal-pod-autoscaler-sync-period: every autoscaler is reconciled this often. */
export const HPA_SYNC_PERIOD_MS = 15_000;
const RESOURCE = 'horizontalpodautoscalers.autoscaling';
const COMPONENT = 'horizontal-pod-autoscaler';

type Hpa = Stored<HorizontalPodAutoscaler>;

/** The working copy of one reconcile: the status being built and what is known so far. */
interface Reconcile {
  hpa: Hpa;
  key: string;
  status: HorizontalPodAutoscalerStatus;
}

/**
 * The HorizontalPodAutoscaler controller (pkg/controller/podautoscaler/horizontal.go at v1.32).
 * Every autoscaler is reconciled 15 s after it appears and then every 15 s (the queue's
 * FixedItemIntervalRateLimiter: each add waits one sync period, and an add while one waits is
 * dropped). Those timers are periodic, not progress: settle() does not wait for them, letting
 * time pass runs them. A reconcile reads the target's scale, asks each metric for a replica
 * count, takes the highest, stabilizes and limits it, writes spec.replicas through the scale
 * subresource, and writes the status.
 */
export class HorizontalController {
  readonly name = 'horizontal-pod-autoscaler';
  readonly queue = new WorkQueue('horizontalpodautoscaler');
  private readonly histories = new Map<string, ScalingHistory>();
  private readonly pending = new Map<string, { at: number; handle: TimerHandle }>();
  /** The selectors of reconciled autoscalers (hpaSelectors), to refuse two autoscalers over the same pods. */
  private readonly selectors = new Map<string, Selector>();

  constructor(private readonly ctx: ControllerContext, private readonly metrics: PodMetricsSource) {
    ctx.sim.watch(RESOURCE, (e) => {
      const key = keyOf(e.object);
      if (e.type === 'DELETED') this.forget(key);
      else this.enqueueRateLimited(key);
    });
    ctx.sim.register(this);
  }

  /** queue.AddRateLimited: the key is synced one period from now, unless it is already due sooner. */
  private enqueueRateLimited(key: string): void {
    const at = this.ctx.clock.now() + HPA_SYNC_PERIOD_MS;
    const waiting = this.pending.get(key);
    if (waiting && waiting.at <= at) return;
    waiting?.handle.cancel();
    const handle = this.ctx.sim.at(at, () => {
      this.pending.delete(key);
      this.queue.add(key);
    }, { progress: false, label: `hpa resync ${key}` });
    this.pending.set(key, { at, handle });
  }

  private forget(key: string): void {
    this.pending.get(key)?.handle.cancel();
    this.pending.delete(key);
    this.histories.delete(key);
    this.selectors.delete(key);
  }

  /** processNextWorkItem + reconcileKey: a deleted autoscaler is forgotten, any other comes back in one period. */
  sync(key: string): void {
    const { namespace, name } = splitKey(key);
    const hpa = this.ctx.store.get<HorizontalPodAutoscaler>(RESOURCE, namespace, name);
    if (!hpa) {
      this.forget(key);
      return;
    }
    this.reconcileAutoscaler(hpa, key);
    this.enqueueRateLimited(key);
  }

  private history(key: string): ScalingHistory {
    let h = this.histories.get(key);
    if (!h) this.histories.set(key, (h = new ScalingHistory()));
    return h;
  }

  private condition(r: Reconcile, type: ConditionType, status: ConditionStatus, reason: string, message: string): void {
    r.status.conditions = setCondition(r.status.conditions ?? [], type, status, reason, message, this.ctx.clock.rfc3339());
  }

  private event(r: Reconcile, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.ctx.events.record(r.hpa, type, reason, message, { component: COMPONENT });
  }

  /** reconcileAutoscaler. */
  private reconcileAutoscaler(hpa: Hpa, key: string): void {
    const r: Reconcile = { hpa, key, status: { ...hpa.status, desiredReplicas: hpa.status?.desiredReplicas ?? 0, conditions: [...(hpa.status?.conditions ?? [])] } };
    if (!r.status.conditions!.length) delete r.status.conditions;
    const found = this.targetScale(r);
    if (!found) return;
    const { scale, gr } = found;
    this.condition(r, 'AbleToScale', 'True', 'SucceededGetScale', "the HPA controller was able to get the target's current scale");
    const current = scale.specReplicas;
    const now = this.ctx.clock.now();
    const history = this.history(key);
    history.recordInitial(current, now);
    const spec = hpa.spec!;
    const min = spec.minReplicas ?? 1;
    let desired = 0;
    let reason = '';
    let rescale = true;
    let statuses: MetricStatus[] | null = null;
    if (current === 0 && min !== 0) {
      desired = 0;
      rescale = false;
      this.condition(r, 'ScalingActive', 'False', 'ScalingDisabled', 'scaling is disabled since the replica count of the target is zero');
    } else if (current > spec.maxReplicas) {
      reason = 'Current number of replicas above Spec.MaxReplicas';
      desired = spec.maxReplicas;
    } else if (current < min) {
      reason = 'Current number of replicas below Spec.MinReplicas';
      desired = min;
    } else {
      const computed = this.computeReplicasForMetrics(r, scale);
      statuses = computed.statuses;
      if (computed.replicas === -1) {
        this.setStatus(r, current, r.status.desiredReplicas, statuses, false);
        this.updateStatusIfNeeded(r);
        this.event(r, 'Warning', 'FailedComputeMetricsReplicas', computed.error!);
        return;
      }
      let rescaleMetric = '';
      if (computed.replicas > desired) {
        desired = computed.replicas;
        rescaleMetric = computed.metric;
      }
      if (desired > current) reason = `${rescaleMetric} above target`;
      if (desired < current) reason = 'All metrics below target';
      const normalized = spec.behavior
        ? normalizeDesiredReplicasWithBehaviors(history, spec.behavior, now, current, desired, min, spec.maxReplicas)
        : normalizeDesiredReplicas(history, now, current, desired, min, spec.maxReplicas);
      this.condition(r, 'AbleToScale', 'True', normalized.ableToScale.reason, normalized.ableToScale.message);
      this.condition(r, 'ScalingLimited', normalized.scalingLimited.status, normalized.scalingLimited.reason, normalized.scalingLimited.message);
      desired = normalized.replicas;
      rescale = desired !== current;
    }
    if (rescale) {
      try {
        updateScale(this.ctx.api, gr, hpa.metadata.namespace, spec.scaleTargetRef.name, desired, { fieldManager: 'kube-controller-manager' });
      } catch (e) {
        if (!(e instanceof StatusError)) throw e;
        this.event(r, 'Warning', 'FailedRescale', `New size: ${desired}; reason: ${reason}; error: ${e.message}`);
        this.condition(r, 'AbleToScale', 'False', 'FailedUpdateScale', `the HPA controller was unable to update the target scale: ${e.message}`);
        this.setStatus(r, current, r.status.desiredReplicas, statuses, false);
        this.updateStatusIfNeeded(r);
        return;
      }
      this.condition(r, 'AbleToScale', 'True', 'SucceededRescale', `the HPA controller was able to update the target scale to ${desired}`);
      this.event(r, 'Normal', 'SuccessfulRescale', `New size: ${desired}; reason: ${reason}`);
      storeScaleEvent(history, spec.behavior, current, desired, now);
    } else {
      desired = current;
    }
    this.setStatus(r, current, desired, statuses, rescale);
    this.updateStatusIfNeeded(r);
  }

  /**
   * The target's group-resource (RESTMapper by group and kind) and its scale; on failure, the
   * FailedGetScale event and condition are written and undefined returned.
   */
  private targetScale(r: Reconcile): { scale: Scale; gr: string } | undefined {
    const ref = r.hpa.spec!.scaleTargetRef;
    const fail = (message: string): undefined => {
      this.event(r, 'Warning', 'FailedGetScale', message);
      this.condition(r, 'AbleToScale', 'False', 'FailedGetScale', `the HPA controller was unable to get the target's current scale: ${message}`);
      this.updateStatusIfNeeded(r);
      return undefined;
    };
    const apiVersion = ref.apiVersion ?? '';
    if (apiVersion.split('/').length > 2) return fail(`unexpected GroupVersion string: ${apiVersion}`);
    const { group } = parseApiVersion(apiVersion);
    const kind = this.ctx.api.kinds.all().find((k) => k.group === group && k.kind === ref.kind);
    if (!kind) return fail(`no matches for kind "${ref.kind}" in group "${group}"`);
    const gr = groupResource(kind);
    try {
      return { scale: getScale(this.ctx.api, gr, r.hpa.metadata.namespace, ref.name), gr };
    } catch (e) {
      if (!(e instanceof StatusError)) throw e;
      return fail(e.message);
    }
  }

  /**
   * computeReplicasForMetrics: the highest proposal over the metrics. When every metric fails, or
   * some fail and the rest would scale down, the first failure's condition is set and -1 returned.
   */
  private computeReplicasForMetrics(r: Reconcile, scale: Scale): { replicas: number; metric: string; statuses: MetricStatus[] | null; error?: string } {
    const selector = this.validateAndParseSelector(r, scale.selector);
    if (typeof selector === 'string') return { replicas: -1, metric: '', statuses: null, error: selector };
    const specs = r.hpa.spec!.metrics ?? [];
    const ctx: MetricContext = {
      source: this.metrics,
      namespace: r.hpa.metadata.namespace ?? '',
      selector,
      pods: this.ctx.store.select<Pod>('pods', r.hpa.metadata.namespace, selector),
      now: this.ctx.clock.now(),
      specReplicas: scale.specReplicas,
      warn: (reason, message) => this.event(r, 'Warning', reason, message),
    };
    const statuses: MetricStatus[] = specs.map(() => ({ type: '' }));
    let replicas = 0, metric = '', invalid = 0;
    let first: { error: string; condition: { reason: string; message: string } } | undefined;
    specs.forEach((spec, i) => {
      const result = computeReplicasForMetric(ctx, spec);
      if (!result.ok) {
        if (invalid === 0) first = result;
        invalid++;
        return;
      }
      statuses[i] = result.status;
      if (replicas === 0 || result.replicas > replicas) {
        replicas = result.replicas;
        metric = result.metricName;
      }
    });
    const error = first ? `invalid metrics (${invalid} invalid out of ${specs.length}), first error is: ${first.error}` : undefined;
    if (invalid >= specs.length || (invalid > 0 && replicas < scale.specReplicas)) {
      this.condition(r, 'ScalingActive', 'False', first!.condition.reason, first!.condition.message);
      return { replicas: -1, metric: '', statuses, error };
    }
    this.condition(r, 'ScalingActive', 'True', 'ValidMetricFound', `the HPA was able to successfully calculate a replica count from ${metric}`);
    return { replicas, metric, statuses, error };
  }

  /**
   * validateAndParseSelector: the scale's selector must be set, parse, and select pods no other
   * autoscaler selects. Returns the selector, or the error text (its event and condition written).
   */
  private validateAndParseSelector(r: Reconcile, text: string): Selector | string {
    const refuse = (event: string, message: string, reason = event, conditionMessage = message): string => {
      this.event(r, 'Warning', event, message);
      this.condition(r, 'ScalingActive', 'False', reason, conditionMessage);
      return message;
    };
    if (!text) return refuse('SelectorRequired', 'selector is required', 'InvalidSelector', "the HPA target's scale is missing a selector");
    let selector: Selector;
    try {
      selector = Selector.parse(text);
    } catch (e) {
      return refuse('InvalidSelector', `couldn't convert selector into a corresponding internal selector object: ${(e as Error).message}`);
    }
    this.selectors.set(r.key, selector);
    const namespace = r.hpa.metadata.namespace;
    const others = new Set<string>();
    for (const pod of this.ctx.store.select<Pod>('pods', namespace, selector)) {
      for (const [key, s] of this.selectors) if (splitKey(key).namespace === namespace && s.matches(pod.metadata.labels)) others.add(key);
    }
    if (others.size > 1) {
      const keys = [...others].sort().map((k) => `{${splitKey(k).name} ${namespace}}`);
      return refuse('AmbiguousSelector', `pods by selector ${text} are controlled by multiple HPAs: [${keys.join(' ')}]`);
    }
    return selector;
  }

  /** setStatus: replicas and metrics; lastScaleTime moves when the target was rescaled. */
  private setStatus(r: Reconcile, current: number, desired: number, statuses: MetricStatus[] | null, rescale: boolean): void {
    const last = rescale ? this.ctx.clock.rfc3339() : r.status.lastScaleTime;
    r.status = {
      ...(last ? { lastScaleTime: last } : {}),
      ...(current ? { currentReplicas: current } : {}),
      desiredReplicas: desired,
      currentMetrics: statuses as MetricStatus[],
      ...(r.status.conditions?.length ? { conditions: r.status.conditions } : {}),
    };
  }

  /** updateStatusIfNeeded: the status subresource is written only when it changed. */
  private updateStatusIfNeeded(r: Reconcile): void {
    if (deepEqual(r.status, r.hpa.status)) return;
    try {
      this.ctx.api.updateStatus({ ...r.hpa, status: r.status }, { fieldManager: 'kube-controller-manager' });
    } catch (e) {
      if (!(e instanceof StatusError)) throw e;
      this.event(r, 'Warning', 'FailedUpdateStatus', e.message);
    }
  }
}
