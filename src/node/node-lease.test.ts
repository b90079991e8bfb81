import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LEASE_RENEW_MS, NodeLeases } from './node-lease.ts';

test('a renewing kubelet renewed at the last 10-second tick; a stopped one keeps the tick before it stopped', () => {
  const leases = new NodeLeases();
  const seen: string[] = [];
  leases.onChange((n) => seen.push(n));
  assert.equal(leases.renewTime('node1', 123_456), 120_000);
  assert.equal(leases.renewing('node1'), true);
  leases.stop('node1', 127_000);
  leases.stop('node1', 500_000);
  assert.equal(leases.renewing('node1'), false);
  assert.equal(leases.renewTime('node1', 999_999), 120_000);
  assert.equal(leases.renewTime('node2', 999_999), 990_000);
  leases.resume('node1');
  leases.resume('node1');
  assert.equal(leases.renewTime('node1', 999_999), 999_999 - (999_999 % LEASE_RENEW_MS));
  assert.deepEqual(seen, ['node1', 'node1'], 'one notice per change');
});
