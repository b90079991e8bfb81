/**
 * The patchStrategy/patchMergeKey struct tags of the Kubernetes API types
 * (staging/src/k8s.io/api/core/v1/types.go, apps/v1/types.go, meta/v1/types.go) for the lists a
 * strategic merge patch merges element by element. Lists not named here are replaced whole.
 */
export type ListStrategy = { kind: 'merge'; key: string } | { kind: 'set' } | { kind: 'replace' };

const BY_FIELD: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  volumes: 'name',
  env: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  imagePullSecrets: 'name',
  ownerReferences: 'uid',
  conditions: 'type',
  hostAliases: 'ip',
  topologySpreadConstraints: 'topologyKey',
  resourceClaims: 'name',
  schedulingGates: 'name',
  podIPs: 'ip',
  hostIPs: 'ip',
  addresses: 'type',
};

/** The strategy for the list at `path` (field names from the root, array indexes dropped). */
export function listStrategy(kind: string | undefined, path: readonly string[]): ListStrategy {
  const field = path[path.length - 1];
  const parent = path[path.length - 2];
  if (field === 'finalizers' && parent === 'metadata') return { kind: 'set' };
  if (field === 'ports') {
    // Container ports merge by containerPort; a Service's ports by port.
    if (parent === 'containers' || parent === 'initContainers' || parent === 'ephemeralContainers') return { kind: 'merge', key: 'containerPort' };
    if (kind === 'Service' && path.length === 2 && parent === 'spec') return { kind: 'merge', key: 'port' };
    return { kind: 'replace' };
  }
  if (field === 'addresses' && !(kind === 'Node' && parent === 'status')) return { kind: 'replace' };
  const key = BY_FIELD[field];
  return key ? { kind: 'merge', key } : { kind: 'replace' };
}
