import type { OwnerReference } from 'kubernetes-types/meta/v1.js';
import { FOREGROUND_FINALIZER, ORPHAN_FINALIZER, type PropagationPolicy } from '../api/api-server.ts';
import { StatusError } from '../api/errors.ts';
import { groupResource } from '../api/registry.ts';
import { WorkQueue } from '../sim/work-queue.ts';
import type { Stored } from '../store/object.ts';
import type { WatchEvent } from '../store/watch-event.ts';
import type { ControllerContext } from './context.ts';

/**
 * The garbage collector (pkg/controller/garbagecollector): when an owner is gone its dependents
 * go too (Background); an owner marked `foregroundDeletion` waits until its blocking dependents
 * are gone; one marked `orphan` first strips its ownerReferences from its dependents. A
 * dependent that still has another live owner only loses the dangling reference.
 */
export class GarbageCollector {
  readonly name = 'garbage-collector';
  readonly queue = new WorkQueue('garbage-collector');
  /** uid → where the (possibly deleted) owner lived, for the dependents' lookups. */
  private readonly owners = new Map<string, { resource: string; namespace?: string; name: string; deleted: boolean }>();

  constructor(private readonly ctx: ControllerContext) {
    for (const kind of ctx.api.kinds.all()) {
      const gr = groupResource(kind);
      ctx.sim.watch(gr, (e) => this.onChange(gr, e));
    }
    ctx.sim.register(this);
  }

  private onChange(resource: string, e: WatchEvent): void {
    const { uid, namespace, name, deletionTimestamp, finalizers } = e.object.metadata;
    if (e.type === 'DELETED') {
      if (this.ctx.store.byIndex(resource, 'owner', uid).length || this.hasDependents(uid)) {
        this.owners.set(uid, { resource, namespace, name, deleted: true });
        this.queue.add(uid);
      }
      return;
    }
    if (deletionTimestamp && finalizers?.some((f) => f === FOREGROUND_FINALIZER || f === ORPHAN_FINALIZER)) {
      this.owners.set(uid, { resource, namespace, name, deleted: false });
      this.queue.add(uid);
    }
    // A dependent that disappears may unblock an owner waiting in the foreground.
    for (const ref of e.object.metadata.ownerReferences ?? []) {
      if (this.owners.has(ref.uid)) this.queue.add(ref.uid);
    }
  }

  sync(uid: string): void {
    const owner = this.owners.get(uid);
    if (!owner) return;
    const dependents = this.dependents(uid);
    if (owner.deleted) {
      for (const { resource, obj } of dependents) this.collect(resource, obj, uid);
      this.owners.delete(uid);
      return;
    }
    const current = this.ctx.store.get(owner.resource, owner.namespace, owner.name);
    if (!current || current.metadata.uid !== uid) {
      owner.deleted = true;
      this.queue.add(uid);
      return;
    }
    const finalizers = current.metadata.finalizers ?? [];
    if (finalizers.includes(ORPHAN_FINALIZER)) {
      for (const { resource, obj } of dependents) this.removeReference(resource, obj, uid);
      this.dropFinalizer(owner.resource, current, ORPHAN_FINALIZER);
      return;
    }
    if (finalizers.includes(FOREGROUND_FINALIZER)) {
      const blocking = dependents.filter(({ obj }) => obj.metadata.ownerReferences?.some((r) => r.uid === uid && r.blockOwnerDeletion));
      for (const { resource, obj } of blocking) {
        if (!obj.metadata.deletionTimestamp) this.deleteQuietly(resource, obj, 'Foreground');
      }
      if (blocking.length === 0) this.dropFinalizer(owner.resource, current, FOREGROUND_FINALIZER);
    }
  }

  /** attemptToDeleteItem for a dependent whose owner is gone. */
  private collect(resource: string, obj: Stored, ownerUid: string): void {
    const others = (obj.metadata.ownerReferences ?? []).filter((r) => r.uid !== ownerUid && this.ownerExists(obj.metadata.namespace, r));
    if (others.length) this.removeReference(resource, obj, ownerUid);
    else if (!obj.metadata.deletionTimestamp) this.deleteQuietly(resource, obj, 'Background');
  }

  private ownerExists(namespace: string | undefined, ref: OwnerReference): boolean {
    const kind = this.ctx.api.kinds.byKind(ref.apiVersion, ref.kind);
    if (!kind) return false;
    const found = this.ctx.store.get(groupResource(kind), kind.namespaced ? namespace : undefined, ref.name);
    return !!found && found.metadata.uid === ref.uid;
  }

  private dependents(uid: string): { resource: string; obj: Stored }[] {
    const out: { resource: string; obj: Stored }[] = [];
    for (const kind of this.ctx.api.kinds.all()) {
      const gr = groupResource(kind);
      for (const obj of this.ctx.store.byIndex(gr, 'owner', uid)) out.push({ resource: gr, obj });
    }
    return out;
  }

  private hasDependents(uid: string): boolean {
    return this.dependents(uid).length > 0;
  }

  private removeReference(resource: string, obj: Stored, ownerUid: string): void {
    const refs = (obj.metadata.ownerReferences ?? []).filter((r) => r.uid !== ownerUid);
    this.guard(() =>
      this.ctx.api.patch(resource, obj.metadata.namespace, obj.metadata.name, 'merge', {
        metadata: { ownerReferences: refs.length ? refs : null, uid: obj.metadata.uid },
      }),
    );
  }

  private dropFinalizer(resource: string, obj: Stored, finalizer: string): void {
    const rest = (obj.metadata.finalizers ?? []).filter((f) => f !== finalizer);
    this.guard(() => this.ctx.api.patch(resource, obj.metadata.namespace, obj.metadata.name, 'merge', { metadata: { finalizers: rest.length ? rest : null } }));
  }

  private deleteQuietly(resource: string, obj: Stored, propagationPolicy: PropagationPolicy): void {
    this.guard(() => this.ctx.api.delete(resource, obj.metadata.namespace, obj.metadata.name, { propagationPolicy, preconditions: { uid: obj.metadata.uid } }));
  }

  /** NotFound and Conflict mean someone else got there first; the next event brings us back. */
  private guard(fn: () => unknown): void {
    try {
      fn();
    } catch (e) {
      if (!(e instanceof StatusError && (e.reason === 'NotFound' || e.reason === 'Conflict'))) throw e;
    }
  }
}
