import type { Deployment, DeploymentCondition, DeploymentStatus, ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import { deepEqual } from '../../api/equality.ts';
import { scaledValue } from '../../api/int-or-string.ts';
import { parseRfc3339 } from '../../sim/clock.ts';
import type { Stored } from '../../store/object.ts';

/**
 * Helpers from pkg/controller/deployment/util/deployment_util.go and the ReplicaSet sorts and
 * filters of pkg/controller/controller_utils.go, as pure functions over the controller's working
 * copies.
 */

/** A Deployment or ReplicaSet as the controller holds it during one sync: a private, mutable copy. */
export type DeploymentObject = Stored<Deployment>;
export type ReplicaSetObject = Stored<ReplicaSet>;

/** apps.DefaultDeploymentUniqueLabelKey. */
export const POD_TEMPLATE_HASH = 'pod-template-hash';
export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY_ANNOTATION = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/max-replicas';
/** apps.DeprecatedRollbackTo: how extensions/v1beta1's spec.rollbackTo round-trips through apps/v1. */
export const ROLLBACK_TO_ANNOTATION = 'deprecated.deployment.rollback.to';
const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

/** annotationsToSkip: Deployment annotations that are never copied to (or back from) a ReplicaSet. */
export const ANNOTATIONS_TO_SKIP = new Set([
  LAST_APPLIED_ANNOTATION,
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  ROLLBACK_TO_ANNOTATION,
]);

/** Condition reasons (deployment_util.go). */
export const Reason = {
  ReplicaSetUpdated: 'ReplicaSetUpdated',
  FailedRSCreate: 'ReplicaSetCreateError',
  NewReplicaSet: 'NewReplicaSetCreated',
  FoundNewRS: 'FoundNewReplicaSet',
  NewRSAvailable: 'NewReplicaSetAvailable',
  TimedOut: 'ProgressDeadlineExceeded',
  Paused: 'DeploymentPaused',
  Resumed: 'DeploymentResumed',
  MinimumReplicasAvailable: 'MinimumReplicasAvailable',
  MinimumReplicasUnavailable: 'MinimumReplicasUnavailable',
} as const;

/** math.MaxInt32: progressDeadlineSeconds and revisionHistoryLimit use it to mean "none". */
const MAX_INT32 = 2147483647;

/** spec.replicas, which defaulting always sets. */
export function replicasOf(obj: Deployment | ReplicaSet | undefined): number {
  return obj?.spec?.replicas ?? 1;
}

export function isRollingUpdate(d: Deployment): boolean {
  return d.spec?.strategy?.type === 'RollingUpdate';
}

/**
 * ResolveFenceposts: maxSurge as a share of `desired` rounds up, maxUnavailable rounds down, and
 * when both come to 0 maxUnavailable becomes 1 "on the theory that surge might not work due to
 * quota". 25%/25% of 3 → surge ceil(0.75) = 1, unavailable floor(0.75) = 0; of 10 → 3 and 2;
 * maxSurge 0 with maxUnavailable 25% of 3 → 0 and 0, so unavailable 1.
 */
export function resolveFenceposts(d: Deployment, desired: number): { surge: number; unavailable: number } {
  const ru = d.spec?.strategy?.rollingUpdate;
  const surge = scaledValue(ru?.maxSurge ?? 0, desired, true);
  let unavailable = scaledValue(ru?.maxUnavailable ?? 0, desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

/** MaxSurge: 0 unless rolling. */
export function maxSurge(d: Deployment): number {
  if (!isRollingUpdate(d)) return 0;
  return resolveFenceposts(d, replicasOf(d)).surge;
}

/** MaxUnavailable: 0 unless rolling or with 0 replicas; never more than replicas. */
export function maxUnavailable(d: Deployment): number {
  const replicas = replicasOf(d);
  if (!isRollingUpdate(d) || replicas === 0) return 0;
  return Math.min(resolveFenceposts(d, replicas).unavailable, replicas);
}

/** GetReplicaCountForReplicaSets: Σ spec.replicas (missing ReplicaSets count 0). */
export function specReplicaSum(sets: (ReplicaSet | undefined)[]): number {
  return sets.reduce((n, rs) => n + (rs ? replicasOf(rs) : 0), 0);
}

/** GetActualReplicaCountForReplicaSets: Σ status.replicas. */
export function statusReplicaSum(sets: (ReplicaSet | undefined)[]): number {
  return sets.reduce((n, rs) => n + (rs?.status?.replicas ?? 0), 0);
}

export function readyReplicaSum(sets: (ReplicaSet | undefined)[]): number {
  return sets.reduce((n, rs) => n + (rs?.status?.readyReplicas ?? 0), 0);
}

export function availableReplicaSum(sets: (ReplicaSet | undefined)[]): number {
  return sets.reduce((n, rs) => n + (rs?.status?.availableReplicas ?? 0), 0);
}

/** controller.FilterActiveReplicaSets: those with spec.replicas > 0. */
export function filterActive<T extends ReplicaSet>(sets: (T | undefined)[]): T[] {
  return sets.filter((rs): rs is T => !!rs && replicasOf(rs) > 0);
}

function created(rs: ReplicaSet): number {
  return parseRfc3339(rs.metadata?.creationTimestamp) ?? 0;
}

/** ReplicaSetsByCreationTimestamp: oldest first, names break ties (timestamps have whole seconds). */
export function byCreationTimestamp(a: ReplicaSet, b: ReplicaSet): number {
  const ta = created(a), tb = created(b);
  if (ta !== tb) return ta - tb;
  const na = a.metadata?.name ?? '', nb = b.metadata?.name ?? '';
  return na < nb ? -1 : na > nb ? 1 : 0;
}

/** ReplicaSetsBySizeOlder: largest first, then oldest first (where scaling down starts). */
export function bySizeOlder(a: ReplicaSet, b: ReplicaSet): number {
  return replicasOf(b) - replicasOf(a) || byCreationTimestamp(a, b);
}

/** ReplicaSetsBySizeNewer: largest first, then newest first (where scaling up starts). */
export function bySizeNewer(a: ReplicaSet, b: ReplicaSet): number {
  return replicasOf(b) - replicasOf(a) || byCreationTimestamp(b, a);
}

/** ReplicaSetsByRevision: lowest revision first; unparsable or equal revisions fall back to age. */
export function byRevision(a: ReplicaSet, b: ReplicaSet): number {
  const ra = revision(a), rb = revision(b);
  if (ra === undefined || rb === undefined || ra === rb) return byCreationTimestamp(a, b);
  return ra - rb;
}

/** Revision: the revision annotation as a number, 0 when absent, undefined when not an integer. */
export function revision(obj: { metadata?: { annotations?: Record<string, string> } } | undefined): number | undefined {
  const v = obj?.metadata?.annotations?.[REVISION_ANNOTATION];
  if (v === undefined) return 0;
  return /^[+-]?\d+$/.test(v) ? Number(v) : undefined;
}

/** MaxRevision: the highest revision among the ReplicaSets (unparsable ones skipped). */
export function maxRevision(sets: (ReplicaSet | undefined)[]): number {
  let max = 0;
  for (const rs of sets) {
    const v = rs ? revision(rs) : 0;
    if (v !== undefined && v > max) max = v;
  }
  return max;
}

/** LastRevision: the second highest revision, the one `rollout undo` goes back to. */
export function lastRevision(sets: (ReplicaSet | undefined)[]): number {
  let max = 0, second = 0;
  for (const rs of sets) {
    const v = rs ? revision(rs) : 0;
    if (v === undefined) continue;
    if (v >= max) {
      second = max;
      max = v;
    } else if (v > second) second = v;
  }
  return second;
}

/**
 * EqualIgnoreHash: two pod templates are the same once the pod-template-hash label is dropped
 * (apiequality.Semantic, for which an empty map equals a missing one).
 */
export function equalIgnoreHash(a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined): boolean {
  return deepEqual(withoutHash(a), withoutHash(b));
}

function withoutHash(t: PodTemplateSpec | undefined): PodTemplateSpec {
  const labels = { ...t?.metadata?.labels };
  delete labels[POD_TEMPLATE_HASH];
  const metadata = { ...t?.metadata, labels: Object.keys(labels).length ? labels : undefined };
  return { ...t, metadata };
}

/** Reads an integer annotation (getIntFromAnnotation). */
function intAnnotation(rs: ReplicaSet, key: string): number | undefined {
  const v = rs.metadata?.annotations?.[key];
  return v !== undefined && /^[+-]?\d+$/.test(v) ? Number(v) : undefined;
}

export function desiredReplicasAnnotation(rs: ReplicaSet): number | undefined {
  return intAnnotation(rs, DESIRED_REPLICAS_ANNOTATION);
}

export function maxReplicasAnnotation(rs: ReplicaSet): number | undefined {
  return intAnnotation(rs, MAX_REPLICAS_ANNOTATION);
}

/** SetReplicasAnnotations: records desired-replicas and max-replicas; true when either changed. */
export function setReplicasAnnotations(rs: ReplicaSetObject, desired: number, max: number): boolean {
  const annotations = (rs.metadata.annotations = { ...rs.metadata.annotations });
  let updated = false;
  if (annotations[DESIRED_REPLICAS_ANNOTATION] !== String(desired)) {
    annotations[DESIRED_REPLICAS_ANNOTATION] = String(desired);
    updated = true;
  }
  if (annotations[MAX_REPLICAS_ANNOTATION] !== String(max)) {
    annotations[MAX_REPLICAS_ANNOTATION] = String(max);
    updated = true;
  }
  return updated;
}

/** ReplicasAnnotationsNeedUpdate. */
export function replicasAnnotationsNeedUpdate(rs: ReplicaSet, desired: number, max: number): boolean {
  const annotations = rs.metadata?.annotations;
  return annotations?.[DESIRED_REPLICAS_ANNOTATION] !== String(desired) || annotations?.[MAX_REPLICAS_ANNOTATION] !== String(max);
}

/**
 * IsSaturated: the new ReplicaSet has all the Deployment's replicas, believes so (desired-replicas
 * annotation) and all of them are available.
 */
export function isSaturated(d: Deployment, rs: ReplicaSet | undefined): boolean {
  if (!rs) return false;
  const desired = desiredReplicasAnnotation(rs);
  const replicas = replicasOf(d);
  return desired !== undefined && replicasOf(rs) === replicas && desired === replicas && (rs.status?.availableReplicas ?? 0) === replicas;
}

/**
 * DeploymentComplete: every desired replica is updated and available, no old pod is left, and the
 * status describes the current generation.
 */
export function deploymentComplete(d: DeploymentObject, status: DeploymentStatus | undefined): boolean {
  const replicas = replicasOf(d);
  return (
    (status?.updatedReplicas ?? 0) === replicas &&
    (status?.replicas ?? 0) === replicas &&
    (status?.availableReplicas ?? 0) === replicas &&
    (status?.observedGeneration ?? 0) >= (d.metadata.generation ?? 0)
  );
}

/**
 * NewRSNewReplicas: how big the new ReplicaSet may be. Rolling: up to replicas + maxSurge pods
 * counted by spec.replicas over all ReplicaSets, never above replicas. With 3 replicas and surge 1
 * while the old ReplicaSet has 3: 4 − 3 = 1, so the new one starts at 1. Recreate: all at once.
 */
export function newRSNewReplicas(d: Deployment, allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet): number {
  if (isRollingUpdate(d)) {
    const replicas = replicasOf(d);
    const maxTotal = replicas + scaledValue(d.spec?.strategy?.rollingUpdate?.maxSurge ?? 0, replicas, true);
    const current = specReplicaSum(allRSs);
    if (current >= maxTotal) return replicasOf(newRS);
    return replicasOf(newRS) + Math.min(maxTotal - current, replicas - replicasOf(newRS));
  }
  if (d.spec?.strategy?.type === 'Recreate') return replicasOf(d);
  throw new Error(`deployment type ${d.spec?.strategy?.type} isn't supported`);
}

/** HasProgressDeadline: set and not MaxInt32. */
export function hasProgressDeadline(d: Deployment): boolean {
  const s = d.spec?.progressDeadlineSeconds;
  return s !== undefined && s !== null && s !== MAX_INT32;
}

/** HasRevisionHistoryLimit: set and not MaxInt32 (which keeps everything). */
export function hasRevisionHistoryLimit(d: Deployment): boolean {
  const l = d.spec?.revisionHistoryLimit;
  return l !== undefined && l !== null && l !== MAX_INT32;
}

/** NewDeploymentCondition, stamped `now` (lastUpdateTime and lastTransitionTime). */
export function newCondition(type: string, status: string, reason: string, message: string, now: string): DeploymentCondition {
  return { type, status, lastUpdateTime: now, lastTransitionTime: now, reason, message };
}

export function getCondition(status: DeploymentStatus | undefined, type: string): DeploymentCondition | undefined {
  return status?.conditions?.find((c) => c.type === type);
}

/**
 * SetDeploymentCondition: a condition with the same status and reason as the current one changes
 * nothing; one with the same status keeps the lastTransitionTime; the new one goes last.
 */
export function setCondition(status: DeploymentStatus, condition: DeploymentCondition): void {
  const current = getCondition(status, condition.type);
  if (current && current.status === condition.status && current.reason === condition.reason) return;
  const next = current && current.status === condition.status ? { ...condition, lastTransitionTime: current.lastTransitionTime } : condition;
  status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== condition.type), next];
}

/** RemoveDeploymentCondition (an empty list becomes none, as filterOutCondition returns nil). */
export function removeCondition(status: DeploymentStatus, type: string): void {
  const rest = (status.conditions ?? []).filter((c) => c.type !== type);
  status.conditions = rest.length ? rest : undefined;
}

/** Go's math.Round: halves away from zero (JavaScript's Math.round takes −2.5 to −2). */
export function roundHalfAwayFromZero(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}
