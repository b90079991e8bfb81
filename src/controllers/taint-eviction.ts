import type { Node, Pod, Taint, Toleration } from 'kubernetes-types/core/v1.js';
import { deepEqual } from '../api/equality.ts';
import { StatusError } from '../api/errors.ts';
import { tolerates } from '../node/taints.ts';
import type { TimerHandle } from '../sim/timers.ts';
import { WorkQueue } from '../sim/work-queue.ts';
import { keyOf, splitKey, type Stored } from '../store/object.ts';
import type { WatchEvent } from '../store/watch-event.ts';
import type { ControllerContext } from './context.ts';

const COMPONENT = 'taint-eviction-controller';

/** The NoExecute taints of a node (getNoExecuteTaints). */
export function noExecuteTaints(node: Node | undefined): Taint[] {
  return (node?.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute');
}

/**
 * When a pod must go from a node with these NoExecute taints (GetMatchingTolerations and
 * getMinTolerationTime, pkg/controller/tainteviction/taint_eviction.go): `now` when a taint is
 * not tolerated (or a matching toleration has tolerationSeconds ≤ 0), after the smallest
 * tolerationSeconds of the matching tolerations, or never (undefined) when none sets one.
 */
export function evictionDelayMs(taints: readonly Taint[], tolerations: readonly Toleration[] | undefined): number | undefined {
  const used: Toleration[] = [];
  for (const taint of taints) {
    const match = (tolerations ?? []).find((t) => tolerates(t, taint));
    if (!match) return 0;
    used.push(match);
  }
  if (used.length === 0) return 0;
  let min: number | undefined;
  for (const t of used) {
    if (t.tolerationSeconds === undefined || t.tolerationSeconds === null) continue;
    if (t.tolerationSeconds <= 0) return 0;
    min = min === undefined ? t.tolerationSeconds : Math.min(min, t.tolerationSeconds);
  }
  return min === undefined ? undefined : min * 1000;
}

/**
 * The taint-eviction controller (pkg/controller/tainteviction/taint_eviction.go; a controller of
 * its own since SeparateTaintEvictionController, on by default in 1.32): pods on a node with
 * NoExecute taints they do not tolerate are deleted at once; pods that tolerate them for
 * tolerationSeconds are deleted when that runs out (the DefaultTolerationSeconds admission gives
 * every pod 300 s for `not-ready` and `unreachable`), unless the taint goes first. A deletion is
 * announced by a `TaintManagerEviction` event about the pod (without its UID, so `kubectl describe
 * pod` does not list it) and marked by a DisruptionTarget condition; a cancelled one by
 * `Cancelling deletion of Pod …`.
 */
export class TaintEvictionController {
  readonly name = COMPONENT;
  readonly queue = new WorkQueue(COMPONENT);
  /** taintedNodes: the NoExecute taints of every node that has some. */
  private readonly tainted = new Map<string, Taint[]>();
  /** taintEvictionQueue: the pods whose deletion is scheduled, by key. */
  private readonly scheduled = new Map<string, { createdAt: number; timer: TimerHandle }>();

  constructor(private readonly ctx: ControllerContext) {
    ctx.sim.watch('nodes', (e) => this.onNode(e));
    ctx.sim.watch('pods', (e) => this.onPod(e));
    ctx.sim.register(this);
  }

  /** NodeUpdated: only a change of NoExecute taints matters. */
  private onNode(e: WatchEvent): void {
    if (e.type === 'MODIFIED' && deepEqual(noExecuteTaints(e.old as Node), noExecuteTaints(e.object as Node))) return;
    this.queue.add(`node:${e.object.metadata.name}`);
  }

  /** PodUpdated: only a new pod, a deleted one, or a change of node or tolerations matters. */
  private onPod(e: WatchEvent): void {
    const pod = e.object as Pod, old = e.old as Pod | undefined;
    if (e.type === 'MODIFIED' && old?.spec?.nodeName === pod.spec?.nodeName && deepEqual(old?.spec?.tolerations, pod.spec?.tolerations)) return;
    this.queue.add(`pod:${keyOf(pod)}`);
  }

  sync(key: string): void {
    if (key.startsWith('node:')) this.handleNodeUpdate(key.slice(5));
    else if (key.startsWith('pod:')) this.handlePodUpdate(key.slice(4));
    else if (key.startsWith('evict:')) this.fire(key.slice(6));
  }

  private handleNodeUpdate(name: string): void {
    const node = this.ctx.store.get<Node>('nodes', undefined, name);
    if (!node) {
      this.tainted.delete(name);
      return;
    }
    const taints = noExecuteTaints(node);
    if (taints.length) this.tainted.set(name, taints);
    else this.tainted.delete(name);
    const pods = this.ctx.store.byIndex<Pod>('pods', 'node', name).sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
    for (const pod of pods) {
      if (taints.length === 0) this.cancelWithEvent(keyOf(pod));
      else this.processPodOnNode(pod, taints);
    }
  }

  private handlePodUpdate(key: string): void {
    const { namespace, name } = splitKey(key);
    const pod = this.ctx.store.get<Pod>('pods', namespace, name);
    if (!pod) {
      this.cancelWithEvent(key);
      return;
    }
    const taints = pod.spec?.nodeName ? this.tainted.get(pod.spec.nodeName) : undefined;
    if (taints) this.processPodOnNode(pod, taints);
  }

  /** processPodOnNode: delete now, schedule, keep an earlier schedule, or cancel. */
  private processPodOnNode(pod: Stored<Pod>, taints: Taint[]): void {
    const key = keyOf(pod);
    const now = this.ctx.clock.now();
    const delay = evictionDelayMs(taints, pod.spec?.tolerations);
    if (delay === undefined) {
      this.cancelWithEvent(key);
      return;
    }
    if (delay === 0) {
      this.cancelWithEvent(key);
      this.evict(key);
      return;
    }
    const existing = this.scheduled.get(key);
    // A deletion scheduled earlier (or at this very instant) stands.
    if (existing && existing.createdAt <= now) return;
    this.cancelWithEvent(key);
    const timer = this.ctx.sim.after(delay, () => this.queue.add(`evict:${key}`), { label: `taint eviction ${key}` });
    this.scheduled.set(key, { createdAt: now, timer });
  }

  /** A scheduled deletion whose time has come. */
  private fire(key: string): void {
    if (!this.scheduled.delete(key)) return;
    this.evict(key);
  }

  /** deletePodHandler: the event, the DisruptionTarget condition, then a graceful delete. */
  private evict(key: string): void {
    const { namespace, name } = splitKey(key);
    this.ctx.events.record(podReference(namespace, name), 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${key}`, { component: COMPONENT });
    const pod = this.ctx.store.get<Pod>('pods', namespace, name);
    if (!pod) return;
    try {
      const marked = withCondition(pod, this.ctx.clock.rfc3339());
      if (marked) this.ctx.api.updateStatus(marked);
      this.ctx.api.delete('pods', namespace, name);
    } catch (e) {
      if (!(e instanceof StatusError)) throw e;
    }
  }

  /** cancelWorkWithEvent: only a deletion still waiting for its time is announced as cancelled. */
  private cancelWithEvent(key: string): void {
    const entry = this.scheduled.get(key);
    if (!entry) return;
    entry.timer.cancel();
    this.scheduled.delete(key);
    const { namespace, name } = splitKey(key);
    this.ctx.events.record(podReference(namespace, name), 'Normal', 'TaintManagerEviction', `Cancelling deletion of Pod ${key}`, { component: COMPONENT });
  }
}

/** The ObjectReference the taint-eviction controller's events carry: kind, namespace and name, no UID. */
function podReference(namespace: string | undefined, name: string): Stored {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { namespace, name } } as Stored;
}

/** UpdatePodCondition with DisruptionTarget (DeletionByTaintManager); undefined when already so. */
function withCondition(pod: Stored<Pod>, now: string): Stored<Pod> | undefined {
  const conditions = pod.status?.conditions ?? [];
  const condition = { type: 'DisruptionTarget', status: 'True', reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint' };
  const old = conditions.find((c) => c.type === condition.type);
  if (old && old.status === condition.status && old.reason === condition.reason && old.message === condition.message) return undefined;
  const next = old
    ? conditions.map((c) => (c === old ? { ...condition, lastProbeTime: c.lastProbeTime, lastTransitionTime: old.status === condition.status ? old.lastTransitionTime : now } : c))
    : [...conditions, { ...condition, lastProbeTime: null as unknown as string, lastTransitionTime: now }];
  return { ...pod, status: { ...pod.status, conditions: next } };
}
