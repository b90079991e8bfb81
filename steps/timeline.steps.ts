import { Then, When, type DataTable } from '@cucumber/cucumber';
import { Selector } from '../src/api/labels.ts';
import { atLeastEveryMoment, atMostAnyMoment, goneBeforeCreated, oldAndNew, replacedOneAtATime } from '../src/timeline/checks.ts';
import type { PodMeasure, PodTimeline } from '../src/timeline/pod-timeline.ts';
import { replicaSetLives, sizeRows, type ReplicaSetLife } from '../src/timeline/replica-sets.ts';
import { rolloutTimeline, type Rollout } from '../src/timeline/rollout.ts';
import { spanUntilNow } from '../src/timeline/span.ts';
import { diffRows } from './support/text-match.ts';
import type { KubespecWorld } from './world.ts';

function rolloutOf(world: KubespecWorld): Rollout {
  const rollout = world.rollout.rollout;
  if (!rollout) throw new Error('there is no rollout yet: note the time ("When I note the time") or run a command that changes a workload');
  return rollout;
}

/** The rollout's pods, or those a `matching "…"` names ('' for all), from the rollout's start until now. */
function timeline(world: KubespecWorld, selector?: string): PodTimeline {
  const { store, clock } = world.cluster;
  return rolloutTimeline(store, rolloutOf(world), clock.now(), selector === undefined ? undefined : Selector.parse(world.expand(selector)));
}

function holds(failure: string | undefined): void {
  if (failure) throw new Error(failure);
}

// Starts "the rollout" now: timeline steps look at what happens from here on. Without a note, the rollout starts with the last command line that changed a Deployment, ReplicaSet or other workload.
When('I note the time', function (this: KubespecWorld) {
  this.rollout.note(this.cluster.store.resourceVersion, this.cluster.clock.now());
});

// After every write since the rollout began (even within one millisecond), at least N of its pods (or `pods matching "app=web"`) existed (not being deleted), were running, ready, or available (ready for minReadySeconds).
Then('(during the rollout )at least {int} {pods} {pod-state} at every moment', function (this: KubespecWorld, n: number, selector: string | undefined, measure: PodMeasure) {
  holds(atLeastEveryMoment(timeline(this, selector), measure, n));
});

// After no write since the rollout began did more than N of its pods (or `pods matching "…"`) exist (not being deleted), run, or count as ready or available.
Then('(during the rollout )at most {int} {pods} {pod-state} at any moment', function (this: KubespecWorld, n: number, selector: string | undefined, measure: PodMeasure) {
  holds(atMostAnyMoment(timeline(this, selector), measure, n));
});

// Recreate: every pod of the rollout's old ReplicaSets was removed or finished before the first pod of the new one (highest revision, else created last) was created.
Then('every pod of the old ReplicaSet was gone before the first pod of the new one was created', function (this: KubespecWorld) {
  const t = timeline(this);
  const { old, fresh } = oldAndNew(t);
  if (!fresh || old.length === 0) throw new Error(`expected an old and a new ReplicaSet among the rollout's pods, found ${fresh ? `only ${fresh.name}` : 'none'}`);
  holds(goneBeforeCreated(t, old.map(ownerKey), ownerKey(fresh)));
});

// The same for two ReplicaSets named: every pod of the first was gone before the first pod of the second was created.
Then('every pod of ReplicaSet {string} was gone before the first pod of ReplicaSet {string} was created', function (this: KubespecWorld, old: string, fresh: string) {
  // Named ReplicaSets: every pod of the namespace counts, whichever workloads the rollout changed.
  holds(goneBeforeCreated(timeline(this, ''), [`ReplicaSet/${this.expand(old)}`], `ReplicaSet/${this.expand(fresh)}`));
});

// With N the rollout's pods when it began: at every moment, the pods short of N available plus the pods beyond N existing were at most one (maxSurge 1 / maxUnavailable 0 passes, so does 0 / 1; 1 / 1 does not).
Then('pods were replaced one at a time', function (this: KubespecWorld) {
  holds(replacedOneAtATime(timeline(this)));
});

// The sizes (spec.replicas) of the Deployment's ReplicaSets, oldest first, when the rollout began and after each change; the header only names the columns; `-` while one does not exist.
Then('the ReplicaSets of deployment {string} were scaled:', function (this: KubespecWorld, name: string, table: DataTable) {
  const all = lives(this);
  const owned = all.filter((l) => l.controller === `Deployment/${this.expand(name)}`);
  if (owned.length === 0) throw new Error(`deployment ${name} had no ReplicaSets during the rollout; there were: ${all.map((l) => l.name).join(', ') || 'none'}`);
  expectSizes(table, owned);
});

// The same for the ReplicaSets the header names, in its order.
Then('the ReplicaSets were scaled:', function (this: KubespecWorld, table: DataTable) {
  const all = lives(this);
  const named = table.raw()[0].map((cell) => {
    const life = all.find((l) => l.name === this.expand(cell));
    if (!life) throw new Error(`no ReplicaSet ${cell} during the rollout; there were: ${all.map((l) => l.name).join(', ') || 'none'}`);
    return life;
  });
  expectSizes(table, named);
});

function lives(world: KubespecWorld): ReplicaSetLife[] {
  const rollout = rolloutOf(world);
  const { store, clock } = world.cluster;
  return replicaSetLives(store, spanUntilNow(store, rollout.fromRv, rollout.fromTime, clock.now()), 'default');
}

function expectSizes(table: DataTable, lives: ReplicaSetLife[]): void {
  const [header, ...expected] = table.raw();
  const actual = sizeRows(lives);
  const diff = header.length === lives.length ? diffRows(expected, actual) : `expected ${header.length} ReplicaSets, there were ${lives.length}`;
  if (diff) throw new Error(`the ReplicaSets ${lives.map((l) => l.name).join(', ')} were scaled differently:\n${diff}`);
}

function ownerKey(life: ReplicaSetLife): string {
  return `${life.kind}/${life.name}`;
}
