import type { Pod } from 'kubernetes-types/core/v1.js';
import type { Selector } from '../api/labels.ts';
import { isPodActive, isPodReady } from '../api/pod-util.ts';
import { controllerOf, keyOf, type Stored } from '../store/object.ts';
import { podStateScore, type DeletionGroups } from './pod-ranking.ts';
import type { Store } from '../store/store.ts';
import type { WatchEvent } from '../store/watch-event.ts';

/** What the active pods one owner controls add up to, judged by the owner's selector and template labels. */
export interface Tally {
  /** Active pods that match the selector: the ones claimPods keeps. */
  claimed: number;
  /** Of those, the ones carrying every template label. */
  fullyLabeled: number;
  ready: number;
  /** Active pods that no longer match the selector: claimPods would release them. */
  mismatched: number;
}

interface Entry {
  basis: string;
  selector: Selector;
  template: Selector;
  tally: Tally;
  /** Active pods per node (matching the selector or not): the owner's share of the deletion ranks. */
  nodes: Map<string, number>;
  /** Active pods by deletion state score, node and key: the candidates a scale-down searches. */
  groups: Map<number, Map<string, Map<string, Stored<Pod>>>>;
  /**
   * The store's resourceVersion when the entry was built from the index. A sync may build one
   * after writing pods whose events are still to be delivered; those events (at or below this
   * version) are already in it and must not be counted again.
   */
  builtAt: number;
}

/**
 * Running totals that let a ReplicaSet sync skip visiting every pod it owns in the common case.
 * Upstream's syncReplicaSet lists all of an owner's pods on every sync; a real controller gets
 * away with that because a busy work queue folds many pod events into one sync, while the
 * simulator syncs after each event of a virtual instant. The totals are kept current from the
 * pod watch (which the simulator delivers before any sync runs), so what a sync computes from
 * them is exactly what counting the pods would give.
 */
export class PodTallies {
  private readonly entries = new Map<string, Entry>();
  /** Active pods without a controller, which a sync may have to adopt. */
  private readonly orphans = new Map<string, Stored<Pod>>();

  constructor(private readonly store: Store) {}

  /** Applies one pod event: the old state's share is taken out, the new state's put in. */
  observe(e: WatchEvent): void {
    const now = e.type === 'DELETED' ? undefined : (e.object as Stored<Pod>);
    const old = e.old as Stored<Pod> | undefined;
    if (old) this.count(old, -1, e.resourceVersion);
    if (now) this.count(now, 1, e.resourceVersion);
    const key = keyOf(e.object);
    if (now && isPodActive(now) && !controllerOf(now)) this.orphans.set(key, now);
    else this.orphans.delete(key);
  }

  /**
   * The tally of an owner under this selector and template; rebuilt from the owner index when the
   * owner is new here or its selector or template labels changed.
   */
  tally(uid: string, selector: Selector, template: Selector): Tally {
    const basis = `${selector.nothing ? '!' : ''}${selector.toString()}|${template.toString()}`;
    let entry = this.entries.get(uid);
    if (!entry || entry.basis !== basis) {
      entry = { basis, selector, template, tally: { claimed: 0, fullyLabeled: 0, ready: 0, mismatched: 0 }, nodes: new Map(), groups: new Map(), builtAt: this.store.resourceVersion };
      this.entries.set(uid, entry);
      for (const pod of this.store.byIndex<Pod>('pods', 'controller', uid)) add(entry, pod, 1);
    }
    return entry.tally;
  }

  /** An owner's active pods grouped for a scale-down (call tally() first). */
  deletionGroups(uid: string): DeletionGroups {
    return this.entries.get(uid)?.groups ?? new Map();
  }

  /** Active pods per node of an owner whose tally exists (call tally() first). */
  podsPerNode(uid: string): ReadonlyMap<string, number> {
    return this.entries.get(uid)?.nodes ?? new Map();
  }

  /** Whether an active orphan in the namespace matches the selector (claimPods would adopt it). */
  hasOrphan(namespace: string | undefined, selector: Selector): boolean {
    for (const pod of this.orphans.values()) {
      if (pod.metadata.namespace === namespace && selector.matches(pod.metadata.labels)) return true;
    }
    return false;
  }

  /** Forgets an owner that is gone. */
  forget(uid: string): void {
    this.entries.delete(uid);
  }

  /** Counts the pod for each owner it names as controller, as the store's `controller` index lists it. */
  private count(pod: Stored<Pod>, sign: 1 | -1, resourceVersion: number): void {
    for (const ref of pod.metadata.ownerReferences ?? []) {
      const entry = ref.controller ? this.entries.get(ref.uid) : undefined;
      if (entry && resourceVersion > entry.builtAt) add(entry, pod, sign);
    }
  }
}

function add(entry: Entry, pod: Stored<Pod>, sign: 1 | -1): void {
  if (!isPodActive(pod)) return;
  const node = pod.spec?.nodeName ?? '';
  const onNode = (entry.nodes.get(node) ?? 0) + sign;
  if (onNode === 0) entry.nodes.delete(node);
  else entry.nodes.set(node, onNode);
  group(entry, pod, node, sign);
  const t = entry.tally;
  if (!entry.selector.matches(pod.metadata.labels)) {
    t.mismatched += sign;
    return;
  }
  t.claimed += sign;
  if (entry.template.matches(pod.metadata.labels)) t.fullyLabeled += sign;
  if (isPodReady(pod)) t.ready += sign;
}

/** Files a pod under its state score and node (sign 1), or takes that version of it out (-1). */
function group(entry: Entry, pod: Stored<Pod>, node: string, sign: 1 | -1): void {
  const score = podStateScore(pod);
  const key = keyOf(pod);
  let byNode = entry.groups.get(score);
  if (sign === 1) {
    if (!byNode) entry.groups.set(score, (byNode = new Map()));
    let pods = byNode.get(node);
    if (!pods) byNode.set(node, (pods = new Map()));
    pods.set(key, pod);
    return;
  }
  const pods = byNode?.get(node);
  if (!pods) return;
  pods.delete(key);
  if (pods.size === 0) byNode!.delete(node);
  if (byNode!.size === 0) entry.groups.delete(score);
}
