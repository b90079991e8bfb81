import type { Pod } from 'kubernetes-types/core/v1.js';
import { isPodAvailable } from '../../api/pod-util.ts';
import { isPodUpdated } from './util.ts';

/**
 * The rolling update of pkg/controller/daemon/update.go (rollingUpdate, findUpdatedPodsOnNode,
 * updatedDesiredNodeCounts), split in two: each node is classified on its own (classifyNode),
 * and the plan is made from how many nodes fall in each class (planRollingUpdate). Upstream walks
 * every node in every sync; here a node is classified again only when something about it
 * changed, so a sync costs what changed, not the size of the cluster.
 */

/**
 * The class of a node in a rolling update.
 *
 * Without surge (maxSurge 0):
 * - `unavailable`: counts against maxUnavailable (no pod, an old and a new pod, duplicates, or a
 *   new pod not yet available);
 * - `replace`: its old pod is not available, so it is replaced at once (and counts as unavailable);
 * - `candidate`: its old pod is available and may be deleted if maxUnavailable allows;
 * - `done`: its new pod is available.
 *
 * With surge (maxSurge > 0):
 * - `surging`: a new pod waits beside an old one to become available (or duplicates wait for the
 *   manage loop); counts against maxSurge;
 * - `deleteOld`: its old pod goes (the new one is available, or the old one is unavailable on a
 *   node that should no longer run it);
 * - `allowedNew`: its old pod is unavailable: a new pod is created beside it at once;
 * - `shouldNotRun`: an available old pod on a node that should no longer run it, deleted only once
 *   enough pods elsewhere are available;
 * - `candidate`: an available old pod, next to receive a surge pod;
 * - `idle`: nothing to do (no old pod).
 */
export type SlotClass = 'unavailable' | 'replace' | 'candidate' | 'done' | 'surging' | 'deleteOld' | 'allowedNew' | 'shouldNotRun' | 'idle';

/** One node's part in a rolling update. */
export interface NodeSlot {
  readonly node: string;
  readonly cls: SlotClass;
  /** The old pod's name, for the classes that delete it. */
  readonly oldPod?: string;
  /** With surge: the node's pod (the old one if any, else the new one) is available (numAvailable). */
  readonly available: boolean;
}

/** What classifying a node needs besides its pods. */
export interface SlotInputs {
  readonly hash: string;
  readonly generation: number | undefined;
  readonly minReadySeconds: number;
  readonly now: number;
  /** maxSurge > 0 for this DaemonSet. */
  readonly surge: boolean;
}

/**
 * findUpdatedPodsOnNode: the one new and the one old pod among those not being deleted; `ok` is
 * false when there are two of either (the manage loop prunes them first).
 */
export function findUpdatedPodsOnNode(pods: readonly Pod[], hash: string, generation: number | undefined): { newPod?: Pod; oldPod?: Pod; ok: boolean } {
  let newPod: Pod | undefined, oldPod: Pod | undefined;
  for (const pod of pods) {
    if (pod.metadata?.deletionTimestamp) continue;
    if (isPodUpdated(pod, hash, generation)) {
      if (newPod) return { ok: false };
      newPod = pod;
    } else {
      if (oldPod) return { ok: false };
      oldPod = pod;
    }
  }
  return { newPod, oldPod, ok: true };
}

/**
 * The class of one node: `pods` are the daemon pods targeting it, `shouldRun` whether a pod
 * should be there. Nodes with no pod that should not run one take no part (undefined), as they
 * are missing from upstream's nodeToDaemonPods.
 */
export function classifyNode(node: string, pods: readonly Pod[], shouldRun: boolean, inputs: SlotInputs): NodeSlot | undefined {
  if (pods.length === 0 && !shouldRun) return undefined;
  const { newPod, oldPod, ok } = findUpdatedPodsOnNode(pods, inputs.hash, inputs.generation);
  const old = oldPod?.metadata?.name;
  if (!inputs.surge) {
    if (!ok || (!oldPod && !newPod) || (oldPod && newPod)) return { node, cls: 'unavailable', available: false };
    if (newPod) return { node, cls: available(newPod, inputs) ? 'done' : 'unavailable', available: false };
    return { node, cls: available(oldPod, inputs) ? 'candidate' : 'replace', oldPod: old, available: false };
  }
  if (!ok) return { node, cls: 'surging', available: false };
  // Availability is counted for every node, even those the scheduling constraints are leaving.
  const counted = oldPod ? available(oldPod, inputs) : available(newPod, inputs);
  if (!oldPod) return { node, cls: 'idle', available: counted };
  if (!newPod) {
    if (!available(oldPod, inputs)) return { node, cls: shouldRun ? 'allowedNew' : 'deleteOld', oldPod: old, available: counted };
    return { node, cls: shouldRun ? 'candidate' : 'shouldNotRun', oldPod: old, available: counted };
  }
  return available(newPod, inputs) ? { node, cls: 'deleteOld', oldPod: old, available: counted } : { node, cls: 'surging', available: counted };
}

function available(pod: Pod | undefined, inputs: SlotInputs): boolean {
  return !!pod && isPodAvailable(pod, inputs.minReadySeconds, inputs.now);
}

/** The nodes of a DaemonSet by class, in the order they were classified; kept up to date node by node. */
export class SlotIndex {
  private readonly byNode = new Map<string, NodeSlot>();
  private readonly byClass = new Map<SlotClass, Map<string, NodeSlot>>();
  /** numAvailable of the surge path. */
  available = 0;

  /** Replaces a node's slot (undefined: the node takes no part); an unchanged slot keeps its place. */
  set(node: string, slot: NodeSlot | undefined): void {
    const before = this.byNode.get(node);
    if (before && slot && before.cls === slot.cls && before.oldPod === slot.oldPod && before.available === slot.available) return;
    if (before) {
      this.byClass.get(before.cls)!.delete(node);
      if (before.available) this.available--;
      this.byNode.delete(node);
    }
    if (!slot) return;
    this.byNode.set(node, slot);
    let set = this.byClass.get(slot.cls);
    if (!set) this.byClass.set(slot.cls, (set = new Map()));
    set.set(node, slot);
    if (slot.available) this.available++;
  }

  size(cls: SlotClass): number {
    return this.byClass.get(cls)?.size ?? 0;
  }

  /** The first `n` nodes of a class (all of them when n is omitted). */
  take(cls: SlotClass, n = Infinity): NodeSlot[] {
    const out: NodeSlot[] = [];
    if (n <= 0) return out;
    for (const slot of this.byClass.get(cls)?.values() ?? []) {
      out.push(slot);
      if (out.length >= n) break;
    }
    return out;
  }

  clear(): void {
    this.byNode.clear();
    this.byClass.clear();
    this.available = 0;
  }
}

/** The pods a rolling update deletes and the nodes it creates a new pod on. */
export interface RollingPlan {
  deletePods: string[];
  createOn: string[];
}

/**
 * rollingUpdate. Without surge, old pods are deleted (the manage loop then creates their
 * replacements) as long as fewer than maxUnavailable nodes are unavailable; an old pod that is
 * not available anyway goes at once. With 5 nodes and maxUnavailable 2, one new pod still
 * starting (1 unavailable) and 4 available old pods: 2 − 1 = 1 old pod is deleted this pass.
 *
 * With surge, a new pod is created beside an old one on up to maxSurge nodes at a time (at once
 * where the old one is unavailable), and the old pod is deleted when the new one is available.
 * With 5 nodes and maxSurge 1: a new pod on one node; once it is available the old one there
 * goes and the next node gets its new pod.
 *
 * Upstream picks candidates in Go's random map order; here in classification order. `surge` is
 * the mode the nodes were classified in (maxSurge configured non-zero), which is upstream's
 * `maxSurge > 0` whenever any node should run a pod.
 */
export function planRollingUpdate(slots: SlotIndex, counts: { maxSurge: number; maxUnavailable: number; desired: number; surge: boolean }): RollingPlan {
  const oldPods = (list: NodeSlot[]) => list.map((s) => s.oldPod!).filter(Boolean);
  if (!counts.surge) {
    const numUnavailable = slots.size('unavailable') + slots.size('replace');
    const remaining = Math.max(0, counts.maxUnavailable - numUnavailable);
    return { deletePods: [...oldPods(slots.take('replace')), ...oldPods(slots.take('candidate', remaining))], createOn: [] };
  }
  const deletePods = oldPods(slots.take('deleteOld'));
  // With maxSurge the owner expects full availability: a pod on a node being left goes only
  // once more pods are available than nodes should run one.
  const deletable = slots.available - counts.desired;
  if (deletable > 0) deletePods.push(...oldPods(slots.take('shouldNotRun', deletable)));
  const remainingSurge = Math.max(0, counts.maxSurge - slots.size('surging'));
  const createOn = [...slots.take('allowedNew'), ...slots.take('candidate', remainingSurge)].map((s) => s.node);
  return { deletePods, createOn };
}

/**
 * updatedDesiredNodeCounts: maxSurge and maxUnavailable scaled against the nodes that should run
 * a pod (percentages round up); an impossible 0 and 0 falls back to maxUnavailable 1.
 */
export function desiredNodeCounts(maxSurge: number, maxUnavailable: number, desired: number): { maxSurge: number; maxUnavailable: number } {
  if (desired > 0 && maxSurge === 0 && maxUnavailable === 0) return { maxSurge, maxUnavailable: 1 };
  return { maxSurge, maxUnavailable };
}
