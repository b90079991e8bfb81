import type { Pod } from 'kubernetes-types/core/v1.js';
import { isPodActive, isPodReady, maxContainerRestarts, podReadyTime } from '../api/pod-util.ts';
import { parseDeletionCost } from '../api/validation/pod-spec.ts';
import { parseRfc3339 } from '../sim/clock.ts';

const PHASE_ORDER: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

/** What ActivePodsWithRanks.Less reads of a pod itself (the rank and the age buckets depend on the moment). */
interface PodFacts {
  pod: Pod;
  unassigned: boolean;
  node: string;
  phase: number;
  ready: boolean;
  cost: number;
  readyTime: number | undefined;
  restarts: number;
  created: number | undefined;
  uid: string;
}

/** Facts by pod object: stored pods are immutable, so a pod's facts only change with a new version. */
const factsCache = new WeakMap<Pod, PodFacts>();

function factsOf(pod: Pod): PodFacts {
  let f = factsCache.get(pod);
  if (!f) {
    const node = pod.spec?.nodeName ?? '';
    f = {
      pod,
      unassigned: node === '',
      node,
      phase: PHASE_ORDER[pod.status?.phase ?? ''] ?? 0,
      ready: isPodReady(pod),
      cost: deletionCost(pod),
      readyTime: podReadyTime(pod),
      restarts: maxContainerRestarts(pod),
      created: parseRfc3339(pod.metadata?.creationTimestamp),
      uid: pod.metadata?.uid ?? '',
    };
    factsCache.set(pod, f);
  }
  return f;
}

/** A pod ranked at one moment: its facts, its rank, and floor(log2(age)) of its ready and creation times. */
interface Ranked {
  f: PodFacts;
  rank: number;
  readyBucket: number;
  createdBucket: number;
}

function rankAt(pod: Pod, rank: number, now: number): Ranked {
  const f = factsOf(pod);
  return {
    f,
    rank,
    readyBucket: f.readyTime === undefined ? 0 : logRank(now - f.readyTime),
    createdBucket: f.created === undefined ? 0 : logRank(now - f.created),
  };
}

/** -1 when `x` (a comes first), else 1. */
function first(x: boolean): number {
  return x ? -1 : 1;
}

/**
 * ActivePodsWithRanks.Less (pkg/controller/controller_utils.go): which pod a scale-down removes
 * first. `rank` is the number of related active pods on the same node; ages compare on a log2
 * scale (LogarithmicScaleDown, on by default since 1.22) with ties broken by UID.
 */
export function comparePodsForDeletion(a: Pod, rankA: number, b: Pod, rankB: number, now: number): number {
  return compareRanked(rankAt(a, rankA, now), rankAt(b, rankB, now));
}

function compareRanked(x: Ranked, y: Ranked): number {
  const a = x.f, b = y.f;
  // 1. Unassigned before assigned.
  if (a.node !== b.node && (a.unassigned || b.unassigned)) return first(a.unassigned);
  // 2. Pending before Unknown before Running.
  if (a.phase !== b.phase) return first(a.phase < b.phase);
  // 3. Not ready before ready.
  if (a.ready !== b.ready) return first(!a.ready);
  // 4. Lower pod-deletion-cost first.
  if (a.cost !== b.cost) return first(a.cost < b.cost);
  // 5. More co-located siblings first.
  if (x.rank !== y.rank) return first(x.rank > y.rank);
  // 6. Both ready: ready for less time first.
  if (a.ready && b.ready && a.readyTime !== b.readyTime) {
    const byTime = compareTimes(a.readyTime, b.readyTime, x.readyBucket, y.readyBucket, a.uid, b.uid);
    if (byTime !== 0) return byTime;
  }
  // 7. Higher restart count first.
  if (a.restarts !== b.restarts) return first(a.restarts > b.restarts);
  // 8. Newer first.
  if (a.created !== b.created) return compareTimes(a.created, b.created, x.createdBucket, y.createdBucket, a.uid, b.uid);
  // Go's sort.Sort leaves exact ties in no defined order; breaking them by UID keeps the choice
  // deterministic however the candidates were gathered.
  return a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0;
}

/** afterOrZero, or on the log2 scale (buckets given) with UID tie-break when both times are known. */
function compareTimes(ta: number | undefined, tb: number | undefined, ra: number, rb: number, ua: string, ub: string): number {
  if (ta === undefined || tb === undefined) {
    // afterOrZero: a zero time sorts first, otherwise the later one.
    if (ta === undefined && tb === undefined) return 0;
    return ta === undefined ? -1 : 1;
  }
  if (ra === rb) return ua < ub ? -1 : ua > ub ? 1 : 0;
  return ra < rb ? -1 : 1;
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
 * The first five rules of the ranking (assignment, phase, readiness, deletion cost, rank) as one
 * number, smaller first: rules that compare discrete values need no comparator, so most pods can
 * be set aside without one. The scale: 12 combinations × 2^32 costs × (maxRank + 1) ranks < 2^53.
 */
function coarseScore(f: PodFacts, rank: number, maxRank: number): number {
  return stateScore(f) * (maxRank + 1) + (maxRank - rank);
}

/** The first four rules (assignment, phase, readiness, deletion cost) as one number, smaller first. */
function stateScore(f: PodFacts): number {
  const head = ((f.unassigned ? 0 : 1) * 3 + f.phase) * 2 + (f.ready ? 1 : 0);
  return head * 4294967296 + (f.cost + 2147483648);
}

/** The pod's own part of its deletion order (rules 1–4), by which running totals group pods. */
export function podStateScore(pod: Pod): number {
  return stateScore(factsOf(pod));
}

/** Active pods grouped by podStateScore, then by node: what selectFromGroups searches. */
export type DeletionGroups = ReadonlyMap<number, ReadonlyMap<string, ReadonlyMap<string, Pod>>>;

/**
 * The same choice as podsToDeleteRanked over the pods of `groups`, visiting only the groups that
 * can hold the first `diff`: state scores in ascending order, and within one the nodes from the
 * highest rank down, until `diff` pods are gathered along with every pod tying with the last.
 */
export function selectFromGroups(groups: DeletionGroups, onNode: ReadonlyMap<string, number>, diff: number, now: number): Pod[] {
  const candidates: Ranked[] = [];
  for (const score of [...groups.keys()].sort((a, b) => a - b)) {
    const byNode = [...groups.get(score)!].map(([node, pods]) => ({ rank: onNode.get(node) ?? 0, pods }));
    byNode.sort((a, b) => b.rank - a.rank);
    for (let i = 0; i < byNode.length && candidates.length < diff; ) {
      const rank = byNode[i].rank;
      // Every node at this rank ties on rules 1–5: take them all, the full order decides among them.
      for (; i < byNode.length && byNode[i].rank === rank; i++) {
        for (const pod of byNode[i].pods.values()) candidates.push(rankAt(pod, rank, now));
      }
    }
    if (candidates.length >= diff) break;
  }
  return smallest(candidates, diff).map((r) => r.f.pod);
}

/**
 * The `k` smallest by compareRanked, in order: a sorted buffer that most candidates never enter
 * (a scale-down takes a few pods from thousands of equal rank). compareRanked is a total order
 * (UID last), so this equals sorting them all and taking the first k.
 */
function smallest(items: Ranked[], k: number): Ranked[] {
  const best: Ranked[] = [];
  for (const item of items) {
    if (best.length === k && compareRanked(item, best[k - 1]) >= 0) continue;
    let i = best.length < k ? best.length : k - 1;
    if (best.length < k) best.push(item);
    while (i > 0 && compareRanked(item, best[i - 1]) < 0) {
      best[i] = best[i - 1];
      i--;
    }
    best[i] = item;
  }
  return best;
}

/** Active related pods per node: the rank each candidate gets (getPodsRankedByRelatedPodsOnSameNode). */
export function activePodsPerNode(related: readonly Pod[]): Map<string, number> {
  const onNode = new Map<string, number>();
  for (const p of related) {
    if (!isPodActive(p)) continue;
    const n = p.spec?.nodeName ?? '';
    onNode.set(n, (onNode.get(n) ?? 0) + 1);
  }
  return onNode;
}

/**
 * getPodsToDelete: the `diff` pods to remove, ranked against the related pods (for a
 * Deployment's ReplicaSet: the pods of all its ReplicaSets).
 */
export function podsToDelete(filtered: Pod[], related: Pod[], diff: number, now: number): Pod[] {
  return podsToDeleteRanked(filtered, activePodsPerNode(related), diff, now);
}

/**
 * The first `diff` of a stable sort of `filtered` by ActivePodsWithRanks, given the related
 * active pods per node. Only the pods whose first five rules tie with or beat the diff-th pod's
 * can be among them, so the full comparison sorts those alone (a rolling update removes a few
 * pods at a time from thousands).
 */
export function podsToDeleteRanked(filtered: Pod[], onNode: ReadonlyMap<string, number>, diff: number, now: number): Pod[] {
  if (diff >= filtered.length) return filtered.slice(0, diff);
  const n = filtered.length;
  const facts = new Array<PodFacts>(n);
  const ranks = new Int32Array(n);
  let maxRank = 0;
  for (let i = 0; i < n; i++) {
    facts[i] = factsOf(filtered[i]);
    ranks[i] = onNode.get(facts[i].node) ?? 0;
    if (ranks[i] > maxRank) maxRank = ranks[i];
  }
  const scores = new Float64Array(n);
  for (let i = 0; i < n; i++) scores[i] = coarseScore(facts[i], ranks[i], maxRank);
  const threshold = Float64Array.from(scores).sort()[diff - 1];
  const candidates: Ranked[] = [];
  for (let i = 0; i < n; i++) if (scores[i] <= threshold) candidates.push(rankAt(filtered[i], ranks[i], now));
  return smallest(candidates, diff).map((r) => r.f.pod);
}
