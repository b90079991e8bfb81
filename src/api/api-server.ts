import type { Pod } from 'kubernetes-types/core/v1.js';
import type { Clock } from '../sim/clock.ts';
import type { RandomStream } from '../sim/random.ts';
import type { AnyObject, KubeObject, Mutable, Stored } from '../store/object.ts';
import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';
import type { Store } from '../store/store.ts';
import { admitCreate } from './admission/index.ts';
import { pathSegmentName, validateGenericObjectMeta, validateGenericObjectMetaUpdate } from './validation/meta.ts';
import { decodeError } from './decode.ts';
import { withEvictionCondition } from './eviction.ts';
import { canonicalizeQuantities, quantityDecodeError } from './decode-quantities.ts';
import { clone, deepEqual } from './equality.ts';
import { alreadyExistsError, badRequestError, conflictError, invalidError, notFoundError, StatusError } from './errors.ts';
import { matchesFields, parseFieldSelector } from './field-selector.ts';
import { Selector } from './labels.ts';
import { applyPatch, type PatchType } from './patch/index.ts';
import { apiVersionOf, groupResource, KindRegistry, parseApiVersion, type KindInfo, type RequestContext } from './registry.ts';

/** The 27 characters the API server draws generated name suffixes from (no vowels, no 0 1 3). */
export const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** Raised when a manifest names a kind the server does not serve (a RESTMapper miss in kubectl). */
export class NoKindMatchError extends Error {
  constructor(readonly kind: string, readonly apiVersion: string) {
    super(`no matches for kind "${kind}" in version "${apiVersion}"`);
  }
}

export type PropagationPolicy = 'Background' | 'Foreground' | 'Orphan';

export interface WriteOptions {
  dryRun?: boolean;
  /** Who writes; used for events' source and future managedFields. */
  fieldManager?: string;
}

export interface DeleteOptions extends WriteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: PropagationPolicy;
  preconditions?: { uid?: string; resourceVersion?: string };
}

export interface ListOptions {
  labelSelector?: string | Selector;
  fieldSelector?: string;
}

/** The finalizers the garbage collector owns (propagationPolicy Foreground and Orphan). */
export const FOREGROUND_FINALIZER = 'foregroundDeletion';
export const ORPHAN_FINALIZER = 'orphan';

/**
 * The API server: every write, from kubectl or a controller, goes through here. It resolves the
 * kind, names and stamps the object, applies defaults, admission and validation with the
 * server's own messages, enforces optimistic concurrency and graceful deletion, and only then
 * touches the store. A rejected request leaves the store unchanged.
 */
export class ApiServer {
  constructor(
    readonly kinds: KindRegistry,
    readonly store: Store,
    private readonly clock: Clock,
    private readonly names: RandomStream,
    private readonly uids: RandomStream = names,
  ) {}

  /** The kind of an object from its apiVersion and kind, or NoKindMatchError. */
  kindOf(obj: KubeObject): KindInfo {
    const k = this.kinds.byKind(obj.apiVersion ?? '', obj.kind ?? '');
    if (!k) throw new NoKindMatchError(obj.kind ?? '', obj.apiVersion ?? '');
    return k;
  }

  /** An object written in an older version the kind still serves (autoscaling/v1), converted to the kind's own. */
  private toServedVersion<T extends KubeObject>(kind: KindInfo, input: T): T {
    const { version } = parseApiVersion(input.apiVersion ?? '');
    const convert = version !== kind.version ? kind.olderVersions?.[version] : undefined;
    return convert ? (convert(input) as T) : input;
  }

  /** The kind stored under a group-qualified resource (`replicasets.apps`). */
  kindFor(gr: string): KindInfo {
    const k = this.kinds.byGroupResource(gr);
    if (!k) throw new StatusError('NotFound', `the server could not find the requested resource (${gr})`);
    return k;
  }

  get<T extends KubeObject = KubeObject>(gr: string, namespace: string | undefined, name: string): Stored<T> {
    const kind = this.kindFor(gr);
    const obj = this.store.get<T>(gr, kind.namespaced ? namespace : undefined, name);
    if (!obj) throw notFoundError(kind, name);
    return obj;
  }

  tryGet<T extends KubeObject = KubeObject>(gr: string, namespace: string | undefined, name: string): Stored<T> | undefined {
    const kind = this.kinds.byGroupResource(gr);
    return kind ? this.store.get<T>(gr, kind.namespaced ? namespace : undefined, name) : undefined;
  }

  /** Lists a resource in one namespace (or all), filtered by label and field selectors. */
  list<T extends KubeObject = KubeObject>(gr: string, namespace?: string, options: ListOptions = {}): Stored<T>[] {
    const kind = this.kindFor(gr);
    const ns = kind.namespaced ? namespace : undefined;
    const selector = typeof options.labelSelector === 'string' ? Selector.parse(options.labelSelector) : options.labelSelector;
    let items = selector && !selector.empty ? this.store.select<T>(gr, ns, selector) : this.store.list<T>(gr, ns);
    if (options.fieldSelector) {
      const reqs = parseFieldSelector(options.fieldSelector, kind.kind);
      items = items.filter((o) => matchesFields(o, reqs));
    }
    return items;
  }

  /** Creates an object (POST). */
  create<T extends KubeObject>(input: T, options: WriteOptions = {}): Stored<T> {
    const kind = this.kindOf(input);
    input = this.toServedVersion(kind, input);
    const undecodable = decodeError(kind, input) ?? quantityDecodeError(kind, input);
    if (undecodable) throw undecodable;
    const obj = clone(input) as AnyObject;
    canonicalizeQuantities(kind, obj);
    const meta: Mutable<ObjectMeta> = (obj.metadata ??= {});
    if (kind.namespaced) meta.namespace ||= 'default';
    else delete meta.namespace;
    for (const f of ['uid', 'resourceVersion', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'generation', 'managedFields'] as const) delete meta[f];
    omitEmptyMetadata(meta);
    let uid: string | undefined;
    const ctx = this.context(() => (uid ??= this.uids.uuid()));
    // Decoding applies the kind's defaults; mutating admission then runs before the registry
    // generates a name (admission errors name the generateName, extractResourceName in
    // apiserver/pkg/admission/errors.go); BeforeCreate validates; the storage write comes last,
    // so an invalid object whose name is taken is Invalid, not AlreadyExists (generic/registry/store.go).
    kind.strategy.defaults?.(obj);
    admitCreate(kind, obj, ctx);
    if (!meta.name && meta.generateName) meta.name = this.generateName(kind, meta.namespace, meta.generateName);
    kind.strategy.prepareForCreate?.(obj, ctx);
    const errs = kind.strategy.validate?.(obj) ?? [];
    if (errs.length) throw invalidError(kind, meta.name ?? '', errs);
    // rest.BeforeCreate's generic ObjectMeta pass, run only once the kind's own checks pass.
    const generic = validateGenericObjectMeta(meta, kind.namespaced, pathSegmentName);
    if (generic.length) throw invalidError(kind, meta.name ?? '', generic);
    const existing = meta.name ? this.store.get(groupResource(kind), meta.namespace, meta.name) : undefined;
    if (existing) {
      const err = alreadyExistsError(kind, meta.name!);
      throw existing.metadata.deletionTimestamp ? err.withMessage(`object is being deleted: ${err.message}`) : err;
    }
    meta.uid = uid ?? this.uids.uuid();
    meta.creationTimestamp = this.clock.rfc3339();
    if (kind.generation) meta.generation = 1;
    obj.apiVersion = apiVersionOf(kind);
    obj.kind = kind.kind;
    if (options.dryRun) return { ...obj, metadata: { ...meta, resourceVersion: '' } } as Stored<T>;
    return this.store.insert(groupResource(kind), obj) as Stored<T>;
  }

  /**
   * Replaces an object (PUT). Status is kept from the stored object for kinds with a status
   * subresource; a stale resourceVersion is a Conflict; an update that changes nothing writes nothing.
   */
  update<T extends KubeObject>(input: T, options: WriteOptions = {}): Stored<T> {
    const kind = this.kindOf(input);
    input = this.toServedVersion(kind, input);
    const undecodable = decodeError(kind, input) ?? quantityDecodeError(kind, input);
    if (undecodable) throw undecodable;
    const { ns, name, old } = this.current(kind, input);
    const obj = clone(input) as AnyObject;
    canonicalizeQuantities(kind, obj);
    kind.strategy.defaults?.(obj);
    this.keepSystemMetadata(obj, old, ns);
    if (kind.statusSubresource) obj.status = (old as AnyObject).status;
    kind.strategy.prepareForUpdate?.(obj, old);
    // rest.BeforeUpdate: the generic metadata checks (validateCommonFields), then the kind's own.
    const errs = [
      ...validateGenericObjectMeta(obj.metadata, kind.namespaced, pathSegmentName),
      ...validateGenericObjectMetaUpdate(obj.metadata, old.metadata),
      ...(kind.strategy.validateUpdate?.(obj, old) ?? kind.strategy.validate?.(obj) ?? []),
    ];
    if (errs.length) throw invalidError(kind, name, errs);
    if (kind.generation && !deepEqual(specOf(obj), specOf(old))) {
      (obj.metadata as Mutable<ObjectMeta>).generation = (old.metadata.generation ?? 1) + 1;
    }
    return this.commit(kind, obj, old, options) as Stored<T>;
  }

  /**
   * Replaces only the status (PUT …/status); metadata and spec stay as stored. The caller's status
   * object is taken as is, not copied.
   */
  updateStatus<T extends KubeObject>(input: T, options: WriteOptions = {}): Stored<T> {
    const kind = this.kindOf(input);
    const { old } = this.current(kind, input);
    // Status writers (controllers, the kubelet) hand over a fresh status, which becomes part of the
    // stored object; tests freeze stored objects (KUBESPEC_FREEZE=1), so a later mutation would throw.
    const obj = { ...old, status: (input as AnyObject).status } as KubeObject;
    kind.strategy.prepareForStatusUpdate?.(obj, input);
    return this.commit(kind, obj, old, options) as Stored<T>;
  }

  /** The stored object an update replaces: NotFound when missing, Conflict when the update's resourceVersion is stale. */
  private current(kind: KindInfo, input: KubeObject): { ns: string | undefined; name: string; old: Stored } {
    const ns = kind.namespaced ? input.metadata?.namespace || 'default' : undefined;
    const name = input.metadata?.name ?? '';
    const old = this.store.get(groupResource(kind), ns, name);
    if (!old) throw notFoundError(kind, name);
    const rv = input.metadata?.resourceVersion;
    if (rv && rv !== old.metadata.resourceVersion) throw conflictError(kind, name);
    return { ns, name, old };
  }

  /** Applies a patch (PATCH) and stores the result as an update. */
  patch<T extends KubeObject = KubeObject>(gr: string, namespace: string | undefined, name: string, type: PatchType, body: unknown, options: WriteOptions & { subresource?: 'status' } = {}): Stored<T> {
    const current = this.get(gr, namespace, name);
    let patched: KubeObject;
    try {
      patched = applyPatch(current, type, body);
    } catch (e) {
      if (e instanceof StatusError) throw e;
      throw badRequestError((e as Error).message);
    }
    patched.metadata = { ...patched.metadata, resourceVersion: current.metadata.resourceVersion };
    if (options.subresource === 'status') return this.updateStatus(patched as T, options);
    return this.update(patched as T, options);
  }

  /**
   * Deletes an object (DELETE). Pods on a node are deleted gracefully (deletionTimestamp now +
   * grace; the kubelet finishes the job); objects with finalizers wait for them; Foreground and
   * Orphan propagation add the garbage collector's finalizers.
   */
  delete(gr: string, namespace: string | undefined, name: string, options: DeleteOptions = {}): Stored {
    const kind = this.kindFor(gr);
    const ns = kind.namespaced ? namespace || 'default' : undefined;
    const old = this.store.get(gr, ns, name);
    if (!old) throw notFoundError(kind, name);
    const pre = options.preconditions;
    if (pre?.uid && pre.uid !== old.metadata.uid) {
      throw conflictError(kind, name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${old.metadata.uid}`);
    }
    if (pre?.resourceVersion && pre.resourceVersion !== old.metadata.resourceVersion) {
      throw conflictError(kind, name, `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${old.metadata.resourceVersion}`);
    }
    kind.strategy.admitDelete?.(old);
    const grace = this.gracePeriod(kind, old, options.gracePeriodSeconds);
    const finalizers = [...(old.metadata.finalizers ?? [])];
    const policy = options.propagationPolicy;
    if (!old.metadata.deletionTimestamp) {
      if (policy === 'Foreground' && !finalizers.includes(FOREGROUND_FINALIZER)) finalizers.push(FOREGROUND_FINALIZER);
      if (policy === 'Orphan' && !finalizers.includes(ORPHAN_FINALIZER)) finalizers.push(ORPHAN_FINALIZER);
    }
    const pending = kind.strategy.pendingFinalizers?.(old) ?? false;
    if (finalizers.length === 0 && grace === 0 && !pending) {
      if (options.dryRun) return old;
      return this.store.remove(gr, ns, name)!;
    }
    const now = this.clock.now();
    const existingDeadline = old.metadata.deletionTimestamp ? Date.parse(old.metadata.deletionTimestamp) : undefined;
    const deadline = now + grace * 1000;
    // A second delete may shorten the grace period but never lengthen it (rest/delete.go).
    const shorten = existingDeadline === undefined || deadline < existingDeadline;
    const meta = {
      ...old.metadata,
      finalizers: finalizers.length ? finalizers : undefined,
      deletionTimestamp: shorten ? this.clock.rfc3339(deadline) : old.metadata.deletionTimestamp,
      deletionGracePeriodSeconds: shorten ? grace : old.metadata.deletionGracePeriodSeconds,
    };
    if (deepEqual(meta, old.metadata)) return old;
    const marked = clone({ ...old, metadata: meta }) as KubeObject;
    kind.strategy.prepareForDelete?.(marked);
    if (options.dryRun) return marked as Stored;
    return this.store.replace(gr, marked);
  }

  /**
   * The pods/eviction subresource (pkg/registry/core/pod/storage/eviction.go): the pod gets the
   * DisruptionTarget condition, then a delete with the eviction's options. PodDisruptionBudgets
   * are not simulated, so no eviction is refused with TooManyRequests.
   */
  evict(namespace: string, name: string, options: DeleteOptions = {}): Stored {
    const pod = this.get<Pod>('pods', namespace, name);
    const marked = options.dryRun ? undefined : withEvictionCondition(pod, this.clock.rfc3339());
    if (marked) this.updateStatus(marked);
    return this.delete('pods', namespace, name, options);
  }

  /** The pods/binding subresource: the scheduler assigns a node. */
  bind(namespace: string, name: string, nodeName: string): Stored<Pod> {
    const pod = this.get<Pod>('pods', namespace, name);
    if (pod.spec?.nodeName) throw conflictError({ resource: 'pods', group: '' }, name, `pod ${name} is already assigned to node "${pod.spec.nodeName}"`);
    if (pod.metadata.deletionTimestamp) throw conflictError({ resource: 'pods', group: '' }, name, 'pod is being deleted');
    const conditions = (pod.status?.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
    conditions.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null as unknown as string, lastTransitionTime: this.clock.rfc3339() });
    return this.store.replace('pods', {
      ...pod,
      spec: { ...pod.spec!, nodeName },
      status: { ...pod.status, conditions },
    }) as Stored<Pod>;
  }

  /** The request context strategies and admission see. */
  private context(uid: () => string): RequestContext {
    return {
      uid,
      now: this.clock.rfc3339(),
      randomSuffix: (n) => this.names.string(NAME_ALPHABET, n),
      get: (resource, namespace, name) => this.store.get(resource, namespace, name),
    };
  }

  /** names.SimpleNameGenerator, retried on the rare clash as the registry does. */
  private generateName(kind: KindInfo, namespace: string | undefined, base: string): string {
    const prefix = base.length > 58 ? base.slice(0, 58) : base;
    for (let attempt = 0; attempt < 8; attempt++) {
      const name = prefix + this.names.string(NAME_ALPHABET, 5);
      if (!this.store.get(groupResource(kind), namespace, name)) return name;
    }
    throw alreadyExistsError(kind, base);
  }

  private gracePeriod(kind: KindInfo, obj: Stored, requested: number | undefined): number {
    if (kind.kind !== 'Pod') return 0;
    const pod = obj as Stored<Pod>;
    // CheckGracefulDelete (pkg/registry/core/pod/strategy.go): unscheduled or finished pods go at once.
    if (!pod.spec?.nodeName || pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return 0;
    return Math.max(0, requested ?? pod.spec.terminationGracePeriodSeconds ?? 30);
  }

  /**
   * What rest.BeforeUpdate and the store fill in before validating an update: the request's
   * namespace, the stored generation, a missing resourceVersion (an unconditional update), a
   * missing uid, the creation time, and a deletion already under way. A uid or deletion fields
   * the client did change are left for validation to refuse as immutable.
   */
  private keepSystemMetadata(obj: KubeObject, old: Stored, ns: string | undefined): void {
    const meta: Mutable<ObjectMeta> = { ...obj.metadata, namespace: ns, generation: old.metadata.generation };
    meta.resourceVersion ||= old.metadata.resourceVersion;
    meta.uid ||= old.metadata.uid;
    meta.creationTimestamp = old.metadata.creationTimestamp;
    if (old.metadata.deletionTimestamp) meta.deletionTimestamp = old.metadata.deletionTimestamp;
    if (old.metadata.deletionGracePeriodSeconds !== undefined && meta.deletionGracePeriodSeconds === undefined) {
      meta.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds;
    }
    meta.generateName = obj.metadata?.generateName ?? old.metadata.generateName;
    omitEmptyMetadata(meta);
    obj.metadata = meta;
    obj.apiVersion = old.apiVersion;
    obj.kind = old.kind;
  }

  /** Writes an update unless nothing changed; finishes a deletion whose finalizers are gone. */
  private commit(kind: KindInfo, obj: KubeObject, old: Stored, options: WriteOptions): Stored {
    const gr = groupResource(kind);
    obj.metadata = { ...obj.metadata, resourceVersion: old.metadata.resourceVersion };
    if (deepEqual(obj, old)) return old;
    if (options.dryRun) return obj as Stored;
    const meta = obj.metadata;
    if (meta.deletionTimestamp && !(meta.finalizers?.length) && !meta.deletionGracePeriodSeconds && !kind.strategy.pendingFinalizers?.(obj)) {
      return this.store.remove(gr, meta.namespace, meta.name!, obj)!;
    }
    return this.store.replace(gr, obj);
  }
}

/**
 * ObjectMeta's lists and maps are `omitempty`: an object that went through the Go structs (a
 * patch removing the last ownerReference, a manifest with `labels: {}`) comes back without them.
 */
function omitEmptyMetadata(meta: Mutable<ObjectMeta>): void {
  for (const f of ['labels', 'annotations', 'ownerReferences', 'finalizers'] as const) {
    const v = meta[f] as unknown;
    if (v && typeof v === 'object' && Object.keys(v).length === 0) delete meta[f];
  }
}

/** Everything but metadata and status: what a generation tracks. */
function specOf(obj: KubeObject): unknown {
  const { metadata: _m, status: _s, apiVersion: _a, kind: _k, ...rest } = obj as AnyObject;
  return rest;
}
