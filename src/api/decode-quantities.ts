import type { Container, PodSpec, Volume } from 'kubernetes-types/core/v1.js';
import type { KubeObject } from '../store/object.ts';
import { badRequestError, type StatusError } from './errors.ts';
import { Quantity, QuantityError } from './quantity.ts';
import type { KindInfo } from './registry.ts';

/**
 * resource.Quantity fields as the API server's decoder sees them (Quantity.UnmarshalJSON in
 * apimachinery/pkg/api/resource/quantity.go): quoted or bare text, trimmed, parsed; text that is
 * not a quantity fails the whole request as a decode error (BadRequest, `<Kind> in version "v1"
 * cannot be handled as a <Kind>: <ParseQuantity error>`); what parses is stored in canonical
 * form (`0.5` → `500m`, `1024Mi` → `1Gi`), as the object is re-encoded from the Go struct.
 */

/** The pod specs an object carries: a pod's own, or a workload's template's. */
function podSpecs(kind: KindInfo, obj: KubeObject): PodSpec[] {
  const o = obj as { spec?: PodSpec & { template?: { spec?: PodSpec } } };
  if (kind.kind === 'Pod') return o.spec ? [o.spec] : [];
  return o.spec?.template?.spec ? [o.spec.template.spec] : [];
}

/** Every quantity-valued map entry of the object's pod specs, as [holder, key] pairs. */
function quantityFields(kind: KindInfo, obj: KubeObject): [Record<string, unknown>, string][] {
  const out: [Record<string, unknown>, string][] = [];
  for (const spec of podSpecs(kind, obj)) {
    const containers: Container[] = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
    for (const c of containers) {
      for (const list of [c.resources?.limits, c.resources?.requests]) {
        if (list && typeof list === 'object') for (const k of Object.keys(list)) out.push([list as Record<string, unknown>, k]);
      }
    }
    for (const v of (spec.volumes ?? []) as Volume[]) {
      if (v.emptyDir && v.emptyDir.sizeLimit !== undefined) out.push([v.emptyDir as Record<string, unknown>, 'sizeLimit']);
    }
  }
  return out;
}

/** UnmarshalJSON's view of a value: null is the zero quantity; anything else is parsed as trimmed text. */
function decode(value: unknown): Quantity | null {
  if (value === null) return null;
  const text = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : JSON.stringify(value);
  return Quantity.parse(text);
}

/** The decode error for an object with a malformed quantity, if any. */
export function quantityDecodeError(kind: KindInfo, obj: KubeObject): StatusError | undefined {
  for (const [holder, key] of quantityFields(kind, obj)) {
    try {
      decode(holder[key]);
    } catch (e) {
      if (!(e instanceof QuantityError)) throw e;
      return badRequestError(`${kind.kind} in version "${kind.version}" cannot be handled as a ${kind.kind}: ${e.message}`);
    }
  }
  return undefined;
}

/** Rewrites the object's quantities in canonical form (call on the server's own copy, after quantityDecodeError). */
export function canonicalizeQuantities(kind: KindInfo, obj: KubeObject): void {
  for (const [holder, key] of quantityFields(kind, obj)) {
    const q = decode(holder[key]);
    holder[key] = q === null ? '0' : q.toString();
  }
}
