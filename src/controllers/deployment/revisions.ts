import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { LabelSelector } from 'kubernetes-types/meta/v1.js';
import { NAMESPACE_TERMINATING_CAUSE } from '../../api/admission/index.ts';
import { clone } from '../../api/equality.ts';
import { StatusError } from '../../api/errors.ts';
import { controllerOf, type Stored } from '../../store/object.ts';
import { COMPONENT, type DeploymentControl } from './control.ts';
import { computeHash } from './hash.ts';
import {
  ANNOTATIONS_TO_SKIP,
  byCreationTimestamp,
  equalIgnoreHash,
  getCondition,
  hasProgressDeadline,
  maxRevision,
  maxSurge,
  newCondition,
  newRSNewReplicas,
  POD_TEMPLATE_HASH,
  Reason,
  replicasOf,
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  setCondition,
  setReplicasAnnotations,
  type DeploymentObject,
  type ReplicaSetObject,
} from './util.ts';

/**
 * The new ReplicaSet, its name and hash, and revision bookkeeping: getAllReplicaSetsAndSyncRevision
 * and getNewReplicaSet (sync.go) with the annotation helpers of deployment_util.go.
 */

/** maxRevHistoryLengthInChars (sync.go): revision-history keeps about the last 100 numbers. */
export const MAX_REV_HISTORY_LENGTH_IN_CHARS = 2000;

/**
 * FindNewReplicaSet: the oldest ReplicaSet whose template equals the Deployment's, ignoring the
 * pod-template-hash label. Sorts `rsList` in place by age, as upstream does to its slice.
 */
export function findNewReplicaSet(d: Deployment, rsList: Stored<ReplicaSet>[]): Stored<ReplicaSet> | undefined {
  rsList.sort(byCreationTimestamp);
  return rsList.find((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template));
}

/** FindOldReplicaSets: every ReplicaSet but the new one (the "all" list; active ones are filtered later). */
export function findOldReplicaSets(d: Deployment, rsList: Stored<ReplicaSet>[]): Stored<ReplicaSet>[] {
  const newRS = findNewReplicaSet(d, rsList);
  return rsList.filter((rs) => !newRS || rs.metadata.uid !== newRS.metadata.uid);
}

/**
 * getAllReplicaSetsAndSyncRevision: the new ReplicaSet (created when asked and missing) with its
 * revision brought to max(old revisions) + 1, and all the old ones.
 */
export function getAllReplicaSetsAndSyncRevision(
  dc: DeploymentControl,
  d: DeploymentObject,
  rsList: Stored<ReplicaSet>[],
  createIfNotExisted: boolean,
): { newRS: Stored<ReplicaSet> | undefined; oldRSs: Stored<ReplicaSet>[] } {
  const oldRSs = findOldReplicaSets(d, rsList);
  const newRS = getNewReplicaSet(dc, d, rsList, oldRSs, createIfNotExisted);
  return { newRS, oldRSs };
}

/** Writes the Deployment's status (and, as the deployments/status strategy allows, its annotations). */
export function updateDeploymentStatus(dc: DeploymentControl, d: DeploymentObject): Stored<Deployment> {
  return dc.ctx.api.updateStatus<Deployment>({ ...d, status: clone(d.status) }, { fieldManager: COMPONENT });
}

/**
 * getNewReplicaSet. An existing new ReplicaSet gets the Deployment's annotations, a revision of
 * max+1 if it had less (a rollback: 1 2 3, back to 1's template → that ReplicaSet becomes 4 and
 * records 1 in revision-history) and the Deployment's minReadySeconds; the Deployment copies its
 * revision. A missing one is created as `<deployment>-<hash>` with as many replicas as the
 * strategy allows at once.
 */
export function getNewReplicaSet(
  dc: DeploymentControl,
  d: DeploymentObject,
  rsList: Stored<ReplicaSet>[],
  oldRSs: Stored<ReplicaSet>[],
  createIfNotExisted: boolean,
): Stored<ReplicaSet> | undefined {
  const existing = findNewReplicaSet(d, rsList);
  const newRevision = String(maxRevision(oldRSs) + 1);
  if (existing) {
    const rsCopy = clone(existing) as ReplicaSetObject;
    const annotationsUpdated = setNewReplicaSetAnnotations(d, rsCopy, newRevision, true, MAX_REV_HISTORY_LENGTH_IN_CHARS);
    if (annotationsUpdated || (rsCopy.spec?.minReadySeconds ?? 0) !== (d.spec?.minReadySeconds ?? 0)) {
      rsCopy.spec = { ...rsCopy.spec!, minReadySeconds: d.spec?.minReadySeconds || undefined };
      return dc.ctx.api.update(rsCopy, { fieldManager: COMPONENT });
    }
    // The ReplicaSet's own revision is the reliable one: the Deployment's write may have failed.
    let needsUpdate = setDeploymentRevision(d, rsCopy.metadata.annotations?.[REVISION_ANNOTATION] ?? '');
    // A Deployment that never recorded progress starts its clock when it first sees its new ReplicaSet.
    if (hasProgressDeadline(d) && !getCondition(d.status, 'Progressing')) {
      setCondition(d.status!, newCondition('Progressing', 'True', Reason.FoundNewRS, `Found new replica set ${JSON.stringify(rsCopy.metadata.name)}`, dc.ctx.clock.rfc3339()));
      needsUpdate = true;
    }
    if (needsUpdate) updateDeploymentStatus(dc, d);
    return rsCopy;
  }
  if (!createIfNotExisted) return undefined;
  return createNewReplicaSet(dc, d, oldRSs, newRevision);
}

/** The creating half of getNewReplicaSet, with its hash-collision and failure handling. */
function createNewReplicaSet(dc: DeploymentControl, d: DeploymentObject, oldRSs: Stored<ReplicaSet>[], newRevision: string): Stored<ReplicaSet> {
  const template = clone(d.spec!.template);
  const hash = computeHash(template, d.status?.collisionCount);
  template.metadata = { ...template.metadata, labels: { ...template.metadata?.labels, [POD_TEMPLATE_HASH]: hash } };
  const name = `${d.metadata.name}-${hash}`;
  const newRS = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name,
      namespace: d.metadata.namespace,
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: d.metadata.name, uid: d.metadata.uid, controller: true, blockOwnerDeletion: true }],
      labels: template.metadata.labels,
    },
    spec: { replicas: 0, minReadySeconds: d.spec?.minReadySeconds || undefined, selector: cloneSelectorAndAddLabel(d.spec!.selector, hash), template },
  } as unknown as ReplicaSetObject;
  const newReplicasCount = newRSNewReplicas(d, [...oldRSs, newRS], newRS);
  newRS.spec!.replicas = newReplicasCount;
  setNewReplicaSetAnnotations(d, newRS, newRevision, false, MAX_REV_HISTORY_LENGTH_IN_CHARS);

  let created: Stored<ReplicaSet>;
  let alreadyExists = false;
  try {
    created = dc.ctx.api.create(newRS, { fieldManager: COMPONENT });
  } catch (e) {
    if (!(e instanceof StatusError)) throw e;
    if (e.reason === 'AlreadyExists') {
      // Ours with the same template (a cache lagging behind upstream): it is the new ReplicaSet.
      const rs = dc.ctx.store.get<ReplicaSet>('replicasets.apps', d.metadata.namespace, name);
      if (!rs) throw e;
      if (controllerOf(rs)?.uid === d.metadata.uid && equalIgnoreHash(d.spec?.template, rs.spec?.template)) {
        created = rs;
        alreadyExists = true;
      } else {
        // A hash collision: bump collisionCount so the next sync hashes to another name.
        d.status = { ...d.status, collisionCount: (d.status?.collisionCount ?? 0) + 1 };
        try {
          updateDeploymentStatus(dc, d);
        } catch (statusErr) {
          if (!(statusErr instanceof StatusError)) throw statusErr;
        }
        throw e;
      }
    } else if (e.status.details?.causes?.some((c) => c.reason === NAMESPACE_TERMINATING_CAUSE)) {
      throw e;
    } else {
      const msg = `Failed to create new replica set ${JSON.stringify(name)}: ${e.message}`;
      if (hasProgressDeadline(d)) {
        setCondition(d.status!, newCondition('Progressing', 'False', Reason.FailedRSCreate, msg, dc.ctx.clock.rfc3339()));
        try {
          updateDeploymentStatus(dc, d);
        } catch (statusErr) {
          if (!(statusErr instanceof StatusError)) throw statusErr;
        }
      }
      dc.event(d, 'Warning', Reason.FailedRSCreate, msg);
      throw e;
    }
  }
  if (!alreadyExists && newReplicasCount > 0) {
    // v1.31+ wording (kubernetes#125118): "from <old> to <new>".
    dc.event(d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${created.metadata.name} from 0 to ${newReplicasCount}`);
  }
  let needsUpdate = setDeploymentRevision(d, newRevision);
  if (!alreadyExists && hasProgressDeadline(d)) {
    setCondition(d.status!, newCondition('Progressing', 'True', Reason.NewReplicaSet, `Created new replica set ${JSON.stringify(created.metadata.name)}`, dc.ctx.clock.rfc3339()));
    needsUpdate = true;
  }
  if (needsUpdate) updateDeploymentStatus(dc, d);
  return created;
}

/** CloneSelectorAndAddLabel: the Deployment's selector plus `pod-template-hash: <hash>`. */
function cloneSelectorAndAddLabel(selector: LabelSelector, hash: string): LabelSelector {
  return {
    matchLabels: { ...selector.matchLabels, [POD_TEMPLATE_HASH]: hash },
    ...(selector.matchExpressions ? { matchExpressions: clone(selector.matchExpressions) } : {}),
  };
}

/** SetDeploymentRevision: true when the Deployment's revision annotation changed. */
export function setDeploymentRevision(d: DeploymentObject, revision: string): boolean {
  if (d.metadata.annotations?.[REVISION_ANNOTATION] === revision) return false;
  d.metadata.annotations = { ...d.metadata.annotations, [REVISION_ANNOTATION]: revision };
  return true;
}

/**
 * SetNewReplicaSetAnnotations: copies the Deployment's annotations (all but the skip list), raises
 * the revision to `newRevision` when it is lower, appending the number it replaces to
 * revision-history (dropping the oldest entries past `historyLimitInChars`), and for a ReplicaSet
 * about to be created records desired-replicas and max-replicas. True when anything changed.
 */
export function setNewReplicaSetAnnotations(d: Deployment, rs: ReplicaSetObject, newRevision: string, exists: boolean, historyLimitInChars: number): boolean {
  let changed = copyDeploymentAnnotationsToReplicaSet(d, rs);
  const annotations = (rs.metadata.annotations = { ...rs.metadata.annotations });
  const oldRevision = annotations[REVISION_ANNOTATION];
  const hadRevision = oldRevision !== undefined;
  let oldRevisionInt = 0;
  if (oldRevision !== undefined && oldRevision !== '') {
    if (!/^[+-]?\d+$/.test(oldRevision)) return false;
    oldRevisionInt = Number(oldRevision);
  }
  if (!/^[+-]?\d+$/.test(newRevision)) return false;
  const newRevisionInt = Number(newRevision);
  if (oldRevisionInt < newRevisionInt) {
    annotations[REVISION_ANNOTATION] = newRevision;
    changed = true;
  }
  // A ReplicaSet that had a revision and gets a higher one is being rolled back to: keep the old number.
  if (hadRevision && oldRevisionInt < newRevisionInt) {
    const history = annotations[REVISION_HISTORY_ANNOTATION] ?? '';
    const oldRevisions = history.split(',');
    if (oldRevisions[0].length === 0) {
      annotations[REVISION_HISTORY_ANNOTATION] = oldRevision;
    } else {
      let totalLen = history.length + oldRevision.length + 1;
      let start = 0;
      while (totalLen > historyLimitInChars && start < oldRevisions.length) {
        totalLen -= oldRevisions[start].length + 1;
        start++;
      }
      if (totalLen <= historyLimitInChars) annotations[REVISION_HISTORY_ANNOTATION] = [...oldRevisions.slice(start), oldRevision].join(',');
    }
  }
  if (!exists && setReplicasAnnotations(rs, replicasOf(d), replicasOf(d) + maxSurge(d))) changed = true;
  return changed;
}

/**
 * copyDeploymentAnnotationsToReplicaSet: how `kubernetes.io/change-cause` reaches the history.
 * Annotations are only added or overwritten, never removed.
 */
function copyDeploymentAnnotationsToReplicaSet(d: Deployment, rs: ReplicaSetObject): boolean {
  let changed = false;
  const annotations = (rs.metadata.annotations = { ...rs.metadata.annotations });
  for (const [k, v] of Object.entries(d.metadata?.annotations ?? {})) {
    if (ANNOTATIONS_TO_SKIP.has(k) || annotations[k] === v) continue;
    annotations[k] = v;
    changed = true;
  }
  return changed;
}

/**
 * SetDeploymentAnnotationsTo: on a rollback the Deployment takes the annotations of the
 * ReplicaSet it goes back to (keeping its own skip-list ones), so its change-cause follows.
 */
export function setDeploymentAnnotationsTo(d: DeploymentObject, rs: ReplicaSet): void {
  const kept = Object.entries(d.metadata.annotations ?? {}).filter(([k]) => ANNOTATIONS_TO_SKIP.has(k));
  const copied = Object.entries(rs.metadata?.annotations ?? {}).filter(([k]) => !ANNOTATIONS_TO_SKIP.has(k));
  d.metadata.annotations = Object.fromEntries([...kept, ...copied]);
}
