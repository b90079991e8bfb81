import type { NodeSpecInput } from './node/node-object.ts';
import { TUTORIAL_EPOCH } from './sim/clock.ts';

/** How to build a cluster: its nodes, its seed, and when virtual time starts. */
export interface ClusterConfig {
  nodes: NodeSpecInput[];
  /** Seed of the random source; the same seed gives the same names, IPs and choices. */
  seed?: string;
  /** Virtual time when the scenario starts, epoch milliseconds. */
  startTime?: number;
  /** How long before the start the cluster was installed (its nodes' and namespaces' age); default one day. */
  installedBeforeMs?: number;
  /** Folder `kubectl -f` paths are relative to. */
  cwd?: string;
}

/**
 * The tutorial's cluster: a kubeadm control plane `master` (tainted NoSchedule) and two workers,
 * with the node IPs and flannel pod ranges its transcripts show.
 */
export function tutorialCluster(overrides: Partial<ClusterConfig> = {}): ClusterConfig {
  return {
    nodes: [
      { name: 'master', ip: '192.168.130.103', podCIDR: '10.244.0.0/24', role: 'control-plane' },
      { name: 'node1', ip: '192.168.130.104', podCIDR: '10.244.1.0/24' },
      { name: 'node2', ip: '192.168.130.105', podCIDR: '10.244.2.0/24' },
    ],
    seed: 'kubespec',
    startTime: TUTORIAL_EPOCH,
    ...overrides,
  };
}

/** A cluster of `workers` identical worker nodes (plus a control-plane node), for benches and custom scenarios. */
export function uniformCluster(workers: number, overrides: Partial<ClusterConfig> & { cpu?: string; memory?: string; pods?: number } = {}): ClusterConfig {
  const nodes: NodeSpecInput[] = [{ name: 'master', ip: '192.168.0.2', podCIDR: '10.244.0.0/24', role: 'control-plane' }];
  for (let i = 1; i <= workers; i++) {
    nodes.push({
      name: `node${i}`,
      ip: `192.168.${Math.floor(i / 250) + 1}.${(i % 250) + 5}`,
      podCIDR: `10.${244 + Math.floor(i / 256)}.${i % 256}.0/24`,
      cpu: overrides.cpu,
      memory: overrides.memory,
      pods: overrides.pods,
    });
  }
  return { nodes, seed: 'kubespec', startTime: TUTORIAL_EPOCH, ...overrides };
}
