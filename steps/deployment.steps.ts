import { Then } from '@cucumber/cucumber';
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { KubespecWorld } from './world.ts';

// The Deployment has exactly one ReplicaSet, named `<deployment>-<pod-template-hash>` and controlled by it.
Then('the ReplicaSet of deployment {string} is owned by it', function (this: KubespecWorld, name: string) {
  const store = this.cluster.store;
  const d = store.get<Deployment>('deployments.apps', 'default', this.expand(name));
  if (!d) throw new Error(`deployment ${name} does not exist`);
  const owned = store.byIndex<ReplicaSet>('replicasets.apps', 'controller', d.metadata.uid);
  if (owned.length !== 1) throw new Error(`expected one ReplicaSet owned by deployment ${name}, found ${owned.map((rs) => rs.metadata.name).join(', ') || 'none'}`);
  const rs = owned[0];
  const ref = rs.metadata.ownerReferences?.find((r) => r.controller);
  const expected = { apiVersion: 'apps/v1', kind: 'Deployment', name: d.metadata.name, uid: d.metadata.uid, controller: true, blockOwnerDeletion: true };
  if (JSON.stringify(ref) !== JSON.stringify(expected)) throw new Error(`ReplicaSet ${rs.metadata.name} has controller reference ${JSON.stringify(ref)}`);
  const hash = rs.metadata.labels?.['pod-template-hash'];
  if (!hash || rs.metadata.name !== `${d.metadata.name}-${hash}`) throw new Error(`ReplicaSet ${rs.metadata.name} is not named <deployment>-<pod-template-hash> (hash ${hash})`);
});
