import type { DeploymentCondition, DeploymentStatus, ReplicaSet } from 'kubernetes-types/apps/v1.js';
import { deepEqual } from '../../api/equality.ts';
import { parseRfc3339 } from '../../sim/clock.ts';
import type { Stored } from '../../store/object.ts';
import type { DeploymentControl } from './control.ts';
import { updateDeploymentStatus } from './revisions.ts';
import { calculateStatus } from './sync.ts';
import {
  deploymentComplete,
  getCondition,
  hasProgressDeadline,
  newCondition,
  Reason,
  removeCondition,
  setCondition,
  type DeploymentObject,
} from './util.ts';

/**
 * progress.go and checkPausedConditions (sync.go): the Progressing condition, the
 * progressDeadlineSeconds check, and the requeue that makes the check happen on time.
 */

type RS = Stored<ReplicaSet>;

/**
 * checkPausedConditions: Progressing goes Unknown with DeploymentPaused when paused and
 * DeploymentResumed when resumed, so the time spent paused never counts against the deadline. A
 * timed-out Deployment keeps its ProgressDeadlineExceeded.
 */
export function checkPausedConditions(dc: DeploymentControl, d: DeploymentObject): void {
  if (!hasProgressDeadline(d)) return;
  const cond = getCondition(d.status, 'Progressing');
  if (cond?.reason === Reason.TimedOut) return;
  const pausedCondExists = cond?.reason === Reason.Paused;
  const now = dc.ctx.clock.rfc3339();
  if (d.spec?.paused && !pausedCondExists) {
    setCondition(d.status!, newCondition('Progressing', 'Unknown', Reason.Paused, 'Deployment is paused', now));
  } else if (!d.spec?.paused && pausedCondExists) {
    setCondition(d.status!, newCondition('Progressing', 'Unknown', Reason.Resumed, 'Deployment is resumed', now));
  } else {
    return;
  }
  updateDeploymentStatus(dc, d);
}

/**
 * syncRolloutStatus: the status of a rollout step, with the Progressing condition:
 * NewReplicaSetAvailable once complete; ReplicaSetUpdated (lastUpdateTime refreshed, transition time
 * kept) whenever new replicas were added or became ready or available, or old ones went away;
 * ProgressDeadlineExceeded when none of that happened for progressDeadlineSeconds. A complete
 * rollout with nothing left over is not estimated again. The new ReplicaSet's ReplicaFailure (or
 * else an old one's) is copied.
 */
export function syncRolloutStatus(dc: DeploymentControl, allRSs: (RS | undefined)[], newRS: RS | undefined, d: DeploymentObject): void {
  const now = dc.ctx.clock.rfc3339();
  const newStatus = calculateStatus(allRSs, newRS, d, now);
  if (!hasProgressDeadline(d)) removeCondition(newStatus, 'Progressing');
  const currentCond = getCondition(d.status, 'Progressing');
  const isCompleteDeployment = (newStatus.replicas ?? 0) === (newStatus.updatedReplicas ?? 0) && currentCond?.reason === Reason.NewRSAvailable;
  if (hasProgressDeadline(d) && !isCompleteDeployment) {
    const subject = newRS ? `ReplicaSet ${JSON.stringify(newRS.metadata.name)}` : `Deployment ${JSON.stringify(d.metadata.name)}`;
    if (deploymentComplete(d, newStatus)) {
      setCondition(newStatus, newCondition('Progressing', 'True', Reason.NewRSAvailable, `${subject} has successfully progressed.`, now));
    } else if (deploymentProgressing(d, newStatus)) {
      // Same reason again must still refresh lastUpdateTime, which setCondition would not do.
      const condition = newCondition('Progressing', 'True', Reason.ReplicaSetUpdated, `${subject} is progressing.`, now);
      if (currentCond) {
        if (currentCond.status === 'True') condition.lastTransitionTime = currentCond.lastTransitionTime;
        removeCondition(newStatus, 'Progressing');
      }
      setCondition(newStatus, condition);
    } else if (deploymentTimedOut(d, newStatus, dc.ctx.clock.now())) {
      setCondition(newStatus, newCondition('Progressing', 'False', Reason.TimedOut, `${subject} has timed out progressing.`, now));
    }
  }
  const failures = getReplicaFailures(allRSs, newRS);
  if (failures.length) setCondition(newStatus, failures[0]);
  else removeCondition(newStatus, 'ReplicaFailure');
  if (deepEqual(d.status, newStatus)) {
    requeueStuckDeployment(dc, d, newStatus);
    return;
  }
  d.status = newStatus;
  updateDeploymentStatus(dc, d);
}

/** getReplicaFailures: ReplicaFailure conditions of the new ReplicaSet, else of any. */
function getReplicaFailures(allRSs: (RS | undefined)[], newRS: RS | undefined): DeploymentCondition[] {
  const failuresOf = (rs: RS) =>
    (rs.status?.conditions ?? [])
      .filter((c) => c.type === 'ReplicaFailure')
      .map((c) => ({ type: c.type, status: c.status, lastUpdateTime: c.lastTransitionTime, lastTransitionTime: c.lastTransitionTime, reason: c.reason, message: c.message }));
  const own = newRS ? failuresOf(newRS) : [];
  if (own.length) return own;
  return allRSs.flatMap((rs) => (rs ? failuresOf(rs) : []));
}

/**
 * DeploymentProgressing: more updated, ready or available replicas than the last status, or fewer
 * old ones (replicas − updatedReplicas).
 */
export function deploymentProgressing(d: DeploymentObject, newStatus: DeploymentStatus): boolean {
  const old = d.status ?? {};
  const n = (v: number | undefined) => v ?? 0;
  return (
    n(newStatus.updatedReplicas) > n(old.updatedReplicas) ||
    n(newStatus.replicas) - n(newStatus.updatedReplicas) < n(old.replicas) - n(old.updatedReplicas) ||
    n(newStatus.readyReplicas) > n(old.readyReplicas) ||
    n(newStatus.availableReplicas) > n(old.availableReplicas)
  );
}

/**
 * DeploymentTimedOut: the Progressing condition's lastUpdateTime + progressDeadlineSeconds is
 * strictly before now (once timed out, always timed out; a completed rollout never times out).
 */
export function deploymentTimedOut(d: DeploymentObject, newStatus: DeploymentStatus, now: number): boolean {
  if (!hasProgressDeadline(d)) return false;
  const condition = getCondition(newStatus, 'Progressing');
  if (!condition) return false;
  if (condition.reason === Reason.NewRSAvailable) return false;
  if (condition.reason === Reason.TimedOut) return true;
  const from = parseRfc3339(condition.lastUpdateTime) ?? 0;
  return from + d.spec!.progressDeadlineSeconds! * 1000 < now;
}

/**
 * requeueStuckDeployment: a rollout that shows no progress is synced again when its deadline
 * passes, plus a second against clock skew: updated 3 minutes ago with a 600 s deadline → again in
 * 7 min 1 s. Less than a second left (or none) → a rate-limited requeue. Returns the delay, 0 for "now",
 * −1 when no check is needed (no deadline or condition, complete, or already timed out).
 */
export function requeueStuckDeployment(dc: DeploymentControl, d: DeploymentObject, newStatus: DeploymentStatus): number {
  const currentCond = getCondition(d.status, 'Progressing');
  if (!hasProgressDeadline(d) || !currentCond) return -1;
  if (deploymentComplete(d, newStatus) || currentCond.reason === Reason.TimedOut) return -1;
  const after = (parseRfc3339(currentCond.lastUpdateTime) ?? 0) + d.spec!.progressDeadlineSeconds! * 1000 - dc.ctx.clock.now();
  if (after < 1000) {
    // Still ahead: the next syncs will time the rollout out. Already past, yet not timed out (a
    // completed rollout whose pods stopped being available is never estimated again): upstream
    // keeps requeueing at the rate limiter's pace for as long as that lasts, which is no progress.
    dc.enqueueRateLimited(d, after > 0);
    return 0;
  }
  dc.enqueueAfter(d, after + 1000);
  return after;
}
