import type { Job, JobCondition } from 'kubernetes-types/batch/v1.js';

/** The reasons and messages the Job controller writes (job_controller.go, k8s.io/api batch/v1 v1.32). */
export const BACKOFF_LIMIT_EXCEEDED = { reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' };
export const DEADLINE_EXCEEDED = { reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' };
/** JobReasonCompletionsReached: since v1.31 (JobSuccessPolicy beta) the success conditions say why. */
export const COMPLETIONS_REACHED = { reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' };

/** newCondition: probe and transition time both now. */
export function newCondition(type: string, status: 'True' | 'False', reason: string, message: string, now: string): JobCondition {
  return { type, status, lastProbeTime: now, lastTransitionTime: now, ...(reason ? { reason } : {}), ...(message ? { message } : {}) };
}

export function findCondition(conditions: readonly JobCondition[] | undefined, type: string): JobCondition | undefined {
  return conditions?.find((c) => c.type === type);
}

/** IsConditionTrue. */
export function isConditionTrue(job: Job, type: string): boolean {
  return findCondition(job.status?.conditions, type)?.status === 'True';
}

/** IsJobFinished (pkg/controller/job/util): Complete or Failed is True. */
export function isJobFinished(job: Job): boolean {
  return isConditionTrue(job, 'Complete') || isConditionTrue(job, 'Failed');
}

/**
 * ensureJobConditionStatus: sets a condition's status, reason and message (a fresh condition when
 * any of them changes), appending it unless it would be a new False one. Returns the list and
 * whether it changed.
 */
export function ensureCondition(list: JobCondition[], type: string, status: 'True' | 'False', reason: string, message: string, now: string): [JobCondition[], boolean] {
  const i = list.findIndex((c) => c.type === type);
  if (i >= 0) {
    const c = list[i];
    if (c.status === status && (c.reason ?? '') === reason && (c.message ?? '') === message) return [list, false];
    const next = [...list];
    next[i] = newCondition(type, status, reason, message, now);
    return [next, true];
  }
  if (status === 'False') return [list, false];
  return [[...list, newCondition(type, status, reason, message, now)], true];
}
