import type { Pod } from 'kubernetes-types/core/v1.js';
import { isPodTerminal } from '../../api/pod-util.ts';
import { parseRfc3339 } from '../../sim/clock.ts';
import { controllerOf, type Stored } from '../../store/object.ts';

/** The filter messages of kubectl's drain helper (pkg/drain/filters.go). */
const DAEMON_SET_FATAL = 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)';
const DAEMON_SET_WARNING = 'ignoring DaemonSet-managed Pods';
const LOCAL_STORAGE_FATAL = 'Pods with local storage (use --delete-emptydir-data to override)';
const LOCAL_STORAGE_WARNING = 'deleting Pods with local storage';
const UNMANAGED_FATAL = 'cannot delete Pods that declare no controller (use --force to override)';
const UNMANAGED_WARNING = 'deleting Pods that declare no controller';

/** PodDeleteStatus: whether the pod goes, and why not or with what warning. */
export interface PodDeleteStatus {
  delete: boolean;
  reason: 'Okay' | 'Skip' | 'Warning' | 'Error';
  message?: string;
}

/** What drain's Helper is told on the command line, and what it asks the server. */
export interface DrainOptions {
  force: boolean;
  ignoreAllDaemonSets: boolean;
  deleteEmptyDirData: boolean;
  /** --skip-wait-for-delete-timeout, seconds; 0 never skips. */
  skipWaitForDeleteTimeoutSeconds: number;
  now: number;
  /** Looks up the pod's DaemonSet; the error text when it cannot be read (`daemonsets.apps "x" not found`). */
  daemonSetError(namespace: string, name: string): string | undefined;
}

const OKAY: PodDeleteStatus = { delete: true, reason: 'Okay' };
const SKIP: PodDeleteStatus = { delete: false, reason: 'Skip' };
const warning = (del: boolean, message: string): PodDeleteStatus => ({ delete: del, reason: 'Warning', message });
const error = (message: string): PodDeleteStatus => ({ delete: false, reason: 'Error', message });

/** shouldSkipPod: being deleted for longer than --skip-wait-for-delete-timeout. */
export function shouldSkipPod(pod: Pod, skipSeconds: number, now: number): boolean {
  const since = pod.metadata?.deletionTimestamp;
  return skipSeconds > 0 && !!since && Math.trunc((now - parseRfc3339(since)!) / 1000) > skipSeconds;
}

/**
 * makeFilters, applied in order until one says the pod stays: skipDeleted, daemonSet, mirrorPod,
 * localStorage, unreplicated. The status is the last filter's, so a local-storage warning is
 * lost when the pod passes the next filter (as upstream's TODO says).
 */
export function filterPod(pod: Stored<Pod>, o: DrainOptions): PodDeleteStatus {
  const filters: ((p: Stored<Pod>) => PodDeleteStatus)[] = [
    (p) => (shouldSkipPod(p, o.skipWaitForDeleteTimeoutSeconds, o.now) ? SKIP : OKAY),
    (p) => daemonSetFilter(p, o),
    (p) => (p.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined ? SKIP : OKAY),
    (p) => localStorageFilter(p, o),
    (p) => unreplicatedFilter(p, o),
  ];
  let status = OKAY;
  for (const f of filters) {
    status = f(pod);
    if (!status.delete) break;
  }
  return status;
}

function daemonSetFilter(pod: Stored<Pod>, o: DrainOptions): PodDeleteStatus {
  const ref = controllerOf(pod);
  if (!ref || ref.kind !== 'DaemonSet' || isPodTerminal(pod)) return OKAY;
  const err = o.daemonSetError(pod.metadata.namespace ?? '', ref.name);
  if (err !== undefined) return o.force && err.endsWith('not found') ? warning(true, err) : error(err);
  return o.ignoreAllDaemonSets ? warning(false, DAEMON_SET_WARNING) : error(DAEMON_SET_FATAL);
}

function localStorageFilter(pod: Stored<Pod>, o: DrainOptions): PodDeleteStatus {
  if (!(pod.spec?.volumes ?? []).some((v) => v.emptyDir) || isPodTerminal(pod)) return OKAY;
  return o.deleteEmptyDirData ? warning(true, LOCAL_STORAGE_WARNING) : error(LOCAL_STORAGE_FATAL);
}

function unreplicatedFilter(pod: Stored<Pod>, o: DrainOptions): PodDeleteStatus {
  if (isPodTerminal(pod) || controllerOf(pod)) return OKAY;
  return o.force ? warning(true, UNMANAGED_WARNING) : error(UNMANAGED_FATAL);
}

/** The pods to delete, the warnings line and the errors (PodDeleteList's Pods, Warnings and errors). */
export function podDeleteList(pods: readonly Stored<Pod>[], o: DrainOptions): { pods: Stored<Pod>[]; warnings: string; errors: string[] } {
  const warnings = new Map<string, string[]>();
  const errors = new Map<string, string[]>();
  const kept: Stored<Pod>[] = [];
  for (const pod of pods) {
    const status = filterPod(pod, o);
    const id = `${pod.metadata.namespace}/${pod.metadata.name}`;
    // Upstream groups by message in a Go map, so the order of groups varies; here it is first seen.
    if (status.reason === 'Warning') warnings.set(status.message!, [...(warnings.get(status.message!) ?? []), id]);
    if (status.reason === 'Error') errors.set(status.message || 'unexpected error', [...(errors.get(status.message || 'unexpected error') ?? []), id]);
    if (status.delete) kept.push(pod);
  }
  return {
    pods: kept,
    warnings: [...warnings].map(([m, ids]) => `${m}: ${ids.join(', ')}`).join('; '),
    errors: [...errors].map(([m, ids]) => `cannot delete ${m}: ${ids.join(', ')}`),
  };
}
