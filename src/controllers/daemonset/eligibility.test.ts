import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DaemonSet } from 'kubernetes-types/apps/v1.js';
import type { Node, PodSpec, Taint } from 'kubernetes-types/core/v1.js';
import { nodeShouldRunDaemonPod } from './eligibility.ts';

/** NodeShouldRunDaemonPod (daemon_controller.go) over nodes and templates built here. */

function node(name: string, labels: Record<string, string> = {}, taints: Taint[] = [], unschedulable = false): Node {
  return { metadata: { name, labels: { 'kubernetes.io/hostname': name, ...labels } }, spec: { taints, unschedulable } };
}

function ds(spec: Partial<PodSpec> = {}): DaemonSet {
  return { metadata: { name: 'agent' }, spec: { selector: {}, template: { spec: { containers: [{ name: 'a', image: 'x' }], ...spec } } } };
}

const verdict = (n: Node, d: DaemonSet) => {
  const e = nodeShouldRunDaemonPod(n, d);
  return [e.shouldRun, e.shouldContinueRunning];
};

test('a plain worker runs the daemon pod', () => {
  assert.deepEqual(verdict(node('node1'), ds()), [true, true]);
});

test('the control-plane taint is not among the automatic tolerations; a template that tolerates it runs there', () => {
  const master = node('master', { 'node-role.kubernetes.io/control-plane': '' }, [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]);
  // NoSchedule only: a pod already there may stay, none is created.
  assert.deepEqual(verdict(master, ds()), [false, true]);
  const tolerant = ds({ tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }] });
  assert.deepEqual(verdict(master, tolerant), [true, true]);
});

test('an untolerated NoExecute taint: neither run nor continue; PreferNoSchedule is ignored', () => {
  assert.deepEqual(verdict(node('n', {}, [{ key: 'dedicated', value: 'db', effect: 'NoExecute' }]), ds()), [false, false]);
  assert.deepEqual(verdict(node('n', {}, [{ key: 'dedicated', value: 'db', effect: 'PreferNoSchedule' }]), ds()), [true, true]);
  const tolerant = ds({ tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'db', effect: 'NoExecute' }] });
  assert.deepEqual(verdict(node('n', {}, [{ key: 'dedicated', value: 'db', effect: 'NoExecute' }]), tolerant), [true, true]);
});

test('node problems are tolerated: not-ready and unreachable NoExecute, pressure and unschedulable NoSchedule', () => {
  for (const taint of [
    { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/disk-pressure', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/memory-pressure', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/pid-pressure', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' },
  ]) {
    assert.deepEqual(verdict(node('n', {}, [taint]), ds()), [true, true], taint.key);
  }
});

test('network-unavailable is tolerated only by hostNetwork pods', () => {
  const taint = { key: 'node.kubernetes.io/network-unavailable', effect: 'NoSchedule' };
  assert.deepEqual(verdict(node('n', {}, [taint]), ds()), [false, true]);
  assert.deepEqual(verdict(node('n', {}, [taint]), ds({ hostNetwork: true })), [true, true]);
});

test('a cordoned (unschedulable) node is still eligible', () => {
  assert.deepEqual(verdict(node('n', {}, [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }], true), ds()), [true, true]);
});

test('nodeSelector and required node affinity must match; a mismatch means neither run nor continue', () => {
  const ssd = ds({ nodeSelector: { disktype: 'ssd' } });
  assert.deepEqual(verdict(node('a', { disktype: 'ssd' }), ssd), [true, true]);
  assert.deepEqual(verdict(node('b', { disktype: 'hdd' }), ssd), [false, false]);
  const affinity = ds({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a', 'b'] }] }] } } } });
  assert.deepEqual(verdict(node('a', { zone: 'b' }), affinity), [true, true]);
  assert.deepEqual(verdict(node('b', { zone: 'c' }), affinity), [false, false]);
});

test('a template naming a node runs only there', () => {
  assert.deepEqual(verdict(node('node1'), ds({ nodeName: 'node1' })), [true, true]);
  assert.deepEqual(verdict(node('node2'), ds({ nodeName: 'node1' })), [false, false]);
});
