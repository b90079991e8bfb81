import { readFileSync } from 'node:fs';
import yaml from 'js-yaml';
import { schemaFromDescription, type StructDescription } from '../merge-keys.ts';
import type { JsonMap } from '../strategic.ts';

/**
 * The MergeItem test struct of upstream's patch_test.go
 * (staging/src/k8s.io/apimachinery/pkg/util/strategicpatch), as a patch schema.
 */
const mergeItem: StructDescription = {};
const retainKeysMergeItem: StructDescription = {
  mergingIntList: { meta: { strategy: 'merge' } },
  mergingList: { meta: { strategy: 'merge', mergeKey: 'name' }, of: mergeItem },
  nonMergingList: { of: mergeItem },
};
Object.assign(mergeItem, {
  mergingList: { meta: { strategy: 'merge', mergeKey: 'name' }, of: mergeItem },
  nonMergingList: { of: mergeItem },
  mergingIntList: { meta: { strategy: 'merge' } },
  mergeItemPtr: { meta: { strategy: 'merge', mergeKey: 'name' }, of: mergeItem },
  replacingItem: { meta: { strategy: 'replace' } },
  retainKeysMap: { meta: { retainKeys: true }, of: retainKeysMergeItem },
  retainKeysMergingList: { meta: { strategy: 'merge', retainKeys: true, mergeKey: 'name' }, of: mergeItem },
});

export const mergeItemSchema = schemaFromDescription(mergeItem);

/** One upstream case: documents as YAML maps; missing ones are `{}` (nil in Go). */
export interface UpstreamCase {
  description: string;
  original?: JsonMap;
  modified?: JsonMap;
  current?: JsonMap;
  twoWay?: JsonMap;
  threeWay?: JsonMap;
  result?: JsonMap;
  twoWayResult?: JsonMap;
  expectedError?: string;
}

export interface UpstreamCases {
  rawCases: UpstreamCase[];
  createCases: UpstreamCase[];
  customCases: UpstreamCase[];
  customRawCases: UpstreamCase[];
}

/** The cases of upstream-cases.yaml. */
export function loadUpstreamCases(): UpstreamCases {
  return yaml.load(readFileSync(new URL('./upstream-cases.yaml', import.meta.url), 'utf8')) as UpstreamCases;
}
