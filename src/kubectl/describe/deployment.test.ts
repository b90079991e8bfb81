import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Deployment } from 'kubernetes-types/apps/v1.js';
import { deploymentWithHistory, kubectl, ScriptedCluster, setStatus } from '../verbs/rollout/testing.ts';

const CONDITIONS = [
  { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.', lastUpdateTime: '2018-09-06T06:57:03Z', lastTransitionTime: '2018-09-06T06:57:03Z' },
  { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', message: 'ReplicaSet "x-59c8f6d69d" has successfully progressed.', lastUpdateTime: '2018-09-06T06:57:05Z', lastTransitionTime: '2018-09-06T06:57:01Z' },
];

test('describe deployment: the layout of kubectl 1.32 (reference sample 32)', () => {
  const c = new ScriptedCluster();
  deploymentWithHistory(c, 'x', [{ image: 'img:v1' }, { image: 'img:v2' }, { image: 'img:v3' }, { image: 'img:v4', replicas: 2 }]);
  c.api.patch('deployments.apps', 'default', 'x', 'merge', { metadata: { labels: { tier: 'fe' }, annotations: { 'deployment.kubernetes.io/revision': '5' } } });
  const d = setStatus(c, 'x', { observedGeneration: 1, replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2, conditions: CONDITIONS });
  const scaled = [
    'Scaled up replica set x-7c6cf4f8f9 from 0 to 2',
    'Scaled up replica set x-5d9c7b6f8d from 0 to 2',
    'Scaled down replica set x-7c6cf4f8f9 from 2 to 0',
    'Scaled up replica set x-59c8f6d69d from 0 to 2',
  ];
  for (const message of scaled) {
    c.events.record(d, 'Normal', 'ScalingReplicaSet', message, { component: 'deployment-controller' });
    c.advance(3000);
  }
  const r = kubectl(c, ['describe', 'deployment', 'x']);
  assert.equal(r.stderr, '');
  assert.equal(
    r.stdout,
    `Name:                   x
Namespace:              default
CreationTimestamp:      Thu, 06 Sep 2018 06:57:00 +0000
Labels:                 app=x
                        tier=fe
Annotations:            deployment.kubernetes.io/revision: 5
Selector:               app=x
Replicas:               2 desired | 2 updated | 2 total | 2 available | 0 unavailable
StrategyType:           RollingUpdate
MinReadySeconds:        0
RollingUpdateStrategy:  25% max unavailable, 25% max surge
Pod Template:
  Labels:  app=x
  Containers:
   app:
    Image:         img:v4
    Port:          80/TCP
    Host Port:     0/TCP
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Conditions:
  Type           Status  Reason
  ----           ------  ------
  Available      True    MinimumReplicasAvailable
  Progressing    True    NewReplicaSetAvailable
OldReplicaSets:  x-7c6cf4f8f9 (0/0 replicas created), x-5d9c7b6f8d (0/0 replicas created), x-68b4fb58d4 (0/0 replicas created)
NewReplicaSet:   x-7d4b6c9f5b (2/2 replicas created)
Events:
  Type    Reason             Age   From                   Message
  ----    ------             ----  ----                   -------
  Normal  ScalingReplicaSet  12s   deployment-controller  Scaled up replica set x-7c6cf4f8f9 from 0 to 2
  Normal  ScalingReplicaSet  9s    deployment-controller  Scaled up replica set x-5d9c7b6f8d from 0 to 2
  Normal  ScalingReplicaSet  6s    deployment-controller  Scaled down replica set x-7c6cf4f8f9 from 2 to 0
  Normal  ScalingReplicaSet  3s    deployment-controller  Scaled up replica set x-59c8f6d69d from 0 to 2
`,
  );
});

test('describe deployment: Recreate has no RollingUpdateStrategy line; no ReplicaSets, no ReplicaSet lines', () => {
  const c = new ScriptedCluster();
  c.api.create<Deployment>({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: {
      replicas: 3,
      minReadySeconds: 5,
      strategy: { type: 'Recreate' },
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' }, annotations: { team: 'a' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } },
    },
  });
  const r = kubectl(c, ['describe', 'deploy/web', '--show-events=false']);
  assert.equal(
    r.stdout,
    `Name:               web
Namespace:          default
CreationTimestamp:  Thu, 06 Sep 2018 06:57:00 +0000
Labels:             <none>
Annotations:        <none>
Selector:           app=web
Replicas:           3 desired | 0 updated | 0 total | 0 available | 0 unavailable
StrategyType:       Recreate
MinReadySeconds:    5
Pod Template:
  Labels:       app=web
  Annotations:  team: a
  Containers:
   web:
    Image:         nginx
    Port:          <none>
    Host Port:     <none>
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
`,
  );
});

test('describe deployment: only old ReplicaSets left (the template matches none) shows NewReplicaSet <none>', () => {
  const c = new ScriptedCluster();
  deploymentWithHistory(c, 'x', [{ image: 'img:v1', replicas: 2 }]);
  c.api.patch('deployments.apps', 'default', 'x', 'strategic', { spec: { template: { spec: { containers: [{ name: 'app', image: 'img:v2' }] } } } });
  const lines = kubectl(c, ['describe', 'deployment', 'x']).stdout.split('\n');
  assert.deepEqual(
    lines.filter((l) => /ReplicaSets?:/.test(l)),
    ['OldReplicaSets:    x-7c6cf4f8f9 (2/2 replicas created)', 'NewReplicaSet:     <none>'],
  );
});
