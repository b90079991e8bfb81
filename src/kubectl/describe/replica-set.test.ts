import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { Cluster } from '../../cluster.ts';
import type { Stored } from '../../store/object.ts';
import { runKubectl } from '../index.ts';
import { describeReplicaSet } from './replica-set.ts';

const RS_DAMO = `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: myapp
spec:
  replicas: 2
  selector:
    matchLabels: {app: myapp, release: canary}
  template:
    metadata:
      labels: {app: myapp, release: canary, environment: qa}
    spec:
      containers:
      - name: myapp-container
        image: ikubernetes/myapp:v1
        ports:
        - name: http
          containerPort: 80
`;

const RC_DEMO = `apiVersion: v1
kind: ReplicationController
metadata:
  name: myapp-rc
spec:
  replicas: 2
  selector:
    app: myapp-rc
  template:
    metadata:
      labels: {app: myapp-rc}
    spec:
      containers:
      - name: myapp-container
        image: ikubernetes/myapp:v1
        ports:
        - containerPort: 80
`;

function kubectl(cluster: Cluster, ...argv: string[]): string {
  const r = runKubectl(cluster, argv);
  assert.equal(r.stderr, '');
  assert.equal(r.exitCode, 0);
  return r.stdout;
}

/** Names of the pods a controller created, in the order of its SuccessfulCreate events. */
function createdPods(cluster: Cluster, ownerName: string): string[] {
  return cluster.store
    .list<Pod>('pods')
    .filter((p) => p.metadata.ownerReferences?.[0]?.name === ownerName)
    .sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion))
    .map((p) => p.metadata.name);
}

test('describe rs: selector, replicas, pod counts, the pod template and the controller events', () => {
  const cluster = new Cluster();
  cluster.files.set('rs-damo.yaml', RS_DAMO);
  kubectl(cluster, 'create', '-f', 'rs-damo.yaml');
  cluster.settle();
  cluster.advance(20_000);
  const [a, b] = createdPods(cluster, 'myapp');
  assert.equal(
    kubectl(cluster, 'describe', 'rs', 'myapp'),
    [
      'Name:         myapp',
      'Namespace:    default',
      'Selector:     app=myapp,release=canary',
      'Labels:       <none>',
      'Annotations:  <none>',
      'Replicas:     2 current / 2 desired',
      'Pods Status:  2 Running / 0 Waiting / 0 Succeeded / 0 Failed',
      'Pod Template:',
      '  Labels:  app=myapp',
      '           environment=qa',
      '           release=canary',
      '  Containers:',
      '   myapp-container:',
      '    Image:         ikubernetes/myapp:v1',
      '    Port:          80/TCP',
      '    Host Port:     0/TCP',
      '    Environment:   <none>',
      '    Mounts:        <none>',
      '  Volumes:         <none>',
      '  Node-Selectors:  <none>',
      '  Tolerations:     <none>',
      'Events:',
      '  Type    Reason            Age   From                   Message',
      '  ----    ------            ----  ----                   -------',
      `  Normal  SuccessfulCreate  23s   replicaset-controller  Created pod: ${a}`,
      `  Normal  SuccessfulCreate  23s   replicaset-controller  Created pod: ${b}`,
      '',
    ].join('\n'),
  );
});

test('describe rc: a plain-map selector, and the replication-controller as the events\' source', () => {
  const cluster = new Cluster();
  cluster.files.set('rc-demo.yaml', RC_DEMO);
  kubectl(cluster, 'create', '-f', 'rc-demo.yaml');
  cluster.settle();
  const [a, b] = createdPods(cluster, 'myapp-rc');
  assert.equal(
    kubectl(cluster, 'describe', 'rc', 'myapp-rc', '-n', 'default'),
    [
      'Name:         myapp-rc',
      'Namespace:    default',
      'Selector:     app=myapp-rc',
      // The API server defaults an RC's labels to its template's.
      'Labels:       app=myapp-rc',
      'Annotations:  <none>',
      'Replicas:     2 current / 2 desired',
      'Pods Status:  2 Running / 0 Waiting / 0 Succeeded / 0 Failed',
      'Pod Template:',
      '  Labels:  app=myapp-rc',
      '  Containers:',
      '   myapp-container:',
      '    Image:         ikubernetes/myapp:v1',
      '    Port:          80/TCP',
      '    Host Port:     0/TCP',
      '    Environment:   <none>',
      '    Mounts:        <none>',
      '  Volumes:         <none>',
      '  Node-Selectors:  <none>',
      '  Tolerations:     <none>',
      'Events:',
      '  Type    Reason            Age   From                    Message',
      '  ----    ------            ----  ----                    -------',
      `  Normal  SuccessfulCreate  3s    replication-controller  Created pod: ${a}`,
      `  Normal  SuccessfulCreate  3s    replication-controller  Created pod: ${b}`,
      '',
    ].join('\n'),
  );
});

test('a Deployment-owned ReplicaSet with a set-based selector, a rich template, conditions and no events', () => {
  const rs = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: 'web-5d9c7b6f8d',
      namespace: 'prod',
      uid: 'rs-uid',
      resourceVersion: '7',
      labels: { app: 'web', 'pod-template-hash': '5d9c7b6f8d' },
      annotations: {
        'deployment.kubernetes.io/desired-replicas': '3',
        'deployment.kubernetes.io/max-replicas': '4',
        'deployment.kubernetes.io/revision': '2',
      },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'd-uid', controller: true }],
    },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'web', 'pod-template-hash': '5d9c7b6f8d' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['fe', 'be'] }] },
      template: {
        metadata: { labels: { app: 'web', 'pod-template-hash': '5d9c7b6f8d', tier: 'fe' }, annotations: { 'kubectl.kubernetes.io/restartedAt': '2025-01-01T00:00:00Z' } },
        spec: {
          serviceAccountName: 'web',
          containers: [
            {
              name: 'web',
              image: 'nginx:1.27',
              ports: [{ containerPort: 80, protocol: 'TCP' }, { containerPort: 443, protocol: 'TCP' }],
              env: [{ name: 'A', value: '1' }],
              volumeMounts: [{ name: 'conf', mountPath: '/etc/nginx/conf.d', readOnly: true }],
            },
          ],
          volumes: [{ name: 'conf', configMap: { name: 'web-conf' } }],
          nodeSelector: { disk: 'ssd' },
          tolerations: [{ operator: 'Exists' }],
        },
      },
    },
    status: { replicas: 2, conditions: [{ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: 'pods "web-5d9c7b6f8d-x" is forbidden' }] },
  } as Stored<ReplicaSet>;
  assert.equal(
    describeReplicaSet(rs, { running: 1, waiting: 1, succeeded: 0, failed: 0 }, [], 0),
    [
      'Name:           web-5d9c7b6f8d',
      'Namespace:      prod',
      'Selector:       app=web,pod-template-hash=5d9c7b6f8d,tier in (be,fe)',
      'Labels:         app=web',
      '                pod-template-hash=5d9c7b6f8d',
      'Annotations:    deployment.kubernetes.io/desired-replicas: 3',
      '                deployment.kubernetes.io/max-replicas: 4',
      '                deployment.kubernetes.io/revision: 2',
      'Controlled By:  Deployment/web',
      'Replicas:       2 current / 3 desired',
      'Pods Status:    1 Running / 1 Waiting / 0 Succeeded / 0 Failed',
      'Pod Template:',
      '  Labels:           app=web',
      '                    pod-template-hash=5d9c7b6f8d',
      '                    tier=fe',
      '  Annotations:      kubectl.kubernetes.io/restartedAt: 2025-01-01T00:00:00Z',
      '  Service Account:  web',
      '  Containers:',
      '   web:',
      '    Image:       nginx:1.27',
      '    Ports:       80/TCP, 443/TCP',
      '    Host Ports:  0/TCP, 0/TCP',
      // "Environment:" has no tab when there are variables, so it ends the block.
      '    Environment:',
      '      A:  1',
      '    Mounts:',
      '      /etc/nginx/conf.d from conf (ro)',
      '  Volumes:',
      '   conf:',
      '    Type:          ConfigMap (a volume populated by a ConfigMap)',
      '    Name:          web-conf',
      '    Optional:      false',
      '  Node-Selectors:  disk=ssd',
      '  Tolerations:     op=Exists',
      'Conditions:',
      // The type cells end in a space ("%v \t"): "  ReplicaFailure " + padding 2 sets the width.
      '  Type             Status  Reason',
      '  ----             ------  ------',
      '  ReplicaFailure   True    FailedCreate',
      // With no events, "Events:\t<none>" is not flushed: it shares the conditions' first column.
      'Events:            <none>',
      '',
    ].join('\n'),
  );
});
