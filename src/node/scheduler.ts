import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import { StatusError } from '../api/errors.ts';
import { isPodTerminal } from '../api/pod-util.ts';
import type { ControllerContext } from '../controllers/context.ts';
import type { RandomStream } from '../sim/random.ts';
import { WorkQueue } from '../sim/work-queue.ts';
import { controllerOf, keyOf, splitKey, type Stored } from '../store/object.ts';
import type { WatchEvent } from '../store/watch-event.ts';
import { matchesNodeSelectorAndAffinity, preFilterNodeNames } from './node-affinity.ts';
import { NodeInfo, podRequests, type PodRequests } from './node-info.ts';
import { tolerates, untoleratedTaint } from './taints.ts';

const SCHEDULER = 'default-scheduler';

/** The taint effects TaintToleration filters on. */
const FILTER_EFFECTS = ['NoSchedule', 'NoExecute'];

/** A filter verdict: a reason for the histogram and whether preemption could help. */
interface Rejection {
  reasons: string[];
  resolvable: boolean;
}

/**
 * kube-scheduler, one pod at a time (pkg/scheduler/schedule_one.go): the default profile's filters
 * in their order (NodeUnschedulable, TaintToleration, NodeAffinity, NodeResourcesFit), scores
 * (NodeResourcesFit LeastAllocated and BalancedAllocation with the non-zero request defaults,
 * spreading of a controller's pods in the manner of the default PodTopologySpread constraint,
 * TaintToleration for PreferNoSchedule), a seeded random pick among the best, then the binding.
 * A pod that fits nowhere gets FailedScheduling with the FitError text and waits for a change.
 */
export class Scheduler {
  readonly name = SCHEDULER;
  readonly queue = new WorkQueue(SCHEDULER);
  private readonly nodes = new Map<string, NodeInfo>();
  private readonly assigned = new Map<string, { node: string; pod: Pod; sibling: boolean }>();
  private readonly unschedulable = new Set<string>();

  constructor(private readonly ctx: ControllerContext, private readonly random: RandomStream) {
    ctx.sim.watch('nodes', (e) => this.onNode(e));
    ctx.sim.watch('pods', (e) => this.onPod(e));
    ctx.sim.register(this);
  }

  private onNode(e: WatchEvent): void {
    const node = e.object as Stored<Node>;
    const name = node.metadata.name;
    if (e.type === 'DELETED') this.nodes.delete(name);
    else if (this.nodes.has(name)) this.nodes.get(name)!.setNode(node);
    else this.nodes.set(name, new NodeInfo(node));
    this.retryUnschedulable();
  }

  private onPod(e: WatchEvent): void {
    const pod = e.object as Stored<Pod>;
    const uid = pod.metadata.uid;
    const before = this.assigned.get(uid);
    const counts = e.type !== 'DELETED' && !!pod.spec?.nodeName && !isPodTerminal(pod);
    if (before && (!counts || before.node !== pod.spec?.nodeName)) {
      const info = this.nodes.get(before.node);
      info?.account(before.pod, -1);
      if (before.sibling) info?.countSibling(before.pod, -1);
      this.assigned.delete(uid);
      this.retryUnschedulable();
    }
    const entry = this.assigned.get(uid);
    if (counts && !entry) {
      const info = this.nodes.get(pod.spec!.nodeName!);
      info?.account(pod, 1);
      const sibling = !pod.metadata.deletionTimestamp;
      if (sibling) info?.countSibling(pod, 1);
      this.assigned.set(uid, { node: pod.spec!.nodeName!, pod, sibling });
    } else if (entry?.sibling && pod.metadata.deletionTimestamp) {
      this.nodes.get(entry.node)?.countSibling(entry.pod, -1);
      entry.sibling = false;
    }
    if (e.type === 'DELETED') {
      this.unschedulable.delete(keyOf(pod));
      return;
    }
    if (!pod.spec?.nodeName && !pod.metadata.deletionTimestamp && (pod.spec?.schedulerName ?? SCHEDULER) === SCHEDULER && !this.unschedulable.has(keyOf(pod))) {
      this.queue.add(keyOf(pod));
    }
  }

  private retryUnschedulable(): void {
    for (const key of this.unschedulable) this.queue.add(key);
    this.unschedulable.clear();
  }

  /** scheduleOne. */
  sync(key: string): void {
    const { namespace, name } = splitKey(key);
    const pod = this.ctx.store.get<Pod>('pods', namespace, name);
    if (!pod || pod.spec?.nodeName || pod.metadata.deletionTimestamp) return;
    if (this.nodes.size === 0) return this.fail(pod, 'no nodes available to schedule pods');
    const feasible: NodeInfo[] = [];
    const rejections = new Map<string, number>();
    const preemption = new Map<string, number>();
    // The pod's requests are the same for every node: sum them once.
    const req = podRequests(pod);
    // PreFilter: a pod pinned to named nodes (a DaemonSet's) is filtered against those alone; the
    // others fail as `didn't satisfy plugin(s) [NodeAffinity]` (schedule_one.go findNodesThatFitPod).
    const named = preFilterNodeNames(pod);
    const pinned = named ? [...named].flatMap((n) => this.nodes.get(n) ?? []) : undefined;
    const absent = pinned ? this.nodes.size - pinned.length : 0;
    if (absent > 0) {
      rejections.set("node(s) didn't satisfy plugin(s) [NodeAffinity]", absent);
      preemption.set('Preemption is not helpful for scheduling', absent);
    }
    for (const info of pinned ?? this.nodes.values()) {
      const r = this.filter(pod, info, req);
      if (!r) {
        feasible.push(info);
        continue;
      }
      for (const reason of r.reasons) rejections.set(reason, (rejections.get(reason) ?? 0) + 1);
      const p = r.resolvable ? 'No preemption victims found for incoming pod' : 'Preemption is not helpful for scheduling';
      preemption.set(p, (preemption.get(p) ?? 0) + 1);
    }
    if (feasible.length === 0) {
      const n = this.nodes.size;
      return this.fail(pod, `0/${n} nodes are available: ${histogram(rejections)}. preemption: 0/${n} nodes are available: ${histogram(preemption)}.`);
    }
    const chosen = this.pick(pod, feasible, req);
    try {
      this.ctx.api.bind(pod.metadata.namespace!, pod.metadata.name, chosen.node.metadata.name);
    } catch (e) {
      if (e instanceof StatusError && (e.reason === 'NotFound' || e.reason === 'Conflict')) return;
      throw e;
    }
    this.ctx.events.record(pod, 'Normal', 'Scheduled', `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${chosen.node.metadata.name}`, {
      component: SCHEDULER,
      action: 'Binding',
      instance: `${SCHEDULER}-${this.controlPlaneHost()}`,
    });
  }

  /** RunFilterPlugins: the first failing filter's reasons, or undefined when the node fits. */
  private filter(pod: Pod, info: NodeInfo, req: PodRequests): Rejection | undefined {
    const node = info.node;
    const tolerations = pod.spec?.tolerations;
    if (node.spec?.unschedulable && !(tolerations ?? []).some((t) => tolerates(t, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }))) {
      return { reasons: ['node(s) were unschedulable'], resolvable: false };
    }
    const taint = untoleratedTaint(node.spec?.taints, tolerations, FILTER_EFFECTS);
    if (taint) return { reasons: [`node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`], resolvable: false };
    if (!matchesNodeSelectorAndAffinity(pod, node)) return { reasons: ["node(s) didn't match Pod's node affinity/selector"], resolvable: false };
    const reasons: string[] = [];
    if (info.podCount + 1 > info.allocatablePods) reasons.push('Too many pods');
    if (req.milliCpu > 0 && info.milliCpu + req.milliCpu > info.allocatableMilliCpu) reasons.push('Insufficient cpu');
    if (req.memory > 0 && info.memory + req.memory > info.allocatableMemory) reasons.push('Insufficient memory');
    return reasons.length ? { reasons, resolvable: true } : undefined;
  }

  /** Scores every feasible node and picks one of the best at random (selectHost's reservoir sampling). */
  private pick(pod: Pod, feasible: NodeInfo[], req: PodRequests): NodeInfo {
    const owner = controllerOf(pod)?.uid;
    // Normalising scores needs the largest sibling count and the most untolerated PreferNoSchedule taints.
    const preferTaints = new Array<number>(feasible.length);
    let maxSiblings = 0;
    let maxPrefer = 0;
    for (let i = 0; i < feasible.length; i++) {
      const info = feasible[i];
      if (owner) maxSiblings = Math.max(maxSiblings, info.byOwner.get(owner) ?? 0);
      const taints = info.node.spec?.taints;
      preferTaints[i] = taints ? taints.filter((t) => t.effect === 'PreferNoSchedule' && !(pod.spec?.tolerations ?? []).some((x) => tolerates(x, t))).length : 0;
      maxPrefer = Math.max(maxPrefer, preferTaints[i]);
    }
    let best: NodeInfo | undefined;
    let bestScore = -Infinity;
    let ties = 0;
    for (let i = 0; i < feasible.length; i++) {
      const info = feasible[i];
      const cpu = info.nonZeroMilliCpu + req.nonZeroMilliCpu;
      const mem = info.nonZeroMemory + req.nonZeroMemory;
      const least = (leastAllocated(cpu, info.allocatableMilliCpu) + leastAllocated(mem, info.allocatableMemory)) / 2;
      const fCpu = Math.min(1, cpu / (info.allocatableMilliCpu || 1));
      const fMem = Math.min(1, mem / (info.allocatableMemory || 1));
      const balanced = (1 - Math.abs(fCpu - fMem) / 2) * 100;
      const siblings = owner ? (info.byOwner.get(owner) ?? 0) : 0;
      const spread = maxSiblings === 0 ? 100 : (100 * (maxSiblings - siblings)) / maxSiblings;
      const taint = maxPrefer === 0 ? 100 : (100 * (maxPrefer - preferTaints[i])) / maxPrefer;
      const score = Math.floor(least) + Math.floor(balanced) + 2 * Math.floor(spread) + 3 * Math.floor(taint);
      if (score > bestScore) {
        bestScore = score;
        best = info;
        ties = 1;
      } else if (score === bestScore) {
        ties++;
        if (this.random.int(ties) === 0) best = info;
      }
    }
    return best!;
  }

  private fail(pod: Stored<Pod>, message: string): void {
    this.unschedulable.add(keyOf(pod));
    const conditions = (pod.status?.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
    const previous = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
    conditions.push({
      type: 'PodScheduled',
      status: 'False',
      lastProbeTime: null as unknown as string,
      lastTransitionTime: previous?.status === 'False' ? previous.lastTransitionTime : this.ctx.clock.rfc3339(),
      reason: 'Unschedulable',
      message,
    });
    try {
      this.ctx.api.updateStatus({ ...pod, status: { ...pod.status, conditions } });
    } catch (e) {
      if (!(e instanceof StatusError)) throw e;
    }
    this.ctx.events.record(pod, 'Warning', 'FailedScheduling', message, { component: SCHEDULER, action: 'Scheduling', instance: `${SCHEDULER}-${this.controlPlaneHost()}` });
  }

  private controlPlaneHost(): string {
    for (const info of this.nodes.values()) {
      if (info.node.metadata.labels?.['node-role.kubernetes.io/control-plane'] !== undefined) return info.node.metadata.name;
    }
    return 'control-plane';
  }
}

/** ((capacity − requested) × 100) / capacity, 0 when over capacity (leastRequestedScore). */
function leastAllocated(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return ((capacity - requested) * 100) / capacity;
}

/** FitError's histogram: "<count> <reason>" entries sorted as strings, joined by ", ". */
function histogram(counts: Map<string, number>): string {
  return [...counts].map(([reason, n]) => `${n} ${reason}`).sort().join(', ');
}
