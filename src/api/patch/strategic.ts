import { deepEqual } from '../equality.ts';
import { formatGoValue, goTypeName, jsonValueKind } from './go-format.ts';
import { schemaForKind, type PatchMeta, type PatchSchema } from './merge-keys.ts';

/**
 * Strategic merge patch, as staging/src/k8s.io/apimachinery/pkg/util/strategicpatch/patch.go
 * applies it: maps merge recursively and `null` deletes; lists tagged `patchStrategy:"merge"`
 * merge element by element (by their merge key, or as sets of primitives) and keep their order
 * by the rules of the preserve-order design (`$setElementOrder/<list>` first, then the order in
 * the patch, then the live order); the directives `$patch: replace|delete`,
 * `$deleteFromPrimitiveList/<list>` and `$retainKeys` are honoured. The same merge, with
 * `mergeParallelList` off and nulls kept, combines two patches into one (kubectl's three-way
 * patch, see src/kubectl/apply/three-way.ts).
 */
export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type JsonMap = { [k: string]: Json };

export const DIRECTIVE = '$patch';
export const RETAIN_KEYS = '$retainKeys';
export const DELETE_FROM_PRIMITIVE_LIST = '$deleteFromPrimitiveList';
export const SET_ELEMENT_ORDER = '$setElementOrder';

export const isMap = (v: unknown): v is JsonMap => typeof v === 'object' && v !== null && !Array.isArray(v);

/** MergeOptions of patch.go. */
export interface MergeOptions {
  /** Apply `$setElementOrder` and `$deleteFromPrimitiveList` (server side) rather than carry them (merging two patches). */
  mergeParallelList: boolean;
  /** Drop nulls that match nothing (server side) rather than keep them as deletions (merging two patches). */
  ignoreUnmatchedNulls: boolean;
}

/** A malformed patch; the API server answers BadRequest with this message. */
export class PatchError extends Error {}

// The error texts of staging/src/k8s.io/apimachinery/pkg/util/mergepatch/errors.go.
const badRetainKeys = () => new PatchError('invalid patch format of retainKeys');
const badSetElementOrder = () => new PatchError('invalid patch format of setElementOrder list');
const badArgType = (expected: string, actual: unknown) => new PatchError(`expected a ${expected}, but received a ${goTypeName(actual)}`);
const noMergeKey = (m: unknown, key: string) => new PatchError(`map: ${formatGoValue(m)} does not contain declared merge key: ${key}`);
const badPatchType = (t: unknown, m: unknown) => new PatchError(`unknown patch type: ${formatGoValue(t)} in map: ${formatGoValue(m)}`);

/** Applies a strategic merge patch to an object the way the API server does for PATCH. */
export function strategicMerge(original: unknown, patch: unknown, kind?: string): unknown {
  if (patch === null) return original;
  if (!isMap(patch)) throw new PatchError(`json: cannot unmarshal ${jsonValueKind(patch)} into Go value of type map[string]interface {}`);
  const merged = mergeStrategic(isMap(original) ? structuredClone(original) : {}, structuredClone(patch), schemaForKind(kind), {
    mergeParallelList: true,
    ignoreUnmatchedNulls: true,
  });
  // The server decodes the result into the typed object, which drops whatever directive keys
  // the merge left in place (removeDirectives keeps `$setElementOrder/…` inside added items).
  return dropDirectiveKeys(merged);
}

/** mergeMap: merges `patch` into `original` (which it may modify) and returns the result. */
export function mergeStrategic(original: JsonMap, patch: JsonMap, schema: PatchSchema, options: MergeOptions): JsonMap {
  if (DIRECTIVE in patch) return directiveInMap(patch[DIRECTIVE], patch);
  const rest: JsonMap = { ...patch };
  applyRetainKeys(original, rest, options);
  mergeElementOrders(original, rest, schema, options);
  for (const [key, patchValue] of Object.entries(rest)) {
    let k = key;
    let isDeleteList = false;
    if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
      if (!options.mergeParallelList) {
        original[key] = patchValue;
        continue;
      }
      k = extractKey(key, DELETE_FROM_PRIMITIVE_LIST);
      isDeleteList = true;
    }
    if (patchValue === null) {
      delete original[k];
      if (options.ignoreUnmatchedNulls) continue;
    }
    if (!Object.hasOwn(original, k) || goTypeName(original[k]) !== goTypeName(patchValue)) {
      if (!isDeleteList) setWithoutDirectives(original, k, patchValue, options);
      continue;
    }
    const current = original[k];
    if (isMap(current) && isMap(patchValue)) {
      const { meta, schema: sub } = schema.lookup(k);
      original[k] = meta.strategy === 'replace' ? patchValue : mergeStrategic(current, patchValue, sub, options);
    } else if (Array.isArray(current) && Array.isArray(patchValue)) {
      const { meta, schema: sub } = schema.lookup(k);
      original[k] = mergeListField(current, patchValue, sub, meta, isDeleteList, options, k);
    } else {
      setWithoutDirectives(original, k, patchValue, { ...options, ignoreUnmatchedNulls: false });
    }
  }
  return original;
}

/** handleDirectiveInMergeMap: `$patch: replace` keeps the patch as is, `$patch: delete` empties the map. */
function directiveInMap(directive: Json, patch: JsonMap): JsonMap {
  if (directive === 'replace') {
    const { [DIRECTIVE]: _, ...rest } = patch;
    return rest;
  }
  if (directive === 'delete') return {};
  throw badPatchType(directive, patch);
}

function setWithoutDirectives(target: JsonMap, key: string, value: Json, options: MergeOptions): void {
  const cleaned = options.ignoreUnmatchedNulls ? discardNulls(value) : value;
  const [v, keep] = removeDirectives(cleaned);
  if (keep) target[key] = v;
  else delete target[key];
}

/** applyRetainKeysDirective: clears the keys of `original` that `$retainKeys` does not list. */
function applyRetainKeys(original: JsonMap, patch: JsonMap, options: MergeOptions): void {
  if (!(RETAIN_KEYS in patch)) return;
  const retain = patch[RETAIN_KEYS];
  delete patch[RETAIN_KEYS];
  if (!options.mergeParallelList) {
    if (RETAIN_KEYS in original) {
      if (!deepEqual(original[RETAIN_KEYS], retain)) {
        throw new PatchError(`${formatGoValue(original[RETAIN_KEYS])} and ${formatGoValue(retain)} are not deep equal: this may happen when calculating the 3-way diff patch`);
      }
    } else {
      original[RETAIN_KEYS] = retain;
    }
    return;
  }
  if (!Array.isArray(retain)) throw badRetainKeys();
  const keep = new Set(retain);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k.startsWith(DELETE_FROM_PRIMITIVE_LIST) || k.startsWith(SET_ELEMENT_ORDER)) continue;
    if (!keep.has(k)) throw badRetainKeys();
  }
  for (const k of Object.keys(original)) if (!keep.has(k)) delete original[k];
}

/**
 * mergePatchIntoOriginal: each `$setElementOrder/<list>` merges its list now and orders the
 * result: items the order names first, as it names them, interleaved with the live-only items.
 */
function mergeElementOrders(original: JsonMap, patch: JsonMap, schema: PatchSchema, options: MergeOptions): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ELEMENT_ORDER)) continue;
    const order = patch[key];
    if (!options.mergeParallelList) {
      if (Object.hasOwn(original, key)) {
        if (!deepEqual(original[key], order)) throw badSetElementOrder();
      } else {
        original[key] = order;
      }
    }
    delete patch[key];
    if (!Array.isArray(order)) throw badArgType('[]interface {}', order);
    const field = extractKey(key, SET_ELEMENT_ORDER);
    const foundOriginal = Object.hasOwn(original, field);
    const foundPatch = Object.hasOwn(patch, field);
    let originalList: Json[] = [];
    let patchList: Json[] = [];
    if (foundOriginal) {
      const v = original[field];
      if (!Array.isArray(v)) throw badArgType('[]interface {}', v);
      originalList = v;
    }
    if (foundPatch) {
      const v = patch[field];
      if (!Array.isArray(v)) throw badArgType('[]interface {}', v);
      patchList = v;
    }
    const { meta, schema: sub } = schema.lookup(field);
    validatePatchWithSetOrderList(patchList, order, meta.mergeKey);
    let merged: Json[];
    if (foundOriginal && !foundPatch) merged = originalList;
    else if (!foundOriginal && foundPatch) merged = removeDirectives(patchList)[0] as Json[];
    else if (foundOriginal && foundPatch) merged = mergeListField(originalList, patchList, sub, meta, false, options, field);
    else continue;
    const [patchItems, serverOnly] = meta.mergeKey ? partitionMaps(merged, order, meta.mergeKey) : partitionPrimitives(merged, order);
    const kind = elementKind([originalList, patchList]);
    const liveOrder = foundOriginal && foundPatch && meta.strategy === 'merge' && kind === 'map' ? liveOrderAfterMerge(originalList, patchList, meta.mergeKey) : originalList;
    original[field] = normalizeElementOrder(patchItems, serverOnly, order, liveOrder, meta.mergeKey, kind);
    delete patch[field];
  }
}

/**
 * The live list as mergePatchIntoOriginal sees it once the merge has run. In Go the merge works
 * on the live slice's backing array: deleting an item shifts the rest left (the last slot keeps
 * its old value) and appending a new item reuses the freed slot, so the "live order" the result
 * is sorted by is that mutated array. Upstream pins the outcome ("add map and delete map from
 * merging list": live [1, 2, 4], patch adds 3 and deletes 1 → [2, 4, 3], not [2, 3, 4]).
 */
function liveOrderAfterMerge(live: Json[], patch: Json[], mergeKey: string): Json[] {
  const backing = [...live];
  let length = backing.length;
  let replaced = false;
  for (const item of patch) {
    if (!isMap(item) || !(DIRECTIVE in item)) continue;
    if (item[DIRECTIVE] === 'replace') replaced = true;
    if (item[DIRECTIVE] !== 'delete') continue;
    for (let i = 0; i < length; ) {
      const e = backing[i];
      if (isMap(e) && mergeKey in e && e[mergeKey] === item[mergeKey]) {
        backing.copyWithin(i, i + 1, length);
        length--;
      } else {
        i++;
      }
    }
  }
  if (replaced) return backing;
  for (const item of patch) {
    if (!isMap(item) || DIRECTIVE in item) continue;
    const i = backing.slice(0, length).findIndex((e) => isMap(e) && e[mergeKey] === item[mergeKey]);
    if (i < 0 && length < backing.length) backing[length++] = item;
    else if (i < 0) length++;
  }
  return backing;
}

/** validatePatchWithSetOrderList: the patch items must appear in the order's relative order. */
function validatePatchWithSetOrderList(patchList: Json[], order: Json[], mergeKey: string): void {
  if (order.length === 0 || patchList.length === 0) return;
  const items = mergeKey ? splitDeletions(patchList)[0] : patchList;
  let p = 0;
  let o = 0;
  while (p < items.length && o < order.length) {
    if (isMap(items[p]) && DIRECTIVE in (items[p] as JsonMap)) {
      p++;
      continue;
    }
    if (mergeKeyValueEqual(items[p], order[o], mergeKey)) p++;
    o++;
  }
  if (p < items.length && o >= order.length) {
    throw new PatchError(`The order in patch list:\n${formatGoValue(patchList)}\n doesn't match ${SET_ELEMENT_ORDER} list:\n${formatGoValue(order)}\n`);
  }
}

function mergeKeyValueEqual(left: Json, right: Json, mergeKey: string): boolean {
  if (!mergeKey) return left === right;
  if (!isMap(left)) throw badArgType('map[string]interface {}', left);
  if (!isMap(right)) throw badArgType('map[string]interface {}', right);
  if (!(mergeKey in left)) throw noMergeKey(left, mergeKey);
  if (!(mergeKey in right)) throw noMergeKey(right, mergeKey);
  return left[mergeKey] === right[mergeKey];
}

/** mergeSliceHandler: merge lists (and deletion lists) merge; every other list is replaced. */
function mergeListField(original: Json[], patch: Json[], schema: PatchSchema, meta: PatchMeta, isDeleteList: boolean, options: MergeOptions, field: string): Json[] {
  if (meta.strategy === 'merge' || isDeleteList) return mergeList(original, patch, schema, meta.mergeKey, options, isDeleteList, field);
  return patch;
}

/** mergeSlice. */
function mergeList(original: Json[], patch: Json[], schema: PatchSchema, mergeKey: string, options: MergeOptions, isDeleteList: boolean, field: string): Json[] {
  if (original.length === 0 && patch.length === 0) return original;
  const kind = elementKind([original, patch]);
  let base = [...original];
  let items = patch;
  let merged: Json[];
  if (kind !== 'map') {
    if (options.mergeParallelList && isDeleteList) return base.filter((v) => !patch.includes(v));
    merged = deduplicateScalars([...base, ...items]);
  } else {
    if (!mergeKey) throw new PatchError(`cannot merge lists without merge key for ${field}`);
    [base, items] = applyListDirectives(base, items, mergeKey);
    merged = mergeByKey(base, items, mergeKey, schema, options);
  }
  const [patchItems, serverOnly] = mergeKey ? partitionMaps(merged, items, mergeKey) : partitionPrimitives(merged, items);
  return normalizeElementOrder(patchItems, serverOnly, items, base, mergeKey, kind);
}

/** mergeSliceWithSpecialElements: `$patch: delete` items remove by key; `$patch: replace` drops the original. */
function applyListDirectives(original: Json[], patch: Json[], mergeKey: string): [Json[], Json[]] {
  const rest: Json[] = [];
  let replace = false;
  let base = original;
  for (const v of patch) {
    const m = v as JsonMap;
    if (!(DIRECTIVE in m)) {
      rest.push(v);
      continue;
    }
    const directive = m[DIRECTIVE];
    if (directive === 'delete') {
      if (!(mergeKey in m)) throw noMergeKey(m, mergeKey);
      base = base.filter((e) => !(isMap(e) && mergeKey in e && e[mergeKey] === m[mergeKey]));
    } else if (directive === 'replace') {
      replace = true;
    } else if (directive === 'merge') {
      throw new PatchError('merging lists cannot yet be specified in the patch');
    } else {
      throw badPatchType(directive, m);
    }
  }
  return replace ? [rest, []] : [base, rest];
}

/** mergeSliceWithoutSpecialElements: an item whose key is live merges into it, a new one is appended. */
function mergeByKey(original: Json[], patch: Json[], mergeKey: string, schema: PatchSchema, options: MergeOptions): Json[] {
  const out = [...original];
  for (const v of patch) {
    const m = v as JsonMap;
    if (!(mergeKey in m)) throw noMergeKey(m, mergeKey);
    const i = findByKey(out, mergeKey, m[mergeKey]);
    if (i >= 0) out[i] = mergeStrategic({ ...(out[i] as JsonMap) }, m, schema, options);
    else out.push(v);
  }
  return out;
}

function findByKey(list: Json[], mergeKey: string, value: Json): number {
  for (let i = 0; i < list.length; i++) {
    const e = list[i];
    if (!isMap(e)) throw new PatchError(`value for key ${i} is not a map`);
    if (mergeKey in e && e[mergeKey] === value) return i;
  }
  return -1;
}

function partitionPrimitives(list: Json[], by: Json[]): [Json[], Json[]] {
  const inPatch = new Set(by);
  return [list.filter((v) => inPatch.has(v)), list.filter((v) => !inPatch.has(v))];
}

function partitionMaps(list: Json[], by: Json[], mergeKey: string): [Json[], Json[]] {
  const inPatch: Json[] = [];
  const serverOnly: Json[] = [];
  for (const v of list) {
    if (!isMap(v)) throw badArgType('map[string]interface {}', v);
    if (!(mergeKey in v)) throw noMergeKey(v, mergeKey);
    (findByKey(by, mergeKey, v[mergeKey]) >= 0 ? inPatch : serverOnly).push(v);
  }
  return [inPatch, serverOnly];
}

/**
 * normalizeElementOrder: the patch items sorted by the patch's order, the live-only items by the
 * live order, then interleaved so both relative orders hold (mergeSortedSlice).
 */
export function normalizeElementOrder(patch: Json[], serverOnly: Json[], patchOrder: Json[], serverOrder: Json[], mergeKey: string, kind: string): Json[] {
  const left = normalizeSliceOrder(serverOnly, serverOrder, mergeKey, kind);
  const right = normalizeSliceOrder(patch, patchOrder, mergeKey, kind);
  const out: Json[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]);
    else if (j >= right.length) out.push(left[i++]);
    else {
      const li = indexIn(serverOrder, left[i], mergeKey, kind);
      const ri = indexIn(serverOrder, right[j], mergeKey, kind);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}

/** normalizeSliceOrder: sorts by position in `order` (stable); `$patch: delete` items go last. */
export function normalizeSliceOrder(toSort: Json[], order: Json[], mergeKey: string, kind: string): Json[] {
  let items = [...toSort];
  let deletions: Json[] = [];
  if (kind === 'map') {
    for (const list of [items, order]) {
      for (const v of list) {
        if (!isMap(v)) throw badArgType('map[string]interface {}', v);
        if (!(mergeKey in v)) throw noMergeKey(v, mergeKey);
      }
    }
    [items, deletions] = splitDeletions(items);
  }
  const rank = items.map((v) => indexIn(order, v, mergeKey, kind));
  const sorted = items
    .map((v, n) => ({ v, n, r: rank[n] }))
    .sort((a, b) => (a.r >= 0 && b.r >= 0 ? a.r - b.r : 0) || a.n - b.n)
    .map((e) => e.v);
  return [...sorted, ...deletions];
}

function splitDeletions(list: Json[]): [Json[], Json[]] {
  const keep: Json[] = [];
  const deletions: Json[] = [];
  for (const v of list) {
    if (!isMap(v)) throw badArgType('map[string]interface {}', v);
    (v[DIRECTIVE] === 'delete' ? deletions : keep).push(v);
  }
  return [keep, deletions];
}

/** index(): position of an item (by merge key value for maps) in a list, or -1. */
function indexIn(list: Json[], item: Json, mergeKey: string, kind: string): number {
  const valueOf = (v: Json): Json => (kind === 'map' ? (isMap(v) ? (v[mergeKey] ?? null) : null) : v);
  const want = valueOf(item);
  return list.findIndex((v) => valueOf(v) === want);
}

/** sliceElementType: the one Go type of all elements of the lists, as a reflect kind. */
export function elementKind(lists: Json[][]): string {
  let kind: string | undefined;
  for (const list of lists) {
    for (const v of list) {
      const t = goTypeName(v);
      if (kind === undefined) {
        if (t === '[]interface {}') throw new PatchError('lists of lists are not supported');
        kind = t;
      } else if (t !== kind) {
        throw new PatchError(`list element types are not identical: ${formatGoValue(lists)}`);
      }
    }
  }
  if (kind === undefined) throw new PatchError('no elements in any of the given slices');
  return kind === 'map[string]interface {}' ? 'map' : kind;
}

/** deduplicateScalars, including its order: a later duplicate is replaced by the last element. */
export function deduplicateScalars(input: Json[]): Json[] {
  const s = [...input];
  let length = s.length - 1;
  for (let i = 0; i < length; i++) {
    for (let j = i + 1; j <= length; j++) {
      if (s[i] === s[j]) {
        s[j] = s[length];
        s.length = length;
        length--;
        j--;
      }
    }
  }
  return s;
}

/** removeDirectives: drops maps carrying `$patch` (and the fields holding them). */
export function removeDirectives(value: Json): [Json, boolean] {
  if (Array.isArray(value)) {
    const out: Json[] = [];
    for (const v of value) {
      const [x, keep] = removeDirectives(v);
      if (keep) out.push(x);
    }
    return [out, true];
  }
  if (isMap(value)) {
    if (DIRECTIVE in value) return [null, false];
    const out: JsonMap = {};
    for (const [k, v] of Object.entries(value)) {
      const [x, keep] = removeDirectives(v);
      if (keep) out[k] = x;
    }
    return [out, true];
  }
  return [value, true];
}

/** discardNullValuesFromPatch. */
function discardNulls(value: Json): Json {
  if (Array.isArray(value)) return value.map(discardNulls);
  if (!isMap(value)) return value;
  const out: JsonMap = {};
  for (const [k, v] of Object.entries(value)) if (v !== null) out[k] = discardNulls(v);
  return out;
}

function extractKey(key: string, prefix: string): string {
  const i = key.indexOf('/');
  if (i < 0 || key.slice(0, i) !== prefix) {
    throw new PatchError(prefix === DELETE_FROM_PRIMITIVE_LIST ? 'invalid patch format of primitive list' : 'invalid patch format of setElementOrder list');
  }
  return key.slice(i + 1);
}

function dropDirectiveKeys(value: Json): Json {
  if (Array.isArray(value)) return value.map(dropDirectiveKeys);
  if (!isMap(value)) return value;
  const out: JsonMap = {};
  for (const [k, v] of Object.entries(value)) if (!k.startsWith('$')) out[k] = dropDirectiveKeys(v);
  return out;
}
