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

/** When an event was last written: its last timestamp, series observation or event time. */
function lastWrite(e: Event): number {
  const t = e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime;
  return t ? Date.parse(t) : 0;
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
  private recent = new Map<string, string>();
  /** The generation before `recent`: together they keep at least the last 4096 events (a cheap LRU). */
  private older = new Map<string, string>();
  private seq = 0;
  private readonly sources = new Map<string, NonNullable<Event['source']>>();
  private nanosOf = NaN;
  private nanosBase = 0n;
  private nanosHigh = '';
  private nanosLow = 0;

  /**
   * Event keys in write order with their write times, which is expiry order since every event
   * lives as long; one timer at a time sweeps them.
   */
  private readonly expiryKeys: string[] = [];
  private readonly expiryTimes: number[] = [];
  private expiryHead = 0;
  private sweeping = false;

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
    this.expiryKeys.push(key);
    this.expiryTimes.push(now);
    if (!this.sweeping) {
      this.sweeping = true;
      this.later(now + EVENT_TTL_MS, () => this.sweep());
    }
  }

  /** Removes the events whose TTL ran out (unless a later write renewed them), then waits for the next expiry. */
  private sweep(): void {
    const now = this.clock.now();
    while (this.expiryHead < this.expiryKeys.length && this.expiryTimes[this.expiryHead] + EVENT_TTL_MS <= now) {
      const key = this.expiryKeys[this.expiryHead++];
      const event = this.store.getByKey<Event>('events', key);
      if (event && lastWrite(event) + EVENT_TTL_MS <= now) this.store.remove('events', event.metadata.namespace, event.metadata.name);
    }
    if (this.expiryHead > 1024 && this.expiryHead * 2 > this.expiryKeys.length) {
      this.expiryKeys.splice(0, this.expiryHead);
      this.expiryTimes.splice(0, this.expiryHead);
      this.expiryHead = 0;
    }
    this.sweeping = this.expiryHead < this.expiryKeys.length;
    if (this.sweeping) this.later(this.expiryTimes[this.expiryHead] + EVENT_TTL_MS, () => this.sweep());
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
      fieldPath,
    };
    const namespace = obj.metadata.namespace || 'default';
    const v1 = source.action !== undefined;
    // Core events dedupe on the message too; events.k8s.io series are isomorphic without it.
    const id = `${obj.metadata.uid}\u0000${fieldPath ?? ''}\u0000${type}\u0000${reason}\u0000${v1 ? source.action : message}\u0000${source.component}\u0000${source.host ?? ''}`;
    const seen = this.recent.get(id) ?? this.older.get(id);
    const existing = seen ? this.store.getByKey<Event>('events', seen) : undefined;
    if (seen && existing) {
      this.remember(id, seen);
      if (v1) {
        const count = (existing.series?.count ?? 1) + 1;
        this.store.replace('events', { ...existing, series: { count, lastObservedTime: microTime(now) } });
        this.expireLater(seen);
      } else {
        this.store.replace('events', { ...existing, count: (existing.count ?? 1) + 1, lastTimestamp: ts });
        this.expireLater(seen);
      }
      return;
    }
    // Names carry the creation time in nanoseconds; a sequence number keeps same-instant events apart.
    const name = `${obj.metadata.name}.${this.nanoHex(now)}`;
    // One shape for both flavours; fields a flavour lacks stay undefined (and are never serialised).
    const event: Event & KubeObject = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace, uid: this.uid(), creationTimestamp: ts },
      involvedObject: involved,
      reason,
      message,
      source: v1 ? {} : this.sourceOf(source),
      firstTimestamp: (v1 ? null : ts) as string,
      lastTimestamp: (v1 ? null : ts) as string,
      count: v1 ? undefined : 1,
      type,
      eventTime: (v1 ? microTime(now) : null) as string,
      action: v1 ? source.action : undefined,
      reportingComponent: source.component,
      reportingInstance: v1 ? (source.instance ?? '') : (source.host ?? ''),
    };
    this.store.insert('events', event);
    const key = objectKey(namespace, name);
    this.remember(id, key);
    this.expireLater(key);
  }

  private remember(id: string, key: string): void {
    this.recent.set(id, key);
    if (this.recent.size >= CORRELATOR_CACHE_SIZE) {
      this.older = this.recent;
      this.recent = new Map();
    }
  }

  /**
   * The hex nanoseconds of an event name: `now` in nanoseconds plus a sequence number. The
   * millisecond part is converted once per instant; the low 24 bits take the sequence number
   * without BigInt arithmetic unless they overflow.
   */
  private nanoHex(now: number): string {
    if (now !== this.nanosOf) {
      this.nanosOf = now;
      const base = BigInt(now) * 1_000_000n;
      this.nanosHigh = (base >> 24n).toString(16);
      this.nanosLow = Number(base & 0xffffffn);
      this.nanosBase = base;
    }
    const seq = this.seq++ % 1_000_000;
    const low = this.nanosLow + seq;
    if (low < 0x1000000) return this.nanosHigh + low.toString(16).padStart(6, '0');
    return (this.nanosBase + BigInt(seq)).toString(16);
  }

  /** The `source` of a component's events: one shared (immutable) object per component and host. */
  private sourceOf(source: EventSource): Event['source'] {
    const key = `${source.component}/${source.host ?? ''}`;
    let s = this.sources.get(key);
    if (!s) this.sources.set(key, (s = { component: source.component, ...(source.host ? { host: source.host } : {}) }));
    return s;
  }

  /** Events about one object, oldest first. */
  eventsFor(obj: Stored): Stored<Event>[] {
    return this.store
      .byIndex<Event>('events', 'involvedUid', obj.metadata.uid)
      .sort((a, b) => (a.firstTimestamp ?? '').localeCompare(b.firstTimestamp ?? '') || a.metadata.name.localeCompare(b.metadata.name));
  }
}
