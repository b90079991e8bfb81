import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import { parseMilli } from '../api/quantity.ts';
import { controllerOf, type Stored } from '../store/object.ts';

/** The scheduler's non-zero defaults for pods that request nothing (pkg/scheduler/util/pod_resources.go). */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

/** A pod's summed requests: exact, and with the scheduler's non-zero defaults for scoring. */
export interface PodRequests {
  milliCpu: number;
  memory: number;
  nonZeroMilliCpu: number;
  nonZeroMemory: number;
}

/** Sums container requests, taking the larger of that and any single init container (resource.PodRequests). */
export function podRequests(pod: Pod): PodRequests {
  let milliCpu = 0, memory = 0, nonZeroMilliCpu = 0, nonZeroMemory = 0;
  for (const c of pod.spec?.containers ?? []) {
    const cpu = c.resources?.requests?.cpu !== undefined ? parseMilli(c.resources.requests.cpu) : undefined;
    const mem = c.resources?.requests?.memory !== undefined ? Math.round(parseMilli(c.resources.requests.memory) / 1000) : undefined;
    milliCpu += cpu ?? 0;
    memory += mem ?? 0;
    nonZeroMilliCpu += cpu ?? DEFAULT_MILLI_CPU_REQUEST;
    nonZeroMemory += mem ?? DEFAULT_MEMORY_REQUEST;
  }
  for (const c of pod.spec?.initContainers ?? []) {
    const cpu = c.resources?.requests?.cpu !== undefined ? parseMilli(c.resources.requests.cpu) : 0;
    const mem = c.resources?.requests?.memory !== undefined ? Math.round(parseMilli(c.resources.requests.memory) / 1000) : 0;
    milliCpu = Math.max(milliCpu, cpu);
    memory = Math.max(memory, mem);
  }
  return { milliCpu, memory, nonZeroMilliCpu, nonZeroMemory };
}

/**
 * What the scheduler knows about one node (framework.NodeInfo): allocatable, what its pods
 * request, how many pods it runs and of which owners. Kept up to date from pod events, so a
 * scheduling decision never lists pods.
 */
export class NodeInfo {
  milliCpu = 0;
  memory = 0;
  nonZeroMilliCpu = 0;
  nonZeroMemory = 0;
  podCount = 0;
  readonly byOwner = new Map<string, number>();
  allocatableMilliCpu = 0;
  allocatableMemory = 0;
  allocatablePods = 0;

  constructor(public node: Stored<Node>) {
    this.setNode(node);
  }

  setNode(node: Stored<Node>): void {
    this.node = node;
    const alloc = node.status?.allocatable ?? node.status?.capacity ?? {};
    this.allocatableMilliCpu = alloc.cpu !== undefined ? parseMilli(alloc.cpu) : 0;
    this.allocatableMemory = alloc.memory !== undefined ? Math.round(parseMilli(alloc.memory) / 1000) : 0;
    this.allocatablePods = alloc.pods !== undefined ? Math.round(parseMilli(alloc.pods) / 1000) : 110;
  }

  /** Adds (sign 1) or removes (sign -1) a pod's resources; terminating pods still hold theirs. */
  account(pod: Pod, sign: 1 | -1): void {
    const r = podRequests(pod);
    this.milliCpu += sign * r.milliCpu;
    this.memory += sign * r.memory;
    this.nonZeroMilliCpu += sign * r.nonZeroMilliCpu;
    this.nonZeroMemory += sign * r.nonZeroMemory;
    this.podCount += sign;
  }

  /** Adds or removes a pod from the spreading counts, which (like PodTopologySpread) skip terminating pods. */
  countSibling(pod: Pod, sign: 1 | -1): void {
    const owner = controllerOf(pod)?.uid;
    if (!owner) return;
    const n = (this.byOwner.get(owner) ?? 0) + sign;
    if (n === 0) this.byOwner.delete(owner);
    else this.byOwner.set(owner, n);
  }
}
