import type { ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { Stored } from '../../store/object.ts';
import type { DeploymentControl } from './control.ts';
import { syncRolloutStatus } from './progress.ts';
import { getAllReplicaSetsAndSyncRevision } from './revisions.ts';
import { cleanupDeployment, scaleReplicaSetAndRecordEvent } from './sync.ts';
import { deploymentComplete, filterActive, replicasOf, statusReplicaSum, type DeploymentObject } from './util.ts';

/**
 * recreate.go: every old ReplicaSet to zero, then nothing until no old pod runs, then the new
 * ReplicaSet (created only now, so nothing scales up before everything scaled down) at full size.
 */

type RS = Stored<ReplicaSet>;

/** Pods by the uid of the ReplicaSet controlling them, terminating and finished ones included. */
export type PodMap = Map<string, Stored<Pod>[]>;

/** rolloutRecreate. `podMap` is asked for only when old ReplicaSets report no pods. */
export function rolloutRecreate(dc: DeploymentControl, d: DeploymentObject, rsList: RS[], podMap: () => PodMap): void {
  let { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(dc, d, rsList, false);
  let allRSs = [...oldRSs, newRS];
  if (scaleDownOldReplicaSetsForRecreate(dc, filterActive(oldRSs), d)) return syncRolloutStatus(dc, allRSs, newRS, d);
  if (oldPodsRunning(newRS, oldRSs, podMap)) return syncRolloutStatus(dc, allRSs, newRS, d);
  if (!newRS) {
    ({ newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(dc, d, rsList, true));
    allRSs = [...oldRSs, newRS];
  }
  scaleReplicaSetAndRecordEvent(dc, newRS!, replicasOf(d), d);
  if (deploymentComplete(d, d.status)) cleanupDeployment(dc, oldRSs, d);
  syncRolloutStatus(dc, allRSs, newRS, d);
}

/** scaleDownOldReplicaSetsForRecreate: every active old ReplicaSet to 0; true when any was scaled. */
function scaleDownOldReplicaSetsForRecreate(dc: DeploymentControl, oldRSs: RS[], d: DeploymentObject): boolean {
  let scaled = false;
  for (let i = 0; i < oldRSs.length; i++) {
    if (replicasOf(oldRSs[i]) === 0) continue;
    const result = scaleReplicaSetAndRecordEvent(dc, oldRSs[i], 0, d);
    if (result.scaled) {
      oldRSs[i] = result.rs;
      scaled = true;
    }
  }
  return scaled;
}

/**
 * oldPodsRunning: an old ReplicaSet still reports pods, or a pod of one is not Succeeded/Failed
 * (a terminating pod still runs; Unknown counts as running, the node may just be unreachable).
 */
export function oldPodsRunning(newRS: RS | undefined, oldRSs: RS[], podMap: () => PodMap): boolean {
  if (statusReplicaSum(oldRSs) > 0) return true;
  for (const [uid, pods] of podMap()) {
    if (newRS && newRS.metadata.uid === uid) continue;
    for (const pod of pods) {
      const phase = pod.status?.phase;
      if (phase === 'Failed' || phase === 'Succeeded') continue;
      return true;
    }
  }
  return false;
}
