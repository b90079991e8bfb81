import type { Clock } from '../sim/clock.ts';
import type { Selector } from '../api/labels.ts';
import { deepFreeze, keyOf, objectKey, type KubeObject, type Stored } from './object.ts';
import type { WatchEvent, WatchEventType } from './watch-event.ts';

/** Computes the values under which an object is indexed. */
export type IndexFunction = (obj: Stored) => readonly string[];

/**
 * The part of an object an index reads. Objects are immutable and writes share unchanged parts, so
 * when this is the same value (or the same reference) before and after a write, the index is
 * left alone: a status update costs nothing in the label index.
 */
export type IndexInput = (obj: Stored) => unknown;

interface Index {
  fn: IndexFunction;
  input: IndexInput;
  values: Map<string, Set<string>>;
}

const NONE: readonly string[] = [];

/** Indexes every resource gets: namespace, owners, controller, and labels (`k=v` and `k`). */
const BUILTIN_INDEXES: Record<string, [IndexFunction, IndexInput]> = {
  namespace: [(o) => (o.metadata.namespace ? [o.metadata.namespace] : NONE), (o) => o.metadata.namespace],
  owner: [(o) => (o.metadata.ownerReferences ? o.metadata.ownerReferences.map((r) => r.uid) : NONE), (o) => o.metadata.ownerReferences],
  controller: [
    (o) => (o.metadata.ownerReferences ? o.metadata.ownerReferences.filter((r) => r.controller).map((r) => r.uid) : NONE),
    (o) => o.metadata.ownerReferences,
  ],
  label: [
    (o) => {
      const labels = o.metadata.labels;
      if (!labels) return NONE;
      const out: string[] = [];
      for (const k in labels) out.push(k, `${k}=${labels[k]}`);
      return out;
    },
    (o) => o.metadata.labels,
  ],
};

class ResourceTable {
  readonly objects = new Map<string, Stored>();
  readonly indexes = new Map<string, Index>();

  constructor() {
    for (const [name, [fn, input]] of Object.entries(BUILTIN_INDEXES)) this.indexes.set(name, { fn, input, values: new Map() });
  }

  reindex(key: string, before: Stored | undefined, after: Stored | undefined): void {
    for (const { fn, input, values } of this.indexes.values()) {
      if (before && after && input(before) === input(after)) continue;
      const old = before ? fn(before) : NONE;
      const now = after ? fn(after) : NONE;
      if (old.length === now.length && old.every((v, i) => v === now[i])) continue;
      for (const v of old) {
        const set = values.get(v);
        set?.delete(key);
        if (set?.size === 0) values.delete(v);
      }
      for (const v of now) {
        let set = values.get(v);
        if (!set) values.set(v, (set = new Set()));
        set.add(key);
      }
    }
  }
}

const freeze = typeof process !== 'undefined' && process.env.KUBESPEC_FREEZE === '1';

/**
 * The versioned object store, an etcd twin: objects by resource and key, one resourceVersion
 * counter for all writes, secondary indexes so controllers never scan, a watch notification per
 * write, and the history of every change (the flight recorder timeline assertions read).
 * It enforces nothing: the API server layer validates before it writes here.
 */
export class Store {
  private readonly tables = new Map<string, ResourceTable>();
  private rv = 0;
  /** Every change, in order. Objects are immutable once stored, so entries share them. */
  readonly history: WatchEvent[] = [];

  constructor(private readonly clock: Clock, private readonly notify: (event: WatchEvent) => void) {}

  /** The current resourceVersion (the last write's). */
  get resourceVersion(): number {
    return this.rv;
  }

  /**
   * Adds a secondary index for one resource, e.g. pods by spec.nodeName; `input` names the part of
   * the object it reads (default: the whole object, recomputed on every write).
   */
  defineIndex(resource: string, name: string, fn: IndexFunction, input: IndexInput = (o) => o): void {
    const table = this.table(resource);
    const index: Index = { fn, input, values: new Map<string, Set<string>>() };
    table.indexes.set(name, index);
    for (const [key, obj] of table.objects) table.reindex(key, undefined, obj);
  }

  get<T extends KubeObject = KubeObject>(resource: string, namespace: string | undefined, name: string): Stored<T> | undefined {
    return this.tables.get(resource)?.objects.get(objectKey(namespace, name)) as Stored<T> | undefined;
  }

  getByKey<T extends KubeObject = KubeObject>(resource: string, key: string): Stored<T> | undefined {
    return this.tables.get(resource)?.objects.get(key) as Stored<T> | undefined;
  }

  /**
   * All objects of a resource, or those in one namespace. Order is insertion order, which is
   * deterministic; printers sort for display.
   */
  list<T extends KubeObject = KubeObject>(resource: string, namespace?: string): Stored<T>[] {
    const table = this.tables.get(resource);
    if (!table) return [];
    if (namespace === undefined) return [...table.objects.values()] as Stored<T>[];
    return this.byIndex<T>(resource, 'namespace', namespace);
  }

  /** Number of objects of a resource. */
  count(resource: string): number {
    return this.tables.get(resource)?.objects.size ?? 0;
  }

  /** Objects whose index `index` has value `value`. */
  byIndex<T extends KubeObject = KubeObject>(resource: string, index: string, value: string): Stored<T>[] {
    const table = this.tables.get(resource);
    const keys = table?.indexes.get(index)?.values.get(value);
    if (!table || !keys) return [];
    const out: Stored[] = [];
    for (const k of keys) out.push(table.objects.get(k)!);
    return out as Stored<T>[];
  }

  /** Objects in a namespace (all namespaces when undefined) matching a selector, via the label index. */
  select<T extends KubeObject = KubeObject>(resource: string, namespace: string | undefined, selector: Selector): Stored<T>[] {
    const table = this.tables.get(resource);
    if (!table || selector.nothing) return [];
    const labels = table.indexes.get('label')!.values;
    let candidates: Iterable<string> | undefined;
    let best = Infinity;
    for (const r of selector.requirements) {
      let keys: string[] | Set<string> | undefined;
      if ((r.operator === '=' || r.operator === '==') && r.values.length === 1) keys = labels.get(`${r.key}=${r.values[0]}`) ?? new Set();
      else if (r.operator === 'exists') keys = labels.get(r.key) ?? new Set();
      else if (r.operator === 'in') keys = r.values.flatMap((v) => [...(labels.get(`${r.key}=${v}`) ?? [])]);
      if (keys) {
        const size = Array.isArray(keys) ? keys.length : keys.size;
        if (size < best) { best = size; candidates = keys; }
      }
    }
    const out: Stored[] = [];
    const pool = candidates
      ? [...candidates].map((k) => table.objects.get(k)!)
      : namespace !== undefined
        ? this.byIndex(resource, 'namespace', namespace)
        : table.objects.values();
    for (const obj of pool) {
      if (namespace !== undefined && obj.metadata.namespace !== namespace) continue;
      if (selector.matches(obj.metadata.labels)) out.push(obj);
    }
    return out as Stored<T>[];
  }

  /** Stores a new object (which the store takes over), stamping the next resourceVersion. */
  insert<T extends KubeObject>(resource: string, obj: T): Stored<T> {
    return this.write('ADDED', resource, obj);
  }

  /** Replaces an existing object with a new one (which the store takes over), stamping the next resourceVersion. */
  replace<T extends KubeObject>(resource: string, obj: T): Stored<T> {
    return this.write('MODIFIED', resource, obj);
  }

  /** Removes an object for good; `last` is its final state when the removing write changed it. */
  remove(resource: string, namespace: string | undefined, name: string, last?: KubeObject): Stored | undefined {
    const table = this.tables.get(resource);
    const key = objectKey(namespace, name);
    const old = table?.objects.get(key);
    if (!table || !old) return undefined;
    table.objects.delete(key);
    table.reindex(key, old, undefined);
    this.rv++;
    const final = last ?? old;
    const gone = { ...final, metadata: { ...final.metadata, resourceVersion: String(this.rv) } } as Stored;
    this.emit({ type: 'DELETED', resource, object: freeze ? deepFreeze(gone) : gone, old, time: this.clock.now(), resourceVersion: this.rv });
    return gone;
  }

  private write<T extends KubeObject>(type: WatchEventType, resource: string, obj: T): Stored<T> {
    const table = this.table(resource);
    const key = keyOf(obj);
    const old = table.objects.get(key);
    if (type === 'ADDED' && old) throw new Error(`store: ${resource} ${key} exists`);
    if (type === 'MODIFIED' && !old) throw new Error(`store: ${resource} ${key} is missing`);
    this.rv++;
    // The object handed in becomes the stored one (writers pass objects of their own making, so
    // only its metadata, which may be shared with an earlier version, is copied); tests freeze
    // stored objects, so handing in one the store already holds fails loudly.
    const stored = obj as Stored<T>;
    (stored as KubeObject).metadata = { ...obj.metadata, resourceVersion: String(this.rv) };
    if (freeze) deepFreeze(stored);
    table.objects.set(key, stored);
    table.reindex(key, old, stored);
    this.emit({ type, resource, object: stored, old, time: this.clock.now(), resourceVersion: this.rv });
    return stored;
  }

  private emit(event: WatchEvent): void {
    this.history.push(event);
    this.notify(event);
  }

  private table(resource: string): ResourceTable {
    let t = this.tables.get(resource);
    if (!t) this.tables.set(resource, (t = new ResourceTable()));
    return t;
  }
}
