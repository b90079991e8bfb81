import type { DaemonSet, Deployment, StatefulSet } from 'kubernetes-types/apps/v1.js';
import type { KubeObject } from '../../../store/object.ts';
import { revisionOf, TIMED_OUT_REASON } from '../../deployment-util.ts';
import { KubectlError } from '../../errors.ts';

/** One evaluation of a rollout: the line kubectl prints, and whether it stops watching. */
export interface RolloutStatus {
  message: string;
  done: boolean;
}

/** StatusViewer.Status: the object's rollout status at `revision` (0: any); throws kubectl's errors. */
export type StatusViewer = (obj: KubeObject, revision: number) => RolloutStatus;

/**
 * DeploymentStatusViewer (kubectl pkg/polymorphichelpers/rollout_status.go): once the controller
 * has observed the latest generation, a timed-out Progressing condition is an error; otherwise the
 * first unmet step of updated → old replicas gone → updated available names what it waits for.
 */
export const deploymentStatus: StatusViewer = (obj, revision) => {
  const d = obj as Deployment & { metadata: { name: string } };
  const name = d.metadata.name;
  if (revision > 0) {
    const current = revisionOf(d);
    if (current === undefined) throw new KubectlError(`error: cannot get the revision of deployment "${name}": strconv.ParseInt: parsing "${d.metadata.annotations?.['deployment.kubernetes.io/revision']}": invalid syntax`);
    if (revision !== current) throw new KubectlError(`error: desired revision (${revision}) is different from the running revision (${current})`);
  }
  const status = d.status ?? {};
  if ((d.metadata.generation ?? 0) > (status.observedGeneration ?? 0)) return waiting('Waiting for deployment spec update to be observed...');
  const progressing = status.conditions?.find((c) => c.type === 'Progressing');
  if (progressing?.reason === TIMED_OUT_REASON) throw new KubectlError(`error: deployment "${name}" exceeded its progress deadline`);
  const replicas = d.spec?.replicas;
  const updated = status.updatedReplicas ?? 0;
  const prefix = `Waiting for deployment "${name}" rollout to finish:`;
  if (replicas !== undefined && updated < replicas) return waiting(`${prefix} ${updated} out of ${replicas} new replicas have been updated...`);
  if ((status.replicas ?? 0) > updated) return waiting(`${prefix} ${(status.replicas ?? 0) - updated} old replicas are pending termination...`);
  if ((status.availableReplicas ?? 0) < updated) return waiting(`${prefix} ${status.availableReplicas ?? 0} of ${updated} updated replicas are available...`);
  return { message: `deployment "${name}" successfully rolled out\n`, done: true };
};

/** DaemonSetStatusViewer: only RollingUpdate has a status; then updated, then available pods. */
export const daemonSetStatus: StatusViewer = (obj) => {
  const ds = obj as DaemonSet & { metadata: { name: string } };
  if (ds.spec?.updateStrategy?.type !== 'RollingUpdate') throw new KubectlError('error: rollout status is only available for RollingUpdate strategy type');
  const status = ds.status ?? { currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0 };
  if ((ds.metadata.generation ?? 0) > (status.observedGeneration ?? 0)) return waiting('Waiting for daemon set spec update to be observed...');
  const desired = status.desiredNumberScheduled ?? 0;
  const name = ds.metadata.name;
  if ((status.updatedNumberScheduled ?? 0) < desired) return waiting(`Waiting for daemon set "${name}" rollout to finish: ${status.updatedNumberScheduled ?? 0} out of ${desired} new pods have been updated...`);
  if ((status.numberAvailable ?? 0) < desired) return waiting(`Waiting for daemon set "${name}" rollout to finish: ${status.numberAvailable ?? 0} of ${desired} updated pods are available...`);
  return { message: `daemon set "${name}" successfully rolled out\n`, done: true };
};

/** StatefulSetStatusViewer: ready pods, then a partitioned rollout or the revisions converging. */
export const statefulSetStatus: StatusViewer = (obj) => {
  const sts = obj as StatefulSet;
  if (sts.spec?.updateStrategy?.type !== 'RollingUpdate') throw new KubectlError('error: rollout status is only available for RollingUpdate strategy type');
  const status = sts.status ?? { replicas: 0 };
  if (!status.observedGeneration || (sts.metadata?.generation ?? 0) > status.observedGeneration) return waiting('Waiting for statefulset spec update to be observed...');
  const replicas = sts.spec.replicas;
  if (replicas !== undefined && (status.readyReplicas ?? 0) < replicas) return waiting(`Waiting for ${replicas - (status.readyReplicas ?? 0)} pods to be ready...`);
  const partition = sts.spec.updateStrategy.rollingUpdate?.partition;
  if (sts.spec.updateStrategy.rollingUpdate) {
    if (replicas !== undefined && partition !== undefined && (status.updatedReplicas ?? 0) < replicas - partition) {
      return waiting(`Waiting for partitioned roll out to finish: ${status.updatedReplicas ?? 0} out of ${replicas - partition} new pods have been updated...`);
    }
    return { message: `partitioned roll out complete: ${status.updatedReplicas ?? 0} new pods have been updated...\n`, done: true };
  }
  if (status.updateRevision !== status.currentRevision) {
    return waiting(`waiting for statefulset rolling update to complete ${status.updatedReplicas ?? 0} pods at revision ${status.updateRevision ?? ''}...`);
  }
  return { message: `statefulset rolling update complete ${status.currentReplicas ?? 0} pods at revision ${status.currentRevision ?? ''}...\n`, done: true };
};

function waiting(line: string): RolloutStatus {
  return { message: `${line}\n`, done: false };
}

/** StatusViewerFor, by GroupKind text. */
export const STATUS_VIEWERS: Record<string, StatusViewer> = {
  'Deployment.apps': deploymentStatus,
  'Deployment.extensions': deploymentStatus,
  'DaemonSet.apps': daemonSetStatus,
  'DaemonSet.extensions': daemonSetStatus,
  'StatefulSet.apps': statefulSetStatus,
};
