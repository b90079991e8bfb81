import type { Node, Pod, Taint } from 'kubernetes-types/core/v1.js';
import { StatusError } from '../api/errors.ts';
import type { NodeLeases } from '../node/node-lease.ts';
import type { TimerHandle } from '../sim/timers.ts';
import { WorkQueue } from '../sim/work-queue.ts';
import type { Stored } from '../store/object.ts';
import type { WatchEvent } from '../store/watch-event.ts';
import type { ControllerContext } from './context.ts';
import {
  hasTaint,
  nextTick,
  noScheduleTaintDiff,
  NOT_READY_NO_EXECUTE,
  readyStatus,
  swapTaints,
  unknownConditions,
  UNREACHABLE_NO_EXECUTE,
  zoneKey,
  zoneState,
} from './node-health.ts';

/** --node-monitor-grace-period: 50 s since v1.32 (kubernetes/kubernetes#126287; 40 s before). */
export const NODE_MONITOR_GRACE_PERIOD_MS = 50_000;
/** --node-monitor-period: monitorNodeHealth runs every 5 s. */
export const NODE_MONITOR_PERIOD_MS = 5_000;
/** --node-eviction-rate 0.1 with EvictionRateLimiterBurst 1: NoExecute taints on one node per 10 s per zone. */
const EVICTION_INTERVAL_MS = 10_000;
/** --secondary-node-eviction-rate 0.01, for a partially disrupted zone of more than --large-cluster-size-threshold nodes. */
const SECONDARY_EVICTION_INTERVAL_MS = 100_000;
const LARGE_CLUSTER_THRESHOLD = 50;

const COMPONENT = 'node-controller';
/** The work queue's key for the NoExecute tainting pass; node names cannot contain a space. */
const TAINTING_PASS = 'no-execute tainting pass';
const NO_SCHEDULE = 'no-schedule ';

/**
 * The node lifecycle controller (pkg/controller/nodelifecycle/node_lifecycle_controller.go),
 * event-driven: instead of looking at every node every 5 s, it runs a node's monitor pass at the
 * 5-second tick where upstream's would first see something to do.
 *
 * - A node whose kubelet stopped renewing its Lease gets, at the first tick more than the grace
 *   period after the last renewal, Ready (and the pressure conditions) Unknown with
 *   `Kubelet stopped posting node status.`, a `NodeNotReady` event, and its pods' Ready condition
 *   set False with a `NodeNotReady` event each (MarkPodsNotReady).
 * - Every node change re-derives the NoSchedule taints of its conditions and of
 *   spec.unschedulable (doNoScheduleTaintingPass), stamped with timeAdded.
 * - At the tick after Ready turns False or Unknown, the node is queued for its NoExecute taint
 *   (`not-ready` or `unreachable`), added by the rate-limited tainter (one node per 10 s per zone,
 *   slower or stopped when a zone is largely or fully disrupted); the taint-eviction controller
 *   does the evicting. At the tick after Ready is True again, the NoExecute taints go.
 */
export class NodeLifecycleController {
  readonly name = COMPONENT;
  readonly queue = new WorkQueue(COMPONENT);
  /** knownNodeSet: the nodes seen by a monitor pass, with their last state (for RemovingNode). */
  private readonly known = new Map<string, Stored<Node>>();
  /** The Ready status each node had when its last monitor pass looked. */
  private readonly lastSeen = new Map<string, string>();
  /** The pending monitor pass of each node. */
  private readonly passes = new Map<string, { at: number; timer: TimerHandle }>();
  /** zoneNoExecuteTainter: nodes waiting for their NoExecute taint (`queued`), or done with it (`done`) until reachable again. */
  private readonly tainter = new Map<string, { zone: string; state: 'queued' | 'done' }>();
  /** Per zone, when the rate limiter has its next token. */
  private readonly nextToken = new Map<string, number>();
  private taintingTimer?: { at: number; timer: TimerHandle };
  /** The nodes whose Ready condition is not True, kept up to date from node events. */
  private readonly notReady = new Set<string>();
  private fullDisruption = false;

  constructor(private readonly ctx: ControllerContext, private readonly leases: NodeLeases) {
    ctx.sim.watch('nodes', (e) => this.onNode(e));
    leases.onChange((node) => this.reschedule(node));
    ctx.sim.register(this);
  }

  private onNode(e: WatchEvent): void {
    const name = e.object.metadata.name;
    if (e.type !== 'DELETED') this.queue.add(NO_SCHEDULE + name);
    if (e.type !== 'DELETED' && readyStatus(e.object as Node) !== 'True') this.notReady.add(name);
    else this.notReady.delete(name);
    if (e.type === 'DELETED' || !e.old || readyStatus(e.old as Node) !== readyStatus(e.object as Node)) this.scheduleTainting();
    this.reschedule(name);
  }

  sync(key: string): void {
    if (key === TAINTING_PASS) this.doNoExecuteTaintingPass();
    else if (key.startsWith(NO_SCHEDULE)) this.doNoScheduleTaintingPass(key.slice(NO_SCHEDULE.length));
    else this.monitorNode(key);
  }

  /** When the node's next monitor pass is due, if it has anything to do. */
  private nextPass(name: string): number | undefined {
    const now = this.ctx.clock.now();
    const node = this.ctx.store.get<Node>('nodes', undefined, name);
    if (!node) return this.known.has(name) ? nextTick(now, NODE_MONITOR_PERIOD_MS) : undefined;
    if (!this.known.has(name) || this.lastSeen.get(name) !== readyStatus(node)) return nextTick(now, NODE_MONITOR_PERIOD_MS);
    if (!this.leases.renewing(name) && readyStatus(node) !== 'Unknown') {
      return nextTick(this.leases.renewTime(name, now) + NODE_MONITOR_GRACE_PERIOD_MS, NODE_MONITOR_PERIOD_MS);
    }
    return undefined;
  }

  /** Keeps one timer per node, at its next pass. */
  private reschedule(name: string): void {
    const at = this.nextPass(name);
    const pending = this.passes.get(name);
    if (pending?.at === at) return;
    pending?.timer.cancel();
    this.passes.delete(name);
    if (at === undefined) return;
    const timer = this.ctx.sim.at(at, () => {
      this.passes.delete(name);
      this.queue.add(name);
    }, { label: `node monitor ${name}` });
    this.passes.set(name, { at, timer });
  }

  /** One node's share of monitorNodeHealth: tryUpdateNodeHealth, then processTaintBaseEviction. */
  private monitorNode(name: string): void {
    const node = this.ctx.store.get<Node>('nodes', undefined, name);
    if (!node) {
      const last = this.known.get(name);
      if (last) this.recordNodeEvent(last, 'RemovingNode', `Removing Node ${name} from Controller`);
      this.known.delete(name);
      this.lastSeen.delete(name);
      this.tainter.delete(name);
      return;
    }
    if (!this.known.has(name)) {
      this.recordNodeEvent(node, 'RegisteredNode', `Registered Node ${name} in Controller`);
      this.markNodeAsReachable(node);
    }
    this.known.set(name, node);
    const observed = readyStatus(node);
    let current = node;
    const now = this.ctx.clock.now();
    if (now > this.leases.renewTime(name, now) + NODE_MONITOR_GRACE_PERIOD_MS) {
      const conditions = unknownConditions(node, this.ctx.clock.rfc3339());
      if (conditions) current = this.ctx.api.updateStatus({ ...node, status: { ...node.status, conditions } });
    }
    if (readyStatus(current) !== 'True' && observed === 'True') {
      this.ctx.events.record(current, 'Normal', 'NodeNotReady', `Node ${name} status is now: NodeNotReady`, { component: COMPONENT });
      this.markPodsNotReady(name);
    }
    this.lastSeen.set(name, observed);
    this.processTaintBaseEviction(current, observed);
    this.checkDisruption();
    this.reschedule(name);
  }

  /** processTaintBaseEviction: the NoExecute taint that mirrors the Ready status the pass observed. */
  private processTaintBaseEviction(node: Stored<Node>, observed: string): void {
    if (observed === 'True') {
      this.markNodeAsReachable(node);
      return;
    }
    const [wanted, opposite] = observed === 'False' ? [NOT_READY_NO_EXECUTE, UNREACHABLE_NO_EXECUTE] : [UNREACHABLE_NO_EXECUTE, NOT_READY_NO_EXECUTE];
    // Already tainted the other way: swap straight away, without waiting for the rate limiter.
    if (hasTaint(node, opposite)) {
      this.swap(node, [wanted], [opposite]);
      return;
    }
    // markNodeForTainting: a node not yet carrying the taint is queued afresh.
    const name = node.metadata.name;
    if (!hasTaint(node, wanted)) this.tainter.delete(name);
    if (!this.tainter.has(name)) {
      this.tainter.set(name, { zone: zoneKey(node), state: 'queued' });
      this.scheduleTainting();
    }
  }

  /** markNodeAsReachable: off with both NoExecute taints, and out of the tainter's queue. */
  private markNodeAsReachable(node: Stored<Node>): void {
    this.swap(node, [], [UNREACHABLE_NO_EXECUTE, NOT_READY_NO_EXECUTE]);
    this.tainter.delete(node.metadata.name);
  }

  /**
   * handleDisruption, for the case that matters in a small cluster: when no node of any zone is
   * Ready, evictions stop and the NoExecute taints come off every node. When one is Ready again,
   * the nodes still unhealthy are queued for their taints again, behind a rate limiter that
   * starts drained (SwapLimiter takes the new limiter's token when the old one had none): the
   * first taint comes 10 s later.
   */
  private checkDisruption(): void {
    const count = this.ctx.store.count('nodes');
    const full = count > 0 && this.notReady.size === count;
    if (full === this.fullDisruption) return;
    this.fullDisruption = full;
    const nodes = this.ctx.store.list<Node>('nodes');
    if (full) {
      for (const node of nodes) this.markNodeAsReachable(node);
      return;
    }
    const now = this.ctx.clock.now();
    for (const zone of new Set(nodes.map(zoneKey))) {
      const interval = this.evictionInterval(zone);
      if (interval !== undefined) this.nextToken.set(zone, now + interval);
    }
    for (const node of nodes) if (readyStatus(node) !== 'True') this.processTaintBaseEviction(node, readyStatus(node));
  }

  /** Schedules the tainter at the earliest time a queued node's zone has a token. */
  private scheduleTainting(): void {
    let at: number | undefined;
    for (const { zone, state } of this.tainter.values()) {
      if (state !== 'queued' || this.evictionInterval(zone) === undefined) continue;
      const t = Math.max(this.ctx.clock.now(), this.nextToken.get(zone) ?? 0);
      at = at === undefined ? t : Math.min(at, t);
    }
    if (this.taintingTimer && this.taintingTimer.at === at) return;
    this.taintingTimer?.timer.cancel();
    this.taintingTimer = undefined;
    if (at === undefined) return;
    const timer = this.ctx.sim.at(at, () => {
      this.taintingTimer = undefined;
      this.queue.add(TAINTING_PASS);
    }, { label: 'no-execute tainting' });
    this.taintingTimer = { at, timer };
  }

  /** The rate limiter's interval for a zone (setLimiterInZone), undefined when evictions are stopped. */
  private evictionInterval(zone: string): number | undefined {
    if (this.fullDisruption) return undefined;
    let ready = 0, notReady = 0;
    for (const n of this.ctx.store.list<Node>('nodes')) {
      if (zoneKey(n) !== zone) continue;
      if (readyStatus(n) === 'True') ready++;
      else notReady++;
    }
    switch (zoneState(ready, notReady)) {
      case 'Normal':
      case 'FullDisruption':
        return EVICTION_INTERVAL_MS;
      case 'PartialDisruption':
        return ready + notReady > LARGE_CLUSTER_THRESHOLD ? SECONDARY_EVICTION_INTERVAL_MS : undefined;
    }
  }

  /** doNoExecuteTaintingPass: each zone's queued nodes in order, one per token. */
  private doNoExecuteTaintingPass(): void {
    const now = this.ctx.clock.now();
    for (const [name, entry] of this.tainter) {
      if (entry.state !== 'queued') continue;
      const interval = this.evictionInterval(entry.zone);
      if (interval === undefined || (this.nextToken.get(entry.zone) ?? 0) > now) continue;
      this.nextToken.set(entry.zone, now + interval);
      const node = this.ctx.store.get<Node>('nodes', undefined, name);
      if (!node) {
        this.tainter.delete(name);
        continue;
      }
      entry.state = 'done';
      const status = readyStatus(node);
      if (status === 'False') this.swap(node, [NOT_READY_NO_EXECUTE], [UNREACHABLE_NO_EXECUTE]);
      else if (status === 'Unknown') this.swap(node, [UNREACHABLE_NO_EXECUTE], [NOT_READY_NO_EXECUTE]);
    }
    this.scheduleTainting();
  }

  /** doNoScheduleTaintingPass. */
  private doNoScheduleTaintingPass(name: string): void {
    const node = this.ctx.store.get<Node>('nodes', undefined, name);
    if (!node) return;
    const { add, remove } = noScheduleTaintDiff(node);
    if (add.length || remove.length) this.swap(node, add, remove);
  }

  /** SwapNodeControllerTaint on the latest node: add (stamped now), then remove. */
  private swap(node: Stored<Node>, add: Taint[], remove: Taint[]): void {
    const latest = this.ctx.store.get<Node>('nodes', undefined, node.metadata.name);
    if (!latest) return;
    const taints = swapTaints(latest.spec?.taints, add, remove, this.ctx.clock.rfc3339());
    if (!taints) return;
    const { taints: _, ...spec } = latest.spec ?? {};
    try {
      this.ctx.api.update({ ...latest, spec: taints.length ? { ...spec, taints } : spec });
    } catch (e) {
      if (!(e instanceof StatusError)) throw e;
    }
  }

  /** MarkPodsNotReady (pkg/controller/util/node): Ready False on each pod of the node, with an event. */
  private markPodsNotReady(nodeName: string): void {
    const now = this.ctx.clock.rfc3339();
    for (const pod of this.ctx.store.byIndex<Pod>('pods', 'node', nodeName)) {
      const conditions = pod.status?.conditions ?? [];
      const i = conditions.findIndex((c) => c.type === 'Ready');
      if (i < 0 || conditions[i].status === 'False') continue;
      const next = [...conditions];
      next[i] = { ...conditions[i], status: 'False', lastTransitionTime: now };
      try {
        const written = this.ctx.api.updateStatus({ ...pod, status: { ...pod.status, conditions: next } });
        this.ctx.events.record(written, 'Warning', 'NodeNotReady', 'Node is not ready', { component: COMPONENT });
      } catch (e) {
        if (!(e instanceof StatusError)) throw e;
      }
    }
  }

  /** RecordNodeEvent: `Node <name> event: <message>`. */
  private recordNodeEvent(node: Stored<Node>, reason: string, message: string): void {
    this.ctx.events.record(node, 'Normal', reason, `Node ${node.metadata.name} event: ${message}`, { component: COMPONENT });
  }
}
