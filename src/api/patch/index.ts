import jsonpatch from 'fast-json-patch';
import type { Operation } from 'fast-json-patch';
import { clone } from '../equality.ts';
import type { KubeObject } from '../../store/object.ts';
import { strategicMerge } from './strategic.ts';

/** The patch types of PATCH requests and `kubectl patch --type`. */
export type PatchType = 'strategic' | 'merge' | 'json';

/** Applies a patch of the given type to a copy of `target`. */
export function applyPatch(target: KubeObject, type: PatchType, body: unknown): KubeObject {
  switch (type) {
    case 'strategic':
      return strategicMerge(clone(target), body, target.kind) as KubeObject;
    case 'merge':
      return mergePatch(clone(target), body) as KubeObject;
    case 'json': {
      if (!Array.isArray(body)) throw new Error('json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp');
      const result = jsonpatch.applyPatch(clone(target), body as Operation[], true, false);
      return result.newDocument as KubeObject;
    }
  }
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
