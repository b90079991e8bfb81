import type { Pod } from 'kubernetes-types/core/v1.js';
import type { Stored } from '../../store/object.ts';
import type { Eligibility } from './eligibility.ts';
import { hasActions, type NodeActions } from './manage.ts';
import { SlotIndex, type NodeSlot } from './rolling.ts';
import { addCounts, ZERO_COUNTS, type StatusCounts } from './status.ts';

/** What the controller concluded about one node for one DaemonSet the last time it looked. */
export interface NodeView {
  /** The node exists (is in upstream's nodeList). */
  readonly exists: boolean;
  readonly eligibility: Eligibility;
  /** The node's daemon pods (claimed, without finished pods being deleted), oldest first. */
  readonly pods: readonly Stored<Pod>[];
  /** Its part in the DaemonSet's status. */
  readonly counts: StatusCounts;
  /** Its part in a rolling update, if the DaemonSet rolls. */
  readonly slot?: NodeSlot;
  /** What the manage loop wants done here. */
  readonly actions: NodeActions;
  /** A pod here is ready but not yet available: the view changes with time alone. */
  readonly timeDependent: boolean;
}

/**
 * One DaemonSet's view of the cluster, node by node, kept up to date incrementally: a sync looks
 * again only at the nodes something happened to (a pod event, a node change, leftover work), and
 * keeps running totals of the status counts and of the rolling-update classes. Built for one
 * `version` of the DaemonSet (generation and revision hash); a new version starts over.
 */
export class DaemonSetView {
  readonly nodes = new Map<string, NodeView>();
  /** NodeShouldRunDaemonPod per node, for this version's template. */
  readonly eligibility = new Map<string, Eligibility>();
  readonly totals: StatusCounts = { ...ZERO_COUNTS };
  readonly slots = new SlotIndex();
  /** Nodes to look at again at the next sync. */
  readonly dirty = new Set<string>();
  /** Nodes whose manage actions are not carried out yet (burstReplicas, failed creates), in node order. */
  readonly pending = new Map<string, NodeActions>();
  /** Nodes whose view depends on the time (minReadySeconds): looked at in every sync. */
  readonly timeDependent = new Set<string>();
  /** Pods may need adopting or releasing (an orphan matched, labels changed, a new version). */
  claimNeeded = true;

  constructor(readonly version: string) {}

  /** Replaces a node's view (undefined: the node no longer concerns the DaemonSet). */
  set(node: string, view: NodeView | undefined): void {
    const before = this.nodes.get(node);
    if (before) addCounts(this.totals, before.counts, -1);
    if (view) {
      this.nodes.set(node, view);
      addCounts(this.totals, view.counts, 1);
    } else {
      this.nodes.delete(node);
    }
    this.slots.set(node, view?.slot);
    if (view && hasActions(view.actions)) this.pending.set(node, view.actions);
    else this.pending.delete(node);
    if (view?.timeDependent) this.timeDependent.add(node);
    else this.timeDependent.delete(node);
  }

  /** The nodes to look at in this sync: dirty ones and time-dependent ones; clears the dirty set. */
  takeDirty(): string[] {
    const out = [...this.dirty];
    for (const node of this.timeDependent) if (!this.dirty.has(node)) out.push(node);
    this.dirty.clear();
    return out;
  }
}
