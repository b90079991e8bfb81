import type { Node, NodeCondition, Taint } from 'kubernetes-types/core/v1.js';

/**
 * What the node lifecycle controller derives from a Node (pkg/controller/nodelifecycle/
 * node_lifecycle_controller.go, pkg/controller/util/node, pkg/util/taints), as pure functions.
 */

export const UNREACHABLE_TAINT_KEY = 'node.kubernetes.io/unreachable';
export const NOT_READY_TAINT_KEY = 'node.kubernetes.io/not-ready';
export const UNSCHEDULABLE_TAINT_KEY = 'node.kubernetes.io/unschedulable';

/** UnreachableTaintTemplate and NotReadyTaintTemplate: the NoExecute taints of an unhealthy node. */
export const UNREACHABLE_NO_EXECUTE: Taint = { key: UNREACHABLE_TAINT_KEY, effect: 'NoExecute' };
export const NOT_READY_NO_EXECUTE: Taint = { key: NOT_READY_TAINT_KEY, effect: 'NoExecute' };

/** nodeConditionToTaintKeyStatusMap: the NoSchedule taint each condition status calls for. */
const CONDITION_TAINTS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  Ready: { False: NOT_READY_TAINT_KEY, Unknown: UNREACHABLE_TAINT_KEY },
  MemoryPressure: { True: 'node.kubernetes.io/memory-pressure' },
  DiskPressure: { True: 'node.kubernetes.io/disk-pressure' },
  NetworkUnavailable: { True: 'node.kubernetes.io/network-unavailable' },
  PIDPressure: { True: 'node.kubernetes.io/pid-pressure' },
};

/** taintKeyToNodeConditionMap's keys, plus the unschedulable taint: the NoSchedule taints the controller owns. */
const MANAGED_NO_SCHEDULE = new Set([...Object.values(CONDITION_TAINTS).flatMap((m) => Object.values(m)), UNSCHEDULABLE_TAINT_KEY]);

/** The Ready condition's status: `True`, `False` or `Unknown` (a node without one counts as Unknown). */
export function readyStatus(node: Node): string {
  return node.status?.conditions?.find((c) => c.type === 'Ready')?.status ?? 'Unknown';
}

/** Taint.MatchTaint: same key and effect. */
export function matchTaint(a: Taint, b: Taint): boolean {
  return a.key === b.key && a.effect === b.effect;
}

/** taintutils.TaintExists. */
export function hasTaint(node: Node, taint: Taint): boolean {
  return (node.spec?.taints ?? []).some((t) => matchTaint(t, taint));
}

/** The first monitor tick strictly after `t`: the controller's loops run every `period` ms. */
export function nextTick(t: number, period: number): number {
  return (Math.floor(t / period) + 1) * period;
}

/**
 * doNoScheduleTaintingPass: the NoSchedule taints the node's conditions and spec.unschedulable
 * call for, against the controller-owned NoSchedule taints it has (compared by key and effect).
 */
export function noScheduleTaintDiff(node: Node): { add: Taint[]; remove: Taint[] } {
  const wanted: Taint[] = [];
  for (const c of node.status?.conditions ?? []) {
    const key = CONDITION_TAINTS[c.type]?.[c.status];
    if (key) wanted.push({ key, effect: 'NoSchedule' });
  }
  if (node.spec?.unschedulable) wanted.push({ key: UNSCHEDULABLE_TAINT_KEY, effect: 'NoSchedule' });
  const have = (node.spec?.taints ?? []).filter((t) => t.effect === 'NoSchedule' && MANAGED_NO_SCHEDULE.has(t.key));
  return {
    add: wanted.filter((w) => !have.some((h) => matchTaint(h, w))),
    remove: have.filter((h) => !wanted.some((w) => matchTaint(h, w))),
  };
}

/**
 * SwapNodeControllerTaint: the taints after adding `add` (stamped with timeAdded, replacing a
 * taint of the same key and effect unless identical, else appended: AddOrUpdateTaint) and
 * removing those matching `remove` (RemoveTaint). Undefined when nothing changes.
 */
export function swapTaints(taints: readonly Taint[] | undefined, add: readonly Taint[], remove: readonly Taint[], timeAdded: string): Taint[] | undefined {
  let result = [...(taints ?? [])];
  let changed = false;
  for (const a of add) {
    const stamped: Taint = { ...a, timeAdded };
    const i = result.findIndex((t) => matchTaint(t, a));
    if (i < 0) result.push(stamped);
    else if (result[i].value !== stamped.value || result[i].timeAdded !== timeAdded) result[i] = stamped;
    else continue;
    changed = true;
  }
  for (const r of remove) {
    const kept = result.filter((t) => !matchTaint(t, r));
    if (kept.length !== result.length) changed = true;
    result = kept;
  }
  return changed ? result : undefined;
}

/**
 * tryUpdateNodeHealth once the node's heartbeat is older than the grace period: Ready and the
 * pressure conditions become Unknown (`NodeStatusUnknown`, or `NodeStatusNeverUpdated` for a
 * condition the kubelet never posted), with a new transition time; heartbeats stay as they were.
 * Undefined when they already are.
 */
export function unknownConditions(node: Node, now: string): NodeCondition[] | undefined {
  const conditions = [...(node.status?.conditions ?? [])];
  let changed = false;
  for (const type of ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure']) {
    const i = conditions.findIndex((c) => c.type === type);
    if (i < 0) {
      conditions.push({
        type,
        status: 'Unknown',
        reason: 'NodeStatusNeverUpdated',
        message: 'Kubelet never posted node status.',
        lastHeartbeatTime: node.metadata?.creationTimestamp,
        lastTransitionTime: now,
      });
      changed = true;
    } else if (conditions[i].status !== 'Unknown') {
      conditions[i] = { ...conditions[i], status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: now };
      changed = true;
    }
  }
  return changed ? conditions : undefined;
}

/** nodetopology.GetZoneKey: region and zone labels, empty for a node without them. */
export function zoneKey(node: Node): string {
  const labels = node.metadata?.labels ?? {};
  const region = labels['topology.kubernetes.io/region'] ?? labels['failure-domain.beta.kubernetes.io/region'] ?? '';
  const zone = labels['topology.kubernetes.io/zone'] ?? labels['failure-domain.beta.kubernetes.io/zone'] ?? '';
  return region || zone ? `${region}:\u0000:${zone}` : '';
}

export type ZoneState = 'Normal' | 'PartialDisruption' | 'FullDisruption';

/**
 * ComputeZoneState: fully disrupted without a Ready node; partially when more than two nodes and
 * at least --unhealthy-zone-threshold (55%) of them are not Ready; normal otherwise.
 */
export function zoneState(ready: number, notReady: number, unhealthyThreshold = 0.55): ZoneState {
  if (ready === 0 && notReady > 0) return 'FullDisruption';
  if (notReady > 2 && notReady / (notReady + ready) >= unhealthyThreshold) return 'PartialDisruption';
  return 'Normal';
}
