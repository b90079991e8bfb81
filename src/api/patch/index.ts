import jsonpatch from 'fast-json-patch';
import type { Operation } from 'fast-json-patch';
import { clone, deepEqual } from '../equality.ts';
import { badRequestError, StatusError } from '../errors.ts';
import type { KubeObject } from '../../store/object.ts';
import { jsonValueKind } from './go-format.ts';
import { strategicMerge } from './strategic.ts';

/** The patch types of PATCH requests and `kubectl patch --type`. */
export type PatchType = 'strategic' | 'merge' | 'json';

/**
 * Applies a patch of the given type to a copy of `target`, failing as the API server's patch
 * handler does (staging/src/k8s.io/apiserver/pkg/endpoints/handlers/patch.go): an undecodable
 * body is a BadRequest, a JSON patch that cannot be applied a bare 422.
 */
export function applyPatch(target: KubeObject, type: PatchType, body: unknown): KubeObject {
  return dropEmptyMetadataMaps(patched(target, type, body));
}

function patched(target: KubeObject, type: PatchType, body: unknown): KubeObject {
  switch (type) {
    case 'strategic':
      return strategicMerge(clone(target), body, target.kind) as KubeObject;
    case 'merge':
      if (body !== null && (typeof body !== 'object' || Array.isArray(body))) {
        throw badRequestError(`error decoding patch: json: cannot unmarshal ${jsonValueKind(body)} into Go value of type map[string]interface {}`);
      }
      return (body === null ? clone(target) : mergePatch(clone(target), body)) as KubeObject;
    case 'json': {
      if (!Array.isArray(body)) {
        throw badRequestError(`error decoding patch: json: cannot unmarshal ${jsonValueKind(body)} into Go value of type []handlers.jsonPatchOp`);
      }
      try {
        return jsonpatch.applyPatch(clone(target), clone(body) as Operation[], true, false).newDocument as KubeObject;
      } catch {
        // errors.NewGenericServerResponse(422, …): the reason is Invalid, the message generic.
        throw new StatusError('Invalid', 'the server rejected our request due to an error in our request', { name: '', group: '', kind: '' });
      }
    }
  }
}

/**
 * The server decodes a patched object into ObjectMeta, whose labels and annotations are
 * `omitempty` maps: a patch that removes the last label leaves no `labels: {}` behind.
 */
function dropEmptyMetadataMaps(obj: KubeObject): KubeObject {
  const meta = obj.metadata as Record<string, unknown> | undefined;
  if (!meta) return obj;
  for (const field of ['labels', 'annotations']) {
    const v = meta[field];
    if (v !== null && typeof v === 'object' && Object.keys(v).length === 0) delete meta[field];
  }
  return obj;
}

/** RFC 7386 JSON merge patch: objects merge, `null` deletes, everything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return patch;
  const out: Record<string, unknown> = typeof target === 'object' && target !== null && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [k, v] of Object.entries(patch as Record<string, unknown>)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

/**
 * The RFC 7386 merge patch that turns `original` into `modified` (evanphx/json-patch
 * CreateMergePatch, which kubectl label/annotate send): changed and added keys, `null` for
 * removed ones, nested objects diffed recursively; arrays are replaced whole.
 */
export function createMergePatch(original: unknown, modified: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const a = (original ?? {}) as Record<string, unknown>;
  const b = (modified ?? {}) as Record<string, unknown>;
  for (const [k, v] of Object.entries(b)) {
    if (v === undefined) continue;
    const old = a[k];
    if (isObject(old) && isObject(v)) {
      const sub = createMergePatch(old, v);
      if (Object.keys(sub).length) out[k] = sub;
    } else if (!(k in a) || !deepEqual(old, v)) {
      out[k] = v;
    }
  }
  for (const k of Object.keys(a)) if (a[k] !== undefined && (!(k in b) || b[k] === undefined)) out[k] = null;
  return out;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
