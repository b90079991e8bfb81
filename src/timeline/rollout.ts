import type { LabelSelector } from 'kubernetes-types/meta/v1.js';
import { Selector } from '../api/labels.ts';
import { controllerOf, type Stored } from '../store/object.ts';
import type { Store } from '../store/store.ts';
import type { WatchEvent } from '../store/watch-event.ts';
import { PodTimeline, type PodScope } from './pod-timeline.ts';
import { entriesOf, spanUntilNow } from './span.ts';

/** Resources whose objects run pods from a template: what a user rolls out. */
const WORKLOADS = new Set(['deployments.apps', 'replicasets.apps', 'replicationcontrollers', 'statefulsets.apps', 'daemonsets.apps']);

/** A workload a command changed, and the pods it selects. */
export interface WorkloadRef {
  kind: string;
  namespace: string;
  name: string;
  selector: Selector;
}

/**
 * The top-level workloads (those no controller owns: a Deployment, a ReplicaSet made by hand, not
 * a Deployment's ReplicaSets) whose spec the writes after `fromRv` up to `toRv` created, changed
 * (a new generation) or deleted.
 */
export function changedWorkloads(history: readonly WatchEvent[], fromRv: number, toRv: number): WorkloadRef[] {
  const out = new Map<string, WorkloadRef>();
  for (const e of entriesOf(history, { fromRv, toRv })) {
    if (!WORKLOADS.has(e.resource) || controllerOf(e.object)) continue;
    if (e.type === 'MODIFIED' && e.old?.metadata.generation === e.object.metadata.generation) continue;
    const { kind, metadata } = e.object;
    out.set(`${e.resource}/${metadata.namespace}/${metadata.name}`, { kind, namespace: metadata.namespace ?? 'default', name: metadata.name, selector: selectorOf(e.object) });
  }
  return [...out.values()];
}

/** The pods a workload selects: spec.selector, a map for a ReplicationController (its template's labels when unset). */
function selectorOf(obj: Stored): Selector {
  const spec = (obj as Stored & { spec?: { selector?: LabelSelector | Record<string, string>; template?: { metadata?: { labels?: Record<string, string> } } } }).spec;
  if (obj.kind === 'ReplicationController') return Selector.fromSet((spec?.selector as Record<string, string> | undefined) ?? spec?.template?.metadata?.labels);
  try {
    return Selector.fromLabelSelector(spec?.selector as LabelSelector | undefined);
  } catch {
    return Selector.nothing();
  }
}

/** Where a rollout began, and the workloads it is about. */
export interface Rollout {
  fromRv: number;
  fromTime: number;
  workloads: WorkloadRef[];
  /** Whether a step noted its start (rather than a command that changed a workload). */
  noted: boolean;
}

/**
 * Keeps track of "the rollout" timeline steps talk about. It runs from the moment a step noted the
 * time, or, until one does, from the start of the last command line that changed a workload; it
 * ends now. Its workloads are those the commands since then changed (with a noted start, all of
 * them accumulate; otherwise those of that one command).
 */
export class RolloutTracker {
  private current?: Rollout;
  /** Where the first command that changed a workload began: the start of a scenario's picture. */
  first?: { fromRv: number; fromTime: number };

  /** Starts the rollout here. */
  note(rv: number, time: number): void {
    this.current = { fromRv: rv, fromTime: time, workloads: [], noted: true };
  }

  /** Records a command line that began after write `beforeRv` at `time`, if it changed a workload. */
  commandRan(history: readonly WatchEvent[], beforeRv: number, afterRv: number, time: number): void {
    const changed = changedWorkloads(history, beforeRv, afterRv);
    if (changed.length === 0) return;
    this.first ??= { fromRv: beforeRv, fromTime: time };
    if (!this.current?.noted) {
      this.current = { fromRv: beforeRv, fromTime: time, workloads: changed, noted: false };
      return;
    }
    const known = this.current.workloads;
    for (const w of changed) if (!known.some((k) => k.kind === w.kind && k.namespace === w.namespace && k.name === w.name)) known.push(w);
  }

  get rollout(): Rollout | undefined {
    return this.current;
  }
}

/**
 * The pods a rollout is about: those its workloads select, or, when it names none (a noted start
 * and no workload changed since), every pod of `namespace`.
 */
export function rolloutScope(rollout: Rollout, namespace = 'default'): PodScope {
  if (rollout.workloads.length === 0) return { namespace };
  const namespaces = new Set(rollout.workloads.map((w) => w.namespace));
  return { namespace: namespaces.size === 1 ? [...namespaces][0] : undefined, selectors: rollout.workloads.map((w) => w.selector) };
}

/**
 * The timeline of a rollout, from its start to `now`: of the pods matching `selector` in
 * `namespace` when one is given, else of the rollout's own pods.
 */
export function rolloutTimeline(store: Store, rollout: Rollout, now: number, selector?: Selector, namespace = 'default'): PodTimeline {
  const scope = selector ? { namespace, selectors: [selector] } : rolloutScope(rollout, namespace);
  return PodTimeline.build(store, spanUntilNow(store, rollout.fromRv, rollout.fromTime, now), scope);
}
