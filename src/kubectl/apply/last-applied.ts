import { clone } from '../../api/equality.ts';
import type { KubeObject } from '../../store/object.ts';
import { goJson } from './go-json.ts';

/** The annotation client-side apply keeps the applied configuration in (corev1.LastAppliedConfigAnnotation). */
export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * GetModifiedConfiguration (staging/src/k8s.io/kubectl/pkg/util/apply.go): the object as JSON,
 * without the annotation itself (its annotations map stays, even empty: `"annotations":{}`),
 * ending in a newline as json.Encoder writes it. With `annotate`, that text is put into the
 * annotation and the object encoded again: the configuration apply sends.
 */
export function modifiedConfiguration(obj: KubeObject, annotate: boolean): string {
  const copy = clone(obj);
  const annotations: Record<string, string> = { ...copy.metadata?.annotations };
  delete annotations[LAST_APPLIED];
  copy.metadata = { ...copy.metadata, annotations };
  const text = `${goJson(copy)}\n`;
  if (!annotate) return text;
  copy.metadata.annotations = { ...annotations, [LAST_APPLIED]: text };
  return `${goJson(copy)}\n`;
}

/** CreateApplyAnnotation: the object with its annotation set to its own configuration. */
export function withLastApplied(obj: KubeObject): KubeObject {
  const config = modifiedConfiguration(obj, false);
  return { ...obj, metadata: { ...obj.metadata, annotations: { ...obj.metadata?.annotations, [LAST_APPLIED]: config } } };
}

/** The last applied configuration of a live object, if it has one. */
export function lastApplied(obj: KubeObject): string | undefined {
  return obj.metadata?.annotations?.[LAST_APPLIED];
}

/** pruneNullsFromMap: apply drops nulls before a create, as an update would. */
export function pruneNulls<T>(value: T): T {
  if (Array.isArray(value)) return value.map(pruneNulls) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== null) out[k] = pruneNulls(v);
  return out as T;
}
