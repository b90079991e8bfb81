import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.js';
import { groupResource } from '../../../api/registry.ts';
import type { Stored } from '../../../store/object.ts';
import { DRY_RUN_FLAG, dryRunOf, type DryRun } from '../../apply/dry-run.ts';
import { checkOutputFormat, OUTPUT_FLAG, printObject } from '../../apply/print.ts';
import type { Target } from '../../apply/targets.ts';
import type { Command, Invocation } from '../../command.ts';
import {
  DESIRED_REPLICAS_ANNOTATION,
  equalIgnoreHash,
  LAST_APPLIED_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  replicaSetsOf,
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  revisionOf,
  ROLLBACK_TO_ANNOTATION,
  withoutHash,
} from '../../deployment-util.ts';
import { applyDaemonSetHistory, daemonSetHistory, daemonSetMatches, findHistory } from './daemonset-history.ts';
import { printTemplate } from './history.ts';
import { groupKindText, reportErrors, requireResources, rolloutTargets, TARGET_FLAGS, visitorError } from './resources.ts';

/**
 * The annotations a rollback keeps from the Deployment rather than taking from the ReplicaSet
 * (annotationsToSkip, polymorphichelpers/rollback.go).
 */
const ANNOTATIONS_TO_SKIP = [LAST_APPLIED_ANNOTATION, REVISION_ANNOTATION, REVISION_HISTORY_ANNOTATION, DESIRED_REPLICAS_ANNOTATION, MAX_REPLICAS_ANNOTATION, ROLLBACK_TO_ANNOTATION];

/**
 * kubectl rollout undo (pkg/cmd/rollout/rollout_undo.go): roll each object back to the previous
 * revision or to --to-revision, printing `rolled back` or why it did nothing.
 */
export const rolloutUndoCommand: Command = {
  name: 'undo',
  flags: [...TARGET_FLAGS, OUTPUT_FLAG, DRY_RUN_FLAG, { name: 'to-revision', type: 'int', default: 0 }, { name: 'show-managed-fields', type: 'bool' }],
  run(inv) {
    const dryRun = dryRunOf(inv.flags);
    requireResources(inv);
    const { targets, errors } = rolloutTargets(inv);
    const toRevision = inv.flags.int('to-revision') ?? 0;
    for (const target of targets) {
      try {
        const result = rollback(inv, target, toRevision, dryRun);
        checkOutputFormat(inv);
        printObject(inv, target.object!, result, dryRun);
      } catch (e) {
        errors.push(e);
      }
    }
    return reportErrors(inv, errors);
  },
};

/** RollbackerFor: the Deployment rollbacker, or the error kubectl gives for the kind. */
function rollback(inv: Invocation, target: Target, toRevision: number, dryRun: DryRun): string {
  const gk = groupKindText(target.kind);
  const noVisitor = visitorError(target.kind);
  if (noVisitor) throw new Error(`error retrieving rollbacker for "${gk}", ${noVisitor}`);
  if (target.kind.kind === 'Deployment') return rollbackDeployment(inv, target, toRevision, dryRun);
  if (target.kind.kind === 'DaemonSet') return rollbackDaemonSet(inv, target, toRevision, dryRun);
  if (target.kind.kind === 'StatefulSet') throw new Error(`kubespec does not keep ControllerRevision history for ${gk} yet`);
  throw new Error(`no rollbacker has been implemented for "${gk}"`);
}

/**
 * DeploymentRollbacker.Rollback: find the ReplicaSet of the revision, and unless the Deployment is
 * paused or already runs that template, JSON-patch its template (without pod-template-hash) and
 * annotations into the Deployment. The controller then adopts that ReplicaSet as the new one and
 * gives it the next revision number. With --dry-run=client, the template it would restore.
 */
function rollbackDeployment(inv: Invocation, target: Target, toRevision: number, dryRun: DryRun): string {
  if (toRevision < 0) throw revisionNotFound(toRevision);
  const gr = groupResource(target.kind);
  let deployment: Stored<Deployment>;
  try {
    deployment = inv.ctx.api.get<Deployment>(gr, target.namespace, target.name);
  } catch (e) {
    throw new Error(`failed to retrieve Deployment ${target.name}: ${(e as Error).message}`);
  }
  const rs = replicaSetOfRevision(inv, deployment, toRevision);
  if (dryRun === 'client') return printTemplate(rs.spec?.template ?? {});
  if (deployment.spec?.paused) throw new Error("you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again");
  // With no --to-revision this names revision 0, as kubectl does.
  if (equalIgnoreHash(rs.spec?.template, deployment.spec?.template)) return `skipped rollback (current template already matches revision ${toRevision})`;
  const annotations: Record<string, string> = {};
  for (const k of ANNOTATIONS_TO_SKIP) {
    const v = deployment.metadata.annotations?.[k];
    if (v !== undefined) annotations[k] = v;
  }
  for (const [k, v] of Object.entries(rs.metadata.annotations ?? {})) if (!ANNOTATIONS_TO_SKIP.includes(k)) annotations[k] = v;
  const patch = [
    { op: 'replace', path: '/spec/template', value: withoutHash(rs.spec?.template) },
    { op: 'replace', path: '/metadata/annotations', value: annotations },
  ];
  try {
    inv.ctx.api.patch(gr, target.namespace, target.name, 'json', patch, { dryRun: dryRun === 'server', fieldManager: 'kubectl-rollout' });
  } catch (e) {
    throw new Error(`failed restoring revision ${toRevision}: ${(e as Error).message}`);
  }
  return 'rolled back';
}

/**
 * deploymentRevision: the ReplicaSet with revision `toRevision`, or for 0 the one with the
 * second-highest revision among the old ones and the new one.
 */
function replicaSetOfRevision(inv: Invocation, deployment: Stored<Deployment>, toRevision: number): Stored<ReplicaSet> {
  const { old, newReplicaSet } = replicaSetsOf(inv.ctx, deployment);
  let latest: { revision: number; rs?: Stored<ReplicaSet> } = { revision: -1 };
  let previous: { revision: number; rs?: Stored<ReplicaSet> } = { revision: -1 };
  for (const rs of newReplicaSet ? [...old, newReplicaSet] : old) {
    const v = revisionOf(rs);
    if (v === undefined) continue;
    if (toRevision > 0) {
      if (v === toRevision) return rs;
      continue;
    }
    if (latest.revision < v) {
      previous = latest;
      latest = { revision: v, rs };
    } else if (previous.revision < v) {
      previous = { revision: v, rs };
    }
  }
  if (toRevision > 0) throw revisionNotFound(toRevision);
  if (!previous.rs) throw new Error(`no rollout history found for deployment "${deployment.metadata.name}"`);
  return previous.rs;
}

/**
 * DaemonSetRollbacker.Rollback: find the revision (for 0 the one before the latest), and unless
 * the DaemonSet already runs its template, apply its data (the strategic merge patch restoring
 * the template) to the DaemonSet. The controller then renumbers that revision past the others.
 * With --dry-run=client, the template it would restore.
 */
function rollbackDaemonSet(inv: Invocation, target: Target, toRevision: number, dryRun: DryRun): string {
  if (toRevision < 0) throw revisionNotFound(toRevision);
  const { ds, history } = daemonSetHistory(inv.ctx, target.namespace, target.name);
  if (toRevision === 0 && history.length <= 1) throw new Error('no last revision to roll back to');
  const toHistory = findHistory(toRevision, history);
  if (!toHistory) throw revisionNotFound(toRevision);
  if (dryRun === 'client') return `will roll back to ${printTemplate(applyDaemonSetHistory(ds, toHistory).spec?.template ?? {})}`;
  if (daemonSetMatches(ds, toHistory)) return `skipped rollback (current template already matches revision ${toRevision})`;
  try {
    inv.ctx.api.patch(groupResource(target.kind), target.namespace, target.name, 'strategic', toHistory.data, { dryRun: dryRun === 'server', fieldManager: 'kubectl-rollout' });
  } catch (e) {
    throw new Error(`failed restoring revision ${toRevision}: ${(e as Error).message}`);
  }
  return 'rolled back';
}

function revisionNotFound(revision: number): Error {
  return new Error(`unable to find specified revision ${revision} in history`);
}
