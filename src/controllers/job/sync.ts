import type { Job, JobCondition, JobStatus } from 'kubernetes-types/batch/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { deepEqual } from '../../api/equality.ts';
import { isPodActive, isPodReady } from '../../api/pod-util.ts';
import { parseRfc3339 } from '../../sim/clock.ts';
import { splitKey, type Stored } from '../../store/object.ts';
import type { BackoffRecord } from './backoff.ts';
import { COMPONENT, JOBS, type JobSyncHost } from './host.ts';
import { BACKOFF_LIMIT_EXCEEDED, COMPLETIONS_REACHED, DEADLINE_EXCEEDED, ensureCondition, findCondition, isJobFinished, newCondition } from './conditions.ts';
import { completionIndex, hasIndex, parseIntervals, totalIndexes, UNKNOWN_INDEX, withIndexes, formatIntervals, type OrderedIntervals } from './indexed.ts';
import { manageJob, deleteActivePods } from './manage.ts';
import { hasTrackingFinalizer, isPodFailed, isPodTerminating } from './pods.ts';
import { claimPods, removeTrackingFinalizer } from './pod-control.ts';

/** syncJobCtx: what one sync has worked out so far. */
export interface SyncState {
  job: Stored<Job>;
  key: string;
  /** The status being built (a copy of the stored one). */
  status: JobStatus;
  pods: Stored<Pod>[];
  activePods: Stored<Pod>[];
  active: number;
  ready: number;
  terminating: number;
  succeeded: number;
  failed: number;
  uncountedSucceeded: Set<string>;
  uncountedFailed: Set<string>;
  prevSucceededIndexes: OrderedIntervals;
  succeededIndexes: OrderedIntervals;
  newBackoffRecord: BackoffRecord;
  finishedCondition?: JobCondition;
}

/**
 * syncJob (pkg/controller/job/job_controller.go, v1.32 with its default gates: JobManagedBy,
 * JobPodReplacementPolicy and JobSuccessPolicy on, so terminal conditions are delayed behind the
 * interim FailureTarget/SuccessCriteriaMet ones until no pod is terminating). Reads the Job and
 * its pods, counts the newly finished ones, decides whether the Job has failed (backoff limit,
 * deadline) or succeeded, otherwise creates or deletes pods (manageJob), then writes the status
 * and removes the tracking finalizers of the pods it has counted. Upstream's expectations (of
 * creations, deletions, finalizer removals not yet seen) are always met here: every write is in
 * the store before the next sync reads it.
 */
export function syncJob(host: JobSyncHost, key: string): void {
  const { ctx } = host;
  const { namespace, name } = splitKey(key);
  const job = ctx.store.get<Job>(JOBS, namespace, name);
  if (!job) {
    host.backoff.remove(key);
    return;
  }
  // managedByExternalController: another controller owns this Job's status.
  if (job.spec?.managedBy && job.spec.managedBy !== 'kubernetes.io/job-controller') return;
  if (isJobFinished(job)) {
    host.backoff.remove(key);
    return;
  }
  const mode = job.spec?.completionMode ?? 'NonIndexed';
  if (mode !== 'NonIndexed' && mode !== 'Indexed') {
    ctx.events.record(job, 'Warning', 'UnknownCompletionMode', 'Skipped Job sync because completion mode is unknown', { component: COMPONENT });
    return;
  }
  const s = newSyncState(host, key, job);
  const now = ctx.clock.now();
  const suspended = !!job.spec?.suspend;
  if (!s.status.startTime && !suspended) s.status.startTime = ctx.clock.rfc3339(now);
  const backoffLimit = job.spec?.backoffLimit ?? 6;
  // A success already recorded stands; a recorded FailureTarget becomes the Failed condition.
  const met = findCondition(s.status.conditions, 'SuccessCriteriaMet');
  if (met?.status === 'True') s.finishedCondition = met;
  if (!s.finishedCondition) {
    const target = findCondition(s.status.conditions, 'FailureTarget');
    if (target?.status === 'True') s.finishedCondition = newCondition('Failed', 'True', target.reason ?? '', target.message ?? '', ctx.clock.rfc3339(now));
  }
  if (!s.finishedCondition) {
    if (s.failed > backoffLimit || pastBackoffLimitOnFailure(job, s.pods)) {
      s.finishedCondition = newCondition('FailureTarget', 'True', BACKOFF_LIMIT_EXCEEDED.reason, BACKOFF_LIMIT_EXCEEDED.message, ctx.clock.rfc3339(now));
    } else if (pastActiveDeadline(job, s.status, now)) {
      s.finishedCondition = newCondition('FailureTarget', 'True', DEADLINE_EXCEEDED.reason, DEADLINE_EXCEEDED.message, ctx.clock.rfc3339(now));
    } else if (job.spec?.activeDeadlineSeconds != null && !suspended) {
      host.enqueueAfter(key, job.spec.activeDeadlineSeconds * 1000 - (now - (parseRfc3339(s.status.startTime) ?? now)));
    }
  }
  if (mode === 'Indexed') {
    const completions = job.spec?.completions ?? 0;
    s.prevSucceededIndexes = parseIntervals(s.status.completedIndexes, completions);
    const newly = s.pods.filter((p) => p.status?.phase === 'Succeeded' && hasTrackingFinalizer(p)).map(completionIndex).filter((ix) => ix !== UNKNOWN_INDEX && ix < completions);
    s.succeededIndexes = withIndexes(s.prevSucceededIndexes, [...new Set(newly)].sort((a, b) => a - b));
    s.succeeded = totalIndexes(s.succeededIndexes);
  }
  let suspendChanged = false;
  if (s.finishedCondition) {
    const { deleted, deletedReady } = deleteActivePods(host, s);
    // Not finished while a deletion failed: its pod still runs.
    if (deleted !== s.active) s.finishedCondition = undefined;
    s.active -= deleted;
    s.terminating += deleted;
    s.ready -= deletedReady;
  } else {
    const managed = !job.metadata.deletionTimestamp;
    if (managed) s.active = manageJob(host, s);
    const completions = job.spec?.completions;
    // With no completions count, the first success ends the Job once the other pods are done.
    const complete = completions == null ? s.succeeded > 0 && s.active === 0 : s.succeeded >= completions && s.active === 0;
    if (complete) {
      s.finishedCondition = newCondition('SuccessCriteriaMet', 'True', COMPLETIONS_REACHED.reason, COMPLETIONS_REACHED.message, ctx.clock.rfc3339(now));
    } else if (managed) {
      suspendChanged = updateSuspendCondition(host, s, suspended, now);
    }
  }
  const needsUpdate = suspendChanged || s.active !== (job.status?.active ?? 0) || s.ready !== job.status?.ready || s.terminating !== job.status?.terminating;
  s.status.active = s.active;
  s.status.ready = s.ready;
  s.status.terminating = s.terminating;
  trackStatusAndRemoveFinalizers(host, s, needsUpdate);
}

function newSyncState(host: JobSyncHost, key: string, job: Stored<Job>): SyncState {
  const status: JobStatus = structuredClone(job.status ?? {});
  status.uncountedTerminatedPods ??= {};
  const pods = claimPods(host, job);
  const activePods = pods.filter(isPodActive);
  const uncountedSucceeded = new Set(status.uncountedTerminatedPods.succeeded ?? []);
  const uncountedFailed = new Set(status.uncountedTerminatedPods.failed ?? []);
  // getNewFinishedPods: finished pods that still carry the finalizer and are not yet listed as uncounted.
  const counting = (p: Pod, uncounted: Set<string>) => hasTrackingFinalizer(p) && !uncounted.has(p.metadata!.uid!) && validIndex(job, p);
  const newSucceeded = pods.filter((p) => counting(p, uncountedSucceeded) && p.status?.phase === 'Succeeded');
  const newFailed = pods.filter((p) => counting(p, uncountedFailed) && isPodFailed(p, job));
  return {
    job,
    key,
    status,
    pods,
    activePods,
    active: activePods.length,
    ready: activePods.filter(isPodReady).length,
    terminating: pods.filter(isPodTerminating).length,
    succeeded: (status.succeeded ?? 0) + newSucceeded.length + uncountedSucceeded.size,
    failed: (status.failed ?? 0) + newFailed.length + uncountedFailed.size,
    uncountedSucceeded,
    uncountedFailed,
    prevSucceededIndexes: [],
    succeededIndexes: [],
    newBackoffRecord: host.backoff.newRecord(key, newSucceeded, newFailed),
  };
}

/** For an Indexed Job, only pods with an index below completions count. */
function validIndex(job: Job, pod: Pod): boolean {
  if (job.spec?.completionMode !== 'Indexed') return true;
  const ix = completionIndex(pod);
  return ix !== UNKNOWN_INDEX && ix < (job.spec.completions ?? 0);
}

/**
 * pastBackoffLimitOnFailure: under restartPolicy OnFailure the kubelet restarts containers in
 * place, so the restarts of the pending and running pods are what count against backoffLimit
 * (reached at the limit; any restart at all when the limit is 0).
 */
export function pastBackoffLimitOnFailure(job: Job, pods: readonly Pod[]): boolean {
  if (job.spec?.template?.spec?.restartPolicy !== 'OnFailure') return false;
  let restarts = 0;
  for (const p of pods) {
    if (p.status?.phase !== 'Running' && p.status?.phase !== 'Pending') continue;
    for (const c of [...(p.status.initContainerStatuses ?? []), ...(p.status.containerStatuses ?? [])]) restarts += c.restartCount ?? 0;
  }
  const limit = job.spec.backoffLimit ?? 6;
  return limit === 0 ? restarts > 0 : restarts >= limit;
}

/** pastActiveDeadline: active (and not suspended) for activeDeadlineSeconds since startTime. */
export function pastActiveDeadline(job: Job, status: JobStatus, now: number): boolean {
  const ads = job.spec?.activeDeadlineSeconds;
  const start = parseRfc3339(status.startTime);
  if (ads == null || start === undefined || job.spec?.suspend) return false;
  return now - start >= ads * 1000;
}

/**
 * The Suspended condition, written only by a sync that managed pods: True (JobSuspended) while
 * suspended; on resume False (JobResumed), with startTime reset so that activeDeadlineSeconds
 * counts the time the Job is continuously active.
 */
function updateSuspendCondition(host: JobSyncHost, s: SyncState, suspended: boolean, now: number): boolean {
  const at = host.ctx.clock.rfc3339(now);
  const [conditions, changed] = suspended
    ? ensureCondition(s.status.conditions ?? [], 'Suspended', 'True', 'JobSuspended', 'Job suspended', at)
    : ensureCondition(s.status.conditions ?? [], 'Suspended', 'False', 'JobResumed', 'Job resumed', at);
  if (!changed) return false;
  s.status.conditions = conditions;
  host.ctx.events.record(s.job, 'Normal', suspended ? 'Suspended' : 'Resumed', suspended ? 'Job suspended' : 'Job resumed', { component: COMPONENT });
  if (!suspended) s.status.startTime = at;
  return true;
}

/**
 * trackJobStatusAndRemoveFinalizers: lists the finished pods still carrying the finalizer in
 * status.uncountedTerminatedPods (with the interim FailureTarget or SuccessCriteriaMet
 * condition) and writes that; removes their finalizers; moves them from the uncounted lists to
 * the counters; and, once nothing is uncounted and no pod terminates, adds the terminal Complete
 * or Failed condition, with completionTime and the Completed or failure event.
 */
function trackStatusAndRemoveFinalizers(host: JobSyncHost, s: SyncState, needsFlush: boolean): void {
  const { ctx } = host;
  const job = s.job;
  const indexed = job.spec?.completionMode === 'Indexed';
  const completions = job.spec?.completions ?? 0;
  const withFinalizer = new Set(s.pods.filter(hasTrackingFinalizer).map((p) => p.metadata.uid));
  if (cleanUncounted(s.status, withFinalizer)) needsFlush = true;
  const uncounted = s.status.uncountedTerminatedPods!;
  const toRemove: Stored<Pod>[] = [];
  const newSucceededIndexes: number[] = [];
  const pods = indexed ? [...s.pods].sort((a, b) => completionIndex(a) - completionIndex(b)) : s.pods;
  for (const pod of pods) {
    if (!hasTrackingFinalizer(pod)) continue;
    const failed = isPodFailed(pod, job);
    // canRemoveFinalizer: the Job is done or being deleted, or the pod succeeded or failed.
    if (!(job.metadata.deletionTimestamp || s.finishedCondition || pod.status?.phase === 'Succeeded' || failed)) continue;
    toRemove.push(pod);
    const uid = pod.metadata.uid;
    if (pod.status?.phase === 'Succeeded' && !s.uncountedFailed.has(uid)) {
      if (indexed) {
        const ix = completionIndex(pod);
        if (ix !== UNKNOWN_INDEX && ix < completions && !hasIndex(s.prevSucceededIndexes, ix)) {
          newSucceededIndexes.push(ix);
          needsFlush = true;
        }
      } else if (!s.uncountedSucceeded.has(uid)) {
        uncounted.succeeded = [...(uncounted.succeeded ?? []), uid];
        needsFlush = true;
      }
    } else if (failed || (s.finishedCondition && s.finishedCondition.type !== 'SuccessCriteriaMet')) {
      // Once the Job is finished, every pod not terminated counts as failed.
      if (!s.uncountedFailed.has(uid) && validIndex(job, pod)) {
        uncounted.failed = [...(uncounted.failed ?? []), uid];
        needsFlush = true;
      }
    }
  }
  if (indexed) {
    s.succeededIndexes = withIndexes(s.succeededIndexes, [...new Set(newSucceededIndexes)].sort((a, b) => a - b));
    const text = formatIntervals(s.succeededIndexes);
    if (text !== (s.status.completedIndexes ?? '')) needsFlush = true;
    s.status.succeeded = totalIndexes(s.succeededIndexes);
    s.status.completedIndexes = text;
  }
  const now = ctx.clock.rfc3339();
  if (s.finishedCondition?.type === 'FailureTarget') {
    s.status.conditions = [...(s.status.conditions ?? []), s.finishedCondition];
    needsFlush = true;
    s.finishedCondition = newCondition('Failed', 'True', s.finishedCondition.reason ?? '', s.finishedCondition.message ?? '', now);
  }
  if (s.finishedCondition?.type === 'SuccessCriteriaMet') {
    if (findCondition(s.status.conditions, 'SuccessCriteriaMet')?.status !== 'True') {
      s.status.conditions = [...(s.status.conditions ?? []), s.finishedCondition];
      needsFlush = true;
    }
    s.finishedCondition = newCondition('Complete', 'True', s.finishedCondition.reason ?? '', s.finishedCondition.message ?? '', now);
  }
  // flushUncountedAndRemoveFinalizers.
  if (needsFlush) {
    writeStatus(host, s);
    host.backoff.update(s.newBackoffRecord);
    needsFlush = false;
  }
  for (const pod of toRemove) if (removeTrackingFinalizer(host, pod)) withFinalizer.delete(pod.metadata.uid);
  if (cleanUncounted(s.status, withFinalizer)) needsFlush = true;
  const finished = enactJobFinished(s);
  if (finished || needsFlush) writeStatus(host, s);
  if (finished) recordJobFinished(host, s);
}

/**
 * cleanUncountedPodsWithoutFinalizers: the uncounted pods whose finalizer is gone are counted
 * now. Returns whether a counter moved.
 */
function cleanUncounted(status: JobStatus, withFinalizer: ReadonlySet<string>): boolean {
  const u = status.uncountedTerminatedPods!;
  let changed = false;
  const keepSucceeded = (u.succeeded ?? []).filter((uid) => withFinalizer.has(uid));
  if (keepSucceeded.length !== (u.succeeded ?? []).length) {
    status.succeeded = (status.succeeded ?? 0) + (u.succeeded ?? []).length - keepSucceeded.length;
    u.succeeded = keepSucceeded.length ? keepSucceeded : undefined;
    changed = true;
  }
  const keepFailed = (u.failed ?? []).filter((uid) => withFinalizer.has(uid));
  if (keepFailed.length !== (u.failed ?? []).length) {
    status.failed = (status.failed ?? 0) + (u.failed ?? []).length - keepFailed.length;
    u.failed = keepFailed.length ? keepFailed : undefined;
    changed = true;
  }
  return changed;
}

/** enactJobFinished: the terminal condition, once every finished pod is counted and none terminates. */
function enactJobFinished(s: SyncState): boolean {
  const c = s.finishedCondition;
  if (!c) return false;
  const u = s.status.uncountedTerminatedPods!;
  if ((u.succeeded?.length ?? 0) + (u.failed?.length ?? 0) > 0) return false;
  if (s.terminating > 0) return false;
  [s.status.conditions] = ensureCondition(s.status.conditions ?? [], c.type, 'True', c.reason ?? '', c.message ?? '', c.lastTransitionTime!);
  if (c.type === 'Complete') s.status.completionTime = c.lastTransitionTime;
  return true;
}

/** recordJobFinished: Completed (warning TooManySucceededPods first, if so), or the failure's reason. */
function recordJobFinished(host: JobSyncHost, s: SyncState): void {
  const c = s.finishedCondition!;
  const job = s.job;
  const source = { component: COMPONENT };
  if (c.type === 'Complete') {
    const completions = job.spec?.completions;
    if (completions != null && (s.status.succeeded ?? 0) > completions) {
      host.ctx.events.record(job, 'Warning', 'TooManySucceededPods', 'Too many succeeded pods running after completion count reached', source);
    }
    host.ctx.events.record(job, 'Normal', 'Completed', 'Job completed', source);
  } else {
    host.ctx.events.record(job, 'Warning', c.reason ?? '', c.message ?? '', source);
  }
}

/** updateStatusHandler: PUT …/status with the status built so far; the stored Job becomes the new base. */
function writeStatus(host: JobSyncHost, s: SyncState): void {
  const status = normalizeStatus(s.status);
  if (deepEqual(status, s.job.status)) return;
  s.job = host.ctx.api.updateStatus({ ...s.job, status: structuredClone(status) }, { fieldManager: COMPONENT });
}

/** The status as the API serialises it: empty lists and strings are omitted. */
function normalizeStatus(status: JobStatus): JobStatus {
  const out: JobStatus = { ...status, uncountedTerminatedPods: { ...status.uncountedTerminatedPods } };
  const u = out.uncountedTerminatedPods!;
  if (!u.succeeded?.length) delete u.succeeded;
  if (!u.failed?.length) delete u.failed;
  if (!out.completedIndexes) delete out.completedIndexes;
  if (!out.active) delete out.active;
  if (!out.succeeded) delete out.succeeded;
  if (!out.failed) delete out.failed;
  if (!out.conditions?.length) delete out.conditions;
  return out;
}
