import type { Event, Node, Pod } from 'kubernetes-types/core/v1.js';
import type { Stored } from '../../store/object.ts';
import { LEASE_RENEW_MS } from '../../node/node-lease.ts';
import { age } from '../printers/age.ts';
import { nodeRoles } from '../printers/nodes.ts';
import { describeEvents } from './events.ts';
import { byString, formatRfc1123z, rfc1123z } from './format.ts';
import { printAnnotationsMultiline, printLabelsMultiline, printTaintsMultiline } from './multiline.ts';
import { addResourceList, podRequestsAndLimits, type ResourceList } from './pod-resources.ts';
import { formatQuantity, parseQuantity, quantityValue, ZERO, type Quantity } from './quantity.ts';
import { DescribeWriter, LEVEL_0, LEVEL_1 } from './writer.ts';

/**
 * describeNode (staging/src/k8s.io/kubectl/pkg/describe/describe.go): roles, labels, taints, the
 * node Lease, conditions, addresses, capacity, system info, the non-terminated pods with their
 * requests and limits against allocatable, the totals, and events. `pods` are the node's pods
 * that are neither Succeeded nor Failed, in the API's list order. `leaseRenewTime` is when the
 * node's kubelet last renewed its Lease (by default, the last 10-second tick).
 */
export function describeNode(
  node: Stored<Node>,
  pods: readonly Stored<Pod>[],
  events: readonly Stored<Event>[] | undefined,
  now: number,
  leaseRenewTime = Math.floor(now / LEASE_RENEW_MS) * LEASE_RENEW_MS,
): string {
  const w = new DescribeWriter();
  const spec = node.spec ?? {};
  const status = node.status ?? {};
  w.write(LEVEL_0, `Name:\t${node.metadata.name}\n`);
  const roles = nodeRoles(node);
  w.write(LEVEL_0, `Roles:\t${roles.length ? roles.join(',') : '<none>'}\n`);
  printLabelsMultiline(w, 'Labels', node.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', node.metadata.annotations);
  w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(node.metadata.creationTimestamp)}\n`);
  printTaintsMultiline(w, 'Taints', spec.taints);
  w.write(LEVEL_0, `Unschedulable:\t${spec.unschedulable === true}\n`);
  describeLease(w, node, leaseRenewTime);
  const conditions = status.conditions ?? [];
  if (conditions.length) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of conditions) {
      w.write(LEVEL_1, `${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
    }
  }
  w.write(LEVEL_0, 'Addresses:\n');
  for (const a of status.addresses ?? []) w.write(LEVEL_1, `${a.type}:\t${a.address}\n`);
  for (const [title, list] of [['Capacity', status.capacity], ['Allocatable', status.allocatable]] as const) {
    const names = Object.keys(list ?? {}).sort(byString);
    if (!names.length) continue;
    w.write(LEVEL_0, `${title}:\n`);
    for (const name of names) w.write(LEVEL_0, `  ${name}:\t${formatQuantity(parseQuantity(list![name]))}\n`);
  }
  const info = status.nodeInfo;
  w.write(LEVEL_0, 'System Info:\n');
  w.write(LEVEL_0, `  Machine ID:\t${info?.machineID ?? ''}\n`);
  w.write(LEVEL_0, `  System UUID:\t${info?.systemUUID ?? ''}\n`);
  w.write(LEVEL_0, `  Boot ID:\t${info?.bootID ?? ''}\n`);
  w.write(LEVEL_0, `  Kernel Version:\t${info?.kernelVersion ?? ''}\n`);
  w.write(LEVEL_0, `  OS Image:\t${info?.osImage ?? ''}\n`);
  w.write(LEVEL_0, `  Operating System:\t${info?.operatingSystem ?? ''}\n`);
  w.write(LEVEL_0, `  Architecture:\t${info?.architecture ?? ''}\n`);
  w.write(LEVEL_0, `  Container Runtime Version:\t${info?.containerRuntimeVersion ?? ''}\n`);
  w.write(LEVEL_0, `  Kubelet Version:\t${info?.kubeletVersion ?? ''}\n`);
  w.write(LEVEL_0, `  Kube-Proxy Version:\t${info?.kubeProxyVersion ?? ''}\n`);
  if (spec.podCIDR) w.write(LEVEL_0, `PodCIDR:\t${spec.podCIDR}\n`);
  if (spec.podCIDRs?.length) w.write(LEVEL_0, `PodCIDRs:\t${spec.podCIDRs.join(',')}\n`);
  if (spec.providerID) w.write(LEVEL_0, `ProviderID:\t${spec.providerID}\n`);
  describeNodeResource(w, node, pods, now);
  if (events) describeEvents(w, events, now);
  return w.text();
}

/**
 * The node's Lease in kube-node-lease. The engine keeps no Lease objects, so this shows the one
 * the kubelet keeps: held by the node itself (the kubelet never sets acquireTime), renewed at
 * `renewTime`.
 */
function describeLease(w: DescribeWriter, node: Node, renewTime: number): void {
  w.write(LEVEL_0, 'Lease:\n');
  w.write(LEVEL_1, `HolderIdentity:\t${node.metadata?.name ?? '<unset>'}\n`);
  w.write(LEVEL_1, 'AcquireTime:\t<unset>\n');
  w.write(LEVEL_1, `RenewTime:\t${formatRfc1123z(renewTime)}\n`);
}

/**
 * describeNodeResource: one row per pod with its requests and limits as a share of allocatable
 * (capacity when allocatable is empty), then the totals. Percentages are truncated, as Go's
 * int64(float64) conversion does.
 */
function describeNodeResource(w: DescribeWriter, node: Node, pods: readonly Stored<Pod>[], now: number): void {
  w.write(LEVEL_0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(LEVEL_1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(LEVEL_1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const allocatableList = Object.keys(node.status?.allocatable ?? {}).length ? node.status!.allocatable! : node.status?.capacity ?? {};
  const allocatable = (name: string): Quantity => (allocatableList[name] !== undefined ? parseQuantity(allocatableList[name]) : ZERO);
  const cpu = allocatable('cpu').milli;
  const memory = quantityValue(allocatable('memory'));
  const totalRequests: ResourceList = new Map();
  const totalLimits: ResourceList = new Map();
  for (const pod of pods) {
    const { requests, limits } = podRequestsAndLimits(pod);
    addResourceList(totalRequests, requests);
    addResourceList(totalLimits, limits);
    const cell = (list: ResourceList, name: string, of: number, value: (q: Quantity) => number) => {
      const q = list.get(name) ?? ZERO;
      return `${formatQuantity(q)} (${percent(value(q), of)}%)`;
    };
    const milli = (q: Quantity) => q.milli;
    w.write(
      LEVEL_1,
      `${pod.metadata.namespace}\t${pod.metadata.name}\t\t${cell(requests, 'cpu', cpu, milli)}\t${cell(limits, 'cpu', cpu, milli)}\t${cell(requests, 'memory', memory, quantityValue)}\t${cell(limits, 'memory', memory, quantityValue)}\t${age(pod.metadata.creationTimestamp, now)}\n`,
    );
  }
  w.write(LEVEL_0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(LEVEL_1, 'Resource\tRequests\tLimits\n');
  w.write(LEVEL_1, '--------\t--------\t------\n');
  const total = (name: string, value: (q: Quantity) => number) => {
    const of = value(allocatable(name));
    const share = (q: Quantity) => (of !== 0 ? percent(value(q), of) : 0);
    const req = totalRequests.get(name) ?? ZERO;
    const lim = totalLimits.get(name) ?? ZERO;
    w.write(LEVEL_1, `${name}\t${formatQuantity(req)} (${share(req)}%)\t${formatQuantity(lim)} (${share(lim)}%)\n`);
  };
  total('cpu', (q) => q.milli);
  total('memory', quantityValue);
  total('ephemeral-storage', quantityValue);
  const names = Object.keys(allocatableList).sort(byString);
  for (const name of names.filter((n) => n.startsWith('hugepages-'))) total(name, quantityValue);
  for (const name of names.filter((n) => !isStandardResource(n) && n !== 'pods')) {
    w.write(LEVEL_1, `${name}\t${formatQuantity(totalRequests.get(name) ?? ZERO)}\t${formatQuantity(totalLimits.get(name) ?? ZERO)}\n`);
  }
}

/** int64(float64(part) / float64(whole) * 100): truncated towards zero. */
function percent(part: number, whole: number): number {
  return Math.trunc((part / whole) * 100);
}

/** IsStandardContainerResourceName (kubectl pkg/util/resource). */
function isStandardResource(name: string): boolean {
  return name === 'cpu' || name === 'memory' || name === 'ephemeral-storage' || name.startsWith('hugepages-');
}
