import { listStrategy } from './merge-keys.ts';

/**
 * Strategic merge patch (staging/src/k8s.io/apimachinery/pkg/util/strategicpatch/patch.go):
 * maps merge recursively and `null` deletes; lists with a merge key merge element by element;
 * the directives `$patch` (replace, delete, merge), `$setElementOrder/<list>`,
 * `$deleteFromPrimitiveList/<list>` and `$retainKeys` are honoured.
 */
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonMap = { [k: string]: Json };

const isMap = (v: unknown): v is JsonMap => typeof v === 'object' && v !== null && !Array.isArray(v);

export function strategicMerge(original: unknown, patch: unknown, kind?: string): unknown {
  if (!isMap(patch)) throw new Error('strategic merge patch must be a JSON object');
  return mergeMap(isMap(original) ? (original as JsonMap) : {}, patch, kind, []);
}

function mergeMap(original: JsonMap, patch: JsonMap, kind: string | undefined, path: string[]): Json {
  const directive = patch['$patch'];
  if (directive === 'delete') return null;
  if (directive === 'replace') {
    const { $patch: _, ...rest } = patch;
    return stripDirectives(rest);
  }
  const out: JsonMap = { ...original };
  const retain = patch['$retainKeys'];
  if (Array.isArray(retain)) {
    for (const k of Object.keys(out)) if (!retain.includes(k)) delete out[k];
  }
  for (const [k, v] of Object.entries(patch)) {
    if (k === '$patch' || k === '$retainKeys' || k.startsWith('$setElementOrder/')) continue;
    if (k.startsWith('$deleteFromPrimitiveList/')) {
      const field = k.slice('$deleteFromPrimitiveList/'.length);
      const cur = out[field];
      if (Array.isArray(cur) && Array.isArray(v)) out[field] = cur.filter((x) => !v.includes(x));
      continue;
    }
    if (v === null) {
      delete out[k];
      continue;
    }
    const cur = out[k];
    const childPath = [...path, k];
    if (isMap(v)) {
      const merged = mergeMap(isMap(cur) ? cur : {}, v, kind, childPath);
      if (merged === null) delete out[k];
      else out[k] = merged;
    } else if (Array.isArray(v)) {
      out[k] = mergeList(Array.isArray(cur) ? cur : [], v, kind, childPath, patch[`$setElementOrder/${k}`]);
    } else {
      out[k] = v;
    }
  }
  return out;
}

function mergeList(original: Json[], patch: Json[], kind: string | undefined, path: string[], order: Json | undefined): Json[] {
  const strategy = listStrategy(kind, path);
  if (patch.some((e) => isMap(e) && e['$patch'] === 'replace')) {
    return patch.filter((e) => !(isMap(e) && e['$patch'] === 'replace')).map(stripDirectives);
  }
  if (strategy.kind === 'set') {
    const out = [...original];
    for (const v of patch) if (!out.includes(v)) out.push(v);
    return out;
  }
  if (strategy.kind === 'replace') return patch.map(stripDirectives);
  const key = strategy.key;
  const out: Json[] = original.map((e) => e);
  for (const item of patch) {
    if (!isMap(item)) continue;
    const id = item[key];
    const i = out.findIndex((e) => isMap(e) && e[key] === id);
    if (item['$patch'] === 'delete') {
      if (i >= 0) out.splice(i, 1);
      continue;
    }
    if (i >= 0) out[i] = mergeMap(out[i] as JsonMap, item, kind, path) as Json;
    else out.push(stripDirectives(item));
  }
  if (Array.isArray(order)) {
    const rank = new Map(order.map((o, n) => [isMap(o) ? o[key] : o, n]));
    const ordered = out.filter((e) => isMap(e) && rank.has(e[key])).sort((a, b) => rank.get((a as JsonMap)[key])! - rank.get((b as JsonMap)[key])!);
    const rest = out.filter((e) => !(isMap(e) && rank.has(e[key])));
    return [...ordered, ...rest];
  }
  return out;
}

function stripDirectives(v: Json): Json {
  if (Array.isArray(v)) return v.map(stripDirectives);
  if (!isMap(v)) return v;
  const out: JsonMap = {};
  for (const [k, x] of Object.entries(v)) {
    if (k.startsWith('$')) continue;
    if (x !== null) out[k] = stripDirectives(x);
  }
  return out;
}
