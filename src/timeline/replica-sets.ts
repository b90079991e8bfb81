import type { ReplicaSet } from 'kubernetes-types/apps/v1.js';
import { controllerOf, type Stored } from '../store/object.ts';
import type { Store } from '../store/store.ts';
import { replay, type Span } from './span.ts';

/** The resources whose objects own pods and keep a count of them (spec.replicas, spec.minReadySeconds). */
export const REPLICA_OWNERS: Record<string, string> = { ReplicaSet: 'replicasets.apps', ReplicationController: 'replicationcontrollers' };

/** `deployment.kubernetes.io/revision`: which ReplicaSet of a Deployment is its newest template. */
const REVISION = 'deployment.kubernetes.io/revision';

/** One change of a ReplicaSet's size: its spec.replicas after a write, or undefined once it is gone. */
export interface SizeChange {
  rv: number;
  time: number;
  replicas: number | undefined;
}

/** A ReplicaSet (or ReplicationController) over a span, as its own writes tell it. */
export interface ReplicaSetLife {
  kind: string;
  uid: string;
  name: string;
  namespace: string;
  /** The controller that owns it, e.g. `Deployment/myapp-deploy`. */
  controller?: string;
  /** Its spec.replicas when the span began; undefined if it did not exist yet. */
  initialReplicas: number | undefined;
  /** Every change of spec.replicas in the span, creation and removal included. */
  sizes: SizeChange[];
  /** spec.minReadySeconds, as last seen. */
  minReadySeconds: number;
  /** Its `deployment.kubernetes.io/revision`, as last seen (0 without one). */
  revision: number;
  /** Where it stands in creation order: its creationTimestamp, then the write that created it in the span. */
  created: [number, number];
}

/**
 * The ReplicaSets and ReplicationControllers of a namespace over a span, oldest first. They are
 * few, so all of them are rebuilt; what they tell is the arithmetic of a rollout (how each was
 * scaled) and which one is new.
 */
export function replicaSetLives(store: Store, span: Span, namespace: string | undefined): ReplicaSetLife[] {
  const lives: ReplicaSetLife[] = [];
  for (const [kind, resource] of Object.entries(REPLICA_OWNERS)) {
    const { initial, changes } = replay(store, resource, namespace, span, store.list(resource, namespace));
    const byUid = new Map<string, ReplicaSetLife>();
    const lifeOf = (obj: Stored, createdRv: number): ReplicaSetLife => {
      let life = byUid.get(obj.metadata.uid);
      if (!life) {
        const created = Date.parse(obj.metadata.creationTimestamp ?? '') || 0;
        life = { kind, uid: obj.metadata.uid, name: obj.metadata.name, namespace: obj.metadata.namespace ?? '', initialReplicas: undefined, sizes: [], minReadySeconds: 0, revision: 0, created: [created, createdRv] };
        byUid.set(obj.metadata.uid, life);
        lives.push(life);
      }
      const ref = controllerOf(obj);
      if (ref) life.controller = `${ref.kind}/${ref.name}`;
      life.minReadySeconds = (obj as Stored<ReplicaSet>).spec?.minReadySeconds ?? 0;
      life.revision = Number(obj.metadata.annotations?.[REVISION] ?? 0) || 0;
      return life;
    };
    for (const obj of initial.values()) lifeOf(obj, 0).initialReplicas = replicasOf(obj);
    for (const e of changes) {
      const life = lifeOf(e.object, e.type === 'ADDED' ? e.resourceVersion : 0);
      const before = e.type === 'ADDED' ? undefined : replicasOf(e.old ?? e.object);
      const after = e.type === 'DELETED' ? undefined : replicasOf(e.object);
      if (before !== after || e.type !== 'MODIFIED') life.sizes.push({ rv: e.resourceVersion, time: e.time, replicas: after });
    }
  }
  return lives.sort((a, b) => a.created[0] - b.created[0] || a.created[1] - b.created[1] || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function replicasOf(obj: Stored): number {
  return (obj as Stored<ReplicaSet>).spec?.replicas ?? 1;
}

/**
 * The sizes of some ReplicaSets through a span, one row per change: the first row is where they
 * stood when it began, then a row after every write that changed one of them (created, scaled,
 * deleted). A cell is spec.replicas, or `-` while that ReplicaSet does not exist.
 */
export function sizeRows(lives: readonly ReplicaSetLife[]): string[][] {
  const current = lives.map((l) => l.initialReplicas);
  const cell = (n: number | undefined) => (n === undefined ? '-' : String(n));
  const rows = [current.map(cell)];
  const changes = lives.flatMap((l, column) => l.sizes.map((s) => ({ ...s, column }))).sort((a, b) => a.rv - b.rv);
  for (const c of changes) {
    current[c.column] = c.replicas;
    rows.push(current.map(cell));
  }
  return rows;
}

/**
 * The new one among ReplicaSets: the highest `deployment.kubernetes.io/revision` (a Deployment's
 * current template, also after a rollback), else the one created last.
 */
export function newestOf(lives: readonly ReplicaSetLife[]): ReplicaSetLife | undefined {
  let best: ReplicaSetLife | undefined;
  for (const l of lives) if (!best || l.revision >= best.revision) best = l;
  return best;
}
