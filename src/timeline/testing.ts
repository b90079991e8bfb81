import type { ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { Clock } from '../sim/clock.ts';
import type { KubeObject, Stored } from '../store/object.ts';
import { Store } from '../store/store.ts';

/** Virtual time 0 of the tests. */
export const T0 = Date.UTC(2024, 0, 1);

/**
 * Writes a cluster's history by hand for timeline tests: ReplicaSets and their pods going through
 * their phases at chosen virtual times, straight into a Store, as the controllers and kubelets would.
 */
export class HistoryBuilder {
  readonly clock = new Clock(T0);
  readonly store = new Store(this.clock, () => {});

  /** Moves virtual time to `seconds` after T0. */
  at(seconds: number): this {
    this.clock.advanceTo(T0 + seconds * 1000);
    return this;
  }

  rs(name: string, replicas: number, extra: { minReadySeconds?: number; revision?: number; deployment?: string; labels?: Record<string, string> } = {}): this {
    const labels = extra.labels ?? { app: 'web', rs: name };
    const obj: ReplicaSet & KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name,
        namespace: 'default',
        uid: `uid-${name}`,
        generation: 1,
        creationTimestamp: this.clock.rfc3339(),
        ...(extra.revision ? { annotations: { 'deployment.kubernetes.io/revision': String(extra.revision) } } : {}),
        ...(extra.deployment ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: extra.deployment, uid: `uid-${extra.deployment}`, controller: true }] } : {}),
      },
      spec: { replicas, minReadySeconds: extra.minReadySeconds, selector: { matchLabels: labels }, template: { metadata: { labels } } },
    };
    this.store.insert('replicasets.apps', obj);
    return this;
  }

  scale(name: string, replicas: number): this {
    const rs = this.store.get<ReplicaSet>('replicasets.apps', 'default', name)!;
    // A spec change: the API server bumps the generation.
    this.store.replace('replicasets.apps', { ...rs, metadata: { ...rs.metadata, generation: (rs.metadata.generation ?? 1) + 1 }, spec: { ...rs.spec!, replicas } });
    return this;
  }

  deleteRs(name: string): this {
    this.store.remove('replicasets.apps', 'default', name);
    return this;
  }

  /** A Pending pod of ReplicaSet `rs` (labels `app=web`, `rs=<rs>`), or a bare one. */
  pod(name: string, rs?: string, labels: Record<string, string> = { app: 'web', ...(rs ? { rs } : {}) }): this {
    const obj: Pod & KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        namespace: 'default',
        uid: `uid-${name}`,
        labels,
        creationTimestamp: this.clock.rfc3339(),
        ...(rs ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs, uid: `uid-${rs}`, controller: true }] } : {}),
      },
      spec: { containers: [{ name: 'web', image: 'web' }] },
      status: { phase: 'Pending' },
    };
    this.store.insert('pods', obj);
    return this;
  }

  /** Running, not yet ready. */
  run(name: string): this {
    return this.update(name, (p) => ({ ...p, status: { ...p.status, phase: 'Running', conditions: [{ type: 'Ready', status: 'False' }], containerStatuses: [container(false)] } }));
  }

  /** Running and Ready since now. */
  ready(name: string): this {
    return this.update(name, (p) => ({
      ...p,
      status: { ...p.status, phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: this.clock.rfc3339() }], containerStatuses: [container(true)] },
    }));
  }

  /** A status write that changes nothing a count reads (an IP). */
  touch(name: string): this {
    return this.update(name, (p) => ({ ...p, status: { ...p.status, podIP: '10.0.0.1' } }));
  }

  relabel(name: string, labels: Record<string, string>): this {
    return this.update(name, (p) => ({ ...p, metadata: { ...p.metadata, labels } }));
  }

  /** Being deleted (Terminating). */
  terminate(name: string): this {
    return this.update(name, (p) => ({ ...p, metadata: { ...p.metadata, deletionTimestamp: this.clock.rfc3339() } }));
  }

  /** Its containers stopped: phase Succeeded, not ready. */
  finish(name: string): this {
    return this.update(name, (p) => ({
      ...p,
      status: { ...p.status, phase: 'Succeeded', conditions: [{ type: 'Ready', status: 'False' }], containerStatuses: [{ ...container(false), state: { terminated: { exitCode: 0, reason: 'Completed' } } }] },
    }));
  }

  remove(name: string): this {
    this.store.remove('pods', 'default', name);
    return this;
  }

  /** The current resourceVersion, to mark a span's start. */
  get rv(): number {
    return this.store.resourceVersion;
  }

  /** The span from a mark to now. */
  since(fromRv: number, fromSeconds: number): { fromRv: number; fromTime: number; toRv: number; toTime: number } {
    return { fromRv, fromTime: T0 + fromSeconds * 1000, toRv: this.store.resourceVersion, toTime: this.clock.now() };
  }

  private update(name: string, change: (p: Stored<Pod>) => Pod & KubeObject): this {
    const pod = this.store.get<Pod>('pods', 'default', name)!;
    this.store.replace('pods', change(pod));
    return this;
  }
}

function container(ready: boolean): { name: string; image: string; imageID: string; ready: boolean; restartCount: number; state: { running: { startedAt: string } } } {
  return { name: 'web', image: 'web', imageID: '', ready, restartCount: 0, state: { running: { startedAt: '' } } };
}
