import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { classifyNode, desiredNodeCounts, findUpdatedPodsOnNode, planRollingUpdate, SlotIndex, type SlotInputs } from './rolling.ts';

/** The rolling update arithmetic of update.go, node classes and plans, without a cluster. */

const NOW = Date.parse('2018-09-06T07:00:00Z');

/** A daemon pod of revision `hash`, available (ready for a minute) unless said otherwise. */
function pod(name: string, hash: string, state: 'available' | 'unready' | 'deleting' = 'available'): Pod {
  return {
    metadata: { name, labels: { 'controller-revision-hash': hash }, ...(state === 'deleting' ? { deletionTimestamp: '2018-09-06T06:59:59Z' } : {}) },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: state === 'unready' ? 'False' : 'True', lastTransitionTime: '2018-09-06T06:59:00Z' }] },
  };
}

const inputs = (surge: boolean): SlotInputs => ({ hash: 'new', generation: undefined, minReadySeconds: 0, now: NOW, surge });

/** A SlotIndex over nodes given as `name: pods` (all nodes should run a pod). */
function slots(nodes: Record<string, Pod[]>, surge: boolean, shouldRun: (node: string) => boolean = () => true): SlotIndex {
  const index = new SlotIndex();
  for (const [node, pods] of Object.entries(nodes)) index.set(node, classifyNode(node, pods, shouldRun(node), inputs(surge)));
  return index;
}

test('findUpdatedPodsOnNode: pods being deleted do not count; two of a kind is not ok', () => {
  assert.deepEqual(findUpdatedPodsOnNode([pod('a', 'old', 'deleting'), pod('b', 'new')], 'new', undefined).ok, true);
  assert.equal(findUpdatedPodsOnNode([pod('a', 'new'), pod('b', 'new')], 'new', undefined).ok, false);
  // The template generation label counts as well as the hash.
  const byGeneration: Pod = { metadata: { name: 'g', labels: { 'pod-template-generation': '3' } } };
  assert.equal(findUpdatedPodsOnNode([byGeneration], 'new', 3).newPod, byGeneration);
});

test('maxUnavailable 1, three nodes of available old pods: one old pod goes per pass', () => {
  const index = slots({ n1: [pod('a', 'old')], n2: [pod('b', 'old')], n3: [pod('c', 'old')] }, false);
  assert.deepEqual(planRollingUpdate(index, { maxSurge: 0, maxUnavailable: 1, desired: 3, surge: false }), { deletePods: ['a'], createOn: [] });
});

test('maxUnavailable 1: while a node has no pod or an unavailable new one, nothing else goes', () => {
  // n1's old pod was deleted and is gone: no pod (the manage loop will create one).
  let index = slots({ n1: [], n2: [pod('b', 'old')], n3: [pod('c', 'old')] }, false);
  assert.deepEqual(planRollingUpdate(index, { maxSurge: 0, maxUnavailable: 1, desired: 3, surge: false }).deletePods, []);
  // Its new pod is starting.
  index = slots({ n1: [pod('a2', 'new', 'unready')], n2: [pod('b', 'old')], n3: [pod('c', 'old')] }, false);
  assert.deepEqual(planRollingUpdate(index, { maxSurge: 0, maxUnavailable: 1, desired: 3, surge: false }).deletePods, []);
  // It is available: the next node's turn.
  index = slots({ n1: [pod('a2', 'new')], n2: [pod('b', 'old')], n3: [pod('c', 'old')] }, false);
  assert.deepEqual(planRollingUpdate(index, { maxSurge: 0, maxUnavailable: 1, desired: 3, surge: false }).deletePods, ['b']);
});

test('maxUnavailable 2 with 5 nodes, one new pod still starting: 2 − 1 = 1 old pod goes', () => {
  const index = slots({ n1: [pod('a2', 'new', 'unready')], n2: [pod('b', 'old')], n3: [pod('c', 'old')], n4: [pod('d', 'old')], n5: [pod('e', 'old')] }, false);
  assert.deepEqual(planRollingUpdate(index, { maxSurge: 0, maxUnavailable: 2, desired: 5, surge: false }).deletePods, ['b']);
});

test('an old pod that is not available is replaced at once, whatever maxUnavailable says, and counts as unavailable', () => {
  const index = slots({ n1: [pod('a', 'old', 'unready')], n2: [pod('b', 'old', 'unready')], n3: [pod('c', 'old')] }, false);
  assert.deepEqual(planRollingUpdate(index, { maxSurge: 0, maxUnavailable: 1, desired: 3, surge: false }).deletePods, ['a', 'b']);
});

test('maxSurge 1: a new pod beside an old one on one node; when it is available the old one goes and the next node gets one', () => {
  let index = slots({ n1: [pod('a', 'old')], n2: [pod('b', 'old')] }, true);
  assert.deepEqual(planRollingUpdate(index, { maxSurge: 1, maxUnavailable: 0, desired: 2, surge: true }), { deletePods: [], createOn: ['n1'] });
  // The surge pod is starting: it counts against maxSurge.
  index = slots({ n1: [pod('a', 'old'), pod('a2', 'new', 'unready')], n2: [pod('b', 'old')] }, true);
  assert.deepEqual(planRollingUpdate(index, { maxSurge: 1, maxUnavailable: 0, desired: 2, surge: true }), { deletePods: [], createOn: [] });
  // Available: the old pod goes, and n2 may surge.
  index = slots({ n1: [pod('a', 'old'), pod('a2', 'new')], n2: [pod('b', 'old')] }, true);
  assert.deepEqual(planRollingUpdate(index, { maxSurge: 1, maxUnavailable: 0, desired: 2, surge: true }), { deletePods: ['a'], createOn: ['n2'] });
});

test('surge: an unavailable old pod gets its new pod at once, beyond maxSurge', () => {
  const index = slots({ n1: [pod('a', 'old', 'unready')], n2: [pod('b', 'old')], n3: [pod('c', 'old')] }, true);
  assert.deepEqual(planRollingUpdate(index, { maxSurge: 1, maxUnavailable: 0, desired: 3, surge: true }).createOn, ['n1', 'n2']);
});

test('surge: a pod on a node it should leave goes only once more pods are available than nodes should run one', () => {
  const leaving = (node: string) => node !== 'n3';
  let index = slots({ n1: [pod('a', 'old')], n2: [pod('b', 'old')], n3: [pod('c', 'old')] }, true, leaving);
  // 3 available, 2 desired: one may go.
  assert.deepEqual(planRollingUpdate(index, { maxSurge: 1, maxUnavailable: 0, desired: 2, surge: true }).deletePods, ['c']);
  index = slots({ n1: [pod('a', 'old', 'unready')], n2: [pod('b', 'old')], n3: [pod('c', 'old')] }, true, leaving);
  assert.deepEqual(planRollingUpdate(index, { maxSurge: 1, maxUnavailable: 0, desired: 2, surge: true }).deletePods, []);
});

test('nodes with no pod that should not run one take no part; SlotIndex keeps counts as nodes change class', () => {
  assert.equal(classifyNode('x', [], false, inputs(false)), undefined);
  const index = new SlotIndex();
  index.set('n1', classifyNode('n1', [pod('a', 'old')], true, inputs(true)));
  assert.equal(index.size('candidate'), 1);
  assert.equal(index.available, 1);
  index.set('n1', classifyNode('n1', [pod('a', 'old'), pod('a2', 'new', 'unready')], true, inputs(true)));
  assert.equal(index.size('candidate'), 0);
  assert.equal(index.size('surging'), 1);
  index.set('n1', undefined);
  assert.equal(index.size('surging'), 0);
  assert.equal(index.available, 0);
});

test('updatedDesiredNodeCounts: an impossible 0 and 0 falls back to maxUnavailable 1', () => {
  assert.deepEqual(desiredNodeCounts(0, 0, 3), { maxSurge: 0, maxUnavailable: 1 });
  assert.deepEqual(desiredNodeCounts(0, 0, 0), { maxSurge: 0, maxUnavailable: 0 });
  assert.deepEqual(desiredNodeCounts(2, 0, 3), { maxSurge: 2, maxUnavailable: 0 });
});
