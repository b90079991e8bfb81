import type { Stored } from '../store/object.ts';
import type { Store } from '../store/store.ts';
import type { WatchEvent } from '../store/watch-event.ts';

/**
 * A stretch of the cluster's life, in the store's own terms: it starts with the state right after
 * write `fromRv` (virtual time `fromTime`, which may be later than that write) and ends with the
 * state after write `toRv`, which holds until `toTime`.
 */
export interface Span {
  fromRv: number;
  fromTime: number;
  toRv: number;
  toTime: number;
}

/** The span from a noted point (resourceVersion and time) up to the store's present. */
export function spanUntilNow(store: Store, fromRv: number, fromTime: number, now: number): Span {
  return { fromRv, fromTime, toRv: store.resourceVersion, toTime: now };
}

/** Index of the first history entry written after `rv`; the history is in resourceVersion order. */
export function indexAfter(history: readonly WatchEvent[], rv: number): number {
  let lo = 0, hi = history.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (history[mid].resourceVersion <= rv) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The history entries of a span (written after fromRv, up to and including toRv). */
export function entriesOf(history: readonly WatchEvent[], span: Pick<Span, 'fromRv' | 'toRv'>): readonly WatchEvent[] {
  return history.slice(indexAfter(history, span.fromRv), indexAfter(history, span.toRv));
}

/** One resource's objects over a span: those that existed when it started (by uid), then every change in it. */
export interface Replay {
  initial: Map<string, Stored>;
  changes: WatchEvent[];
}

/**
 * Rebuilds what a resource's objects were at the start of a span. It starts from `current`, the
 * objects the store holds now that can matter (all of a namespace, or only those a selector picks
 * through an index), and undoes every later write, newest first: the cost grows with those objects
 * and with the writes since the span began, never with the history before it. An object the
 * writes touched is rebuilt whatever `current` held, so a caller that filters `current` still
 * sees objects that stopped matching or were deleted during the span.
 */
export function replay(store: Store, resource: string, namespace: string | undefined, span: Span, current: Iterable<Stored>): Replay {
  const history = store.history;
  const start = indexAfter(history, span.fromRv);
  const end = indexAfter(history, span.toRv);
  const initial = new Map<string, Stored>();
  for (const obj of current) initial.set(obj.metadata.uid, obj);
  const changes: WatchEvent[] = [];
  for (let i = history.length - 1; i >= start; i--) {
    const e = history[i];
    if (e.resource !== resource || (namespace !== undefined && e.object.metadata.namespace !== namespace)) continue;
    const uid = e.object.metadata.uid;
    if (e.type === 'ADDED') initial.delete(uid);
    else initial.set(uid, e.old ?? e.object);
    if (i < end) changes.push(e);
  }
  changes.reverse();
  return { initial, changes };
}

/** An offset from a span's start as Go prints durations: `0s`, `3.5s`, `1m30s`. */
export function formatOffset(ms: number): string {
  if (ms === 0) return '0s';
  const m = Math.floor(ms / 60_000);
  const s = (ms - m * 60_000) / 1000;
  const secs = Number.isInteger(s) ? String(s) : String(Number(s.toFixed(3)));
  return m ? `${m}m${secs}s` : `${secs}s`;
}
