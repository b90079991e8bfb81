import type { Job } from 'kubernetes-types/batch/v1.js';
import type { Pod, PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import type { OwnerReference } from 'kubernetes-types/meta/v1.js';
import { StatusError } from '../../api/errors.ts';
import { Selector } from '../../api/labels.ts';
import { controllerOf, type Stored } from '../../store/object.ts';
import { createPod as createPodFor, podFromTemplate } from '../pod-control.ts';
import { JOB_TRACKING_FINALIZER } from './pods.ts';
import { COMPONENT, type JobSyncHost } from './host.ts';

/** A selector parsed once per selector object (stored objects are immutable). */
const selectors = new WeakMap<object, Selector>();

export function jobSelector(job: Job): Selector {
  const ls = job.spec?.selector;
  if (!ls) return Selector.fromLabelSelector(ls);
  let s = selectors.get(ls);
  if (!s) selectors.set(ls, (s = Selector.fromLabelSelector(ls)));
  return s;
}

function ownerRef(job: Stored<Job>): OwnerReference {
  return { apiVersion: 'batch/v1', kind: 'Job', name: job.metadata.name, uid: job.metadata.uid, controller: true, blockOwnerDeletion: true };
}

/**
 * getPodsForJob: ClaimPods over every pod of the namespace, terminated ones too. Pods we control
 * that no longer match are released; matching orphans are adopted, getting the tracking
 * finalizer as they do.
 */
export function claimPods(host: JobSyncHost, job: Stored<Job>): Stored<Pod>[] {
  const { ctx } = host;
  const selector = jobSelector(job);
  const deleting = !!job.metadata.deletionTimestamp;
  const claimed: Stored<Pod>[] = [];
  for (const pod of ctx.store.byIndex<Pod>('pods', 'controller', job.metadata.uid)) {
    if (pod.metadata.namespace !== job.metadata.namespace) continue;
    if (selector.matches(pod.metadata.labels)) claimed.push(pod);
    else if (!deleting) patchPod(host, pod, { metadata: { ownerReferences: [{ $patch: 'delete', uid: job.metadata.uid }], uid: pod.metadata.uid } });
  }
  if (deleting || selector.empty) return claimed;
  for (const pod of ctx.store.select<Pod>('pods', job.metadata.namespace, selector)) {
    if (controllerOf(pod) || pod.metadata.deletionTimestamp) continue;
    const adopted = patchPod(host, pod, { metadata: { ownerReferences: [ownerRef(job)], uid: pod.metadata.uid, finalizers: [JOB_TRACKING_FINALIZER] } });
    if (adopted) claimed.push(adopted);
  }
  return claimed;
}

/** PatchPod; a pod that is gone is no error. */
function patchPod(host: JobSyncHost, pod: Stored<Pod>, patch: unknown): Stored<Pod> | undefined {
  try {
    return host.ctx.api.patch<Pod>('pods', pod.metadata.namespace, pod.metadata.name, 'strategic', patch);
  } catch (e) {
    if (e instanceof StatusError && e.reason === 'NotFound') return undefined;
    throw e;
  }
}

/**
 * removeTrackingFinalizerPatch: `$deleteFromPrimitiveList/finalizers`. Returns whether the
 * finalizer is gone (a pod that is gone counts).
 */
export function removeTrackingFinalizer(host: JobSyncHost, pod: Stored<Pod>): boolean {
  try {
    host.ctx.api.patch('pods', pod.metadata.namespace, pod.metadata.name, 'strategic', { metadata: { '$deleteFromPrimitiveList/finalizers': [JOB_TRACKING_FINALIZER] } });
    return true;
  } catch (e) {
    if (!(e instanceof StatusError)) throw e;
    return e.reason === 'NotFound';
  }
}

/**
 * RealPodControl.CreatePodsWithGenerateName: GetPodFromTemplate (labels, annotations, finalizers
 * and spec of the template, the Job as controller), then SuccessfulCreate, or FailedCreate
 * unless the namespace is being terminated. Returns the error, if any.
 */
export function createPod(host: JobSyncHost, job: Stored<Job>, template: PodTemplateSpec, generateName: string): StatusError | undefined {
  return createPodFor(host.ctx, job, podFromTemplate(template, job.metadata.namespace, generateName, ownerRef(job)), COMPONENT);
}

/** RealPodControl.DeletePod: SuccessfulDelete, or FailedDelete. Returns false when the delete failed (a pod already gone did not). */
export function deletePod(host: JobSyncHost, job: Stored<Job>, pod: Pod): boolean {
  try {
    host.ctx.api.delete('pods', pod.metadata!.namespace, pod.metadata!.name!);
    host.ctx.events.record(job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata!.name}`, { component: COMPONENT });
    return true;
  } catch (e) {
    if (!(e instanceof StatusError)) throw e;
    if (e.reason === 'NotFound') return true;
    host.ctx.events.record(job, 'Warning', 'FailedDelete', `Error deleting: ${e.message}`, { component: COMPONENT });
    return false;
  }
}
