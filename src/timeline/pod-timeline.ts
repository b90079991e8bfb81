import type { Pod } from 'kubernetes-types/core/v1.js';
import type { Selector } from '../api/labels.ts';
import { isPodReady, isPodTerminal, podCondition } from '../api/pod-util.ts';
import { parseRfc3339 } from '../sim/clock.ts';
import { controllerOf, type Stored } from '../store/object.ts';
import type { Store } from '../store/store.ts';
import { replicaSetLives, type ReplicaSetLife } from './replica-sets.ts';
import { replay, type Span } from './span.ts';

/** Which pods a timeline counts. */
export interface PodScope {
  /** Their namespace; every namespace when undefined. */
  namespace?: string;
  /** Pods whose labels match any of these; every pod when undefined. */
  selectors?: readonly Selector[];
}

/**
 * How one pod counts at one moment. Like the ReplicaSet and Deployment controllers, only *active*
 * pods (not being deleted, not finished) count as existing, running, ready or available: a
 * Terminating pod is `terminating` and nothing else.
 */
export interface PodView {
  name: string;
  /** The pod's controller, `ReplicaSet/myapp-5d9c7b6f8d`, or '' for a pod without one. */
  owner: string;
  inScope: boolean;
  active: boolean;
  /** Active, phase Running. */
  running: boolean;
  /** Active, condition Ready True. */
  ready: boolean;
  /** Ready for at least its owner's minReadySeconds (pkg/api/v1/pod IsPodAvailable). */
  available: boolean;
  /** Being deleted and not yet finished. */
  terminating: boolean;
}

/** What counts: `existing` is the active pods. */
export type PodMeasure = 'existing' | 'running' | 'ready' | 'available' | 'terminating';

export type PodCounts = Record<PodMeasure, number>;

/** A change to one pod: a write, or the pod becoming available because time passed. */
export interface PodTransition {
  time: number;
  /** The write that made it; for `initial` the span's fromRv, for `available` the write the ready state came from. */
  rv: number;
  cause: 'initial' | 'created' | 'changed' | 'deleted' | 'available';
  uid: string;
  name: string;
  /** The pod as it now is, or undefined once it is gone. */
  view: PodView | undefined;
  /** The object behind the view (for messages): the pod after the write, or its last state. */
  pod: Stored<Pod>;
}

/**
 * A moment: the counts after a batch of transitions that form one observable state. The pods present
 * when the span began form the first moment; each write that changes a pod is a moment of its own
 * (even within one virtual millisecond, for a watcher could see it); pods becoming available at the
 * same instant by time alone form one moment, ahead of that instant's writes.
 */
export interface Moment {
  time: number;
  transitions: readonly PodTransition[];
  total: Readonly<PodCounts>;
  /** Counts per owner ('' for pods without a controller). Live objects: copy what you keep. */
  byOwner: ReadonlyMap<string, Readonly<PodCounts>>;
  /** Views of the in-scope pods present at this moment, by uid. Live: copy what you keep. */
  pods: ReadonlyMap<string, PodView>;
}

const zero = (): PodCounts => ({ existing: 0, running: 0, ready: 0, available: 0, terminating: 0 });

/** Order within one instant: the starting state, then pods that became available by time alone, then writes. */
const RANK: Record<PodTransition['cause'], number> = { initial: 0, available: 1, created: 2, changed: 2, deleted: 2 };

/**
 * The pods of a scope through a span, rebuilt from the store's history: every transition in order,
 * and the moments they make. Building costs the scope's present pods plus the writes since the span
 * began; walking the moments costs the transitions.
 */
export class PodTimeline {
  private constructor(
    readonly span: Span,
    readonly scope: PodScope,
    readonly transitions: readonly PodTransition[],
    /** The ReplicaSets and ReplicationControllers of the scope's namespace, oldest first. */
    readonly replicaSets: readonly ReplicaSetLife[],
  ) {}

  static build(store: Store, span: Span, scope: PodScope): PodTimeline {
    const lives = replicaSetLives(store, span, scope.namespace);
    const minReady = new Map(lives.map((l) => [l.uid, l.minReadySeconds]));
    const inScope = (pod: Stored) =>
      (scope.namespace === undefined || pod.metadata.namespace === scope.namespace) && (!scope.selectors || scope.selectors.some((s) => s.matches(pod.metadata.labels)));
    // The label index finds the scope's present pods; the replay adds any the span's writes touched.
    const current = scope.selectors ? scope.selectors.flatMap((s) => store.select('pods', scope.namespace, s)) : store.list('pods', scope.namespace);
    const { initial, changes } = replay(store, 'pods', scope.namespace, span, current);
    const transitions: PodTransition[] = [];
    const states = new Map<string, { pod: Stored<Pod>; rv: number; time: number; view: PodView }>();
    // Closes a pod's state at `until`: if it was ready but not yet available, it became available meanwhile.
    const close = (uid: string, until: number) => {
      const s = states.get(uid);
      if (!s || !s.view.inScope) return;
      const at = availableAt(s.pod, minReady);
      if (at !== undefined && at > s.time && at <= until) {
        transitions.push({ time: at, rv: s.rv, cause: 'available', uid, name: s.pod.metadata.name, view: viewOf(s.pod, at, minReady, inScope), pod: s.pod });
      }
    };
    for (const [uid, obj] of initial) {
      const pod = obj as Stored<Pod>;
      const view = viewOf(pod, span.fromTime, minReady, inScope);
      states.set(uid, { pod, rv: span.fromRv, time: span.fromTime, view });
      if (view.inScope) transitions.push({ time: span.fromTime, rv: span.fromRv, cause: 'initial', uid, name: pod.metadata.name, view, pod });
    }
    for (const e of changes) {
      const pod = e.object as Stored<Pod>;
      const uid = pod.metadata.uid;
      const before = states.get(uid);
      close(uid, e.time);
      const wasIn = before?.view.inScope ?? false;
      if (e.type === 'DELETED') {
        states.delete(uid);
        if (wasIn) transitions.push({ time: e.time, rv: e.resourceVersion, cause: 'deleted', uid, name: pod.metadata.name, view: undefined, pod: (e.old ?? pod) as Stored<Pod> });
        continue;
      }
      const view = viewOf(pod, e.time, minReady, inScope);
      states.set(uid, { pod, rv: e.resourceVersion, time: e.time, view });
      // A write that changes nothing the counts read (an IP, a container ID) makes no moment.
      if ((!wasIn && !view.inScope) || (before && sameView(before.view, view))) continue;
      transitions.push({ time: e.time, rv: e.resourceVersion, cause: e.type === 'ADDED' ? 'created' : 'changed', uid, name: pod.metadata.name, view, pod });
    }
    for (const uid of states.keys()) close(uid, span.toTime);
    transitions.sort((a, b) => a.time - b.time || RANK[a.cause] - RANK[b.cause] || a.rv - b.rv || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return new PodTimeline(span, scope, transitions, lives);
  }

  /**
   * Calls `visit` with every moment in order, the first being the state when the span began (even
   * with no pods). Stops early when `visit` returns false.
   */
  moments(visit: (m: Moment) => boolean | void): void {
    const total = zero();
    const byOwner = new Map<string, PodCounts>();
    const pods = new Map<string, PodView>();
    const apply = (t: PodTransition) => {
      const before = pods.get(t.uid);
      if (before) count(before, -1);
      const after = t.view?.inScope ? t.view : undefined;
      if (after) {
        pods.set(t.uid, after);
        count(after, 1);
      } else pods.delete(t.uid);
    };
    const count = (v: PodView, sign: 1 | -1) => {
      let own = byOwner.get(v.owner);
      if (!own) byOwner.set(v.owner, (own = zero()));
      for (const m of measures(v)) {
        total[m] += sign;
        own[m] += sign;
      }
    };
    const ts = this.transitions;
    let i = 0;
    // The first moment: the span's starting state.
    while (i < ts.length && ts[i].cause === 'initial') apply(ts[i++]);
    if (visit({ time: this.span.fromTime, transitions: ts.slice(0, i), total, byOwner, pods }) === false) return;
    while (i < ts.length) {
      let j = i + 1;
      // Pods becoming available at one instant by time alone are one moment; every write is its own.
      if (ts[i].cause === 'available') while (j < ts.length && ts[j].cause === 'available' && ts[j].time === ts[i].time) j++;
      for (let k = i; k < j; k++) apply(ts[k]);
      if (visit({ time: ts[i].time, transitions: ts.slice(i, j), total, byOwner, pods }) === false) return;
      i = j;
    }
  }
}

function sameView(a: PodView, b: PodView): boolean {
  return a.owner === b.owner && a.inScope === b.inScope && a.active === b.active && a.running === b.running && a.ready === b.ready && a.available === b.available && a.terminating === b.terminating;
}

function* measures(v: PodView): Generator<PodMeasure> {
  if (v.active) yield 'existing';
  if (v.running) yield 'running';
  if (v.ready) yield 'ready';
  if (v.available) yield 'available';
  if (v.terminating) yield 'terminating';
}

/** The controller of a pod as a key: `ReplicaSet/name`, or '' for none. */
export function ownerKey(pod: Stored): string {
  const ref = controllerOf(pod);
  return ref ? `${ref.kind}/${ref.name}` : '';
}

function minReadyOf(pod: Stored<Pod>, minReady: ReadonlyMap<string, number>): number {
  const ref = controllerOf(pod);
  return ref ? (minReady.get(ref.uid) ?? 0) : 0;
}

function viewOf(pod: Stored<Pod>, now: number, minReady: ReadonlyMap<string, number>, inScope: (p: Stored) => boolean): PodView {
  const terminal = isPodTerminal(pod);
  const deleting = !!pod.metadata.deletionTimestamp;
  const active = !terminal && !deleting;
  const ready = active && isPodReady(pod);
  const at = availableAt(pod, minReady);
  return {
    name: pod.metadata.name,
    owner: ownerKey(pod),
    inScope: inScope(pod),
    active,
    running: active && pod.status?.phase === 'Running',
    ready,
    available: ready && at !== undefined && at <= now,
    terminating: deleting && !terminal,
  };
}

/**
 * When an active, ready pod is (or will be) available: at once without minReadySeconds, else
 * minReadySeconds after its Ready condition's lastTransitionTime, as the controllers compute it.
 */
function availableAt(pod: Stored<Pod>, minReady: ReadonlyMap<string, number>): number | undefined {
  if (isPodTerminal(pod) || pod.metadata.deletionTimestamp || !isPodReady(pod)) return undefined;
  const seconds = minReadyOf(pod, minReady);
  if (seconds === 0) return -Infinity;
  const since = parseRfc3339(podCondition(pod, 'Ready')?.lastTransitionTime);
  return since === undefined ? undefined : since + seconds * 1000;
}
