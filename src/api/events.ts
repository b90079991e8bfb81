import type { Event, ObjectReference } from 'kubernetes-types/core/v1.js';
import type { Clock } from '../sim/clock.ts';
import { objectKey, type KubeObject, type Stored } from '../store/object.ts';
import type { Store } from '../store/store.ts';

/** Who reports an event: `source.component` (and `host` for the kubelet). */
export interface EventSource {
  component: string;
  host?: string;
  /**
   * Set for components that use the events.k8s.io recorder (the scheduler): the core/v1 view then
   * has eventTime, reportingController/Instance and an action, but no source, timestamps or count;
   * repeats become a series.
   */
  action?: string;
  instance?: string;
}

/** kube-apiserver's default --event-ttl. */
const EVENT_TTL_MS = 3600 * 1000;

/** The correlator's LRU cache holds this many events (maxLruCacheEntries in events_cache.go). */
const CORRELATOR_CACHE_SIZE = 4096;

let lastMicroMs = NaN;
let lastMicroText = '';

/** metav1.MicroTime: RFC 3339 with microseconds (the last one kept: events come in bursts). */
function microTime(ms: number): string {
  if (ms !== lastMicroMs) {
    lastMicroText = new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
    lastMicroMs = ms;
  }
  return lastMicroText;
}

/**
 * client-go's EventRecorder with its correlator (tools/record/events_cache.go), reduced to what
 * kubectl shows: a core/v1 Event per (object, reason, message, source), named `<object>.<hex
 * nanoseconds>`, whose count and lastTimestamp grow when the same thing happens again; and the
 * events.k8s.io flavour the scheduler uses, whose repeats become a series.
 */
export class EventRecorder {
  /** The correlator's cache: a repeat of a known event bumps its count (client-go keeps 4096 entries). */
  private readonly recent = new Map<string, { key: string; last: number }>();
  private seq = 0;

  /** When each event was last written, for the TTL. */
  private readonly written = new Map<string, number>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly uid: () => string,
    /** Schedules work on the virtual clock (not progress: expiry only happens as time passes). */
    private readonly later: (at: number, fn: () => void) => void = () => {},
  ) {}

  /**
   * kube-apiserver stores events with a TTL (--event-ttl, 1 h by default), renewed by each
   * write: an event nobody repeats for an hour disappears.
   */
  private expireLater(key: string): void {
    const now = this.clock.now();
    this.written.set(key, now);
    this.later(now + EVENT_TTL_MS, () => {
      if (this.written.get(key) !== now) return;
      this.written.delete(key);
      const i = key.indexOf('/');
      this.store.remove('events', key.slice(0, i), key.slice(i + 1));
    });
  }

  /** Records an event about `obj`. Events about cluster-scoped objects go to `default`. */
  record(obj: Stored, type: 'Normal' | 'Warning', reason: string, message: string, source: EventSource, fieldPath?: string): void {
    const now = this.clock.now();
    const ts = this.clock.rfc3339();
    const involved: ObjectReference = {
      kind: obj.kind,
      namespace: obj.metadata.namespace,
      name: obj.metadata.name,
      uid: obj.metadata.uid,
      apiVersion: obj.apiVersion,
      resourceVersion: obj.metadata.resourceVersion,
      ...(fieldPath ? { fieldPath } : {}),
    };
    const namespace = obj.metadata.namespace || 'default';
    const v1 = source.action !== undefined;
    // Core events dedupe on the message too; events.k8s.io series are isomorphic without it.
    const id = [obj.metadata.uid, fieldPath ?? '', type, reason, v1 ? source.action : message, source.component, source.host ?? ''].join('\u0000');
    const seen = this.recent.get(id);
    const existing = seen ? this.store.getByKey<Event>('events', seen.key) : undefined;
    if (seen && existing) {
      seen.last = now;
      this.recent.delete(id);
      this.recent.set(id, seen);
      if (v1) {
        const count = (existing.series?.count ?? 1) + 1;
        this.store.replace('events', { ...existing, series: { count, lastObservedTime: microTime(now) } });
        this.expireLater(seen.key);
      } else {
        this.store.replace('events', { ...existing, count: (existing.count ?? 1) + 1, lastTimestamp: ts });
        this.expireLater(seen.key);
      }
      return;
    }
    // Names carry the creation time in nanoseconds; a sequence number keeps same-instant events apart.
    const nanos = BigInt(now) * 1_000_000n + BigInt(this.seq++ % 1_000_000);
    const name = `${obj.metadata.name}.${nanos.toString(16)}`;
    const event: Event & KubeObject = v1
      ? {
          apiVersion: 'v1',
          kind: 'Event',
          metadata: { name, namespace, uid: this.uid(), creationTimestamp: ts },
          involvedObject: involved,
          reason,
          message,
          source: {},
          firstTimestamp: null as unknown as string,
          lastTimestamp: null as unknown as string,
          type,
          eventTime: microTime(now),
          action: source.action,
          reportingComponent: source.component,
          reportingInstance: source.instance ?? '',
        }
      : {
          apiVersion: 'v1',
          kind: 'Event',
          metadata: { name, namespace, uid: this.uid(), creationTimestamp: ts },
          involvedObject: involved,
          reason,
          message,
          source: { component: source.component, ...(source.host ? { host: source.host } : {}) },
          firstTimestamp: ts,
          lastTimestamp: ts,
          count: 1,
          type,
          eventTime: null as unknown as string,
          reportingComponent: source.component,
          reportingInstance: source.host ?? '',
        };
    this.store.insert('events', event);
    this.recent.set(id, { key: objectKey(namespace, name), last: now });
    this.expireLater(objectKey(namespace, name));
    if (this.recent.size > CORRELATOR_CACHE_SIZE) this.recent.delete(this.recent.keys().next().value!);
  }

  /** Events about one object, oldest first. */
  eventsFor(obj: Stored): Stored<Event>[] {
    return this.store
      .byIndex<Event>('events', 'involvedUid', obj.metadata.uid)
      .sort((a, b) => (a.firstTimestamp ?? '').localeCompare(b.firstTimestamp ?? '') || a.metadata.name.localeCompare(b.metadata.name));
  }
}
