import type { Job } from 'kubernetes-types/batch/v1.js';
import type { Pod, PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import { isPodReady } from '../../api/pod-util.ts';
import type { Stored } from '../../store/object.ts';
import { remainingBackoff } from './backoff.ts';
import type { JobSyncHost } from './host.ts';
import { addCompletionIndexEnv, COMPLETION_INDEX_ANNOTATION, completionIndex, firstPendingIndexes, generateNameWithIndex, UNKNOWN_INDEX } from './indexed.ts';
import { namespaceTerminating } from '../pod-control.ts';
import { createPod, deletePod, removeTrackingFinalizer } from './pod-control.ts';
import { activePodsForRemoval, hasTrackingFinalizer, isPodTerminating, JOB_TRACKING_FINALIZER, onlyReplaceFailedPods } from './pods.ts';
import type { SyncState } from './sync.ts';

/** MaxPodCreateDeletePerSync. */
export const MAX_POD_CREATE_DELETE_PER_SYNC = 500;
/** syncJobBatchPeriod: pod events, and re-syncs after a back-off, wait at least this long. */
export const SYNC_JOB_BATCH_MS = 1000;

/**
 * manageJob: the number of pods that should run is parallelism, less for the completions still
 * missing (none once a Job without completions has a success, which keeps what runs). Surplus
 * pods are deleted; missing ones are created in slow-start batches once the failure back-off
 * has passed (podReplacementPolicy Failed also waits for terminating pods). A suspended Job
 * deletes all its active pods. Returns the active count after the changes.
 */
export function manageJob(host: JobSyncHost, s: SyncState): number {
  const job = s.job;
  let active = s.active;
  const parallelism = job.spec?.parallelism ?? 1;
  if (job.spec?.suspend) return removePods(host, s, activePodsForRemoval(job, s.activePods, active), active);
  const completions = job.spec?.completions;
  const want = completions == null ? (s.succeeded > 0 ? active : parallelism) : Math.max(0, Math.min(completions - s.succeeded, parallelism));
  const victims = activePodsForRemoval(job, s.activePods, Math.max(active - want, 0)).slice(0, MAX_POD_CREATE_DELETE_PER_SYNC);
  // Deletion takes precedence: one sync either deletes or creates.
  if (victims.length) return removePods(host, s, victims, active);
  const terminating = onlyReplaceFailedPods(job) ? s.terminating : 0;
  let diff = want - terminating - active;
  if (diff <= 0) return active;
  const remaining = job.spec?.backoffLimitPerIndex == null ? remainingBackoff(host.ctx.clock.now(), s.newBackoffRecord) : 0;
  if (remaining > 0) {
    // Upstream returns 0 here, writing active 0 for the moment; the pods still running stay counted.
    host.enqueueAfter(s.key, Math.max(remaining, SYNC_JOB_BATCH_MS));
    return active;
  }
  diff = Math.min(diff, MAX_POD_CREATE_DELETE_PER_SYNC);
  let indexes: number[] = [];
  if (job.spec?.completionMode === 'Indexed') {
    const busy = [...s.activePods, ...(onlyReplaceFailedPods(job) ? s.pods.filter(isPodTerminating) : [])].map(completionIndex).filter((ix) => ix !== UNKNOWN_INDEX);
    indexes = firstPendingIndexes(diff, completions ?? 0, s.succeededIndexes, busy);
    diff = indexes.length;
  }
  active += diff;
  const template = podTemplate(job);
  // Slow start: batches of 1, 2, 4 …; a failed batch ends the sync's creations.
  let left = diff;
  for (let batch = Math.min(left, 1); left > 0; batch = Math.min(2 * batch, left)) {
    let failed = false;
    for (let i = 0; i < batch; i++) {
      const ix = indexes.shift();
      const err = ix === undefined ? createPod(host, job, template, `${job.metadata.name}-`) : createPod(host, job, indexedTemplate(job, template, ix), generateNameWithIndex(job.metadata.name, ix));
      if (err && !namespaceTerminating(err)) {
        active--;
        failed = true;
      }
    }
    const skipped = left - batch;
    if (failed && skipped > 0) {
      active -= skipped;
      break;
    }
    left -= batch;
  }
  return active;
}

/** The template pods are made from: the Job's, with JOB_COMPLETION_INDEX for Indexed Jobs and the tracking finalizer. */
function podTemplate(job: Job): PodTemplateSpec {
  const template: PodTemplateSpec = structuredClone(job.spec?.template ?? {});
  if (job.spec?.completionMode === 'Indexed') addCompletionIndexEnv(template);
  const finalizers = template.metadata?.finalizers ?? [];
  template.metadata = { ...template.metadata, finalizers: finalizers.includes(JOB_TRACKING_FINALIZER) ? finalizers : [...finalizers, JOB_TRACKING_FINALIZER] };
  return template;
}

/** An Indexed pod's template: the index as annotation and label, and hostname `<job>-<index>`. */
function indexedTemplate(job: Stored<Job>, template: PodTemplateSpec, ix: number): PodTemplateSpec {
  const t: PodTemplateSpec = structuredClone(template);
  t.metadata = {
    ...t.metadata,
    annotations: { ...t.metadata?.annotations, [COMPLETION_INDEX_ANNOTATION]: String(ix) },
    labels: { ...t.metadata?.labels, [COMPLETION_INDEX_ANNOTATION]: String(ix) },
  };
  t.spec = { ...t.spec!, hostname: `${job.metadata.name}-${ix}` };
  return t;
}

/** deleteJobPods: each pod loses its finalizer (not counted as a failure), then is deleted. */
function removePods(host: JobSyncHost, s: SyncState, pods: readonly Pod[], active: number): number {
  let removed = 0;
  let removedReady = 0;
  for (const pod of pods) {
    const ok = (!hasTrackingFinalizer(pod) || removeTrackingFinalizer(host, pod as Stored<Pod>)) && deletePod(host, s.job, pod);
    if (ok) removed++;
    if (isPodReady(pod)) removedReady++;
  }
  s.terminating += removed;
  s.ready -= removedReady;
  return active - removed;
}

/** deleteActivePods: a finished Job's active pods are deleted, keeping their finalizers for the count. */
export function deleteActivePods(host: JobSyncHost, s: SyncState): { deleted: number; deletedReady: number } {
  let deleted = 0;
  let deletedReady = 0;
  for (const pod of s.activePods) {
    if (deletePod(host, s.job, pod)) deleted++;
    if (isPodReady(pod)) deletedReady++;
  }
  return { deleted, deletedReady };
}
