/**
 * The kubelet renews its node Lease (kube-node-lease/<node>) every 10 s: renewInterval is
 * nodeLeaseRenewIntervalFraction 0.25 of the 40 s leaseDurationSeconds (pkg/kubelet/kubelet.go).
 */
export const LEASE_RENEW_MS = 10_000;

/**
 * The node Leases, as the node lifecycle controller reads them: the heartbeat of every kubelet.
 * The engine keeps no Lease objects (a write every 10 s per node would swamp the history); a
 * reporting kubelet is taken to have renewed at the last 10-second tick, and a kubelet that
 * stopped reporting keeps the renew time of the tick before it stopped.
 */
export class NodeLeases {
  /** The last renew time of each node whose kubelet no longer renews. */
  private readonly frozen = new Map<string, number>();
  private readonly listeners: ((node: string) => void)[] = [];

  /** When the node's Lease was last renewed, as seen at `now`. */
  renewTime(node: string, now: number): number {
    return this.frozen.get(node) ?? Math.floor(now / LEASE_RENEW_MS) * LEASE_RENEW_MS;
  }

  /** Whether the node's kubelet is renewing its Lease. */
  renewing(node: string): boolean {
    return !this.frozen.has(node);
  }

  /** The kubelet stops renewing at `now`: its last renewal was the tick at or before. */
  stop(node: string, now: number): void {
    if (this.frozen.has(node)) return;
    this.frozen.set(node, this.renewTime(node, now));
    this.notify(node);
  }

  /** The kubelet renews again. */
  resume(node: string): void {
    if (!this.frozen.delete(node)) return;
    this.notify(node);
  }

  /** Calls `fn` with the node's name whenever a kubelet stops or resumes renewing. */
  onChange(fn: (node: string) => void): void {
    this.listeners.push(fn);
  }

  private notify(node: string): void {
    for (const fn of this.listeners) fn(node);
  }
}
