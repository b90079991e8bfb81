/**
 * A controller's work queue: a set of keys in arrival order. Adding a key that is already queued
 * does nothing, as in client-go's workqueue, so a burst of events costs one sync.
 */
export class WorkQueue {
  private readonly keys = new Set<string>();

  constructor(readonly name: string) {}

  add(key: string): void {
    this.keys.add(key);
  }

  /** Takes the oldest key. */
  pop(): string | undefined {
    const next = this.keys.values().next();
    if (next.done) return undefined;
    this.keys.delete(next.value);
    return next.value;
  }

  get length(): number {
    return this.keys.size;
  }
}
