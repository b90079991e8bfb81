import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Node } from 'kubernetes-types/core/v1.js';
import { tutorialCluster, uniformCluster } from '../cluster-config.ts';
import { nextNodeAddresses } from './node-addresses.ts';

const asNodes = (inputs: { ip: string; podCIDR: string }[]): Node[] =>
  inputs.map((n) => ({ spec: { podCIDR: n.podCIDR }, status: { addresses: [{ type: 'InternalIP', address: n.ip }] } }));

test("the tutorial's next node is 192.168.130.106 with 10.244.3.0/24", () => {
  assert.deepEqual(nextNodeAddresses(asNodes(tutorialCluster().nodes)), { ip: '192.168.130.106', podCIDR: '10.244.3.0/24' });
});

test('pod ranges carry over into the next /16; an empty cluster starts at 10.244.0.0/24', () => {
  assert.deepEqual(nextNodeAddresses(asNodes(uniformCluster(255).nodes)), { ip: '192.168.2.11', podCIDR: '10.245.0.0/24' });
  assert.deepEqual(nextNodeAddresses([]), { ip: '192.168.0.2', podCIDR: '10.244.0.0/24' });
});
