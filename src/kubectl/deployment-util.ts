import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import { Selector } from '../api/labels.ts';
import { parseRfc3339 } from '../sim/clock.ts';
import type { KubeObject, Stored } from '../store/object.ts';
import { controllerOf } from '../store/object.ts';
import type { KubectlContext } from './context.ts';

/**
 * What kubectl itself knows about Deployments and their ReplicaSets
 * (staging/src/k8s.io/kubectl/pkg/util/deployment/deployment.go): kubectl keeps its own copy of
 * these helpers rather than sharing the controller's, and so does kubespec.
 */

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY_ANNOTATION = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/max-replicas';
/** appsv1.DeprecatedRollbackTo. */
export const ROLLBACK_TO_ANNOTATION = 'deprecated.deployment.rollback.to';
export const CHANGE_CAUSE_ANNOTATION = 'kubernetes.io/change-cause';
export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';
/** appsv1.DefaultDeploymentUniqueLabelKey. */
export const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';
/** deploymentutil.TimedOutReason. */
export const TIMED_OUT_REASON = 'ProgressDeadlineExceeded';

/**
 * Revision: the revision annotation as strconv.ParseInt reads it; 0 when there is none, undefined
 * when it does not parse (callers skip such ReplicaSets, as kubectl does with a warning).
 */
export function revisionOf(obj: KubeObject): number | undefined {
  const v = obj.metadata?.annotations?.[REVISION_ANNOTATION];
  if (v === undefined) return 0;
  return /^[+-]?\d+$/.test(v) ? Number.parseInt(v, 10) : undefined;
}

/** A Deployment's ReplicaSets: all of them oldest first, the new one and the others. */
export interface DeploymentReplicaSets {
  /** Every ReplicaSet the Deployment controls, by creation time (names break ties). */
  all: Stored<ReplicaSet>[];
  /** The oldest ReplicaSet whose template equals the Deployment's, ignoring pod-template-hash. */
  newReplicaSet?: Stored<ReplicaSet>;
  /** All the others (allOldRSs), in the same order. */
  old: Stored<ReplicaSet>[];
}

/**
 * GetAllReplicaSets: the ReplicaSets in the Deployment's namespace that its selector matches and
 * whose controller ownerReference has its uid (IsControlledBy); the new one found by template.
 */
export function replicaSetsOf(ctx: KubectlContext, deployment: Stored<Deployment>): DeploymentReplicaSets {
  const selector = Selector.fromLabelSelector(deployment.spec?.selector);
  const uid = deployment.metadata.uid;
  const all = ctx.store
    .select<ReplicaSet>('replicasets.apps', deployment.metadata.namespace, selector)
    .filter((rs) => controllerOf(rs)?.uid === uid)
    .sort(byCreationTimestamp);
  const newReplicaSet = all.find((rs) => equalIgnoreHash(rs.spec?.template, deployment.spec?.template));
  return { all, newReplicaSet, old: all.filter((rs) => rs !== newReplicaSet) };
}

/** replicaSetsByCreationTimestamp: older first, then by name. */
function byCreationTimestamp(a: Stored<ReplicaSet>, b: Stored<ReplicaSet>): number {
  const ta = parseRfc3339(a.metadata.creationTimestamp) ?? 0;
  const tb = parseRfc3339(b.metadata.creationTimestamp) ?? 0;
  if (ta !== tb) return ta - tb;
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}

/** equalIgnoreHash: two pod templates semantically equal once the pod-template-hash label is dropped. */
export function equalIgnoreHash(a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined): boolean {
  return semanticEqual(withoutHash(a), withoutHash(b));
}

/** A copy of a pod template without the pod-template-hash label. */
export function withoutHash(template: PodTemplateSpec | undefined): PodTemplateSpec {
  const copy = structuredClone(template ?? {});
  if (copy.metadata?.labels) {
    const { [POD_TEMPLATE_HASH_LABEL]: _hash, ...labels } = copy.metadata.labels;
    copy.metadata = { ...copy.metadata, labels };
  }
  return copy;
}

/**
 * equality.Semantic.DeepEqual as it applies to decoded JSON: an empty map or slice equals a
 * missing one (conversion.Equalities treats nil and empty alike).
 */
export function semanticEqual(a: unknown, b: unknown): boolean {
  if (isEmpty(a) && isEmpty(b)) return true;
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => semanticEqual(v, bb[i]));
  }
  const ao = a as Record<string, unknown>, bo = b as Record<string, unknown>;
  for (const k of new Set([...Object.keys(ao), ...Object.keys(bo)])) if (!semanticEqual(ao[k], bo[k])) return false;
  return true;
}

function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (Array.isArray(v)) return v.length === 0;
  return typeof v === 'object' && Object.keys(v).length === 0;
}
