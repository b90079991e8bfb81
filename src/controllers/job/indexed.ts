import type { Container, Pod, PodTemplateSpec } from 'kubernetes-types/core/v1.js';

/** batch.JobCompletionIndexAnnotation: the annotation (and, PodIndexLabel being GA, label) with a pod's index. */
export const COMPLETION_INDEX_ANNOTATION = 'batch.kubernetes.io/job-completion-index';
/** The variable every container of an Indexed Job's pods gets its index in. */
export const COMPLETION_INDEX_ENV = 'JOB_COMPLETION_INDEX';
/** A pod without a valid index. */
export const UNKNOWN_INDEX = -1;
/** names.MaxGeneratedNameLength: 63 less the five random characters. */
const MAX_GENERATED_NAME_LENGTH = 58;

/** A closed range of completion indexes. */
export interface Interval {
  first: number;
  last: number;
}

/**
 * orderedIntervals (indexed_job_utils.go): sorted, disjoint, non-adjacent ranges, as
 * status.completedIndexes writes them (`1,3-5,7`).
 */
export type OrderedIntervals = readonly Interval[];

/** withOrderedIndexes: the intervals plus the given indexes (in increasing order). */
export function withIndexes(oi: OrderedIntervals, indexes: readonly number[]): Interval[] {
  return mergeIntervals(oi, indexes.map((i) => ({ first: i, last: i })));
}

/** merge: the union of two ordered interval lists, adjacent ranges joined. */
export function mergeIntervals(a: OrderedIntervals, b: OrderedIntervals): Interval[] {
  const result: Interval[] = [];
  const push = (iv: Interval) => {
    const last = result[result.length - 1];
    if (!last || iv.first > last.last + 1) result.push({ ...iv });
    else if (last.last < iv.last) last.last = iv.last;
  };
  let i = 0, j = 0;
  while (i < a.length && j < b.length) push(a[i].first < b[j].first ? a[i++] : b[j++]);
  while (i < a.length) push(a[i++]);
  while (j < b.length) push(b[j++]);
  return result;
}

/** total: how many indexes the intervals hold. */
export function totalIndexes(oi: OrderedIntervals): number {
  return oi.reduce((n, iv) => n + iv.last - iv.first + 1, 0);
}

/** String: `0-2,4`, with two adjacent indexes written `5,6`. */
export function formatIntervals(oi: OrderedIntervals): string {
  return oi.map((iv) => (iv.last === iv.first ? `${iv.first}` : `${iv.first}${iv.last === iv.first + 1 ? ',' : '-'}${iv.last}`)).join(',');
}

/** has: whether an index is in the intervals. */
export function hasIndex(oi: OrderedIntervals, ix: number): boolean {
  return oi.some((iv) => iv.first <= ix && ix <= iv.last);
}

/** parseIndexesFromString: the intervals of a completedIndexes string, below `completions`. */
export function parseIntervals(text: string | undefined, completions: number): Interval[] {
  const result: Interval[] = [];
  if (!text) return result;
  for (const part of text.split(',')) {
    const [a, b] = part.split('-');
    const first = Number(a);
    if (!/^\d+$/.test(a ?? '')) continue;
    if (first >= completions) break;
    let last = first;
    if (b !== undefined) {
      if (!/^\d+$/.test(b)) continue;
      last = Math.min(Number(b), completions - 1);
    }
    const prev = result[result.length - 1];
    if (prev && prev.last === first - 1) prev.last = last;
    else result.push({ first, last });
  }
  return result;
}

/** getCompletionIndex: the pod's index annotation, or UNKNOWN_INDEX. */
export function completionIndex(pod: Pod): number {
  const v = pod.metadata?.annotations?.[COMPLETION_INDEX_ANNOTATION];
  if (v === undefined || !/^\d+$/.test(v)) return UNKNOWN_INDEX;
  return Number(v);
}

/**
 * firstPendingIndexes: the `count` lowest indexes below `completions` that no active pod runs
 * and that have not succeeded (nor, when only failed pods are replaced, have a terminating pod).
 */
export function firstPendingIndexes(count: number, completions: number, succeeded: OrderedIntervals, busy: readonly number[]): number[] {
  const result: number[] = [];
  if (count === 0) return result;
  const nonPending = withIndexes(succeeded, [...new Set(busy)].sort((x, y) => x - y));
  let candidate = 0;
  for (const iv of nonPending) {
    for (; candidate < completions && result.length < count && candidate < iv.first; candidate++) result.push(candidate);
    if (candidate < iv.last + 1) candidate = iv.last + 1;
  }
  for (; candidate < completions && result.length < count; candidate++) result.push(candidate);
  return result;
}

/** podGenerateNameWithIndex: `<job>-<index>-`, the job name cut so that the whole fits 58 characters. */
export function generateNameWithIndex(jobName: string, index: number): string {
  const suffix = `-${index}-`;
  const prefix = jobName + suffix;
  return prefix.length > MAX_GENERATED_NAME_LENGTH ? jobName.slice(0, MAX_GENERATED_NAME_LENGTH - suffix.length) + suffix : prefix;
}

/**
 * addCompletionIndexEnvVariables: every (init) container gets JOB_COMPLETION_INDEX from the
 * index label (PodIndexLabel is GA in v1.32), unless it sets the variable itself.
 */
export function addCompletionIndexEnv(template: PodTemplateSpec): void {
  const add = (c: Container) => {
    if (c.env?.some((e) => e.name === COMPLETION_INDEX_ENV)) return;
    c.env = [...(c.env ?? []), { name: COMPLETION_INDEX_ENV, valueFrom: { fieldRef: { fieldPath: `metadata.labels['${COMPLETION_INDEX_ANNOTATION}']` } } }];
  };
  for (const c of template.spec?.initContainers ?? []) add(c);
  for (const c of template.spec?.containers ?? []) add(c);
}
