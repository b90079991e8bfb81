import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DaemonSet } from 'kubernetes-types/apps/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { Backoff } from './backoff.ts';
import { podsShouldBeOnNode, unscheduledPodsWithoutNode, type NodeManageContext } from './manage.ts';

/** podsShouldBeOnNode (daemon_controller.go) for one node, with a recording context. */

const RUN = { shouldRun: true, shouldContinueRunning: true };
const CONTINUE = { shouldRun: false, shouldContinueRunning: true };
const NEITHER = { shouldRun: false, shouldContinueRunning: false };

function ds(maxSurge = 0): DaemonSet {
  const rollingUpdate = maxSurge ? { maxSurge, maxUnavailable: 0 } : { maxSurge: 0, maxUnavailable: 1 };
  return { metadata: { name: 'agent', namespace: 'default' }, spec: { selector: {}, template: {}, updateStrategy: { type: 'RollingUpdate', rollingUpdate } } };
}

function pod(name: string, created: string, extra: { hash?: string; phase?: string; ready?: boolean; deleting?: boolean; bound?: boolean } = {}): Pod {
  return {
    metadata: { name, namespace: 'default', creationTimestamp: created, labels: { 'controller-revision-hash': extra.hash ?? 'new' }, ...(extra.deleting ? { deletionTimestamp: created } : {}) },
    spec: { containers: [], ...(extra.bound === false ? {} : { nodeName: 'node1' }) },
    status: { phase: extra.phase ?? 'Running', conditions: [{ type: 'Ready', status: extra.ready === false ? 'False' : 'True', lastTransitionTime: created }] },
  };
}

function context(now = Date.parse('2018-09-06T07:00:00Z')) {
  const events: string[] = [];
  const retries: number[] = [];
  const ctx: NodeManageContext = {
    now,
    backoff: new Backoff(),
    backoffKey: (node) => `uid/1/${node}`,
    event: (type, reason, message) => events.push(`${type} ${reason} ${message}`),
    retryAfter: (_node, ms) => retries.push(ms),
  };
  return { ctx, events, retries };
}

test('no pod where one should run: create one', () => {
  assert.deepEqual(podsShouldBeOnNode('node1', RUN, [], ds(), 'new', context().ctx), { create: true, deletePods: [] });
});

test('two running pods without surge: the oldest stays (bound first, then by creation time, then name)', () => {
  const pods = [pod('b', '2018-09-06T06:00:00Z'), pod('a', '2018-09-06T06:00:00Z'), pod('c', '2018-09-06T05:00:00Z', { bound: false })];
  assert.deepEqual(podsShouldBeOnNode('node1', RUN, pods, ds(), 'new', context().ctx).deletePods, ['b', 'c']);
});

test('a failed pod is deleted with a FailedDaemonPod event, then backed off: a second failure within 1 s waits', () => {
  const { ctx, events, retries } = context();
  const failed = pod('f', '2018-09-06T06:00:00Z', { phase: 'Failed' });
  assert.deepEqual(podsShouldBeOnNode('node1', RUN, [failed], ds(), 'new', ctx), { create: false, deletePods: ['f'] });
  assert.deepEqual(events, ['Warning FailedDaemonPod Found failed daemon pod default/f on node node1, will try to kill it']);
  const again = pod('g', '2018-09-06T06:00:00Z', { phase: 'Failed' });
  assert.deepEqual(podsShouldBeOnNode('node1', RUN, [again], ds(), 'new', { ...ctx, now: ctx.now + 500 }).deletePods, []);
  assert.deepEqual(retries, [1000]);
});

test('a succeeded pod is deleted with a SucceededDaemonPod event', () => {
  const { ctx, events } = context();
  assert.deepEqual(podsShouldBeOnNode('node1', RUN, [pod('s', '2018-09-06T06:00:00Z', { phase: 'Succeeded' })], ds(), 'new', ctx).deletePods, ['s']);
  assert.deepEqual(events, ['Normal SucceededDaemonPod Found succeeded daemon pod default/s on node node1, will try to delete it']);
});

test('a pod being deleted holds the node: no new pod until it is gone', () => {
  assert.deepEqual(podsShouldBeOnNode('node1', RUN, [pod('d', '2018-09-06T06:00:00Z', { deleting: true })], ds(), 'new', context().ctx), { create: false, deletePods: [] });
});

test('only NoSchedule taints untolerated: the running pod may continue, no new one is made', () => {
  assert.deepEqual(podsShouldBeOnNode('node1', CONTINUE, [pod('a', '2018-09-06T06:00:00Z')], ds(), 'new', context().ctx), { create: false, deletePods: [] });
  assert.deepEqual(podsShouldBeOnNode('node1', CONTINUE, [], ds(), 'new', context().ctx), { create: false, deletePods: [] });
});

test('a node that may not run the pod: every pod not already being deleted goes', () => {
  const pods = [pod('a', '2018-09-06T06:00:00Z'), pod('b', '2018-09-06T06:00:00Z', { deleting: true })];
  assert.deepEqual(podsShouldBeOnNode('node1', NEITHER, pods, ds(), 'new', context().ctx).deletePods, ['a']);
});

test('surge: an old and a new pod stay while the new one is not available; once it is, the old one goes', () => {
  const old = pod('old', '2018-09-06T06:00:00Z', { hash: 'old' });
  const starting = pod('new', '2018-09-06T06:59:59Z', { ready: false });
  assert.deepEqual(podsShouldBeOnNode('node1', RUN, [old, starting], ds(1), 'new', context().ctx).deletePods, []);
  const ready = pod('new', '2018-09-06T06:59:59Z');
  assert.deepEqual(podsShouldBeOnNode('node1', RUN, [old, ready], ds(1), 'new', context().ctx).deletePods, ['old']);
  // An old pod that is not ready is not worth keeping beside the new one.
  const unreadyOld = pod('old', '2018-09-06T06:00:00Z', { hash: 'old', ready: false });
  assert.deepEqual(podsShouldBeOnNode('node1', RUN, [unreadyOld, starting], ds(1), 'new', context().ctx).deletePods, ['old']);
});

test('surge: a third pod goes; with no running pod left one is created', () => {
  const pods = [pod('o1', '2018-09-06T06:00:00Z', { hash: 'old' }), pod('o2', '2018-09-06T06:10:00Z', { hash: 'old' }), pod('n', '2018-09-06T06:59:59Z', { ready: false })];
  assert.deepEqual(podsShouldBeOnNode('node1', RUN, pods, ds(1), 'new', context().ctx).deletePods, ['o2']);
  assert.deepEqual(podsShouldBeOnNode('node1', RUN, [pod('d', '2018-09-06T06:00:00Z', { deleting: true })], ds(1), 'new', context().ctx), { create: true, deletePods: [] });
});

test('a node that no longer exists: only its pods never bound are deleted here (the pod GC takes the rest)', () => {
  assert.deepEqual(unscheduledPodsWithoutNode([pod('bound', '2018-09-06T06:00:00Z'), pod('pending', '2018-09-06T06:00:00Z', { bound: false })]), { create: false, deletePods: ['pending'] });
});
