import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Node } from 'kubernetes-types/core/v1.js';
import { Cluster } from '../../cluster.ts';
import { runKubectl } from '../index.ts';

function kubectl(cluster: Cluster, ...argv: string[]): string {
  const r = runKubectl(cluster, argv);
  assert.equal(r.stderr, '');
  assert.equal(r.exitCode, 0);
  return r.stdout;
}

/** A pod pinned to node1. */
function pinned(namespace: string, name: string, rest: string): string {
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\nspec:\n  nodeSelector: {kubernetes.io/hostname: node1}\n${rest}`;
}

/** The lines from `Conditions:` to `System Info:` shared by every node of the tutorial cluster. */
function conditionsToSystemInfo(node: Node): string[] {
  const info = node.status!.nodeInfo!;
  return [
    'Conditions:',
    '  Type             Status  LastHeartbeatTime                 LastTransitionTime                Reason                       Message',
    '  ----             ------  -----------------                 ------------------                ------                       -------',
    '  MemoryPressure   False   Wed, 05 Sep 2018 06:57:00 +0000   Wed, 05 Sep 2018 06:57:00 +0000   KubeletHasSufficientMemory   kubelet has sufficient memory available',
    '  DiskPressure     False   Wed, 05 Sep 2018 06:57:00 +0000   Wed, 05 Sep 2018 06:57:00 +0000   KubeletHasNoDiskPressure     kubelet has no disk pressure',
    '  PIDPressure      False   Wed, 05 Sep 2018 06:57:00 +0000   Wed, 05 Sep 2018 06:57:00 +0000   KubeletHasSufficientPID      kubelet has sufficient PID available',
    '  Ready            True    Wed, 05 Sep 2018 06:57:00 +0000   Wed, 05 Sep 2018 06:57:00 +0000   KubeletReady                 kubelet is posting ready status',
    'Addresses:',
    `  InternalIP:  ${node.status!.addresses![0].address}`,
    `  Hostname:    ${node.metadata!.name}`,
    'Capacity:',
    '  cpu:                2',
    '  ephemeral-storage:  51175Mi',
    '  hugepages-1Gi:      0',
    '  hugepages-2Mi:      0',
    '  memory:             3880620Ki',
    '  pods:               110',
    'Allocatable:',
    '  cpu:                2',
    '  ephemeral-storage:  48294789041',
    '  hugepages-1Gi:      0',
    '  hugepages-2Mi:      0',
    '  memory:             3880620Ki',
    '  pods:               110',
    // From here to "Allocated resources:" every line has a tab: one column block, 28 + 2 wide.
    'System Info:',
    `  Machine ID:                 ${info.machineID}`,
    `  System UUID:                ${info.systemUUID}`,
    `  Boot ID:                    ${info.bootID}`,
    '  Kernel Version:             5.15.0-126-generic',
    '  OS Image:                   Ubuntu 22.04.5 LTS',
    '  Operating System:           linux',
    '  Architecture:               amd64',
    '  Container Runtime Version:  containerd://1.7.24',
    '  Kubelet Version:            v1.32.0',
    '  Kube-Proxy Version:         ',
  ];
}

test('a worker with pods: requests and limits against allocatable, truncated percentages, totals', () => {
  const cluster = new Cluster();
  cluster.files.set(
    'pods.yaml',
    [
      pinned('default', 'web', '  containers:\n  - name: web\n    image: ikubernetes/myapp:v1\n    resources:\n      requests: {cpu: 250m, memory: 64Mi}\n      limits: {cpu: "1", memory: 128Mi}\n'),
      pinned('default', 'plain', '  containers:\n  - name: web\n    image: ikubernetes/myapp:v1\n'),
      pinned('dev', 'x', '  containers:\n  - name: web\n    image: ikubernetes/myapp:v1\n    resources:\n      requests: {cpu: "0.5", memory: 100M}\n'),
      // Succeeded: not listed, not counted.
      pinned('default', 'done', '  restartPolicy: Never\n  containers:\n  - name: once\n    image: busybox\n'),
    ].join('---\n'),
  );
  kubectl(cluster, 'create', 'namespace', 'dev');
  kubectl(cluster, 'create', '-f', 'pods.yaml');
  cluster.advance(65_000);
  const node = cluster.store.get<Node>('nodes', undefined, 'node1')!;
  assert.equal(
    kubectl(cluster, 'describe', 'node', 'node1'),
    [
      'Name:               node1',
      'Roles:              <none>',
      'Labels:             beta.kubernetes.io/arch=amd64',
      '                    beta.kubernetes.io/os=linux',
      '                    kubernetes.io/arch=amd64',
      '                    kubernetes.io/hostname=node1',
      '                    kubernetes.io/os=linux',
      'Annotations:        kubeadm.alpha.kubernetes.io/cri-socket: unix:///var/run/containerd/containerd.sock',
      '                    node.alpha.kubernetes.io/ttl: 0',
      '                    volumes.kubernetes.io/controller-managed-attach-detach: true',
      'CreationTimestamp:  Wed, 05 Sep 2018 06:57:00 +0000',
      'Taints:             <none>',
      'Unschedulable:      false',
      'Lease:',
      '  HolderIdentity:  node1',
      '  AcquireTime:     <unset>',
      // The last 10-second renewal before 06:58:05.
      '  RenewTime:       Thu, 06 Sep 2018 06:58:00 +0000',
      ...conditionsToSystemInfo(node),
      'PodCIDR:                      10.244.1.0/24',
      'PodCIDRs:                     10.244.1.0/24',
      'Non-terminated Pods:          (3 in total)',
      // The double tab after Name makes an empty column: two more spaces.
      '  Namespace                   Name     CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age',
      '  ---------                   ----     ------------  ----------  ---------------  -------------  ---',
      '  default                     plain    0 (0%)        0 (0%)      0 (0%)           0 (0%)         65s',
      // 250m of 2 CPUs is 12.5%, 64Mi of 3880620Ki is 1.69%: truncated.
      '  default                     web      250m (12%)    1 (50%)     64Mi (1%)        128Mi (3%)     65s',
      '  dev                         x        500m (25%)    0 (0%)      100M (2%)        0 (0%)         65s',
      'Allocated resources:',
      '  (Total limits may be over 100 percent, i.e., overcommitted.)',
      '  Resource           Requests        Limits',
      '  --------           --------        ------',
      '  cpu                750m (37%)      1 (50%)',
      // 64Mi + 100M keeps the first addend's binary format, and is no whole number of Ki.
      '  memory             167108864 (4%)  128Mi (3%)',
      '  ephemeral-storage  0 (0%)          0 (0%)',
      '  hugepages-1Gi      0 (0%)          0 (0%)',
      '  hugepages-2Mi      0 (0%)          0 (0%)',
      'Events:              <none>',
      '',
    ].join('\n'),
  );
});

test('the control-plane node: its role, its NoSchedule taint, no pods', () => {
  const cluster = new Cluster();
  const node = cluster.store.get<Node>('nodes', undefined, 'master')!;
  assert.equal(
    kubectl(cluster, 'describe', 'nodes/master'),
    [
      'Name:               master',
      'Roles:              control-plane',
      'Labels:             beta.kubernetes.io/arch=amd64',
      '                    beta.kubernetes.io/os=linux',
      '                    kubernetes.io/arch=amd64',
      '                    kubernetes.io/hostname=master',
      '                    kubernetes.io/os=linux',
      '                    node-role.kubernetes.io/control-plane=',
      '                    node.kubernetes.io/exclude-from-external-load-balancers=',
      'Annotations:        kubeadm.alpha.kubernetes.io/cri-socket: unix:///var/run/containerd/containerd.sock',
      '                    node.alpha.kubernetes.io/ttl: 0',
      '                    volumes.kubernetes.io/controller-managed-attach-detach: true',
      'CreationTimestamp:  Wed, 05 Sep 2018 06:57:00 +0000',
      'Taints:             node-role.kubernetes.io/control-plane:NoSchedule',
      'Unschedulable:      false',
      'Lease:',
      '  HolderIdentity:  master',
      '  AcquireTime:     <unset>',
      '  RenewTime:       Thu, 06 Sep 2018 06:57:00 +0000',
      ...conditionsToSystemInfo(node),
      'PodCIDR:                      10.244.0.0/24',
      'PodCIDRs:                     10.244.0.0/24',
      'Non-terminated Pods:          (0 in total)',
      '  Namespace                   Name    CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age',
      '  ---------                   ----    ------------  ----------  ---------------  -------------  ---',
      'Allocated resources:',
      '  (Total limits may be over 100 percent, i.e., overcommitted.)',
      '  Resource           Requests  Limits',
      '  --------           --------  ------',
      '  cpu                0 (0%)    0 (0%)',
      '  memory             0 (0%)    0 (0%)',
      '  ephemeral-storage  0 (0%)    0 (0%)',
      '  hugepages-1Gi      0 (0%)    0 (0%)',
      '  hugepages-2Mi      0 (0%)    0 (0%)',
      'Events:              <none>',
      '',
    ].join('\n'),
  );
});

test('a node whose kubelet stopped: Unknown conditions, both unreachable taints sorted by effect, its Lease frozen, the NodeNotReady event', () => {
  const cluster = new Cluster();
  cluster.advance(17_000);
  cluster.stopReporting('node2');
  cluster.advance(60_000);
  const lines = kubectl(cluster, 'describe', 'node', 'node2').split('\n');
  const from = (first: string, n: number) => lines.slice(lines.indexOf(first), lines.indexOf(first) + n);
  assert.deepEqual(from('Taints:             node.kubernetes.io/unreachable:NoExecute', 6), [
    'Taints:             node.kubernetes.io/unreachable:NoExecute',
    '                    node.kubernetes.io/unreachable:NoSchedule',
    'Unschedulable:      false',
    'Lease:',
    '  HolderIdentity:  node2',
    '  AcquireTime:     <unset>',
  ]);
  assert.ok(lines.includes('  RenewTime:       Thu, 06 Sep 2018 06:57:10 +0000'), 'the last renewal before it stopped');
  assert.ok(
    lines.includes('  Ready            Unknown   Wed, 05 Sep 2018 06:57:00 +0000   Thu, 06 Sep 2018 06:58:05 +0000   NodeStatusUnknown   Kubelet stopped posting node status.'),
  );
  assert.deepEqual(lines.slice(-5), [
    'Events:',
    '  Type    Reason        Age   From             Message',
    '  ----    ------        ----  ----             -------',
    '  Normal  NodeNotReady  12s   node-controller  Node node2 status is now: NodeNotReady',
    '',
  ]);
});
