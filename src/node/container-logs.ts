import type { ContainerStatus, Pod } from 'kubernetes-types/core/v1.js';
import { keyOf } from '../store/object.ts';
import type { LogLine } from './container-process.ts';
import type { Kubelet } from './kubelet.ts';

/** What the kubelet's containerLogs endpoint is asked for (corev1.PodLogOptions, the parts kept). */
export interface LogRequest {
  container: string;
  previous: boolean;
  timestamps: boolean;
  /** The last N lines; -1 or undefined for all. */
  tailLines?: number;
}

/** The kubelet refused (its messages reach kubectl as `Error from server (BadRequest): …`). */
export class ContainerLogError extends Error {}

/**
 * GetContainerLogs (pkg/kubelet/kubelet_pods.go): validateContainerLogStatus picks the container
 * instance from the pod's status (the running one, else the last terminated one; with
 * `previous`, lastState's), then the runtime's log for that container ID is read, in CRI
 * format: every line, with `timestamps` prefixed by its RFC 3339 (nanosecond) time.
 */
export function readContainerLogs(kubelet: Kubelet, pod: Pod, req: LogRequest, now: number): string {
  const containerId = logContainerId(pod, req.container, req.previous);
  const rt = kubelet.runtime(keyOf(pod));
  const state = rt && rt.uid === pod.metadata?.uid ? [...rt.initContainers, ...rt.containers].find((c) => c.name === req.container) : undefined;
  let lines: LogLine[] = (state?.logs.get(containerId) ?? []).filter((l) => l.at <= now);
  if (req.tailLines !== undefined && req.tailLines >= 0) lines = req.tailLines === 0 ? [] : lines.slice(-req.tailLines);
  return lines.map((l) => `${req.timestamps ? `${rfc3339Nano(l.at)} ` : ''}${l.text}${l.newline ? '\n' : ''}`).join('');
}

/** validateContainerLogStatus: which container ID the logs come from, or the kubelet's refusal. */
export function logContainerId(pod: Pod, container: string, previous: boolean): string {
  const podName = pod.metadata?.name ?? '';
  const all: ContainerStatus[] = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])];
  const status = all.find((s) => s.name === container);
  if (!status) throw new ContainerLogError(`container "${container}" in pod "${podName}" is not available`);
  const last = status.lastState?.terminated;
  const { waiting, running, terminated } = status.state ?? {};
  if (previous) {
    if (!last?.containerID) throw new ContainerLogError(`previous terminated container "${container}" in pod "${podName}" not found`);
    return last.containerID;
  }
  if (running) return status.containerID ?? '';
  if (terminated) {
    if (terminated.containerID) return terminated.containerID;
    if (last?.containerID) return last.containerID;
    throw new ContainerLogError(`container "${container}" in pod "${podName}" is terminated`);
  }
  if (last) {
    if (!last.containerID) throw new ContainerLogError(`container "${container}" in pod "${podName}" is terminated`);
    return last.containerID;
  }
  if (waiting) {
    if (waiting.reason === 'ErrImagePull') throw new ContainerLogError(`container "${container}" in pod "${podName}" is waiting to start: image can't be pulled`);
    if (waiting.reason === 'ImagePullBackOff') throw new ContainerLogError(`container "${container}" in pod "${podName}" is waiting to start: trying and failing to pull image`);
    throw new ContainerLogError(`container "${container}" in pod "${podName}" is waiting to start: ${waiting.reason ?? ''}`);
  }
  throw new ContainerLogError(`container "${container}" in pod "${podName}" is waiting to start - no logs yet`);
}

/** time.RFC3339Nano: fractional seconds without trailing zeros, none at all on a whole second. */
export function rfc3339Nano(ms: number): string {
  const iso = new Date(ms).toISOString();
  const frac = iso.slice(20, 23).replace(/0+$/, '');
  return `${iso.slice(0, 19)}${frac ? `.${frac}` : ''}Z`;
}
