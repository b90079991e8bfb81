import type { Deployment, DeploymentSpec, ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { Event } from 'kubernetes-types/core/v1.js';
import type { Cluster } from '../../cluster.ts';
import type { KubeObject, Stored } from '../../store/object.ts';

/** Builders and readers shared by the Deployment controller's tests. */

/** A Deployment `name` selecting `app: <name>`, running `image`, with spec overrides. */
export function newDeployment(name: string, replicas: number, image = 'ikubernetes/myapp:v1', spec: Partial<DeploymentSpec> = {}): Deployment & KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image }] } },
      ...spec,
    },
  };
}

/** Rolling-update strategy with absolute fenceposts. */
export function rolling(maxSurge: number | string, maxUnavailable: number | string): Partial<DeploymentSpec> {
  return { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge, maxUnavailable } } };
}

/** Changes the container image, as `kubectl set image` does. */
export function setImage(cluster: Cluster, name: string, image: string): void {
  cluster.api.patch('deployments.apps', 'default', name, 'strategic', { spec: { template: { spec: { containers: [{ name: 'app', image }] } } } });
}

export function getDeployment(cluster: Cluster, name: string): Stored<Deployment> {
  return cluster.store.get<Deployment>('deployments.apps', 'default', name)!;
}

/** The Deployment's ReplicaSets, oldest revision first. */
export function replicaSetsOf(cluster: Cluster, name: string): Stored<ReplicaSet>[] {
  const d = getDeployment(cluster, name);
  const revisionOf = (rs: ReplicaSet) => Number(rs.metadata?.annotations?.['deployment.kubernetes.io/revision'] ?? 0);
  return cluster.store.byIndex<ReplicaSet>('replicasets.apps', 'controller', d.metadata.uid).sort((a, b) => revisionOf(a) - revisionOf(b));
}

/** The ReplicaSet carrying revision `n`. */
export function replicaSetAtRevision(cluster: Cluster, name: string, n: number): Stored<ReplicaSet> | undefined {
  return replicaSetsOf(cluster, name).find((rs) => rs.metadata.annotations?.['deployment.kubernetes.io/revision'] === String(n));
}

/**
 * Every change of spec.replicas among the given ReplicaSets after history index `since`, as the
 * tuple of all their sizes after the change (in the order of `names`; 0 before one exists).
 */
export function sizeSequence(cluster: Cluster, names: string[], since: number): number[][] {
  const sizes = names.map(() => 0);
  for (const e of cluster.store.history.slice(0, since)) {
    const i = names.indexOf(e.object.metadata.name);
    if (e.resource === 'replicasets.apps' && i >= 0) sizes[i] = (e.object as ReplicaSet).spec?.replicas ?? 0;
  }
  const out: number[][] = [];
  for (const e of cluster.store.history.slice(since)) {
    const i = names.indexOf(e.object.metadata.name);
    if (e.resource !== 'replicasets.apps' || i < 0) continue;
    const n = e.type === 'DELETED' ? 0 : ((e.object as ReplicaSet).spec?.replicas ?? 0);
    if (n === sizes[i]) continue;
    sizes[i] = n;
    out.push([...sizes]);
  }
  return out;
}

/** Messages of the Deployment's events with `reason`, oldest first. */
export function eventMessages(cluster: Cluster, name: string, reason: string): string[] {
  return cluster.events.eventsFor(getDeployment(cluster, name)).filter((e: Stored<Event>) => e.reason === reason).map((e) => e.message ?? '');
}

/** The Deployment's condition of `type`. */
export function conditionOf(cluster: Cluster, name: string, type: string) {
  return getDeployment(cluster, name).status?.conditions?.find((c) => c.type === type);
}
