import type { Node, Pod, PodCondition } from 'kubernetes-types/core/v1.js';
import { StatusError } from '../api/errors.ts';
import { isPodTerminal } from '../api/pod-util.ts';
import type { TimerHandle } from '../sim/timers.ts';
import { WorkQueue } from '../sim/work-queue.ts';
import { keyOf, type Stored } from '../store/object.ts';
import type { WatchEvent } from '../store/watch-event.ts';
import type { ControllerContext } from './context.ts';
import { nextTick, readyStatus } from './node-health.ts';

/** gcCheckPeriod: the pod GC looks every 20 s. */
export const GC_CHECK_PERIOD_MS = 20_000;
/** quarantineTime: how long a node must stay missing before its pods count as orphaned. */
export const QUARANTINE_MS = 40_000;
/** v1.TaintNodeOutOfService. */
const OUT_OF_SERVICE = 'node.kubernetes.io/out-of-service';

/**
 * The pod garbage collector (pkg/controller/podgc/gc_controller.go), event-driven: instead of
 * listing every pod every 20 s, it runs at the 20-second tick where upstream's pass would act.
 *
 * - gcOrphaned: pods bound to a node that does not exist are noticed at the next pass, which puts
 *   the node in quarantine for 40 s; at the first pass after that, if the node is still missing,
 *   each pod is marked Failed with a DisruptionTarget condition (`DeletionByPodGC`, `PodGC: node
 *   no longer exists`) and force-deleted.
 * - gcTerminating: pods being deleted on a node that is not Ready and carries the
 *   `node.kubernetes.io/out-of-service` taint are marked Failed and force-deleted.
 *
 * gcTerminated (more than 12,500 finished pods) and gcUnscheduledTerminating (the API server here
 * deletes an unscheduled pod at once) are not simulated.
 */
export class PodGarbageCollector {
  readonly name = 'pod-garbage-collector';
  readonly queue = new WorkQueue('pod-garbage-collector');
  /** Missing nodes with pods, and the pass that will look at them. */
  private readonly quarantined = new Map<string, TimerHandle>();
  /** Out-of-service nodes with terminating pods, and the pass that will delete them. */
  private readonly outOfService = new Map<string, TimerHandle>();

  constructor(private readonly ctx: ControllerContext) {
    ctx.sim.watch('nodes', (e) => this.onNode(e));
    ctx.sim.watch('pods', (e) => this.onPod(e));
    ctx.sim.register(this);
  }

  private onNode(e: WatchEvent): void {
    const name = e.object.metadata.name;
    if (e.type === 'DELETED') {
      if (this.ctx.store.byIndex('pods', 'node', name).length) this.quarantine(name);
      return;
    }
    this.checkOutOfService(name);
  }

  private onPod(e: WatchEvent): void {
    if (e.type === 'DELETED') return;
    const node = (e.object as Pod).spec?.nodeName;
    if (!node) return;
    if (!this.ctx.store.get('nodes', undefined, node)) this.quarantine(node);
    else if (e.object.metadata.deletionTimestamp) this.checkOutOfService(node);
  }

  /** The pass that first sees the node missing queues it for 40 s; the pass after that acts. */
  private quarantine(node: string): void {
    if (this.quarantined.has(node)) return;
    const seen = nextTick(this.ctx.clock.now(), GC_CHECK_PERIOD_MS);
    const timer = this.ctx.sim.at(seen + QUARANTINE_MS, () => this.queue.add(`orphaned:${node}`), { label: `pod gc ${node}` });
    this.quarantined.set(node, timer);
  }

  private checkOutOfService(name: string): void {
    if (this.outOfService.has(name)) return;
    const node = this.ctx.store.get<Node>('nodes', undefined, name);
    if (!node || !isOutOfService(node)) return;
    const terminating = this.ctx.store.byIndex('pods', 'node', name).some((p) => p.metadata.deletionTimestamp);
    if (!terminating) return;
    const timer = this.ctx.sim.at(nextTick(this.ctx.clock.now(), GC_CHECK_PERIOD_MS), () => this.queue.add(`terminating:${name}`), { label: `pod gc ${name}` });
    this.outOfService.set(name, timer);
  }

  sync(key: string): void {
    const i = key.indexOf(':');
    const [what, node] = [key.slice(0, i), key.slice(i + 1)];
    if (what === 'orphaned') this.gcOrphaned(node);
    else this.gcTerminating(node);
  }

  private gcOrphaned(node: string): void {
    this.quarantined.delete(node);
    if (this.ctx.store.get('nodes', undefined, node)) return;
    const condition: PodCondition = { type: 'DisruptionTarget', status: 'True', reason: 'DeletionByPodGC', message: 'PodGC: node no longer exists' };
    for (const pod of this.podsOn(node)) this.markFailedAndDelete(pod, condition);
  }

  private gcTerminating(node: string): void {
    this.outOfService.delete(node);
    const n = this.ctx.store.get<Node>('nodes', undefined, node);
    if (!n || !isOutOfService(n)) return;
    for (const pod of this.podsOn(node)) if (pod.metadata.deletionTimestamp) this.markFailedAndDelete(pod);
  }

  private podsOn(node: string): Stored<Pod>[] {
    return this.ctx.store.byIndex<Pod>('pods', 'node', node).sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
  }

  /** markFailedAndDeletePodWithCondition: phase Failed (with the condition), then a delete with grace 0. */
  private markFailedAndDelete(pod: Stored<Pod>, condition?: PodCondition): void {
    try {
      if (!isPodTerminal(pod)) {
        const now = this.ctx.clock.rfc3339();
        let conditions = pod.status?.conditions ?? [];
        if (condition) {
          const next = { ...condition, lastProbeTime: null as unknown as string, lastTransitionTime: now };
          const i = conditions.findIndex((c) => c.type === condition.type);
          conditions = i < 0 ? [...conditions, next] : conditions.map((c, j) => (j === i ? { ...next, lastTransitionTime: c.status === next.status ? c.lastTransitionTime : now } : c));
        }
        this.ctx.api.updateStatus({ ...pod, status: { ...pod.status, phase: 'Failed', conditions } });
      }
      this.ctx.api.delete('pods', pod.metadata.namespace, pod.metadata.name, { gracePeriodSeconds: 0 });
    } catch (e) {
      if (!(e instanceof StatusError)) throw e;
    }
  }
}

/** Not Ready, and tainted `node.kubernetes.io/out-of-service` (gcTerminating's test). */
function isOutOfService(node: Node): boolean {
  return readyStatus(node) !== 'True' && (node.spec?.taints ?? []).some((t) => t.key === OUT_OF_SERVICE);
}
