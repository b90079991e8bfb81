import type { DeploymentStatus, ReplicaSet } from 'kubernetes-types/apps/v1.js';
import { clone, deepEqual } from '../../api/equality.ts';
import { StatusError } from '../../api/errors.ts';
import type { Stored } from '../../store/object.ts';
import { COMPONENT, type DeploymentControl } from './control.ts';
import { getRollbackTo } from './rollback.ts';
import { getAllReplicaSetsAndSyncRevision, updateDeploymentStatus } from './revisions.ts';
import {
  availableReplicaSum,
  byCreationTimestamp,
  byRevision,
  bySizeNewer,
  bySizeOlder,
  filterActive,
  hasRevisionHistoryLimit,
  isRollingUpdate,
  isSaturated,
  maxReplicasAnnotation,
  maxSurge,
  maxUnavailable,
  newCondition,
  readyReplicaSum,
  Reason,
  replicasAnnotationsNeedUpdate,
  replicasOf,
  roundHalfAwayFromZero,
  setCondition,
  setReplicasAnnotations,
  specReplicaSum,
  statusReplicaSum,
  desiredReplicasAnnotation,
  type DeploymentObject,
  type ReplicaSetObject,
} from './util.ts';

/**
 * sync.go: scaling (proportional while several ReplicaSets are active), history cleanup, status,
 * and the scaling-event check that sends a sync here instead of to a rollout.
 */

type RS = Stored<ReplicaSet>;

/** syncStatusOnly: a Deployment being deleted only gets its status refreshed. */
export function syncStatusOnly(dc: DeploymentControl, d: DeploymentObject, rsList: RS[]): void {
  const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(dc, d, rsList, false);
  syncDeploymentStatus(dc, [...oldRSs, newRS], newRS, d);
}

/**
 * sync: what a paused Deployment or a scaling event gets: no new ReplicaSet, the replicas spread
 * over the existing ones, history cleanup while paused, then status.
 */
export function sync(dc: DeploymentControl, d: DeploymentObject, rsList: RS[]): void {
  const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(dc, d, rsList, false);
  scale(dc, d, newRS, oldRSs);
  if (d.spec?.paused && getRollbackTo(d) === undefined) cleanupDeployment(dc, oldRSs, d);
  syncDeploymentStatus(dc, [...oldRSs, newRS], newRS, d);
}

/**
 * FindActiveOrLatest: the only active ReplicaSet, or the newest when none is active; undefined when
 * several are (then they are scaled proportionally). Sorts `oldRSs` newest first, in place.
 */
export function findActiveOrLatest(newRS: RS | undefined, oldRSs: RS[]): RS | undefined {
  if (!newRS && oldRSs.length === 0) return undefined;
  oldRSs.sort((a, b) => byCreationTimestamp(b, a));
  const active = filterActive([...oldRSs, newRS]);
  if (active.length === 0) return newRS ?? oldRSs[0];
  if (active.length === 1) return active[0];
  return undefined;
}

/**
 * scale: proportional scaling. With one active ReplicaSet it simply gets the Deployment's size.
 * Otherwise `replicas + maxSurge − Σ active spec.replicas` is spread in proportion to each one's
 * share of its max-replicas annotation; scaling up goes largest/newest first, down largest/oldest
 * first, and the rounding leftover goes to the first. The docs' example: 10 replicas, maxSurge 3,
 * a stuck rollout at old 8 / new 5, scaled to 15: 15 + 3 − 13 = 5 to add; the old one gets
 * round(8 × 18 / 13) − 8 = 3, the new one round(5 × 18 / 13) − 5 = 2 → 11 and 7.
 */
export function scale(dc: DeploymentControl, d: DeploymentObject, newRS: RS | undefined, oldRSs: RS[]): void {
  const replicas = replicasOf(d);
  const activeOrLatest = findActiveOrLatest(newRS, oldRSs);
  if (activeOrLatest) {
    if (replicasOf(activeOrLatest) !== replicas) scaleReplicaSetAndRecordEvent(dc, activeOrLatest, replicas, d);
    return;
  }
  // A saturated new ReplicaSet (say, one adopted mid-rollout) means the old ones can go.
  if (isSaturated(d, newRS)) {
    for (const old of filterActive(oldRSs)) scaleReplicaSetAndRecordEvent(dc, old, 0, d);
    return;
  }
  if (!isRollingUpdate(d)) return;
  const allRSs = filterActive([...oldRSs, newRS]);
  const allowedSize = replicas > 0 ? replicas + maxSurge(d) : 0;
  const toAdd = allowedSize - specReplicaSum(allRSs);
  let operation = '';
  if (toAdd > 0) {
    allRSs.sort(bySizeNewer);
    operation = 'up';
  } else if (toAdd < 0) {
    allRSs.sort(bySizeOlder);
    operation = 'down';
  }
  let added = 0;
  const sizes = new Map<string, number>();
  for (const rs of allRSs) {
    if (toAdd !== 0) {
      const proportion = getProportion(rs, d, toAdd, added);
      sizes.set(rs.metadata.name, replicasOf(rs) + proportion);
      added += proportion;
    } else {
      sizes.set(rs.metadata.name, replicasOf(rs));
    }
  }
  allRSs.forEach((rs, i) => {
    let size = sizes.get(rs.metadata.name)!;
    if (i === 0 && toAdd !== 0) size = Math.max(0, size + toAdd - added);
    scaleReplicaSet(dc, rs, size, d, operation);
  });
}

/**
 * GetProportion: this ReplicaSet's share of `toAdd`, never more than what is left to hand out
 * (scaling up) nor less (scaling down).
 */
export function getProportion(rs: ReplicaSet, d: DeploymentObject, toAdd: number, added: number): number {
  if (replicasOf(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = getReplicaSetFraction(rs, d);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

/**
 * getReplicaSetFraction: round(spec.replicas × (replicas + maxSurge) / max-replicas) − spec.replicas,
 * the whole size (negated) when scaling to zero; without the annotation the Deployment's
 * status.replicas stands in for it.
 */
function getReplicaSetFraction(rs: ReplicaSet, d: DeploymentObject): number {
  const replicas = replicasOf(d);
  if (replicas === 0) return -replicasOf(rs);
  const deploymentReplicas = replicas + maxSurge(d);
  const annotated = maxReplicasAnnotation(rs) ?? d.status?.replicas ?? 0;
  const newSize = (replicasOf(rs) * deploymentReplicas) / annotated;
  return roundHalfAwayFromZero(newSize) - replicasOf(rs);
}

/** scaleReplicaSetAndRecordEvent: scales when the size differs. */
export function scaleReplicaSetAndRecordEvent(dc: DeploymentControl, rs: RS, newScale: number, d: DeploymentObject): { scaled: boolean; rs: RS } {
  if (replicasOf(rs) === newScale) return { scaled: false, rs };
  return scaleReplicaSet(dc, rs, newScale, d, replicasOf(rs) < newScale ? 'up' : 'down');
}

/**
 * scaleReplicaSet: writes the size and the desired/max-replicas annotations when either is off,
 * and records `Scaled up|down replica set <rs> from <old> to <new>` when the size changed.
 */
export function scaleReplicaSet(dc: DeploymentControl, rs: RS, newScale: number, d: DeploymentObject, operation: string): { scaled: boolean; rs: RS } {
  const replicas = replicasOf(d);
  const max = replicas + maxSurge(d);
  const sizeNeedsUpdate = replicasOf(rs) !== newScale;
  if (!sizeNeedsUpdate && !replicasAnnotationsNeedUpdate(rs, replicas, max)) return { scaled: false, rs };
  const oldScale = replicasOf(rs);
  const copy = clone(rs) as ReplicaSetObject;
  copy.spec = { ...copy.spec!, replicas: newScale };
  setReplicasAnnotations(copy, replicas, max);
  const updated = dc.ctx.api.update(copy, { fieldManager: COMPONENT });
  if (!sizeNeedsUpdate) return { scaled: false, rs: updated };
  dc.event(d, 'Normal', 'ScalingReplicaSet', `Scaled ${operation} replica set ${updated.metadata.name} from ${oldScale} to ${newScale}`);
  return { scaled: true, rs: updated };
}

/**
 * cleanupDeployment: keeps the newest revisionHistoryLimit old ReplicaSets, deleting the lowest
 * revisions first, but never one that still has or wants pods or whose spec its controller has
 * not yet seen.
 */
export function cleanupDeployment(dc: DeploymentControl, oldRSs: RS[], d: DeploymentObject): void {
  if (!hasRevisionHistoryLimit(d)) return;
  const cleanable = oldRSs.filter((rs) => rs && !rs.metadata.deletionTimestamp);
  const diff = cleanable.length - d.spec!.revisionHistoryLimit!;
  if (diff <= 0) return;
  cleanable.sort(byRevision);
  for (let i = 0; i < diff; i++) {
    const rs = cleanable[i];
    if ((rs.status?.replicas ?? 0) !== 0 || replicasOf(rs) !== 0 || (rs.metadata.generation ?? 0) > (rs.status?.observedGeneration ?? 0) || rs.metadata.deletionTimestamp) continue;
    try {
      dc.ctx.api.delete('replicasets.apps', rs.metadata.namespace, rs.metadata.name);
    } catch (e) {
      if (!(e instanceof StatusError && e.reason === 'NotFound')) throw e;
    }
  }
}

/** syncDeploymentStatus: writes calculateStatus when it differs. */
export function syncDeploymentStatus(dc: DeploymentControl, allRSs: (RS | undefined)[], newRS: RS | undefined, d: DeploymentObject): void {
  const status = calculateStatus(allRSs, newRS, d, dc.ctx.clock.rfc3339());
  if (deepEqual(d.status, status)) return;
  d.status = status;
  updateDeploymentStatus(dc, d);
}

/**
 * calculateStatus: sums over the ReplicaSets (replicas, ready, available from their status;
 * updated = the new one's status.replicas; unavailable = Σ spec.replicas − available, at least 0)
 * and the Available condition: True once available ≥ replicas − maxUnavailable. Zero counts are
 * left out, as the API's omitempty fields are.
 */
export function calculateStatus(allRSs: (RS | undefined)[], newRS: RS | undefined, d: DeploymentObject, now: string): DeploymentStatus {
  const available = availableReplicaSum(allRSs);
  const unavailable = Math.max(0, specReplicaSum(allRSs) - available);
  const status: DeploymentStatus = {
    observedGeneration: d.metadata.generation || undefined,
    replicas: statusReplicaSum(allRSs) || undefined,
    updatedReplicas: statusReplicaSum([newRS]) || undefined,
    readyReplicas: readyReplicaSum(allRSs) || undefined,
    availableReplicas: available || undefined,
    unavailableReplicas: unavailable || undefined,
    conditions: d.status?.conditions ? [...d.status.conditions] : undefined,
    collisionCount: d.status?.collisionCount,
  };
  if (available >= replicasOf(d) - maxUnavailable(d)) {
    setCondition(status, newCondition('Available', 'True', Reason.MinimumReplicasAvailable, 'Deployment has minimum availability.', now));
  } else {
    setCondition(status, newCondition('Available', 'False', Reason.MinimumReplicasUnavailable, 'Deployment does not have minimum availability.', now));
  }
  return status;
}

/**
 * isScalingEvent: some active ReplicaSet's desired-replicas annotation differs from spec.replicas,
 * so the Deployment was scaled rather than changed.
 */
export function isScalingEvent(dc: DeploymentControl, d: DeploymentObject, rsList: RS[]): boolean {
  const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(dc, d, rsList, false);
  for (const rs of filterActive([...oldRSs, newRS])) {
    const desired = desiredReplicasAnnotation(rs);
    if (desired !== undefined && desired !== replicasOf(d)) return true;
  }
  return false;
}
