import { deepEqual } from '../../api/equality.ts';
import { formatGoValue, goTypeName } from '../../api/patch/go-format.ts';
import type { PatchSchema } from '../../api/patch/merge-keys.ts';
import {
  deduplicateScalars,
  DELETE_FROM_PRIMITIVE_LIST,
  DIRECTIVE,
  elementKind,
  isMap,
  mergeStrategic,
  normalizeSliceOrder,
  PatchError,
  RETAIN_KEYS,
  SET_ELEMENT_ORDER,
  type Json,
  type JsonMap,
} from '../../api/patch/strategic.ts';

/**
 * The patch-computing half of strategic merge patch
 * (staging/src/k8s.io/apimachinery/pkg/util/strategicpatch/patch.go: diffMaps, diffLists,
 * CreateTwoWayMergePatch, CreateThreeWayMergePatch), which `kubectl apply` and `kubectl edit`
 * use to turn "what the user wants" into a PATCH. The applying half is src/api/patch/strategic.ts.
 */

/** DiffOptions of patch.go. */
interface DiffOptions {
  /** Emit `$setElementOrder/<list>` for merge lists whose contents or order changed. */
  setElementOrder?: boolean;
  /** Leave out additions and changes (only deletions). */
  ignoreChangesAndAdditions?: boolean;
  /** Leave out deletions (only additions and changes). */
  ignoreDeletions?: boolean;
  /** Emit `$retainKeys` (the field's patchStrategy includes retainKeys). */
  buildRetainKeys?: boolean;
}

/**
 * CreateThreeWayMergePatch, with overwrite (kubectl apply's default `--overwrite=true`): the
 * changes from `current` (the live object) to `modified` (the file), without deletions, plus the
 * deletions from `original` (the last applied configuration) to `modified`. So fields removed
 * from the file since the last apply are deleted, and fields set by others are kept.
 *
 * Worked example (kubernetes.io, "Declarative management of Kubernetes objects using
 * configuration files", merge patch calculation): last applied `{minReadySeconds: 5, image:
 * nginx:1.14.2}`, file `{image: nginx:1.16.1}`, live `{replicas: 2 (set by kubectl scale),
 * minReadySeconds: 5, image: nginx:1.14.2}` → patch `{minReadySeconds: null, image:
 * nginx:1.16.1}`: minReadySeconds is cleared, the image updated, the scaled replicas kept.
 */
export function createThreeWayMergePatch(original: JsonMap | undefined, modified: JsonMap, current: JsonMap, schema: PatchSchema): JsonMap {
  const delta = diffMaps(current, modified, schema, { ignoreDeletions: true, setElementOrder: true });
  const deletions = diffMaps(original ?? {}, modified, schema, { setElementOrder: true, ignoreChangesAndAdditions: true });
  return mergeStrategic(deletions, delta, schema, { mergeParallelList: false, ignoreUnmatchedNulls: false });
}

/** CreateTwoWayMergePatch: the patch that turns `original` into `modified` (kubectl edit). */
export function createTwoWayMergePatch(original: JsonMap, modified: JsonMap, schema: PatchSchema): JsonMap {
  return diffMaps(original, modified, schema, { setElementOrder: true });
}

/** diffMaps: a (recursive) strategic merge patch from `original` to `modified`. */
export function diffMaps(original: JsonMap, modified: JsonMap, schema: PatchSchema, options: DiffOptions): JsonMap {
  const patch: JsonMap = {};
  const retainKeys: string[] = [];
  for (const [key, modifiedValue] of Object.entries(modified)) {
    if (options.buildRetainKeys && modifiedValue !== null) retainKeys.push(key);
    if (!Object.hasOwn(original, key)) {
      if (!options.ignoreChangesAndAdditions) patch[key] = modifiedValue;
      continue;
    }
    const originalValue = original[key];
    if (key === DIRECTIVE) {
      if (typeof originalValue !== 'string' || typeof modifiedValue !== 'string') throw new PatchError(`invalid value for special key: ${DIRECTIVE}`);
      if (originalValue !== modifiedValue) patch[DIRECTIVE] = modifiedValue;
      continue;
    }
    if (goTypeName(originalValue) !== goTypeName(modifiedValue)) {
      if (!options.ignoreChangesAndAdditions) patch[key] = modifiedValue;
      continue;
    }
    if (isMap(originalValue) && isMap(modifiedValue)) {
      diffMapField(key, originalValue, modifiedValue, patch, schema, options);
    } else if (Array.isArray(originalValue) && Array.isArray(modifiedValue)) {
      diffListField(key, originalValue, modifiedValue, patch, schema, options);
    } else if (!options.ignoreChangesAndAdditions && !deepEqual(originalValue, modifiedValue)) {
      patch[key] = modifiedValue;
    }
  }
  if (!options.ignoreDeletions) {
    for (const key of Object.keys(original)) if (!Object.hasOwn(modified, key)) patch[key] = null;
  }
  // $retainKeys goes in when something changes or the original has fields the file dropped.
  if (retainKeys.length && (Object.keys(patch).length || Object.entries(original).some(([k, v]) => v !== null && !Object.hasOwn(modified, k)))) {
    patch[RETAIN_KEYS] = sortScalars(retainKeys);
  }
  return patch;
}

/** handleMapDiff. */
function diffMapField(key: string, original: JsonMap, modified: JsonMap, patch: JsonMap, schema: PatchSchema, options: DiffOptions): void {
  const { meta, schema: sub } = schema.lookup(key);
  if (meta.strategy === 'replace') {
    if (!options.ignoreChangesAndAdditions) patch[key] = modified;
    return;
  }
  const value = diffMaps(original, modified, sub, { ...options, buildRetainKeys: meta.retainKeys });
  if (Object.keys(value).length) patch[key] = value;
}

/** handleSliceDiff: merge lists get items, a parallel deletion list and an order; others are replaced. */
function diffListField(key: string, original: Json[], modified: Json[], patch: JsonMap, schema: PatchSchema, options: DiffOptions): void {
  const { meta, schema: sub } = schema.lookup(key);
  if (meta.strategy !== 'merge') {
    if (!options.ignoreChangesAndAdditions && !deepEqual(original, modified)) patch[key] = modified;
    return;
  }
  const [items, deletions, order] = diffLists(original, modified, sub, meta.mergeKey, { ...options, buildRetainKeys: meta.retainKeys });
  if (items.length) patch[key] = items;
  if (deletions.length) patch[`${DELETE_FROM_PRIMITIVE_LIST}/${key}`] = deletions;
  if (order.length) patch[`${SET_ELEMENT_ORDER}/${key}`] = order;
}

/** diffLists: [patch items, primitive deletions, $setElementOrder] for a merge list. */
function diffLists(original: Json[], modified: Json[], schema: PatchSchema, mergeKey: string, options: DiffOptions): [Json[], Json[], Json[]] {
  if (original.length === 0) {
    if (modified.length === 0 || options.ignoreChangesAndAdditions) return [[], [], []];
    return [modified, [], []];
  }
  const kind = elementKind([original, modified]);
  if (kind === 'map') {
    const [changes, deletions] = diffListsOfMaps(original, modified, schema, mergeKey, options);
    const items = [...normalizeSliceOrder(changes, modified, mergeKey, kind), ...deletions];
    const orderSame = original.length === modified.length && modified.every((m, i) => keyOf(original[i], mergeKey) === keyOf(m, mergeKey));
    let order: Json[] = [];
    if (options.setElementOrder && ((!options.ignoreChangesAndAdditions && (items.length > 0 || !orderSame)) || (!options.ignoreDeletions && items.length > 0))) {
      order = modified.map((m) => ({ [mergeKey]: (m as JsonMap)[mergeKey] }));
    }
    return [items, [], order];
  }
  const [additions, deletions] = diffListsOfScalars(original, modified, options);
  const items = normalizeSliceOrder(additions, modified, mergeKey, kind);
  // diffListsOfScalars sorts the original in place before this comparison (patch.go), so an
  // unchanged but unsorted list of primitives still gets an order.
  const changed = !deepEqual(sortScalars([...original]), modified);
  const order = options.setElementOrder && ((!options.ignoreDeletions && deletions.length > 0) || (!options.ignoreChangesAndAdditions && changed)) ? modified : [];
  return [items, deletions, order];
}

function keyOf(item: Json, mergeKey: string): Json {
  if (!isMap(item) || !(mergeKey in item)) throw new PatchError(`map: ${formatGoValue(item)} does not contain declared merge key: ${mergeKey}`);
  return item[mergeKey];
}

/** `%v` of a merge key value, the string both lists are sorted and compared by. */
const goString = (v: Json): string => (v === null ? '<nil>' : String(v));

/**
 * diffListsOfMaps: walks both lists sorted by merge key; an item in both is diffed (keeping its
 * key), one only in modified is added, one only in original becomes `{$patch: delete}`.
 */
function diffListsOfMaps(original: Json[], modified: Json[], schema: PatchSchema, mergeKey: string, options: DiffOptions): [Json[], Json[]] {
  const byKey = (list: Json[]) => [...list].sort((a, b) => compareStrings(goString(keyOf(a, mergeKey)), goString(keyOf(b, mergeKey))));
  const a = byKey(original);
  const b = byKey(modified);
  const patch: Json[] = [];
  const deletions: Json[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const ka = i < a.length ? goString(keyOf(a[i], mergeKey)) : undefined;
    const kb = j < b.length ? goString(keyOf(b[j], mergeKey)) : undefined;
    if (ka !== undefined && kb !== undefined && ka === kb) {
      const value = diffMaps(a[i] as JsonMap, b[j] as JsonMap, schema, options);
      if (Object.keys(value).length) {
        value[mergeKey] = (b[j] as JsonMap)[mergeKey];
        patch.push(value);
      }
      i++;
      j++;
    } else if (ka === undefined || (kb !== undefined && ka > kb)) {
      if (!options.ignoreChangesAndAdditions) patch.push(b[j]);
      j++;
    } else {
      if (!options.ignoreDeletions) deletions.push({ [mergeKey]: (a[i] as JsonMap)[mergeKey], [DIRECTIVE]: 'delete' });
      i++;
    }
  }
  return [patch, deletions];
}

/** diffListsOfScalars: [additions, deletions] by walking both lists sorted by their `%v`. */
function diffListsOfScalars(original: Json[], modified: Json[], options: DiffOptions): [Json[], Json[]] {
  const a = sortScalars([...original]);
  const b = sortScalars([...modified]);
  const additions: Json[] = [];
  const deletions: Json[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const sa = i < a.length ? goString(a[i]) : undefined;
    const sb = j < b.length ? goString(b[j]) : undefined;
    if (sa !== undefined && sb !== undefined && sa === sb) {
      i++;
      j++;
    } else if (sa === undefined || (sb !== undefined && sa > sb)) {
      if (!options.ignoreChangesAndAdditions) additions.push(b[j]);
      j++;
    } else {
      if (!options.ignoreDeletions) deletions.push(a[i]);
      i++;
    }
  }
  return [additions, deduplicateScalars(deletions)];
}

/** Sorts primitives by their `%v` text, as sortScalars does (byte order, as Go compares strings). */
function sortScalars<T extends Json>(list: T[]): T[] {
  return list.sort((x, y) => compareStrings(goString(x), goString(y)));
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
