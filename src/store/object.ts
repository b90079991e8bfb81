import type { ObjectMeta, OwnerReference } from 'kubernetes-types/meta/v1.js';

/** Any Kubernetes object as the store holds it. Typed kinds come from kubernetes-types. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
}

/** An object whose other fields are reached generically (spec, status, data …). */
export type AnyObject = KubeObject & Record<string, unknown>;

/** Drops `readonly` (kubernetes-types marks server-set fields readonly; the server sets them). */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** An object the store has accepted: metadata and its name are always present. */
export type Stored<T extends KubeObject = KubeObject> = T & {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta & { name: string; uid: string; resourceVersion: string };
};

/** `ns/name` for namespaced objects, `name` for cluster-scoped ones. */
export function objectKey(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

/** Splits a key made by objectKey. */
export function splitKey(key: string): { namespace?: string; name: string } {
  const i = key.indexOf('/');
  return i < 0 ? { name: key } : { namespace: key.slice(0, i), name: key.slice(i + 1) };
}

/** The store key of an object. */
export function keyOf(obj: KubeObject): string {
  return objectKey(obj.metadata?.namespace, obj.metadata?.name ?? '');
}

/** The ownerReference with controller: true, if any. */
export function controllerOf(obj: KubeObject): OwnerReference | undefined {
  return obj.metadata?.ownerReferences?.find((r) => r.controller);
}

/** Whether the object is being deleted (deletionTimestamp set). */
export function isDeleting(obj: KubeObject): boolean {
  return !!obj.metadata?.deletionTimestamp;
}

/** A deep copy through JSON: what a client gets when it decodes a response. */
export function deepCopy<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** Freezes an object graph; the store freezes what it holds when KUBESPEC_FREEZE=1 (tests). */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as object)) deepFreeze(v);
  }
  return value;
}
