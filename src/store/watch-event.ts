import type { Stored } from './object.ts';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** One change in the store: what watchers receive and what the history keeps. */
export interface WatchEvent {
  readonly type: WatchEventType;
  /** Group-qualified resource, e.g. `pods`, `replicasets.apps`. */
  readonly resource: string;
  /** The object after the change (for DELETED, its last state). */
  readonly object: Stored;
  /** The object before the change (MODIFIED only). */
  readonly old?: Stored;
  /** Virtual time of the change, epoch milliseconds. */
  readonly time: number;
  /** The store's resourceVersion after the change. */
  readonly resourceVersion: number;
}
