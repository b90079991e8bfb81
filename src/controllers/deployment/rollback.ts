import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import { clone } from '../../api/equality.ts';
import type { Stored } from '../../store/object.ts';
import { COMPONENT, type DeploymentControl } from './control.ts';
import { getAllReplicaSetsAndSyncRevision, setDeploymentAnnotationsTo } from './revisions.ts';
import { equalIgnoreHash, lastRevision, POD_TEMPLATE_HASH, revision, ROLLBACK_TO_ANNOTATION, type DeploymentObject } from './util.ts';

/**
 * rollback.go: the server-side rollback of extensions/v1beta1 (spec.rollbackTo), which apps/v1
 * carries as the `deprecated.deployment.rollback.to` annotation. `kubectl rollout undo` no longer
 * uses it: it patches the template client-side, and the controller then renumbers the matching
 * ReplicaSet (revisions.ts). Kept because an old client can still set the annotation.
 */

/** getRollbackTo: the annotation's revision (0 = the previous one), or undefined. */
export function getRollbackTo(d: Deployment): number | undefined {
  const v = d.metadata?.annotations?.[ROLLBACK_TO_ANNOTATION];
  if (!v || !/^[+-]?\d+$/.test(v)) return undefined;
  return Number(v);
}

/** rollback: copies the template of the requested revision into the Deployment and clears the request. */
export function rollback(dc: DeploymentControl, d: DeploymentObject, rsList: Stored<ReplicaSet>[]): void {
  const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(dc, d, rsList, true);
  const allRSs = [...oldRSs, newRS].filter((rs): rs is Stored<ReplicaSet> => !!rs);
  let to = getRollbackTo(d)!;
  if (to === 0) {
    to = lastRevision(allRSs);
    if (to === 0) {
      dc.event(d, 'Warning', 'DeploymentRollbackRevisionNotFound', 'Unable to find last revision.');
      return updateDeploymentAndClearRollbackTo(dc, d);
    }
  }
  const target = allRSs.find((rs) => revision(rs) === to);
  if (target) {
    if (rollbackToTemplate(dc, d, target)) dc.event(d, 'Normal', 'DeploymentRollback', `Rolled back deployment ${JSON.stringify(d.metadata.name)} to revision ${to}`);
    return;
  }
  dc.event(d, 'Warning', 'DeploymentRollbackRevisionNotFound', 'Unable to find the revision to rollback to.');
  updateDeploymentAndClearRollbackTo(dc, d);
}

/**
 * rollbackToTemplate: takes the ReplicaSet's template (without its hash label) and annotations
 * unless the template is already the Deployment's; clears the request either way.
 */
function rollbackToTemplate(dc: DeploymentControl, d: DeploymentObject, rs: ReplicaSet): boolean {
  let performed = false;
  if (!equalIgnoreHash(d.spec?.template, rs.spec?.template)) {
    d.spec = { ...d.spec!, template: templateWithoutHash(rs.spec!.template!) };
    setDeploymentAnnotationsTo(d, rs);
    performed = true;
  } else {
    dc.event(d, 'Warning', 'DeploymentRollbackTemplateUnchanged', `The rollback revision contains the same template as current deployment ${JSON.stringify(d.metadata.name)}`);
  }
  updateDeploymentAndClearRollbackTo(dc, d);
  return performed;
}

/** SetFromReplicaSetTemplate: the template with the pod-template-hash label removed. */
function templateWithoutHash(template: PodTemplateSpec): PodTemplateSpec {
  const t = clone(template);
  if (t.metadata?.labels) {
    const { [POD_TEMPLATE_HASH]: _hash, ...labels } = t.metadata.labels;
    t.metadata = { ...t.metadata, labels };
  }
  return t;
}

/** updateDeploymentAndClearRollbackTo: drops the annotation and updates the Deployment. */
function updateDeploymentAndClearRollbackTo(dc: DeploymentControl, d: DeploymentObject): void {
  const { [ROLLBACK_TO_ANNOTATION]: _request, ...annotations } = d.metadata.annotations ?? {};
  d.metadata.annotations = annotations;
  dc.ctx.api.update(d, { fieldManager: COMPONENT });
}
