/**
 * flowcontrol.Backoff (client-go/util/flowcontrol/backoff.go) without jitter, as the
 * kube-controller-manager gives the DaemonSet controller for failed pods: 1 s doubling to
 * 15 min per key; an entry unused for twice the maximum starts over.
 */
export class Backoff {
  private readonly entries = new Map<string, { backoff: number; lastUpdate: number }>();

  constructor(
    private readonly initialMs = 1000,
    private readonly maxMs = 15 * 60 * 1000,
  ) {}

  /** Get: the current delay of `key` (0 when it has none). */
  get(key: string): number {
    return this.entries.get(key)?.backoff ?? 0;
  }

  /** IsInBackOffSinceUpdate: less than the current delay has passed since the last Next. */
  isInBackOffSinceUpdate(key: string, now: number): boolean {
    const entry = this.entries.get(key);
    if (!entry || this.expired(entry, now)) return false;
    return now - entry.lastUpdate < entry.backoff;
  }

  /** Next: start at the initial delay, or double it (up to the maximum). */
  next(key: string, now: number): void {
    const entry = this.entries.get(key);
    if (!entry || this.expired(entry, now)) this.entries.set(key, { backoff: this.initialMs, lastUpdate: now });
    else {
      entry.backoff = Math.min(entry.backoff * 2, this.maxMs);
      entry.lastUpdate = now;
    }
  }

  /** GC: forget entries unused for twice the maximum delay. */
  gc(now: number): void {
    for (const [key, entry] of this.entries) if (this.expired(entry, now)) this.entries.delete(key);
  }

  private expired(entry: { lastUpdate: number }, now: number): boolean {
    return now - entry.lastUpdate > 2 * this.maxMs;
  }
}
