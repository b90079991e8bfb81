import type { ReplicaSet } from 'kubernetes-types/apps/v1.js';
import { StatusError } from '../../api/errors.ts';
import type { Stored } from '../../store/object.ts';
import type { DeploymentControl } from './control.ts';
import { syncRolloutStatus } from './progress.ts';
import { getAllReplicaSetsAndSyncRevision } from './revisions.ts';
import { cleanupDeployment, scaleReplicaSetAndRecordEvent } from './sync.ts';
import { availableReplicaSum, byCreationTimestamp, deploymentComplete, filterActive, maxUnavailable, newRSNewReplicas, replicasOf, specReplicaSum, type DeploymentObject } from './util.ts';

/**
 * rolling.go: one step of a RollingUpdate per sync. Scale the new ReplicaSet up if the surge
 * allows; otherwise scale old ones down if availability allows; otherwise, once complete, clean
 * up history. Every step writes status and waits for the next event.
 */

type RS = Stored<ReplicaSet>;

/** rolloutRolling. */
export function rolloutRolling(dc: DeploymentControl, d: DeploymentObject, rsList: RS[]): void {
  const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(dc, d, rsList, true);
  const allRSs = [...oldRSs, newRS];
  if (reconcileNewReplicaSet(dc, allRSs, newRS!, d)) return syncRolloutStatus(dc, allRSs, newRS, d);
  if (reconcileOldReplicaSets(dc, allRSs, filterActive(oldRSs), newRS!, d)) return syncRolloutStatus(dc, allRSs, newRS, d);
  if (deploymentComplete(d, d.status)) cleanupDeployment(dc, oldRSs, d);
  syncRolloutStatus(dc, allRSs, newRS, d);
}

/**
 * reconcileNewReplicaSet: a new ReplicaSet larger than the Deployment shrinks to it; a smaller one
 * grows as far as maxSurge allows (NewRSNewReplicas). True when it scaled.
 */
export function reconcileNewReplicaSet(dc: DeploymentControl, allRSs: (RS | undefined)[], newRS: RS, d: DeploymentObject): boolean {
  const replicas = replicasOf(d);
  if (replicasOf(newRS) === replicas) return false;
  if (replicasOf(newRS) > replicas) return scaleReplicaSetAndRecordEvent(dc, newRS, replicas, d).scaled;
  return scaleReplicaSetAndRecordEvent(dc, newRS, newRSNewReplicas(d, allRSs, newRS), d).scaled;
}

/**
 * reconcileOldReplicaSets: how far old ReplicaSets may shrink. maxScaledDown = Σ spec.replicas −
 * minAvailable − (new ReplicaSet's replicas not yet available), so unavailable new pods never let
 * old ones go. Upstream's example, 10 replicas, maxUnavailable 2, maxSurge 3: the new ReplicaSet
 * at 5 crash-loops, 13 − 8 − 5 = 0, nothing more is removed; after a rollback to a healthy
 * template only 1 new pod is unavailable, 13 − 8 − 1 = 4 of the crash-looping ones go. Unhealthy
 * old replicas go first (cleanupUnhealthyReplicas), then available ones down to minAvailable.
 * Errors here end the step without failing the sync, as upstream.
 */
export function reconcileOldReplicaSets(dc: DeploymentControl, allRSs: (RS | undefined)[], oldRSs: RS[], newRS: RS, d: DeploymentObject): boolean {
  if (specReplicaSum(oldRSs) === 0) return false;
  const minAvailable = replicasOf(d) - maxUnavailable(d);
  const newRSUnavailable = replicasOf(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = specReplicaSum(allRSs) - minAvailable - newRSUnavailable;
  if (maxScaledDown <= 0) return false;
  try {
    const cleanup = cleanupUnhealthyReplicas(dc, oldRSs, d, maxScaledDown);
    const scaledDown = scaleDownOldReplicaSetsForRollingUpdate(dc, [...cleanup.oldRSs, newRS], cleanup.oldRSs, d);
    return cleanup.count + scaledDown > 0;
  } catch (e) {
    if (e instanceof StatusError || e instanceof InvalidScaleDownError) return false;
    throw e;
  }
}

/**
 * The "got invalid request to scale down" error: a ReplicaSet whose status still counts more
 * available replicas than its (just lowered) spec would otherwise be scaled *up* by a cleanup.
 */
export class InvalidScaleDownError extends Error {
  constructor(rs: RS, from: number, to: number) {
    super(`when scaling down old RS, got invalid request to scale down ${rs.metadata.namespace}/${rs.metadata.name} ${from} -> ${to}`);
  }
}

/**
 * cleanupUnhealthyReplicas: oldest first, each old ReplicaSet sheds its not-available replicas
 * (spec.replicas − availableReplicas), at most `maxCleanupCount` in all. The ReplicaSet
 * controller deletes not-ready and unscheduled pods first, so this never lowers availability.
 */
export function cleanupUnhealthyReplicas(dc: DeploymentControl, oldRSs: RS[], d: DeploymentObject, maxCleanupCount: number): { oldRSs: RS[]; count: number } {
  oldRSs.sort(byCreationTimestamp);
  let total = 0;
  for (let i = 0; i < oldRSs.length; i++) {
    if (total >= maxCleanupCount) break;
    const target = oldRSs[i];
    const replicas = replicasOf(target);
    const available = target.status?.availableReplicas ?? 0;
    if (replicas === 0 || replicas === available) continue;
    // Stale status can show more available replicas than spec.replicas: refuse to "scale down" upwards.
    const count = Math.min(maxCleanupCount - total, replicas - available);
    if (replicas - count > replicas) throw new InvalidScaleDownError(target, replicas, replicas - count);
    oldRSs[i] = scaleReplicaSetAndRecordEvent(dc, target, replicas - count, d).rs;
    total += count;
  }
  return { oldRSs, count: total };
}

/**
 * scaleDownOldReplicaSetsForRollingUpdate: old ReplicaSets, oldest first, shed as many replicas as
 * are available above minAvailable. With 3 replicas and maxUnavailable 0, old at 3 available and
 * new at 1 available: 4 − 3 = 1, the old one goes to 2.
 */
export function scaleDownOldReplicaSetsForRollingUpdate(dc: DeploymentControl, allRSs: (RS | undefined)[], oldRSs: RS[], d: DeploymentObject): number {
  const minAvailable = replicasOf(d) - maxUnavailable(d);
  const available = availableReplicaSum(allRSs);
  if (available <= minAvailable) return 0;
  oldRSs.sort(byCreationTimestamp);
  const totalScaleDownCount = available - minAvailable;
  let total = 0;
  for (const target of oldRSs) {
    if (total >= totalScaleDownCount) break;
    const replicas = replicasOf(target);
    if (replicas === 0) continue;
    const count = Math.min(replicas, totalScaleDownCount - total);
    if (replicas - count > replicas) throw new InvalidScaleDownError(target, replicas, replicas - count);
    scaleReplicaSetAndRecordEvent(dc, target, replicas - count, d);
    total += count;
  }
  return total;
}
