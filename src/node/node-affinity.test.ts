import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { NodeSelectorTerm, Pod } from 'kubernetes-types/core/v1.js';
import { preFilterNodeNames } from './node-affinity.ts';

/** NodeAffinity's PreFilter: the node names a pod's required terms pin it to (node_affinity.go). */

const pod = (...terms: NodeSelectorTerm[]): Pod => ({ spec: { containers: [], affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } } } });
const names = (p: Pod) => {
  const set = preFilterNodeNames(p);
  return set ? [...set].sort() : undefined;
};

test('a DaemonSet pod is pinned to its one node', () => {
  assert.deepEqual(names(pod({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node1'] }] })), ['node1']);
});

test('terms are ORed (names united), requirements within a term ANDed (intersected)', () => {
  assert.deepEqual(names(pod({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['a'] }] }, { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['b', 'c'] }] })), ['a', 'b', 'c']);
  assert.deepEqual(names(pod({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['a', 'b'] }, { key: 'metadata.name', operator: 'In', values: ['b', 'c'] }] })), ['b']);
});

test('a term without a node-name field leaves every node possible; so do no terms', () => {
  assert.equal(names(pod({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['a'] }] }, { matchExpressions: [{ key: 'zone', operator: 'In', values: ['x'] }] })), undefined);
  assert.equal(names(pod({ matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['a'] }] })), undefined);
  assert.equal(names({ spec: { containers: [] } }), undefined);
});

test('conflicting terms (no name in common) are left to the filters', () => {
  assert.equal(names(pod({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['a'] }, { key: 'metadata.name', operator: 'In', values: ['b'] }] })), undefined);
});
