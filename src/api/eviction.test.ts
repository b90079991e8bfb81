import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { clusterWith, ok } from '../kubectl/apply/testing.ts';
import { StatusError } from './errors.ts';

test('pods/eviction: the DisruptionTarget condition, then a graceful delete; dry run changes nothing; a missing pod is NotFound', () => {
  const c = clusterWith();
  ok(c, ['create', '-f', 'rs.yaml']);
  c.settle();
  const [pod] = c.store.list<Pod>('pods', 'default');
  const rv = c.store.resourceVersion;
  c.api.evict('default', pod.metadata.name, { dryRun: true });
  assert.equal(c.store.resourceVersion, rv);
  c.api.evict('default', pod.metadata.name, { gracePeriodSeconds: 5 });
  const evicted = c.store.get<Pod>('pods', 'default', pod.metadata.name)!;
  assert.equal(evicted.metadata.deletionGracePeriodSeconds, 5);
  assert.deepEqual(
    evicted.status?.conditions?.find((x) => x.type === 'DisruptionTarget'),
    { type: 'DisruptionTarget', status: 'True', reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting', lastProbeTime: null, lastTransitionTime: evicted.metadata.deletionTimestamp && c.clock.rfc3339() },
  );
  c.reconcile();
  assert.ok(
    c.store.get<Pod>('pods', 'default', pod.metadata.name)!.status?.conditions?.some((x) => x.type === 'DisruptionTarget'),
    "the kubelet's status writes keep a condition it does not own",
  );
  assert.throws(() => c.api.evict('default', 'nope'), (e: unknown) => e instanceof StatusError && e.message === 'pods "nope" not found');
});
