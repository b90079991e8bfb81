import type { Pod } from 'kubernetes-types/core/v1.js';
import { isPodActive, isPodReady, maxContainerRestarts, podReadyTime } from '../api/pod-util.ts';
import { parseDeletionCost } from '../api/validation/pod-spec.ts';
import { parseRfc3339 } from '../sim/clock.ts';

const PHASE_ORDER: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

/**
 * ActivePodsWithRanks.Less (pkg/controller/controller_utils.go): which pod a scale-down removes
 * first. `rank` is the number of related active pods on the same node; ages compare on a log2
 * scale (LogarithmicScaleDown, on by default since 1.22) with ties broken by UID.
 */
export function comparePodsForDeletion(a: Pod, rankA: number, b: Pod, rankB: number, now: number): number {
  const less = (x: boolean) => (x ? -1 : 1);
  const na = a.spec?.nodeName ?? '', nb = b.spec?.nodeName ?? '';
  // 1. Unassigned before assigned.
  if (na !== nb && (na === '' || nb === '')) return less(na === '');
  // 2. Pending before Unknown before Running.
  const pa = PHASE_ORDER[a.status?.phase ?? ''] ?? 0, pb = PHASE_ORDER[b.status?.phase ?? ''] ?? 0;
  if (pa !== pb) return less(pa < pb);
  // 3. Not ready before ready.
  const ra = isPodReady(a), rb = isPodReady(b);
  if (ra !== rb) return less(!ra);
  // 4. Lower pod-deletion-cost first.
  const ca = deletionCost(a), cb = deletionCost(b);
  if (ca !== cb) return less(ca < cb);
  // 5. More co-located siblings first.
  if (rankA !== rankB) return less(rankA > rankB);
  // 6. Both ready: ready for less time first.
  if (ra && rb) {
    const ta = podReadyTime(a), tb = podReadyTime(b);
    if (ta !== tb) {
      const byTime = compareTimes(ta, tb, now, a, b);
      if (byTime !== 0) return byTime;
    }
  }
  // 7. Higher restart count first.
  const xa = maxContainerRestarts(a), xb = maxContainerRestarts(b);
  if (xa !== xb) return less(xa > xb);
  // 8. Newer first.
  const ta = parseRfc3339(a.metadata?.creationTimestamp), tb = parseRfc3339(b.metadata?.creationTimestamp);
  if (ta !== tb) return compareTimes(ta, tb, now, a, b);
  return 0;
}

/** afterOrZero, or on the log2 scale with UID tie-break when both times are known. */
function compareTimes(ta: number | undefined, tb: number | undefined, now: number, a: Pod, b: Pod): number {
  if (ta === undefined || tb === undefined) {
    // afterOrZero: a zero time sorts first, otherwise the later one.
    if (ta === undefined && tb === undefined) return 0;
    return ta === undefined ? -1 : 1;
  }
  const diff = logRank(now - ta) - logRank(now - tb);
  if (diff === 0) {
    const ua = a.metadata?.uid ?? '', ub = b.metadata?.uid ?? '';
    return ua < ub ? -1 : ua > ub ? 1 : 0;
  }
  return diff < 0 ? -1 : 1;
}

/** floor(log2(d in nanoseconds)), -1 for a zero or negative age. */
function logRank(ms: number): number {
  return ms > 0 ? Math.floor(Math.log2(ms * 1e6)) : -1;
}

/** GetDeletionCostFromPodAnnotations: 0 when absent or invalid. */
function deletionCost(pod: Pod): number {
  const v = pod.metadata?.annotations?.['controller.kubernetes.io/pod-deletion-cost'];
  return v === undefined ? 0 : (parseDeletionCost(v) ?? 0);
}

/**
 * getPodsToDelete: the `diff` pods to remove, ranked against the related pods (for a
 * Deployment's ReplicaSet: the pods of all its ReplicaSets).
 */
export function podsToDelete(filtered: Pod[], related: Pod[], diff: number, now: number): Pod[] {
  if (diff >= filtered.length) return filtered.slice(0, diff);
  const onNode = new Map<string, number>();
  for (const p of related) {
    if (!isPodActive(p)) continue;
    const n = p.spec?.nodeName ?? '';
    onNode.set(n, (onNode.get(n) ?? 0) + 1);
  }
  const ranked = filtered.map((pod) => ({ pod, rank: onNode.get(pod.spec?.nodeName ?? '') ?? 0 }));
  ranked.sort((x, y) => comparePodsForDeletion(x.pod, x.rank, y.pod, y.rank, now));
  return ranked.slice(0, diff).map((r) => r.pod);
}
