import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { OwnerReference } from 'kubernetes-types/meta/v1.js';
import { NAMESPACE_TERMINATING_CAUSE } from '../../api/admission/index.ts';
import { clone, deepEqual } from '../../api/equality.ts';
import { StatusError } from '../../api/errors.ts';
import { Selector } from '../../api/labels.ts';
import type { TimerHandle } from '../../sim/timers.ts';
import { WorkQueue } from '../../sim/work-queue.ts';
import { controllerOf, keyOf, splitKey, type Stored } from '../../store/object.ts';
import type { WatchEvent } from '../../store/watch-event.ts';
import type { ControllerContext } from '../context.ts';
import { COMPONENT, type DeploymentControl } from './control.ts';
import { checkPausedConditions } from './progress.ts';
import { rolloutRecreate, type PodMap } from './recreate.ts';
import { getRollbackTo, rollback } from './rollback.ts';
import { rolloutRolling } from './rolling.ts';
import { isScalingEvent, sync, syncStatusOnly } from './sync.ts';
import { updateDeploymentStatus } from './revisions.ts';
import type { DeploymentObject } from './util.ts';

/** maxRetries (deployment_controller.go): a failing key is dropped after 15 rate-limited retries. */
const MAX_RETRIES = 15;

const DEPLOYMENTS = 'deployments.apps';
const REPLICA_SETS = 'replicasets.apps';

/**
 * The Deployment controller (pkg/controller/deployment/deployment_controller.go). Handlers turn
 * Deployment, ReplicaSet and (for Recreate) pod-deletion events into Deployment keys; sync claims
 * ReplicaSets, then pauses, rolls back, scales or rolls out (sync.ts, rolling.ts, recreate.ts).
 * Reads come from the store, as upstream's from its informer cache; writes go through the API
 * with the resourceVersion read at the start of the sync, so a second write of the same object
 * in one sync conflicts and the key is retried, as upstream's often does.
 */
export class DeploymentController implements DeploymentControl {
  readonly name = COMPONENT;
  readonly queue = new WorkQueue(COMPONENT);
  /** Rate-limiter failures per key (queue.NumRequeues); a successful sync forgets them. */
  private readonly failures = new Map<string, number>();
  /** The pending progress-deadline check per key (requeueStuckDeployment's AddAfter). */
  private readonly progressChecks = new Map<string, TimerHandle>();
  /** The rate limiter's overall bucket: 10 requeues per second, bursts of 100. */
  private readonly bucket = new TokenBucket(10, 100);

  constructor(readonly ctx: ControllerContext) {
    // addDeployment / updateDeployment / deleteDeployment all enqueue the Deployment.
    ctx.sim.watch(DEPLOYMENTS, (e) => this.queue.add(keyOf(e.object)));
    ctx.sim.watch(REPLICA_SETS, (e) => this.onReplicaSet(e));
    ctx.sim.watch('pods', (e) => {
      if (e.type === 'DELETED') this.onPodDeleted(e.object as Stored<Pod>);
    });
    ctx.sim.register(this);
  }

  event(d: DeploymentObject, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.ctx.events.record(d, type, reason, message, { component: COMPONENT });
  }

  /**
   * queue.AddAfter for the progress check. A sync starts by dropping the pending check and every
   * sync that still needs one schedules it again, so a rollout that completed leaves no deadline
   * behind for settle() to jump to (upstream's timer would fire into a sync that does nothing).
   */
  enqueueAfter(d: DeploymentObject, ms: number): void {
    const key = keyOf(d);
    this.progressChecks.get(key)?.cancel();
    this.progressChecks.set(key, this.ctx.sim.after(ms, () => this.queue.add(key), { label: `progress deadline ${key}` }));
  }

  /** queue.AddRateLimited from the progress check. */
  enqueueRateLimited(d: DeploymentObject, progress: boolean): void {
    this.requeueRateLimited(keyOf(d), progress);
  }

  /**
   * queue.AddRateLimited with client-go's DefaultControllerRateLimiter: the later of a per-key
   * back-off (5 ms × 2^failures, at most 1000 s; a successful sync forgets the failures) and a
   * token bucket shared by all keys (10 per second, bursts of 100). A retry after an error is not
   * progress (it may fail the same way forever): settle() does not wait for it.
   */
  private requeueRateLimited(key: string, progress: boolean): void {
    const n = this.failures.get(key) ?? 0;
    this.failures.set(key, n + 1);
    const delay = Math.max(Math.min(5 * 2 ** n, 1000 * 1000), this.bucket.reserve(this.ctx.clock.now()));
    this.ctx.sim.after(delay, () => this.queue.add(key), { progress, label: `${COMPONENT} retry ${key}` });
  }

  /** addReplicaSet / updateReplicaSet / deleteReplicaSet. */
  private onReplicaSet(e: WatchEvent): void {
    const rs = e.object as Stored<ReplicaSet>;
    const ns = rs.metadata.namespace;
    const ref = controllerOf(rs);
    if (e.type === 'DELETED' || (e.type === 'ADDED' && rs.metadata.deletionTimestamp)) {
      // Nobody cares about orphans being deleted.
      if (ref) this.enqueueRef(ns, ref);
      return;
    }
    const oldRef = e.type === 'MODIFIED' && e.old ? controllerOf(e.old) : undefined;
    const refChanged = e.type === 'MODIFIED' && !deepEqual(ref, oldRef);
    if (refChanged && oldRef) this.enqueueRef(ns, oldRef);
    if (ref) {
      this.enqueueRef(ns, ref);
      return;
    }
    // An orphan: any Deployment whose selector matches may want to adopt it.
    const labelsChanged = e.type === 'ADDED' || !deepEqual(rs.metadata.labels, e.old?.metadata.labels);
    if (labelsChanged || refChanged) for (const d of this.deploymentsForReplicaSet(rs)) this.queue.add(keyOf(d));
  }

  /** GetDeploymentsForReplicaSet: Deployments in the namespace whose (non-empty) selector matches. */
  private deploymentsForReplicaSet(rs: Stored<ReplicaSet>): Stored<Deployment>[] {
    if (!rs.metadata.labels || Object.keys(rs.metadata.labels).length === 0) return [];
    return this.ctx.store.list<Deployment>(DEPLOYMENTS, rs.metadata.namespace).filter((d) => {
      const selector = parseSelector(d);
      return selector !== undefined && !selector.empty && selector.matches(rs.metadata.labels);
    });
  }

  /** resolveControllerRef + enqueue. */
  private enqueueRef(namespace: string | undefined, ref: OwnerReference): void {
    const d = this.resolveControllerRef(namespace, ref);
    if (d) this.queue.add(keyOf(d));
  }

  private resolveControllerRef(namespace: string | undefined, ref: OwnerReference): Stored<Deployment> | undefined {
    if (ref.kind !== 'Deployment') return undefined;
    const d = this.ctx.store.get<Deployment>(DEPLOYMENTS, namespace, ref.name);
    return d && d.metadata.uid === ref.uid ? d : undefined;
  }

  /** deletePod: a Recreate Deployment waits for its last pod to be gone before it creates the new ReplicaSet. */
  private onPodDeleted(pod: Stored<Pod>): void {
    const ref = controllerOf(pod);
    if (!ref || ref.kind !== 'ReplicaSet') return;
    const rs = this.ctx.store.get<ReplicaSet>(REPLICA_SETS, pod.metadata.namespace, ref.name);
    if (!rs || rs.metadata.uid !== ref.uid) return;
    const rsRef = controllerOf(rs);
    const d = rsRef && this.resolveControllerRef(rs.metadata.namespace, rsRef);
    if (!d || d.spec?.strategy?.type !== 'Recreate') return;
    // ListReplicaSets: those matching the selector and controlled by the Deployment.
    const selector = parseSelector(d);
    if (!selector) return;
    const owned = this.ctx.store.byIndex<ReplicaSet>(REPLICA_SETS, 'controller', d.metadata.uid).filter((r) => selector.matches(r.metadata.labels));
    // numPods == 0 over getPodMapForDeployment, stopping at the first pod. Finished pods count
    // too: in v1.32 a Failed pod left behind keeps this from firing (kubernetes#128798).
    const anyPod = owned.some((r) => this.ctx.store.byIndex<Pod>('pods', 'controller', r.metadata.uid).some((p) => p.metadata.namespace === d.metadata.namespace && selector.matches(p.metadata.labels)));
    if (!anyPod) this.queue.add(keyOf(d));
  }

  /** processNextWorkItem: syncDeployment, then handleErr. */
  sync(key: string): void {
    this.progressChecks.get(key)?.cancel();
    this.progressChecks.delete(key);
    const { namespace, name } = splitKey(key);
    const stored = this.ctx.store.get<Deployment>(DEPLOYMENTS, namespace, name);
    if (!stored) {
      this.failures.delete(key);
      return;
    }
    try {
      // Deep-copy: the sync mutates its Deployment as upstream does its copy of the cache's.
      this.syncDeployment(clone(stored) as DeploymentObject);
      this.failures.delete(key);
    } catch (e) {
      if (!(e instanceof StatusError)) throw e;
      this.handleErr(key, e);
    }
  }

  /** handleErr: rate-limited retries, then the key is dropped; a terminating namespace is no error. */
  private handleErr(key: string, err: StatusError): void {
    if (err.status.details?.causes?.some((c) => c.reason === NAMESPACE_TERMINATING_CAUSE)) {
      this.failures.delete(key);
      return;
    }
    if ((this.failures.get(key) ?? 0) < MAX_RETRIES) this.requeueRateLimited(key, false);
    else this.failures.delete(key);
  }

  /** syncDeployment: the order of checks is the behaviour (deployment_controller.go). */
  private syncDeployment(d: DeploymentObject): void {
    d.status ??= {};
    const ls = d.spec?.selector;
    if (ls && Object.values(ls).every((v) => v === undefined)) {
      this.event(d, 'Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.');
      if ((d.status.observedGeneration ?? 0) < (d.metadata.generation ?? 0)) {
        d.status.observedGeneration = d.metadata.generation;
        try {
          updateDeploymentStatus(this, d);
        } catch (e) {
          if (!(e instanceof StatusError)) throw e;
        }
      }
      return;
    }
    const rsList = this.getReplicaSetsForDeployment(d);
    if (d.metadata.deletionTimestamp) return syncStatusOnly(this, d, rsList);
    // Unknown while paused, so time spent paused never counts against the progress deadline.
    checkPausedConditions(this, d);
    if (d.spec?.paused) return sync(this, d, rsList);
    if (getRollbackTo(d) !== undefined) return rollback(this, d, rsList);
    if (isScalingEvent(this, d, rsList)) return sync(this, d, rsList);
    switch (d.spec?.strategy?.type) {
      case 'Recreate': {
        // Upstream lists the pods before deciding anything; only Recreate reads them.
        let pods: PodMap | undefined;
        return rolloutRecreate(this, d, rsList, () => (pods ??= this.podMap(d, rsList)));
      }
      case 'RollingUpdate':
        return rolloutRolling(this, d, rsList);
    }
  }

  /**
   * getReplicaSetsForDeployment: ClaimReplicaSets (controller_ref_manager.go). Ours that still
   * match are kept; ours that no longer match are released; matching orphans are adopted, after
   * a fresh read confirms the Deployment is not being deleted. Only the candidates are visited:
   * ours by the controller index, orphans by the label index.
   */
  private getReplicaSetsForDeployment(d: DeploymentObject): Stored<ReplicaSet>[] {
    const selector = parseSelector(d);
    if (!selector) throw new StatusError('BadRequest', `deployment ${d.metadata.namespace}/${d.metadata.name} has invalid label selector`);
    const ns = d.metadata.namespace;
    const uid = d.metadata.uid;
    const deleting = !!d.metadata.deletionTimestamp;
    const claimed: Stored<ReplicaSet>[] = [];
    let firstError: StatusError | undefined;
    const attempt = (fn: () => void) => {
      try {
        fn();
        return true;
      } catch (e) {
        if (!(e instanceof StatusError)) throw e;
        if (e.reason !== 'NotFound') firstError ??= e;
        return false;
      }
    };
    for (const rs of this.ctx.store.byIndex<ReplicaSet>(REPLICA_SETS, 'controller', uid)) {
      if (rs.metadata.namespace !== ns) continue;
      if (selector.matches(rs.metadata.labels)) claimed.push(rs);
      else if (!deleting) attempt(() => this.patchOwner(rs, { $patch: 'delete', uid }));
    }
    if (deleting || selector.nothing) return this.orFail(claimed, firstError);
    let canAdopt: boolean | undefined;
    for (const rs of this.ctx.store.select<ReplicaSet>(REPLICA_SETS, ns, selector)) {
      if (controllerOf(rs) || rs.metadata.deletionTimestamp) continue;
      // RecheckDeletionTimestamp: an uncached read, once, before the first adoption.
      canAdopt ??= this.stillAdoptable(d);
      if (!canAdopt) {
        firstError ??= new StatusError('Conflict', `original Deployment ${ns}/${d.metadata.name} is gone or being deleted`);
        break;
      }
      const ref: OwnerReference = { apiVersion: 'apps/v1', kind: 'Deployment', name: d.metadata.name, uid, controller: true, blockOwnerDeletion: true };
      if (attempt(() => this.patchOwner(rs, ref))) claimed.push(rs);
    }
    return this.orFail(claimed, firstError);
  }

  private orFail<T>(value: T, error: StatusError | undefined): T {
    if (error) throw error;
    return value;
  }

  private stillAdoptable(d: DeploymentObject): boolean {
    const fresh = this.ctx.api.tryGet<Deployment>(DEPLOYMENTS, d.metadata.namespace, d.metadata.name);
    return !!fresh && fresh.metadata.uid === d.metadata.uid && !fresh.metadata.deletionTimestamp;
  }

  /** AdoptReplicaSet / ReleaseReplicaSet: a strategic-merge patch of the ownerReferences, guarded by uid. */
  private patchOwner(rs: Stored<ReplicaSet>, ref: OwnerReference | { $patch: 'delete'; uid: string }): void {
    this.ctx.api.patch(REPLICA_SETS, rs.metadata.namespace, rs.metadata.name, 'strategic', { metadata: { ownerReferences: [ref], uid: rs.metadata.uid } }, { fieldManager: COMPONENT });
  }

  /**
   * getPodMapForDeployment: the pods matching the Deployment's selector, by the uid of the claimed
   * ReplicaSet controlling them. Inactive pods count: Recreate must see that none still runs.
   */
  private podMap(d: Deployment, rsList: Stored<ReplicaSet>[]): PodMap {
    const selector = parseSelector(d);
    const map: PodMap = new Map();
    for (const rs of rsList) {
      const pods = this.ctx.store.byIndex<Pod>('pods', 'controller', rs.metadata.uid);
      map.set(rs.metadata.uid, pods.filter((p) => p.metadata.namespace === d.metadata?.namespace && !!selector?.matches(p.metadata.labels)));
    }
    return map;
  }
}

/**
 * A token bucket as golang.org/x/time/rate's Limiter.Reserve uses it: `rate` tokens per second up
 * to `burst`; a reservation without a token waits until one has accrued.
 */
export class TokenBucket {
  private tokens: number;
  private last = -Infinity;

  constructor(private readonly rate: number, private readonly burst: number) {
    this.tokens = burst;
  }

  /** Takes a token at `now` (ms); returns how long the taker must wait for it (ms). */
  reserve(now: number): number {
    this.tokens = Math.min(this.burst, this.tokens + (Math.max(0, now - this.last) / 1000) * this.rate);
    this.last = now;
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : (-this.tokens / this.rate) * 1000;
  }
}

/** LabelSelectorAsSelector, undefined when the selector does not parse. */
function parseSelector(d: Deployment): Selector | undefined {
  try {
    return Selector.fromLabelSelector(d.spec?.selector);
  } catch {
    return undefined;
  }
}
