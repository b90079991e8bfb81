import type { KubeObject } from '../store/object.ts';
import { badRequestError, type StatusError } from './errors.ts';
import type { KindInfo } from './registry.ts';

/**
 * Type checks the API server's JSON decoder makes before anything else (a value of the wrong
 * JSON type cannot be decoded into the Go struct), for the fields this engine reads. The message
 * is encoding/json's, wrapped as the apiserver wraps decode errors:
 * `ReplicaSet in version "v1" cannot be handled as a ReplicaSet: json: cannot unmarshal …`.
 */
interface FieldType {
  path: string[];
  /** Go struct and field path as encoding/json names them. */
  goField: string;
  type: 'string' | 'int32' | 'int64' | 'map[string]string' | 'bool';
}

const META: FieldType[] = [
  { path: ['metadata', 'name'], goField: 'ObjectMeta.metadata.name', type: 'string' },
  { path: ['metadata', 'namespace'], goField: 'ObjectMeta.metadata.namespace', type: 'string' },
  { path: ['metadata', 'labels'], goField: 'ObjectMeta.metadata.labels', type: 'map[string]string' },
  { path: ['metadata', 'annotations'], goField: 'ObjectMeta.metadata.annotations', type: 'map[string]string' },
];

const BY_KIND: Record<string, FieldType[]> = {
  ReplicaSet: [
    { path: ['spec', 'replicas'], goField: 'ReplicaSetSpec.spec.replicas', type: 'int32' },
    { path: ['spec', 'minReadySeconds'], goField: 'ReplicaSetSpec.spec.minReadySeconds', type: 'int32' },
    { path: ['spec', 'selector', 'matchLabels'], goField: 'LabelSelector.spec.selector.matchLabels', type: 'map[string]string' },
    { path: ['spec', 'template', 'metadata', 'labels'], goField: 'ObjectMeta.spec.template.metadata.labels', type: 'map[string]string' },
  ],
  ReplicationController: [
    { path: ['spec', 'replicas'], goField: 'ReplicationControllerSpec.spec.replicas', type: 'int32' },
    { path: ['spec', 'minReadySeconds'], goField: 'ReplicationControllerSpec.spec.minReadySeconds', type: 'int32' },
    { path: ['spec', 'selector'], goField: 'ReplicationControllerSpec.spec.selector', type: 'map[string]string' },
    { path: ['spec', 'template', 'metadata', 'labels'], goField: 'ObjectMeta.spec.template.metadata.labels', type: 'map[string]string' },
  ],
  Pod: [
    { path: ['spec', 'terminationGracePeriodSeconds'], goField: 'PodSpec.spec.terminationGracePeriodSeconds', type: 'int64' },
    { path: ['spec', 'nodeSelector'], goField: 'PodSpec.spec.nodeSelector', type: 'map[string]string' },
  ],
};

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  return typeof v;
}

function check(value: unknown, t: FieldType): string | undefined {
  if (value === undefined || value === null) return undefined;
  const got = jsonType(value);
  switch (t.type) {
    case 'string':
      return got === 'string' ? undefined : `json: cannot unmarshal ${got} into Go struct field ${t.goField} of type string`;
    case 'bool':
      return got === 'boolean' ? undefined : `json: cannot unmarshal ${got} into Go struct field ${t.goField} of type bool`;
    case 'int32':
    case 'int64':
      if (got !== 'number') return `json: cannot unmarshal ${got} into Go struct field ${t.goField} of type ${t.type}`;
      return Number.isInteger(value) ? undefined : `json: cannot unmarshal number ${String(value)} into Go struct field ${t.goField} of type ${t.type}`;
    case 'map[string]string': {
      if (got !== 'object') return `json: cannot unmarshal ${got} into Go struct field ${t.goField} of type map[string]string`;
      for (const v of Object.values(value as Record<string, unknown>)) {
        const vt = jsonType(v);
        if (vt !== 'string' && vt !== 'null') return `json: cannot unmarshal ${vt} into Go struct field ${t.goField} of type string`;
      }
      return undefined;
    }
  }
}

/** The decode error for an incoming object, if any. */
export function decodeError(kind: KindInfo, obj: KubeObject): StatusError | undefined {
  for (const t of [...META, ...(BY_KIND[kind.kind] ?? [])]) {
    let v: unknown = obj;
    for (const p of t.path) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[p] : undefined;
    const msg = check(v, t);
    if (msg) return badRequestError(`${kind.kind} in version "${kind.version}" cannot be handled as a ${kind.kind}: ${msg}`);
  }
  return undefined;
}
