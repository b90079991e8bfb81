import type { Node, Taint } from 'kubernetes-types/core/v1.js';

/** What a scenario says about a node; everything else takes kubeadm's and the kubelet's values. */
export interface NodeSpecInput {
  name: string;
  /** InternalIP. */
  ip: string;
  /** The node's pod range, e.g. `10.244.1.0/24`. */
  podCIDR: string;
  /** `control-plane` makes a kubeadm control-plane node (label and NoSchedule taint). */
  role?: 'control-plane' | 'worker';
  cpu?: string;
  memory?: string;
  pods?: number;
  labels?: Record<string, string>;
  taints?: Taint[];
}

export const KUBELET_VERSION = 'v1.32.0';
export const CONTAINER_RUNTIME = 'containerd://1.7.24';

/** The Node object a kubeadm-joined kubelet registers (and the control plane labels and taints). */
/** The identifiers a machine reports: machine-id, the SMBIOS system UUID and this boot's id. */
export interface MachineIds {
  machineId: string;
  systemUuid: string;
  bootId: string;
}

export function buildNode(input: NodeSpecInput, created: string, ids: MachineIds): Node {
  const controlPlane = input.role === 'control-plane';
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': input.name,
    'kubernetes.io/os': 'linux',
    ...(controlPlane ? { 'node-role.kubernetes.io/control-plane': '', 'node.kubernetes.io/exclude-from-external-load-balancers': '' } : {}),
    ...input.labels,
  };
  const taints: Taint[] = [...(controlPlane ? [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] : []), ...(input.taints ?? [])];
  const capacity = {
    cpu: input.cpu ?? '2',
    'ephemeral-storage': '51175Mi',
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: input.memory ?? '3880620Ki',
    pods: String(input.pods ?? 110),
  };
  const condition = (type: string, status: string, reason: string, message: string) => ({
    type,
    status,
    reason,
    message,
    lastHeartbeatTime: created,
    lastTransitionTime: created,
  });
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: input.name,
      labels,
      annotations: {
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///var/run/containerd/containerd.sock',
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: { podCIDR: input.podCIDR, podCIDRs: [input.podCIDR], ...(taints.length ? { taints } : {}) },
    status: {
      addresses: [
        { type: 'InternalIP', address: input.ip },
        { type: 'Hostname', address: input.name },
      ],
      allocatable: { ...capacity, 'ephemeral-storage': '48294789041' },
      capacity,
      conditions: [
        condition('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
        condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
        condition('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
        condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        architecture: 'amd64',
        bootID: ids.bootId,
        containerRuntimeVersion: CONTAINER_RUNTIME,
        kernelVersion: '5.15.0-126-generic',
        // DisableNodeKubeProxyVersion (beta, on by default since 1.31): the kubelet leaves this empty.
        kubeProxyVersion: '',
        kubeletVersion: KUBELET_VERSION,
        machineID: ids.machineId,
        operatingSystem: 'linux',
        osImage: 'Ubuntu 22.04.5 LTS',
        systemUUID: ids.systemUuid,
      },
    },
  };
}
