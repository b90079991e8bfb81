import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { Cluster } from '../../cluster.ts';
import type { Stored } from '../../store/object.ts';
import { runKubectl } from '../index.ts';

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

/** Runs kubectl and returns stdout, failing on any error output. */
function kubectl(cluster: Cluster, ...argv: string[]): string {
  const r = runKubectl(cluster, argv);
  assert.equal(r.stderr, '');
  assert.equal(r.exitCode, 0);
  return r.stdout;
}

function pod(cluster: Cluster, name: string): Stored<Pod> {
  return cluster.store.get<Pod>('pods', 'default', name)!;
}

/** The generated name of the service-account token volume. */
function tokenVolume(p: Pod): string {
  return p.spec!.volumes!.find((v) => v.name.startsWith('kube-api-access-'))!.name;
}

test('a running ReplicaSet pod: the layout of the real kubectl 1.32 sample', () => {
  const cluster = new Cluster();
  cluster.files.set('rs-damo.yaml', RS_DAMO);
  kubectl(cluster, 'create', '-f', 'rs-damo.yaml');
  cluster.settle();
  cluster.advance(20_000);
  const p = cluster.store.list<Pod>('pods').sort((a, b) => a.metadata.name.localeCompare(b.metadata.name))[0];
  const name = p.metadata.name;
  const node = p.spec!.nodeName!;
  const hostIP = p.status!.hostIP!;
  const podIP = p.status!.podIP!;
  const expected = [
    `Name:             ${name}`,
    'Namespace:        default',
    'Priority:         0',
    'Service Account:  default',
    `Node:             ${node}/${hostIP}`,
    'Start Time:       Thu, 06 Sep 2018 06:57:00 +0000',
    'Labels:           app=myapp',
    '                  environment=qa',
    '                  release=canary',
    'Annotations:      <none>',
    'Status:           Running',
    `IP:               ${podIP}`,
    'IPs:',
    // "  IP:" and "Controlled By:" form their own column block.
    `  IP:           ${podIP}`,
    'Controlled By:  ReplicaSet/myapp',
    'Containers:',
    '  myapp-container:',
    `    Container ID:   ${p.status!.containerStatuses![0].containerID}`,
    '    Image:          ikubernetes/myapp:v1',
    '    Image ID:       docker.io/ikubernetes/myapp@sha256:e94739d33c53617a7efaa0a91d4c346ed1addecf9da5e8aefdb1be3b9f94b546',
    '    Port:           80/TCP',
    '    Host Port:      0/TCP',
    '    State:          Running',
    '      Started:      Thu, 06 Sep 2018 06:57:03 +0000',
    '    Ready:          True',
    '    Restart Count:  0',
    '    Environment:    <none>',
    '    Mounts:',
    `      /var/run/secrets/kubernetes.io/serviceaccount from ${tokenVolume(p)} (ro)`,
    'Conditions:',
    '  Type                        Status',
    '  PodReadyToStartContainers   True ',
    '  Initialized                 True ',
    '  Ready                       True ',
    '  ContainersReady             True ',
    '  PodScheduled                True ',
    'Volumes:',
    `  ${tokenVolume(p)}:`,
    '    Type:                    Projected (a volume that contains injected data from multiple sources)',
    '    TokenExpirationSeconds:  3607',
    '    ConfigMapName:           kube-root-ca.crt',
    '    ConfigMapOptional:       <nil>',
    '    DownwardAPI:             true',
    'QoS Class:                   BestEffort',
    'Node-Selectors:              <none>',
    'Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s',
    '                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s',
    'Events:',
    '  Type    Reason     Age   From               Message',
    '  ----    ------     ----  ----               -------',
    `  Normal  Scheduled  23s   default-scheduler  Successfully assigned default/${name} to ${node}`,
    '  Normal  Pulling    22s   kubelet            Pulling image "ikubernetes/myapp:v1"',
    '  Normal  Pulled     20s   kubelet            Successfully pulled image "ikubernetes/myapp:v1" in 2s (2s including waiting). Image size: 6233145 bytes.',
    '  Normal  Created    20s   kubelet            Created container: myapp-container',
    '  Normal  Started    20s   kubelet            Started container myapp-container',
    '',
  ].join('\n');
  assert.equal(kubectl(cluster, 'describe', 'pod', name), expected);
  // --show-events=false drops the section, and nothing else.
  assert.equal(kubectl(cluster, 'describe', 'pod', name, '--show-events=false'), expected.slice(0, expected.indexOf('Events:\n')));
});

const PENDING = `apiVersion: v1
kind: Pod
metadata:
  name: busy
  annotations:
    note: hello
spec:
  nodeSelector:
    disk: ssd
  containers:
  - name: main
    image: busybox:1.36
    command: ["sh", "-c"]
    args: ["while true; do date >> /data/log; sleep 2; done"]
    env:
    - name: MODE
      value: fast
    - name: POD_NAME
      valueFrom:
        fieldRef:
          fieldPath: metadata.name
    - name: NODE
      valueFrom:
        fieldRef:
          fieldPath: spec.nodeName
    - name: PASSWORD
      valueFrom:
        secretKeyRef: {name: creds, key: password}
    resources:
      requests: {cpu: 250m, memory: 64Mi}
      limits: {cpu: "1", memory: 128Mi}
    livenessProbe:
      httpGet: {path: /healthz, port: 8080}
    readinessProbe:
      exec:
        command: ["cat", "/tmp/ready"]
      initialDelaySeconds: 5
    volumeMounts:
    - {name: data, mountPath: /data}
    - {name: host, mountPath: /host, readOnly: true}
  volumes:
  - name: data
    emptyDir: {}
  - name: host
    hostPath: {path: /var/log, type: Directory}
`;

test('an unschedulable pod: no node, empty IP, the spec-only container block, volumes and a scheduler event', () => {
  const cluster = new Cluster();
  cluster.files.set('busy.yaml', PENDING);
  kubectl(cluster, 'create', '-f', 'busy.yaml');
  cluster.settle();
  cluster.advance(60_000);
  const p = pod(cluster, 'busy');
  const expected = [
    'Name:             busy',
    'Namespace:        default',
    'Priority:         0',
    'Service Account:  default',
    'Node:             <none>',
    'Labels:           <none>',
    'Annotations:      note: hello',
    'Status:           Pending',
    // The IP cell is padded even though nothing follows it.
    'IP:               ',
    'IPs:              <none>',
    'Containers:',
    '  main:',
    // Without a container status there is no Container ID, Image ID, State, Ready or Restart Count.
    '    Image:      busybox:1.36',
    '    Port:       <none>',
    '    Host Port:  <none>',
    '    Command:',
    '      sh',
    '      -c',
    '    Args:',
    '      while true; do date >> /data/log; sleep 2; done',
    // "Limits:" and "Requests:" have no tab, so each list is its own column block.
    '    Limits:',
    '      cpu:     1',
    '      memory:  128Mi',
    '    Requests:',
    '      cpu:      250m',
    '      memory:   64Mi',
    '    Liveness:   http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3',
    '    Readiness:  exec [cat /tmp/ready] delay=5s timeout=1s period=10s #success=1 #failure=3',
    '    Environment:',
    '      MODE:      fast',
    '      POD_NAME:  busy (v1:metadata.name)',
    // kubectl resolves only metadata.name and metadata.namespace.
    '      NODE:       (v1:spec.nodeName)',
    "      PASSWORD:  <set to the key 'password' in secret 'creds'>  Optional: false",
    '    Mounts:',
    '      /data from data (rw)',
    '      /host from host (ro)',
    `      /var/run/secrets/kubernetes.io/serviceaccount from ${tokenVolume(p)} (ro)`,
    'Conditions:',
    '  Type           Status',
    '  PodScheduled   False ',
    'Volumes:',
    '  data:',
    '    Type:       EmptyDir (a temporary directory that shares a pod\'s lifetime)',
    '    Medium:     ',
    '    SizeLimit:  <unset>',
    '  host:',
    '    Type:          HostPath (bare host directory volume)',
    '    Path:          /var/log',
    '    HostPathType:  Directory',
    `  ${tokenVolume(p)}:`,
    '    Type:                    Projected (a volume that contains injected data from multiple sources)',
    '    TokenExpirationSeconds:  3607',
    '    ConfigMapName:           kube-root-ca.crt',
    '    ConfigMapOptional:       <nil>',
    '    DownwardAPI:             true',
    'QoS Class:                   Burstable',
    'Node-Selectors:              disk=ssd',
    'Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s',
    '                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s',
    'Events:',
    '  Type     Reason            Age   From               Message',
    '  ----     ------            ----  ----               -------',
    "  Warning  FailedScheduling  60s   default-scheduler  0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    '',
  ].join('\n');
  assert.equal(kubectl(cluster, 'describe', 'pod', 'busy'), expected);
});

test('an image that cannot be pulled: Waiting with its reason, and repeated events as "(xN over …)"', () => {
  const cluster = new Cluster();
  cluster.files.set('bad.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: bad\nspec:\n  containers:\n  - name: web\n    image: ikubernetes/myapp:v99\n');
  kubectl(cluster, 'create', '-f', 'bad.yaml');
  cluster.advance(60_000);
  const p = pod(cluster, 'bad');
  const podIP = p.status!.podIP!;
  const error = 'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/ikubernetes/myapp:v99": failed to resolve reference "docker.io/ikubernetes/myapp:v99": docker.io/ikubernetes/myapp:v99: not found';
  const expected = [
    'Name:             bad',
    'Namespace:        default',
    'Priority:         0',
    'Service Account:  default',
    `Node:             ${p.spec!.nodeName}/${p.status!.hostIP}`,
    'Start Time:       Thu, 06 Sep 2018 06:57:00 +0000',
    'Labels:           <none>',
    'Annotations:      <none>',
    'Status:           Pending',
    `IP:               ${podIP}`,
    'IPs:',
    // Alone in its block (no Controlled By), the nested IP line is padded to its own width.
    `  IP:  ${podIP}`,
    'Containers:',
    '  web:',
    '    Container ID:   ',
    '    Image:          ikubernetes/myapp:v99',
    '    Image ID:       ',
    '    Port:           <none>',
    '    Host Port:      <none>',
    '    State:          Waiting',
    // The waiting message (the pull error) is not shown.
    '      Reason:       ImagePullBackOff',
    '    Ready:          False',
    '    Restart Count:  0',
    '    Environment:    <none>',
    '    Mounts:',
    `      /var/run/secrets/kubernetes.io/serviceaccount from ${tokenVolume(p)} (ro)`,
    'Conditions:',
    '  Type                        Status',
    '  PodReadyToStartContainers   True ',
    '  Initialized                 True ',
    '  Ready                       False ',
    '  ContainersReady             False ',
    '  PodScheduled                True ',
    'Volumes:',
    `  ${tokenVolume(p)}:`,
    '    Type:                    Projected (a volume that contains injected data from multiple sources)',
    '    TokenExpirationSeconds:  3607',
    '    ConfigMapName:           kube-root-ca.crt',
    '    ConfigMapOptional:       <nil>',
    '    DownwardAPI:             true',
    'QoS Class:                   BestEffort',
    'Node-Selectors:              <none>',
    'Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s',
    '                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s',
    'Events:',
    '  Type     Reason     Age                From               Message',
    '  ----     ------     ----               ----               -------',
    `  Normal   Scheduled  60s                default-scheduler  Successfully assigned default/bad to ${p.spec!.nodeName}`,
    '  Normal   Pulling    25s (x3 over 59s)  kubelet            Pulling image "ikubernetes/myapp:v99"',
    `  Warning  Failed     23s (x3 over 57s)  kubelet            Failed to pull image "ikubernetes/myapp:v99": ${error}`,
    '  Warning  Failed     23s (x3 over 57s)  kubelet            Error: ErrImagePull',
    '  Normal   BackOff    22s (x3 over 56s)  kubelet            Back-off pulling image "ikubernetes/myapp:v99"',
    '  Warning  Failed     22s (x3 over 56s)  kubelet            Error: ImagePullBackOff',
    '',
  ].join('\n');
  assert.equal(kubectl(cluster, 'describe', 'pod', 'bad'), expected);
});

test('a crash-looping container shows its Last State', () => {
  const cluster = new Cluster();
  cluster.files.set('crash.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: crash\nspec:\n  containers:\n  - name: once\n    image: busybox\n');
  kubectl(cluster, 'create', '-f', 'crash.yaml');
  cluster.advance(60_000);
  const p = pod(cluster, 'crash');
  const s = p.status!.containerStatuses![0];
  const block = [
    'Containers:',
    '  once:',
    `    Container ID:   ${s.containerID}`,
    '    Image:          busybox',
    '    Image ID:       docker.io/library/busybox@sha256:de68ccc327e508f44a3a150fc877a442581bb03dd53e24b418fbc425ece79d52',
    '    Port:           <none>',
    '    Host Port:      <none>',
    '    State:          Waiting',
    '      Reason:       CrashLoopBackOff',
    '    Last State:     Terminated',
    '      Reason:       Completed',
    '      Exit Code:    0',
    '      Started:      Thu, 06 Sep 2018 06:57:34 +0000',
    '      Finished:     Thu, 06 Sep 2018 06:57:34 +0000',
    '    Ready:          False',
    `    Restart Count:  ${s.restartCount}`,
    '    Environment:    <none>',
    '    Mounts:',
    `      /var/run/secrets/kubernetes.io/serviceaccount from ${tokenVolume(p)} (ro)`,
    'Conditions:',
  ].join('\n');
  const out = kubectl(cluster, 'describe', 'pod', 'crash');
  assert.ok(out.includes(block), out);
  assert.match(out, /\n {2}Warning {2}BackOff {4}\d+s \(x\d+ over \d+s\) {2}kubelet {12}Back-off restarting failed container once in pod crash_default\(/);
});

test('a pod being deleted: Terminating, the grace period, and the Killing event', () => {
  const cluster = new Cluster();
  cluster.files.set('rs-damo.yaml', RS_DAMO);
  kubectl(cluster, 'create', '-f', 'rs-damo.yaml');
  cluster.settle();
  const name = cluster.store.list<Pod>('pods')[0].metadata.name;
  cluster.api.delete('pods', 'default', name);
  cluster.reconcile();
  const out = kubectl(cluster, 'describe', 'pod', name);
  // The deletion timestamp is 30 s ahead, so its "age" is negative: <invalid>, as real kubectl prints.
  assert.ok(out.includes('Status:                    Terminating (lasts <invalid>)\nTermination Grace Period:  30s\nIP:'), out);
  assert.match(out, /\n {2}Normal {2}Killing {4}0s {4}kubelet {12}Stopping container myapp-container\n$/);
});
