import type { Event, Pod, ResourceRequirements } from 'kubernetes-types/core/v1.js';
import { podQosClass } from '../../api/kinds/pod.ts';
import type { Stored } from '../../store/object.ts';
import { age } from '../printers/age.ts';
import { describeContainers, describeResources } from './containers.ts';
import { describeEvents } from './events.ts';
import { controllerName, rfc1123z } from './format.ts';
import { printAnnotationsMultiline, printLabelsMultiline, printTolerationsMultiline } from './multiline.ts';
import { describeTopologySpreadConstraints } from './pod-template.ts';
import { describeVolumes } from './volumes.ts';
import { DescribeWriter, LEVEL_0, LEVEL_1 } from './writer.ts';

/**
 * describePod (staging/src/k8s.io/kubectl/pkg/describe/describe.go): identity, node and start
 * time, labels, status and IPs, the owner, each container with its runtime state, the conditions
 * in status order, volumes, QoS class, node selectors, tolerations and, unless `events` is
 * undefined (--show-events=false), the pod's events.
 */
export function describePod(pod: Stored<Pod>, events: readonly Stored<Event>[] | undefined, now: number): string {
  const w = new DescribeWriter();
  const spec = pod.spec ?? { containers: [] };
  const status = pod.status ?? {};
  w.write(LEVEL_0, `Name:\t${pod.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${pod.metadata.namespace ?? ''}\n`);
  if (spec.priority !== undefined && spec.priority !== null) w.write(LEVEL_0, `Priority:\t${spec.priority}\n`);
  if (spec.priorityClassName) w.write(LEVEL_0, `Priority Class Name:\t${spec.priorityClassName}\n`);
  if (spec.runtimeClassName) w.write(LEVEL_0, `Runtime Class Name:\t${spec.runtimeClassName}\n`);
  if (spec.serviceAccountName) w.write(LEVEL_0, `Service Account:\t${spec.serviceAccountName}\n`);
  w.write(LEVEL_0, spec.nodeName ? `Node:\t${spec.nodeName}/${status.hostIP ?? ''}\n` : 'Node:\t<none>\n');
  if (status.startTime) w.write(LEVEL_0, `Start Time:\t${rfc1123z(status.startTime)}\n`);
  printLabelsMultiline(w, 'Labels', pod.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', pod.metadata.annotations);
  if (pod.metadata.deletionTimestamp && status.phase !== 'Failed' && status.phase !== 'Succeeded') {
    // The deletion timestamp lies in the future (now + grace period), so this reads `<invalid>`
    // for most of the grace period, as it does with the real kubectl.
    w.write(LEVEL_0, `Status:\tTerminating (lasts ${age(pod.metadata.deletionTimestamp, now)})\n`);
    w.write(LEVEL_0, `Termination Grace Period:\t${pod.metadata.deletionGracePeriodSeconds ?? 0}s\n`);
  } else {
    w.write(LEVEL_0, `Status:\t${status.phase ?? ''}\n`);
  }
  if (status.reason) w.write(LEVEL_0, `Reason:\t${status.reason}\n`);
  if (status.message) w.write(LEVEL_0, `Message:\t${status.message}\n`);
  const seccomp = spec.securityContext?.seccompProfile;
  if (seccomp) {
    w.write(LEVEL_0, `SeccompProfile:\t${seccomp.type}\n`);
    if (seccomp.type === 'Localhost') w.write(LEVEL_0, `LocalhostProfile:\t${seccomp.localhostProfile ?? ''}\n`);
  }
  w.write(LEVEL_0, `IP:\t${status.podIP ?? ''}\n`);
  if (!status.podIPs?.length) w.write(LEVEL_0, 'IPs:\t<none>\n');
  else {
    w.write(LEVEL_0, 'IPs:\n');
    for (const ip of status.podIPs) w.write(LEVEL_1, `IP:\t${ip.ip ?? ''}\n`);
  }
  const controlledBy = controllerName(pod);
  if (controlledBy) w.write(LEVEL_0, `Controlled By:\t${controlledBy}\n`);
  if (status.nominatedNodeName) w.write(LEVEL_0, `NominatedNodeName:\t${status.nominatedNodeName}\n`);
  // Pod-level resources (alpha in 1.32) are newer than kubernetes-types' PodSpec.
  const podResources = (spec as { resources?: ResourceRequirements }).resources;
  if (podResources) {
    w.write(LEVEL_0, 'Resources:\n');
    describeResources(w, podResources, LEVEL_1);
  }
  if (spec.initContainers?.length) describeContainers(w, 'Init Containers', spec.initContainers, status.initContainerStatuses, pod, '');
  describeContainers(w, 'Containers', spec.containers ?? [], status.containerStatuses, pod, '');
  if (spec.ephemeralContainers?.length) describeContainers(w, 'Ephemeral Containers', spec.ephemeralContainers, status.ephemeralContainerStatuses, pod, '');
  describeReadinessGates(w, pod);
  if (status.conditions?.length) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\n');
    for (const c of status.conditions) w.write(LEVEL_1, `${c.type} \t${c.status} \n`);
  }
  describeVolumes(w, spec.volumes, '');
  w.write(LEVEL_0, `QoS Class:\t${status.qosClass || podQosClass(spec)}\n`);
  printLabelsMultiline(w, 'Node-Selectors', spec.nodeSelector);
  printTolerationsMultiline(w, 'Tolerations', spec.tolerations);
  describeTopologySpreadConstraints(w, spec.topologySpreadConstraints, '');
  if (events) describeEvents(w, events, now);
  return w.text();
}

/** Readiness gates with the status of their condition, `<none>` while it is absent. */
function describeReadinessGates(w: DescribeWriter, pod: Pod): void {
  const gates = pod.spec?.readinessGates ?? [];
  if (!gates.length) return;
  w.write(LEVEL_0, 'Readiness Gates:\n  Type\tStatus\n');
  for (const g of gates) {
    const status = pod.status?.conditions?.find((c) => c.type === g.conditionType)?.status ?? '<none>';
    w.write(LEVEL_1, `${g.conditionType} \t${status} \n`);
  }
}
