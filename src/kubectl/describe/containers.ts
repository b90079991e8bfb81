import type { Container, ContainerState, ContainerStatus, EnvVar, Pod, Probe, ResourceRequirements } from 'kubernetes-types/core/v1.js';
import { byString, printBool, rfc1123z, stringOrNone } from './format.ts';
import { formatQuantity, parseQuantity, quantityValue } from './quantity.ts';
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, type DescribeWriter } from './writer.ts';

/**
 * describeContainers (describe.go): one entry per container. For a pod, `statuses` add the
 * runtime's view (Container ID, Image ID, State, Ready, Restart Count) and `pod` resolves
 * fieldRef environment values; a pod template has neither, and `space` indents its names.
 */
export function describeContainers(w: DescribeWriter, label: string, containers: readonly Container[], statuses: readonly ContainerStatus[] | undefined, pod: Pod | undefined, space: string): void {
  w.write(LEVEL_0, `${space}${label}:${containers.length ? '' : ' <none>'}\n`);
  for (const c of containers) {
    const status = statuses?.find((s) => s.name === c.name);
    describeBasicInfo(w, c, status, space);
    describeCommand(w, c);
    if (status) describeContainerState(w, status);
    describeResources(w, c.resources, LEVEL_2);
    describeProbes(w, c);
    if (c.envFrom?.length) describeEnvFrom(w, c);
    describeEnv(w, c, pod);
    describeMounts(w, c);
  }
}

function describeBasicInfo(w: DescribeWriter, c: Container, status: ContainerStatus | undefined, space: string): void {
  w.write(LEVEL_1, `${space ? ' ' : ''}${c.name}:\n`);
  if (status) w.write(LEVEL_2, `Container ID:\t${status.containerID ?? ''}\n`);
  w.write(LEVEL_2, `Image:\t${c.image ?? ''}\n`);
  if (status) w.write(LEVEL_2, `Image ID:\t${status.imageID ?? ''}\n`);
  const ports = (c.ports ?? []).map((p) => `${p.containerPort}/${p.protocol ?? ''}`).join(', ');
  w.write(LEVEL_2, ports.includes(',') ? `Ports:\t${ports}\n` : `Port:\t${stringOrNone(ports)}\n`);
  const hostPorts = (c.ports ?? []).map((p) => `${p.hostPort ?? 0}/${p.protocol ?? ''}`).join(', ');
  w.write(LEVEL_2, hostPorts.includes(',') ? `Host Ports:\t${hostPorts}\n` : `Host Port:\t${stringOrNone(hostPorts)}\n`);
  const seccomp = c.securityContext?.seccompProfile;
  if (seccomp) {
    w.write(LEVEL_2, `SeccompProfile:\t${seccomp.type}\n`);
    if (seccomp.type === 'Localhost') w.write(LEVEL_3, `LocalhostProfile:\t${seccomp.localhostProfile ?? ''}\n`);
  }
}

function describeCommand(w: DescribeWriter, c: Container): void {
  for (const [title, words] of [['Command', c.command], ['Args', c.args]] as const) {
    if (!words?.length) continue;
    w.write(LEVEL_2, `${title}:\n`);
    for (const word of words) for (const line of word.split('\n')) w.write(LEVEL_3, `${line}\n`);
  }
}

function describeContainerState(w: DescribeWriter, status: ContainerStatus): void {
  describeStatus(w, 'State', status.state);
  if (status.lastState?.terminated) describeStatus(w, 'Last State', status.lastState);
  w.write(LEVEL_2, `Ready:\t${printBool(status.ready)}\n`);
  w.write(LEVEL_2, `Restart Count:\t${status.restartCount ?? 0}\n`);
}

/** describeStatus: a waiting state shows its reason only, never its message. */
function describeStatus(w: DescribeWriter, name: string, state: ContainerState | undefined): void {
  if (state?.running) {
    w.write(LEVEL_2, `${name}:\tRunning\n`);
    w.write(LEVEL_3, `Started:\t${rfc1123z(state.running.startedAt)}\n`);
  } else if (state?.waiting) {
    w.write(LEVEL_2, `${name}:\tWaiting\n`);
    if (state.waiting.reason) w.write(LEVEL_3, `Reason:\t${state.waiting.reason}\n`);
  } else if (state?.terminated) {
    const t = state.terminated;
    w.write(LEVEL_2, `${name}:\tTerminated\n`);
    if (t.reason) w.write(LEVEL_3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(LEVEL_3, `Message:\t${t.message}\n`);
    w.write(LEVEL_3, `Exit Code:\t${t.exitCode}\n`);
    if ((t.signal ?? 0) > 0) w.write(LEVEL_3, `Signal:\t${t.signal}\n`);
    w.write(LEVEL_3, `Started:\t${rfc1123z(t.startedAt)}\n`);
    w.write(LEVEL_3, `Finished:\t${rfc1123z(t.finishedAt)}\n`);
  } else {
    w.write(LEVEL_2, `${name}:\tWaiting\n`);
  }
}

/** describeResources: `Limits:` then `Requests:`, each resource sorted by name. */
export function describeResources(w: DescribeWriter, resources: ResourceRequirements | undefined, level: number): void {
  for (const [title, list] of [['Limits', resources?.limits], ['Requests', resources?.requests]] as const) {
    const names = Object.keys(list ?? {}).sort(byString);
    if (!names.length) continue;
    w.write(level, `${title}:\n`);
    for (const name of names) w.write(level + 1, `${name}:\t${formatQuantity(parseQuantity(list![name]))}\n`);
  }
}

function describeProbes(w: DescribeWriter, c: Container): void {
  if (c.livenessProbe) w.write(LEVEL_2, `Liveness:\t${describeProbe(c.livenessProbe)}\n`);
  if (c.readinessProbe) w.write(LEVEL_2, `Readiness:\t${describeProbe(c.readinessProbe)}\n`);
  if (c.startupProbe) w.write(LEVEL_2, `Startup:\t${describeProbe(c.startupProbe)}\n`);
}

/** DescribeProbe: the action (a Go url.URL for http-get) and its timing attributes. */
export function describeProbe(p: Probe): string {
  const attrs = `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 0}s period=${p.periodSeconds ?? 0}s #success=${p.successThreshold ?? 0} #failure=${p.failureThreshold ?? 0}`;
  if (p.exec) return `exec [${(p.exec.command ?? []).join(' ')}] ${attrs}`;
  if (p.httpGet) {
    const port = String(p.httpGet.port ?? '');
    const host = p.httpGet.host ?? '';
    const hostPort = port ? `${host.includes(':') ? `[${host}]` : host}:${port}` : host;
    const path = p.httpGet.path ?? '';
    // url.URL.String puts a slash between a host and a path that lacks one.
    const url = `${(p.httpGet.scheme ?? '').toLowerCase()}://${hostPort}${path && !path.startsWith('/') ? '/' : ''}${path}`;
    return `http-get ${url} ${attrs}`;
  }
  if (p.tcpSocket) return `tcp-socket ${p.tcpSocket.host ?? ''}:${p.tcpSocket.port} ${attrs}`;
  if (p.grpc) return `grpc <pod>:${p.grpc.port} ${p.grpc.service ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}

function describeEnvFrom(w: DescribeWriter, c: Container): void {
  w.write(LEVEL_2, 'Environment Variables from:\n');
  for (const e of c.envFrom ?? []) {
    const [from, ref] = e.configMapRef ? ['ConfigMap', e.configMapRef] : e.secretRef ? ['Secret', e.secretRef] : ['', undefined];
    const optional = ref?.optional === true;
    if (e.prefix) w.write(LEVEL_3, `${ref?.name ?? ''}\t${from} with prefix '${e.prefix}'\tOptional: ${optional}\n`);
    else w.write(LEVEL_3, `${ref?.name ?? ''}\t${from}\tOptional: ${optional}\n`);
  }
}

function describeEnv(w: DescribeWriter, c: Container, pod: Pod | undefined): void {
  const env = c.env ?? [];
  w.write(LEVEL_2, `Environment:${env.length ? '' : '\t<none>'}\n`);
  for (const e of env) {
    const from = e.valueFrom;
    if (!from) {
      (e.value ?? '').split('\n').forEach((line, i) => w.write(LEVEL_3, i === 0 ? `${e.name}:\t${line}\n` : `\t${line}\n`));
    } else if (from.fieldRef) {
      w.write(LEVEL_3, `${e.name}:\t${pod ? fieldRefValue(pod, e) : ''} (${from.fieldRef.apiVersion ?? ''}:${from.fieldRef.fieldPath})\n`);
    } else if (from.resourceFieldRef) {
      let value = resourceFieldValue(c, e);
      const resource = from.resourceFieldRef.resource;
      if (value === '0' && (resource === 'limits.cpu' || resource === 'limits.memory')) value = 'node allocatable';
      w.write(LEVEL_3, `${e.name}:\t${value} (${resource})\n`);
    } else if (from.secretKeyRef) {
      w.write(LEVEL_3, `${e.name}:\t<set to the key '${from.secretKeyRef.key}' in secret '${from.secretKeyRef.name ?? ''}'>\tOptional: ${from.secretKeyRef.optional === true}\n`);
    } else if (from.configMapKeyRef) {
      w.write(LEVEL_3, `${e.name}:\t<set to the key '${from.configMapKeyRef.key}' of config map '${from.configMapKeyRef.name ?? ''}'>\tOptional: ${from.configMapKeyRef.optional === true}\n`);
    }
  }
}

/**
 * EnvValueRetriever: kubectl converts the field path with client-go's scheme, which knows only
 * the default field labels, so only metadata.name and metadata.namespace resolve; any other path
 * (spec.nodeName, status.podIP …) prints empty, as in real output (`NODE:   (v1:spec.nodeName)`).
 */
function fieldRefValue(pod: Pod, e: EnvVar): string {
  const path = e.valueFrom?.fieldRef?.fieldPath;
  if (path === 'metadata.name') return pod.metadata?.name ?? '';
  if (path === 'metadata.namespace') return pod.metadata?.namespace ?? '';
  return '';
}

/** ExtractContainerResourceValue: the container's own request or limit, divided and rounded up. */
function resourceFieldValue(c: Container, e: EnvVar): string {
  const ref = e.valueFrom!.resourceFieldRef!;
  const match = /^(limits|requests)\.(cpu|memory|ephemeral-storage)$/.exec(ref.resource);
  if (!match) return '';
  const raw = c.resources?.[match[1] as 'limits' | 'requests']?.[match[2]];
  const amount = parseQuantity(raw ?? '0');
  const divisor = parseQuantity(ref.divisor ?? '0');
  const by = divisor.milli === 0 ? parseQuantity('1') : divisor;
  const n = match[2] === 'cpu' ? Math.ceil(amount.milli / by.milli) : Math.ceil(quantityValue(amount) / quantityValue(by));
  return String(n);
}

/** describeContainerVolumes: mounts sorted by path, `ro`/`rw` plus a quoted subPath; then devices. */
function describeMounts(w: DescribeWriter, c: Container): void {
  const mounts = [...(c.volumeMounts ?? [])].sort((a, b) => byString(a.mountPath, b.mountPath));
  const none = mounts.length ? '' : '\t<none>';
  w.write(LEVEL_2, `Mounts:${none}\n`);
  for (const m of mounts) {
    const flags = [m.readOnly ? 'ro' : 'rw', ...(m.subPath ? [`path=${JSON.stringify(m.subPath)}`] : [])];
    w.write(LEVEL_3, `${m.mountPath} from ${m.name} (${flags.join(',')})\n`);
  }
  if (c.volumeDevices?.length) {
    w.write(LEVEL_2, `Devices:${none}\n`);
    for (const d of [...c.volumeDevices].sort((a, b) => byString(a.devicePath, b.devicePath))) w.write(LEVEL_3, `${d.devicePath} from ${d.name}\n`);
  }
}
