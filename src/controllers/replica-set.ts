import type { ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { Pod, ReplicationController } from 'kubernetes-types/core/v1.js';
import type { OwnerReference } from 'kubernetes-types/meta/v1.js';
import { deepEqual } from '../api/equality.ts';
import { StatusError } from '../api/errors.ts';
import { Selector } from '../api/labels.ts';
import { isPodActive, isPodAvailable, isPodReady } from '../api/pod-util.ts';
import { WorkQueue } from '../sim/work-queue.ts';
import { controllerOf, keyOf, objectKey, splitKey, type Stored } from '../store/object.ts';
import type { WatchEvent } from '../store/watch-event.ts';
import type { ControllerContext } from './context.ts';
import { createPod, namespaceTerminating, podFromTemplate } from './pod-control.ts';
import { podsToDeleteRanked, selectFromGroups } from './pod-ranking.ts';
import { PodTallies, type Tally } from './replica-tally.ts';

/** The selector of an owner's template labels (for fullyLabeledReplicas), parsed once per labels object. */
function templateSelector(owner: Owner): Selector {
  const labels = owner.spec?.template?.metadata?.labels;
  return cachedSelector(labels, () => Selector.fromSet(labels));
}

/** BurstReplicas: at most this many creates or deletes per sync (replica_set.go). */
export const BURST_REPLICAS = 500;

/** controller.SlowStartInitialBatchSize. */
export const SLOW_START_INITIAL_BATCH_SIZE = 1;

/**
 * slowStartBatch (replica_set.go): calls `fn` `count` times in batches of 1, 2, 4 … (the last
 * one what remains), every call of a batch made even when one fails, and stops after the first
 * batch with a failure, so a create that keeps failing is tried once per sync, not `count`
 * times. Returns the successes and the first error. (Upstream's batch runs concurrently and
 * keeps whichever error arrives first; here that is the first in call order.)
 */
export function slowStartBatch<E>(count: number, initialBatchSize: number, fn: () => E | undefined): { successes: number; error: E | undefined } {
  let remaining = count;
  let successes = 0;
  for (let batch = Math.min(remaining, initialBatchSize); batch > 0; batch = Math.min(2 * batch, remaining)) {
    let error: E | undefined;
    let failed = 0;
    for (let i = 0; i < batch; i++) {
      const e = fn();
      if (e !== undefined) {
        failed++;
        error ??= e;
      }
    }
    successes += batch - failed;
    if (error !== undefined) return { successes, error };
    remaining -= batch;
  }
  return { successes, error: undefined };
}

type Owner = ReplicaSet | ReplicationController;

/** The differences between the ReplicaSet and ReplicationController flavours of one controller. */
interface Flavour {
  resource: string;
  kind: string;
  apiVersion: string;
  component: string;
  selector(owner: Stored<Owner>): Selector;
}

/**
 * Parsed selectors by the selector object they came from: stored objects are immutable and
 * share their unchanged parts, so a selector is parsed once per spec change, not per event.
 */
const parsed = new WeakMap<object, Selector>();

function cachedSelector(source: object | undefined, parse: () => Selector): Selector {
  if (!source) return parse();
  let s = parsed.get(source);
  if (!s) parsed.set(source, (s = parse()));
  return s;
}

const REPLICA_SET: Flavour = {
  resource: 'replicasets.apps',
  kind: 'ReplicaSet',
  apiVersion: 'apps/v1',
  component: 'replicaset-controller',
  selector: (rs) => {
    const ls = (rs as ReplicaSet).spec?.selector;
    return cachedSelector(ls, () => Selector.fromLabelSelector(ls));
  },
};

const REPLICATION_CONTROLLER: Flavour = {
  resource: 'replicationcontrollers',
  kind: 'ReplicationController',
  apiVersion: 'v1',
  component: 'replication-controller',
  selector: (rc) => {
    const set = (rc as ReplicationController).spec?.selector;
    return cachedSelector(set, () => Selector.fromSet(set));
  },
};

/**
 * The ReplicaSet controller (pkg/controller/replicaset/replica_set.go); upstream runs the
 * ReplicationController through the same code, and so does this. Handlers turn pod and owner
 * events into owner keys; sync claims pods (adopting matching orphans, releasing pods that no
 * longer match), creates or deletes the difference with slow start, and writes status.
 */
export class ReplicaSetController {
  readonly queue: WorkQueue;
  readonly name: string;
  /** Consecutive failed syncs per key, for the rate-limited requeue. */
  private readonly failures = new Map<string, number>();

  static forReplicaSets(ctx: ControllerContext): ReplicaSetController {
    return new ReplicaSetController(ctx, REPLICA_SET);
  }

  static forReplicationControllers(ctx: ControllerContext): ReplicaSetController {
    return new ReplicaSetController(ctx, REPLICATION_CONTROLLER);
  }

  /** Totals of owned pods, so that most syncs need not visit every pod (see replica-tally.ts). */
  private readonly tallies: PodTallies;

  private constructor(private readonly ctx: ControllerContext, private readonly flavour: Flavour) {
    this.tallies = new PodTallies(ctx.store);
    this.name = flavour.component;
    this.queue = new WorkQueue(flavour.component);
    ctx.sim.watch(flavour.resource, (e) => this.queue.add(keyOf(e.object)));
    ctx.sim.watch('pods', (e) => this.onPod(e));
    ctx.sim.register(this);
  }

  /** addPod/updatePod/deletePod: enqueue the owner, or the owners that could adopt an orphan. */
  private onPod(e: WatchEvent): void {
    this.tallies.observe(e);
    const pod = e.object as Stored<Pod>;
    const ref = controllerOf(pod);
    const oldRef = e.old ? controllerOf(e.old) : undefined;
    if (oldRef && oldRef.uid !== ref?.uid) this.enqueueRef(pod.metadata.namespace, oldRef);
    if (ref) {
      this.enqueueRef(pod.metadata.namespace, ref);
      const minReady = this.minReadySeconds(pod.metadata.namespace, ref);
      if (minReady > 0 && e.old && !isPodReady(e.old as Pod) && isPodReady(pod)) {
        this.ctx.sim.after(minReady * 1000, () => this.enqueueRef(pod.metadata.namespace, ref), { label: 'minReadySeconds' });
      }
      return;
    }
    if (e.type === 'DELETED' || pod.metadata.deletionTimestamp) return;
    const labelsChanged = !e.old || JSON.stringify(e.old.metadata.labels) !== JSON.stringify(pod.metadata.labels);
    if (labelsChanged || oldRef) {
      for (const owner of this.ctx.store.list<Owner>(this.flavour.resource, pod.metadata.namespace)) {
        if (this.flavour.selector(owner).matches(pod.metadata.labels)) this.queue.add(keyOf(owner));
      }
    }
  }

  private enqueueRef(namespace: string | undefined, ref: OwnerReference): void {
    if (ref.kind !== this.flavour.kind) return;
    const owner = this.ctx.store.get(this.flavour.resource, namespace, ref.name);
    if (owner && owner.metadata.uid === ref.uid) this.queue.add(objectKey(namespace, ref.name));
  }

  private minReadySeconds(namespace: string | undefined, ref: OwnerReference): number {
    if (ref.kind !== this.flavour.kind) return 0;
    const owner = this.ctx.store.get<Owner>(this.flavour.resource, namespace, ref.name);
    return owner?.spec?.minReadySeconds ?? 0;
  }

  /**
   * syncReplicaSet. Status is computed from the pods claimed before this sync's creates and
   * deletes, as upstream's calculateStatus(rs, filteredPods, …) does: the pods it creates show in
   * status on the next sync, which their ADDED events bring about.
   */
  sync(key: string): void {
    const { namespace, name } = splitKey(key);
    const owner = this.ctx.store.get<Owner>(this.flavour.resource, namespace, name);
    if (!owner) {
      this.failures.delete(key);
      return;
    }
    const selector = this.flavour.selector(owner);
    if (this.syncFromTally(key, owner, selector)) return;
    const pods = this.claimPods(owner, selector);
    let failure: StatusError | undefined;
    if (!owner.metadata.deletionTimestamp) failure = this.manageReplicas(pods, owner);
    this.updateStatus(owner, pods, failure);
    if (failure) this.requeueRateLimited(key);
    else this.failures.delete(key);
  }

  /**
   * queue.AddRateLimited after a failed sync: client-go's default controller rate limiter waits
   * 5ms × 2^failures, at most 1000s. The retry is not progress (it may fail the same way
   * forever), so settle() does not wait for it; letting time pass runs it.
   */
  private requeueRateLimited(key: string): void {
    const n = this.failures.get(key) ?? 0;
    this.failures.set(key, n + 1);
    const delay = Math.min(5 * 2 ** n, 1000 * 1000);
    this.ctx.sim.after(delay, () => this.queue.add(key), { progress: false, label: `${this.name} retry ${key}` });
  }

  /**
   * ClaimPods (controller_ref_manager.go) over the active pods that are ours or orphans matching
   * the selector: release ours that no longer match, adopt matching orphans.
   */
  private claimPods(owner: Stored<Owner>, selector: Selector): Stored<Pod>[] {
    const ns = owner.metadata.namespace;
    const uid = owner.metadata.uid;
    const deleting = !!owner.metadata.deletionTimestamp;
    const claimed: Stored<Pod>[] = [];
    for (const pod of this.ctx.store.byIndex<Pod>('pods', 'controller', uid)) {
      if (!isPodActive(pod)) continue;
      if (selector.matches(pod.metadata.labels)) claimed.push(pod);
      else if (!deleting) this.release(pod, uid);
    }
    if (deleting || selector.empty) return claimed;
    for (const pod of this.ctx.store.select<Pod>('pods', ns, selector)) {
      if (!isPodActive(pod) || controllerOf(pod)) continue;
      const adopted = this.adopt(pod, owner);
      if (adopted) claimed.push(adopted);
    }
    return claimed;
  }

  private adopt(pod: Stored<Pod>, owner: Stored<Owner>): Stored<Pod> | undefined {
    const ref: OwnerReference = {
      apiVersion: this.flavour.apiVersion,
      kind: this.flavour.kind,
      name: owner.metadata.name,
      uid: owner.metadata.uid,
      controller: true,
      blockOwnerDeletion: true,
    };
    try {
      return this.ctx.api.patch<Pod>('pods', pod.metadata.namespace, pod.metadata.name, 'strategic', {
        metadata: { ownerReferences: [ref], uid: pod.metadata.uid },
      });
    } catch (e) {
      if (e instanceof StatusError && e.reason === 'NotFound') return undefined;
      throw e;
    }
  }

  private release(pod: Stored<Pod>, uid: string): void {
    try {
      this.ctx.api.patch('pods', pod.metadata.namespace, pod.metadata.name, 'strategic', {
        metadata: { ownerReferences: [{ $patch: 'delete', uid }], uid: pod.metadata.uid },
      });
    } catch (e) {
      if (!(e instanceof StatusError && e.reason === 'NotFound')) throw e;
    }
  }

  /**
   * manageReplicas: create or delete the difference; returns the first API error, if any.
   * `countsCurrent` says the running totals reflect every write so far (no write earlier in this
   * sync), so the deletion ranks may come from them.
   */
  private manageReplicas(pods: Stored<Pod>[], owner: Stored<Owner>): StatusError | undefined {
    const want = owner.spec?.replicas ?? 1;
    const diff = pods.length - want;
    if (diff < 0) return this.createPods(owner, Math.min(-diff, BURST_REPLICAS));
    if (diff > 0) return this.deletePods(owner, podsToDeleteRanked(pods, this.relatedPodsPerNode(owner, false), Math.min(diff, BURST_REPLICAS), this.ctx.clock.now()));
    return undefined;
  }

  /**
   * getPodsToDelete from the running totals: every pod when all go (in the order the pods are
   * listed, as upstream deletes them unranked), else the ranked choice over the grouped candidates.
   */
  private victimsFromTally(owner: Stored<Owner>, count: number, claimed: number): Pod[] {
    if (count >= claimed) return this.ctx.store.byIndex<Pod>('pods', 'controller', owner.metadata.uid).filter(isPodActive).slice(0, count);
    return selectFromGroups(this.tallies.deletionGroups(owner.metadata.uid), this.relatedPodsPerNode(owner, true), count, this.ctx.clock.now());
  }

  /** Deletes the chosen pods, with the events upstream's pod control records; the first error stops it. */
  private deletePods(owner: Stored<Owner>, victims: Pod[]): StatusError | undefined {
    for (const pod of victims) {
      try {
        this.ctx.api.delete('pods', pod.metadata!.namespace, pod.metadata!.name!);
        this.ctx.events.record(owner, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata!.name}`, { component: this.flavour.component });
      } catch (e) {
        if (!(e instanceof StatusError)) throw e;
        if (e.reason === 'NotFound') continue;
        this.ctx.events.record(owner, 'Warning', 'FailedDelete', `Error deleting: ${e.message}`, { component: this.flavour.component });
        return e;
      }
    }
    return undefined;
  }

  /**
   * The create half of manageReplicas: slowStartBatch over CreatePods. A namespace being
   * terminated refuses every create; upstream treats that as success and records no event.
   */
  private createPods(owner: Stored<Owner>, count: number): StatusError | undefined {
    const ref: OwnerReference = { apiVersion: this.flavour.apiVersion, kind: this.flavour.kind, name: owner.metadata.name, uid: owner.metadata.uid, controller: true, blockOwnerDeletion: true };
    const { error } = slowStartBatch(count, SLOW_START_INITIAL_BATCH_SIZE, () => {
      const e = createPod(this.ctx, owner, podFromTemplate(owner.spec?.template, owner.metadata.namespace, `${owner.metadata.name}-`, ref), this.flavour.component);
      return e && !namespaceTerminating(e) ? e : undefined;
    });
    return error;
  }


  /**
   * getIndirectlyRelatedPods (replica_set.go), counted per node: the active pods matching the
   * selector of any ReplicaSet sharing our controller (a Deployment's), else ours, each pod once.
   * A Deployment's ReplicaSets select disjoint pods (their selectors differ in pod-template-hash),
   * so when the running totals are current their per-node counts give the same answer without
   * visiting thousands of pods.
   */
  private relatedPodsPerNode(owner: Stored<Owner>, countsCurrent: boolean): Map<string, number> {
    const parent = controllerOf(owner);
    const siblings = parent ? this.ctx.store.byIndex<Owner>(this.flavour.resource, 'controller', parent.uid) : [owner];
    const total = new Map<string, number>();
    if (parent?.kind === 'Deployment' && countsCurrent) {
      for (const rs of siblings) {
        this.tallies.tally(rs.metadata.uid, this.flavour.selector(rs), templateSelector(rs));
        for (const [node, n] of this.tallies.podsPerNode(rs.metadata.uid)) total.set(node, (total.get(node) ?? 0) + n);
      }
      return total;
    }
    const seen = new Set<string>();
    for (const rs of siblings) {
      for (const pod of this.ctx.store.select<Pod>('pods', owner.metadata.namespace, this.flavour.selector(rs))) {
        if (seen.has(pod.metadata.uid)) continue;
        seen.add(pod.metadata.uid);
        if (!isPodActive(pod)) continue;
        const node = pod.spec?.nodeName ?? '';
        total.set(node, (total.get(node) ?? 0) + 1);
      }
    }
    return total;
  }

  /**
   * The same sync from running totals, when claiming would neither adopt nor release and there is
   * nothing to delete: then only the number of claimed pods and their readiness matter, and the
   * totals give them without visiting every pod. With minReadySeconds, availability depends on
   * the time, so those owners always take the full path. Returns false to ask for the full path.
   */
  private syncFromTally(key: string, owner: Stored<Owner>, selector: Selector): boolean {
    if (owner.metadata.deletionTimestamp || (owner.spec?.minReadySeconds ?? 0) > 0) return false;
    const tally: Tally = this.tallies.tally(owner.metadata.uid, selector, templateSelector(owner));
    const diff = tally.claimed - (owner.spec?.replicas ?? 1);
    if (tally.mismatched > 0) return false;
    if (!selector.empty && this.tallies.hasOrphan(owner.metadata.namespace, selector)) return false;
    // Nothing to adopt or release: the claimed pods are exactly the active pods we control.
    const failure =
      diff < 0
        ? this.createPods(owner, Math.min(-diff, BURST_REPLICAS))
        : diff > 0
          ? this.deletePods(owner, this.victimsFromTally(owner, Math.min(diff, BURST_REPLICAS), tally.claimed))
          : undefined;
    this.writeStatus(owner, { replicas: tally.claimed, fullyLabeled: tally.fullyLabeled, ready: tally.ready, available: tally.ready }, failure);
    if (failure) this.requeueRateLimited(key);
    else this.failures.delete(key);
    return true;
  }

  /** calculateStatus + updateReplicaSetStatus (replica_set_utils.go). */
  private updateStatus(owner: Stored<Owner>, pods: Stored<Pod>[], failure: StatusError | undefined): void {
    const now = this.ctx.clock.now();
    const minReady = owner.spec?.minReadySeconds ?? 0;
    const templateLabels = Selector.fromSet(owner.spec?.template?.metadata?.labels);
    let fullyLabeled = 0, ready = 0, available = 0;
    for (const pod of pods) {
      if (templateLabels.matches(pod.metadata.labels)) fullyLabeled++;
      if (isPodReady(pod)) {
        ready++;
        if (isPodAvailable(pod, minReady, now)) available++;
      }
    }
    this.writeStatus(owner, { replicas: pods.length, fullyLabeled, ready, available }, failure);
  }

  /** The status calculateStatus makes of the counts, written when it changed. */
  private writeStatus(owner: Stored<Owner>, counts: { replicas: number; fullyLabeled: number; ready: number; available: number }, failure: StatusError | undefined): void {
    const { fullyLabeled, ready, available } = counts;
    const minReady = owner.spec?.minReadySeconds ?? 0;
    const previous = owner.status?.conditions ?? [];
    let conditions = previous.filter((c) => c.type !== 'ReplicaFailure');
    const existingFailure = previous.find((c) => c.type === 'ReplicaFailure');
    if (failure) {
      const reason = (owner.spec?.replicas ?? 1) > counts.replicas ? 'FailedCreate' : 'FailedDelete';
      conditions = [...conditions, existingFailure ?? { type: 'ReplicaFailure', status: 'True', lastTransitionTime: this.ctx.clock.rfc3339(), reason, message: failure.message }];
    }
    const status = {
      replicas: counts.replicas,
      ...(fullyLabeled ? { fullyLabeledReplicas: fullyLabeled } : {}),
      ...(ready ? { readyReplicas: ready } : {}),
      ...(available ? { availableReplicas: available } : {}),
      observedGeneration: owner.metadata.generation,
      ...(conditions.length ? { conditions } : {}),
    };
    // An unchanged status is a no-op on the server; skip the request (most syncs of a big rollout).
    if (!deepEqual(status, owner.status)) {
      try {
        this.ctx.api.updateStatus({ ...owner, status }, { fieldManager: this.flavour.component });
      } catch (e) {
        if (!(e instanceof StatusError && e.reason === 'NotFound')) throw e;
      }
    }
    if (minReady > 0 && ready !== available) {
      this.ctx.sim.after(minReady * 1000, () => this.queue.add(keyOf(owner)), { label: 'minReadySeconds' });
    }
  }
}
