/**
 * The patchStrategy/patchMergeKey struct tags of the Kubernetes API types, which strategic merge
 * patch reads to know how to merge each field (staging/src/k8s.io/api/core/v1/types.go,
 * apps/v1/types.go, batch/v1/types.go; apimachinery pkg/apis/meta/v1/types.go for ownerReferences
 * and finalizers). A field without a tag merges as a map if it is one and is replaced whole if it
 * is a list.
 */

/** One field's tags: `patchStrategy:"merge,retainKeys" patchMergeKey:"name"`. */
export interface PatchMeta {
  /** `merge`: lists merge element by element (by mergeKey, or as a set of primitives); `replace`: the value is replaced whole. */
  readonly strategy: '' | 'merge' | 'replace';
  /** `retainKeys`: keys missing from the patch are cleared (union types such as Deployment.spec.strategy). */
  readonly retainKeys: boolean;
  /** The field identifying list elements; empty for lists of primitives. */
  readonly mergeKey: string;
}

/** What strategic merge patch knows about a struct: the tags of each of its fields (LookupPatchMeta). */
export interface PatchSchema {
  /** The tags of field `name`, and the schema of its value (of its elements, for a list). */
  lookup(name: string): { meta: PatchMeta; schema: PatchSchema };
}

const NONE: PatchMeta = { strategy: '', retainKeys: false, mergeKey: '' };
const merge = (mergeKey: string, retainKeys = false): PatchMeta => ({ strategy: 'merge', retainKeys, mergeKey });

/** Lists merged by a key wherever the field name appears in the built-in kinds. */
const BY_FIELD: Record<string, PatchMeta> = {
  containers: merge('name'),
  initContainers: merge('name'),
  ephemeralContainers: merge('name'),
  volumes: merge('name', true),
  env: merge('name'),
  volumeMounts: merge('mountPath'),
  volumeDevices: merge('devicePath'),
  imagePullSecrets: merge('name'),
  ownerReferences: merge('uid'),
  conditions: merge('type'),
  hostAliases: merge('ip'),
  topologySpreadConstraints: merge('topologyKey'),
  resourceClaims: merge('name', true),
  resourceClaimStatuses: merge('name', true),
  allocatedResourcesStatus: merge('name'),
  schedulingGates: merge('name'),
  podIPs: merge('ip'),
  hostIPs: merge('ip'),
};

/** The tags of the field at `path` (field names from the root; list indexes dropped) in `kind`. */
export function patchMetaFor(kind: string | undefined, path: readonly string[]): PatchMeta {
  const field = path[path.length - 1];
  const parent = path[path.length - 2];
  const depth = path.length;
  if (parent === 'metadata' && depth === 2) {
    if (field === 'finalizers') return merge('');
    if (field === 'ownerReferences') return merge('uid');
  }
  if (field === 'ports') {
    // Container ports merge by containerPort (core/v1 Container); a Service's by port (ServiceSpec).
    if (parent === 'containers' || parent === 'initContainers' || parent === 'ephemeralContainers') return merge('containerPort');
    if (kind === 'Service' && depth === 2 && parent === 'spec') return merge('port');
    return NONE;
  }
  if (field === 'addresses') return kind === 'Node' && depth === 2 && parent === 'status' ? merge('type') : NONE;
  if (field === 'podCIDRs') return kind === 'Node' && depth === 2 ? merge('') : NONE;
  if (field === 'secrets') return kind === 'ServiceAccount' && depth === 1 ? merge('name') : NONE;
  // DeploymentSpec.Strategy is a union: `patchStrategy:"retainKeys"` (apps/v1/types.go).
  if (field === 'strategy' && kind === 'Deployment' && depth === 2 && parent === 'spec') return { strategy: '', retainKeys: true, mergeKey: '' };
  return BY_FIELD[field] ?? NONE;
}

/** The schema of a built-in kind, answering from patchMetaFor as the walk descends. */
export function schemaForKind(kind: string | undefined, path: readonly string[] = []): PatchSchema {
  return {
    lookup(name) {
      const child = [...path, name];
      return { meta: patchMetaFor(kind, child), schema: schemaForKind(kind, child) };
    },
  };
}

/** A schema from a nested description, for tests that mirror upstream's test structs. */
export interface StructDescription {
  [field: string]: { meta?: Partial<PatchMeta>; of?: StructDescription } | undefined;
}

export function schemaFromDescription(description: StructDescription): PatchSchema {
  return {
    lookup(field) {
      const d = description[field];
      return { meta: { ...NONE, ...d?.meta }, schema: schemaFromDescription(d?.of ?? {}) };
    },
  };
}
