import { podSummary } from '../kubectl/printers/pods.ts';
import { ownerKey, type Moment, type PodMeasure, type PodTimeline, type PodTransition } from './pod-timeline.ts';
import { newestOf, type ReplicaSetLife } from './replica-sets.ts';
import { formatOffset } from './span.ts';

/**
 * Assertions over a pod timeline. Each returns undefined when it holds, else a description of the
 * first moment it did not, naming the write that led there and the pods as they then were.
 */

const WORDS: Record<PodMeasure, string> = { existing: 'existed', running: 'running', ready: 'ready', available: 'available', terminating: 'terminating' };

/** `3 were available`, `1 was available`, `2 existed`. */
function counted(n: number, measure: PodMeasure): string {
  return measure === 'existing' ? `${n} existed` : `${n} ${n === 1 ? 'was' : 'were'} ${WORDS[measure]}`;
}

/** `existed`, `were available`: the measure after "pods that". */
function phrase(measure: PodMeasure): string {
  return measure === 'existing' ? 'existed' : `were ${WORDS[measure]}`;
}

/** At every moment of the timeline, at least `n` pods of the scope counted as `measure`. */
export function atLeastEveryMoment(timeline: PodTimeline, measure: PodMeasure, n: number): string | undefined {
  return everyMoment(timeline, measure, (count) => count >= n, `at least ${n} pods that ${phrase(measure)} at every moment`);
}

/** At no moment of the timeline did more than `n` pods of the scope count as `measure`. */
export function atMostAnyMoment(timeline: PodTimeline, measure: PodMeasure, n: number): string | undefined {
  return everyMoment(timeline, measure, (count) => count <= n, `at most ${n} pods that ${phrase(measure)} at any moment`);
}

function everyMoment(timeline: PodTimeline, measure: PodMeasure, holds: (count: number) => boolean, wanted: string): string | undefined {
  let failure: string | undefined;
  timeline.moments((m) => {
    if (holds(m.total[measure])) return true;
    failure = `expected ${wanted}, but ${at(timeline, m)} ${counted(m.total[measure], measure)}:\n${describePods(m)}`;
    return false;
  });
  return failure;
}

/**
 * Pods were replaced one at a time. With N the pods existing when the span began, a pod is "in
 * flux" for every pod short of N available plus every pod beyond N existing:
 *   in flux = max(0, N − available) + max(0, existing − N)
 * and it must never exceed 1. With 3 replicas, maxSurge 1 / maxUnavailable 0 keeps it at most 1
 * (a 4th pod starts: 1 beyond; it becomes available and an old pod stops: 0); maxSurge 0 /
 * maxUnavailable 1 does too (an old pod stops: 1 short; its replacement starts, still 1 short);
 * maxSurge 1 / maxUnavailable 1 reaches 2 as soon as a surge pod starts while an old one is gone.
 */
export function replacedOneAtATime(timeline: PodTimeline): string | undefined {
  let n = 0;
  let failure: string | undefined;
  timeline.moments((m) => {
    if (m.transitions.length === 0 || m.transitions[0].cause === 'initial') {
      n = m.total.existing;
      return true;
    }
    const short = Math.max(0, n - m.total.available), beyond = Math.max(0, m.total.existing - n);
    if (short + beyond <= 1) return true;
    failure = `expected pods to be replaced one at a time (of the ${n} pods there were at the start, at most one missing or one extra at any moment), but ${at(timeline, m)} ${counted(m.total.available, 'available')} (${short} short of ${n}) and ${counted(m.total.existing, 'existing')} (${beyond} beyond ${n}):\n${describePods(m)}`;
    return false;
  });
  return failure;
}

/**
 * Every pod of the old ReplicaSets was gone before the first pod of the new one was created: gone
 * meaning removed or finished (Succeeded/Failed), whichever came first, as the Recreate strategy
 * waits for (pkg/controller/deployment/recreate.go oldPodsRunning). "Before" is in the order of
 * writes, so a new pod created in the same millisecond as the last old pod went still counts as after.
 */
export function goneBeforeCreated(timeline: PodTimeline, old: readonly string[], fresh: string): string | undefined {
  const oldKeys = new Set(old);
  const present = new Map<string, PodTransition>();
  for (const t of timeline.transitions) {
    if (t.cause === 'available') continue;
    const owner = t.view?.owner ?? '';
    if (t.cause === 'created' && t.view?.owner === fresh) {
      if (present.size === 0) return undefined;
      return `expected every pod of ${old.join(', ')} to be gone before the first pod of ${fresh} was created, but ${t.name} was created at ${formatOffset(t.time - timeline.span.fromTime)} while ${[...present.values()].map((p) => `${p.name} (${statusOf(p)})`).join(', ')} ${present.size === 1 ? 'was' : 'were'} still there`;
    }
    const stillThere = t.view !== undefined && oldKeys.has(owner) && !isGone(t);
    if (stillThere) present.set(t.uid, t);
    else present.delete(t.uid);
  }
  return `no pod of ${fresh} was created during the rollout`;
}

function isGone(t: PodTransition): boolean {
  const phase = t.pod.status?.phase;
  return t.view === undefined || phase === 'Succeeded' || phase === 'Failed';
}

/**
 * The old and new ReplicaSets of a timeline: those that owned pods of its scope during the span;
 * the new one is the newest of them (highest Deployment revision, else created last).
 */
export function oldAndNew(timeline: PodTimeline): { old: ReplicaSetLife[]; fresh?: ReplicaSetLife } {
  const owners = new Set(timeline.transitions.map((t) => t.view?.owner ?? ownerKey(t.pod)));
  const involved = timeline.replicaSets.filter((l) => owners.has(`${l.kind}/${l.name}`));
  const fresh = newestOf(involved);
  return { old: involved.filter((l) => l !== fresh), fresh };
}

/** `at 12s, after web-5f-x2 became 1/1 Terminating`: when a moment was, counted from the span's start, and what made it. */
function at(timeline: PodTimeline, m: Moment): string {
  const when = formatOffset(m.time - timeline.span.fromTime);
  if (m.transitions.length === 0 || m.transitions[0].cause === 'initial') return `at the start (${when})`;
  return `at ${when}, after ${m.transitions.map(describeTransition).join(', ')},`;
}

function describeTransition(t: PodTransition): string {
  switch (t.cause) {
    case 'created':
      return `${t.name} was created`;
    case 'deleted':
      return `${t.name} was removed`;
    case 'available':
      return `${t.name} became available`;
    default:
      return `${t.name} became ${statusOf(t)}`;
  }
}

function statusOf(t: PodTransition): string {
  const s = podSummary(t.pod, t.time);
  return `${s.ready} ${s.status}`;
}

/** The pods of a moment, one line each: name, owner, and how it counted. */
function describePods(m: Moment): string {
  const lines: string[] = [];
  for (const v of m.pods.values()) {
    const flags = [v.active ? 'existing' : '', v.running ? 'running' : '', v.ready ? 'ready' : '', v.available ? 'available' : '', v.terminating ? 'terminating' : ''].filter(Boolean);
    lines.push(`  ${v.name} (${v.owner || 'no owner'}): ${flags.join(', ') || 'finished'}`);
  }
  return lines.sort().join('\n') || '  (no pods)';
}
