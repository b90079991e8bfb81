import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { Cluster } from '../cluster.ts';
import { tutorialCluster } from '../cluster-config.ts';
import { RandomStream } from '../sim/random.ts';
import type { KubeObject } from '../store/object.ts';
import { ReplicaSetController } from './replica-set.ts';

/**
 * The tally fast path must not change what the controller does: the same operations against a
 * cluster whose ReplicaSet controllers always take the full path must leave the same history,
 * write for write.
 */
function fullPathOnly(cluster: Cluster): Cluster {
  const reconcilers = (cluster.sim as unknown as { reconcilers: unknown[] }).reconcilers;
  for (const r of reconcilers) {
    if (r instanceof ReplicaSetController) (r as unknown as { syncFromTally: () => boolean }).syncFromTally = () => false;
  }
  return cluster;
}

/** One random step of a workload that exercises adoption, release, scaling and readiness. */
function step(cluster: Cluster, random: RandomStream, n: number): void {
  const api = cluster.api;
  const pick = <T>(items: T[]): T | undefined => (items.length ? items[random.int(items.length)] : undefined);
  const pods = () => cluster.store.list<Pod>('pods', 'default');
  const attempt = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      if (!(e instanceof Error && e.constructor.name === 'StatusError')) throw e;
    }
  };
  switch (random.int(9)) {
    case 0:
      attempt(() =>
        api.create({
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          metadata: { name: `rs${random.int(3)}`, namespace: 'default' },
          spec: {
            replicas: random.int(6),
            minReadySeconds: random.int(3) === 0 ? 5 : 0,
            selector: { matchLabels: { app: 'web' } },
            template: { metadata: { labels: { app: 'web', tier: random.int(2) ? 'a' : 'b' } }, spec: { containers: [{ name: 'c', image: 'ikubernetes/myapp:v1' }] } },
          },
        } as KubeObject),
      );
      break;
    case 1:
      attempt(() => api.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `bare${n}`, namespace: 'default', labels: { app: random.int(2) ? 'web' : 'db' } }, spec: { containers: [{ name: 'c', image: 'ikubernetes/myapp:v1' }] } } as KubeObject));
      break;
    case 2: {
      const pod = pick(pods());
      if (pod) attempt(() => api.patch('pods', 'default', pod.metadata.name, 'merge', { metadata: { labels: { app: random.int(2) ? 'web' : 'other' } } }));
      break;
    }
    case 3: {
      const pod = pick(pods());
      if (pod) attempt(() => api.delete('pods', 'default', pod.metadata.name, random.int(2) ? { gracePeriodSeconds: 0 } : {}));
      break;
    }
    case 4: {
      const rs = pick(cluster.store.list('replicasets.apps', 'default'));
      if (rs) attempt(() => api.patch('replicasets.apps', 'default', rs.metadata.name, 'merge', { spec: { replicas: random.int(7) } }));
      break;
    }
    case 5: {
      const rs = pick(cluster.store.list('replicasets.apps', 'default'));
      if (rs) attempt(() => api.patch('replicasets.apps', 'default', rs.metadata.name, 'merge', { spec: { template: { metadata: { labels: { extra: String(n) } } } } }));
      break;
    }
    case 6: {
      const rs = pick(cluster.store.list('replicasets.apps', 'default'));
      if (rs) attempt(() => api.delete('replicasets.apps', 'default', rs.metadata.name, { propagationPolicy: random.int(2) ? 'Orphan' : 'Background' }));
      break;
    }
    case 7:
      cluster.advance(random.int(4000));
      break;
    default:
      cluster.settle();
  }
  cluster.reconcile();
}

function history(cluster: Cluster): string[] {
  return cluster.store.history.map((e) => `${e.type} ${e.resource} ${e.resourceVersion} ${JSON.stringify(e.object)}`);
}

test('the tally fast path writes exactly what the full sync writes', () => {
  for (let seed = 0; seed < 12; seed++) {
    const fast = new Cluster(tutorialCluster({ seed: `tally-${seed}` }));
    const full = fullPathOnly(new Cluster(tutorialCluster({ seed: `tally-${seed}` })));
    const a = new RandomStream(`ops-${seed}`), b = new RandomStream(`ops-${seed}`);
    for (let n = 0; n < 60; n++) {
      step(fast, a, n);
      step(full, b, n);
    }
    fast.settle();
    full.settle();
    const hf = history(fast), hs = history(full);
    const at = hf.findIndex((line, i) => line !== hs[i]);
    assert.equal(at, -1, `seed ${seed}: first difference at write ${at}:\n fast: ${hf[at]}\n full: ${hs[at]}`);
    assert.equal(hf.length, hs.length, `seed ${seed}: history lengths`);
  }
});
