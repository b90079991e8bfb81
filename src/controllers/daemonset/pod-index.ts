import type { Pod } from 'kubernetes-types/core/v1.js';
import { controllerOf, keyOf, type Stored } from '../../store/object.ts';
import type { WatchEvent } from '../../store/watch-event.ts';
import { targetNodeName } from './util.ts';

/** Where a pod was last seen: the DaemonSet controlling it and the node it targets. */
interface Placement {
  owner: string;
  node: string;
}

/**
 * The pods every DaemonSet controls, by the node each targets (its nodeName, or before binding
 * the node of its pinning affinity): upstream's getNodesToDaemonPods, kept up to date from pod
 * events rather than rebuilt from a list of every pod at each sync. Keys are store keys.
 */
export class DaemonPodIndex {
  private readonly byOwner = new Map<string, Map<string, Set<string>>>();
  private readonly placements = new Map<string, Placement>();

  /**
   * Applies a pod event; returns the (owner uid, node) pairs it touched, old and new, so that the
   * controller can look at those nodes again.
   */
  observe(e: WatchEvent): Placement[] {
    const pod = e.object as Stored<Pod>;
    const key = keyOf(pod);
    const before = this.placements.get(key);
    const ref = e.type === 'DELETED' ? undefined : controllerOf(pod);
    const node = ref?.kind === 'DaemonSet' ? targetNodeName(pod) : undefined;
    const after = ref && node !== undefined ? { owner: ref.uid, node } : undefined;
    if (before && after && before.owner === after.owner && before.node === after.node) return [after];
    if (before) this.remove(key, before);
    if (after) this.add(key, after);
    return [before, after].filter((p): p is Placement => !!p);
  }

  /** Records a pod the controller just adopted (before its event arrives). */
  place(pod: Stored<Pod>, owner: string): void {
    const node = targetNodeName(pod);
    const key = keyOf(pod);
    const before = this.placements.get(key);
    if (before) this.remove(key, before);
    if (node !== undefined) this.add(key, { owner, node });
  }

  /** Forgets a pod the controller just released. */
  unplace(pod: Stored<Pod>): void {
    const key = keyOf(pod);
    const before = this.placements.get(key);
    if (before) this.remove(key, before);
  }

  /** The store keys of the owner's pods targeting `node`. */
  podsOn(owner: string, node: string): ReadonlySet<string> | undefined {
    return this.byOwner.get(owner)?.get(node);
  }

  /** The nodes the owner's pods target. */
  nodesOf(owner: string): Iterable<string> {
    return this.byOwner.get(owner)?.keys() ?? [];
  }

  private add(key: string, p: Placement): void {
    let nodes = this.byOwner.get(p.owner);
    if (!nodes) this.byOwner.set(p.owner, (nodes = new Map()));
    let keys = nodes.get(p.node);
    if (!keys) nodes.set(p.node, (keys = new Set()));
    keys.add(key);
    this.placements.set(key, p);
  }

  private remove(key: string, p: Placement): void {
    const nodes = this.byOwner.get(p.owner);
    const keys = nodes?.get(p.node);
    keys?.delete(key);
    if (keys?.size === 0) nodes!.delete(p.node);
    if (nodes?.size === 0) this.byOwner.delete(p.owner);
    this.placements.delete(key);
  }
}
