import type { Container, EnvVar, Pod } from 'kubernetes-types/core/v1.js';
import { RandomStream } from '../sim/random.ts';
import type { KubeObject } from '../store/object.ts';
import type { Store } from '../store/store.ts';
import type { ImageEntry } from './image-catalogue.ts';

/**
 * The environment of a container's processes, built the way a kubeadm cluster with containerd
 * builds it:
 *
 * 1. the kubelet's makeEnvironmentVariables (pkg/kubelet/kubelet_pods.go): envFrom, then env with
 *    `$(VAR)` expansion and valueFrom, collected in a Go map; then the service link variables
 *    (pkg/kubelet/envvars/envvars.go), also a Go map. Both maps are ranged over, so their order is
 *    Go's map iteration order — see goMapOrder;
 * 2. containerd's containerSpec (internal/cri/server/container_create_linux.go): the default PATH,
 *    then HOSTNAME, then the image's ENV and the kubelet's list, each replacing an existing name in
 *    place or appending (oci.WithEnv);
 * 3. for a `kubectl exec -t`, containerd's execInternal adds TERM=xterm;
 * 4. runc sets HOME from /etc/passwd when it is unset, which appends it last.
 */

/** The kubernetes service every pod sees (kubeadm's default service CIDR 10.96.0.0/12). */
export const KUBERNETES_SERVICE = { name: 'kubernetes', clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP' }] };

/** A service as the link variables need it. */
export interface LinkedService {
  name: string;
  clusterIP: string;
  ports: { name?: string; port: number; protocol?: string }[];
}

/** oci.WithDefaultPathEnv. */
const DEFAULT_PATH = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** What the environment is computed from. */
export interface EnvInputs {
  pod: Pod;
  container: Container;
  image: ImageEntry;
  /** The container's ID: it seeds the map iteration order of this run of the container. */
  containerId: string;
  /** Secrets and ConfigMaps for valueFrom and envFrom, where the engine has them. */
  store?: Store;
  tty?: boolean;
}

/** The environment of a process started in the container, in the order `printenv` shows it. */
export function containerEnvironment(input: EnvInputs): [string, string][] {
  const random = new RandomStream(`${input.containerId}/env`);
  const kubelet = kubeletEnvironment(input, random);
  const hostname = input.pod.spec?.hostname || input.pod.metadata?.name || '';
  let env = withEnv([DEFAULT_PATH], [`HOSTNAME=${hostname}`]);
  env = withEnv(env, [...Object.entries(input.image.env ?? {}).map(([k, v]) => `${k}=${v}`), ...kubelet.map(([k, v]) => `${k}=${v}`)]);
  if (input.tty) env = withEnv(env, ['TERM=xterm']);
  if (!env.some((e) => e.startsWith('HOME='))) env.push('HOME=/root');
  return env.map((e) => {
    const i = e.indexOf('=');
    return [e.slice(0, i), e.slice(i + 1)];
  });
}

/** makeEnvironmentVariables: the container's own variables, then the service links it did not override. */
function kubeletEnvironment(input: EnvInputs, random: RandomStream): [string, string][] {
  const { pod, container } = input;
  const services = goMap();
  for (const [k, v] of serviceLinkVariables([KUBERNETES_SERVICE])) services.set(k, v);
  const own = goMap();
  for (const from of container.envFrom ?? []) {
    const data = from.configMapRef ? configMapData(input.store, pod, from.configMapRef.name) : from.secretRef ? secretData(input.store, pod, from.secretRef.name) : undefined;
    for (const [k, v] of Object.entries(data ?? {})) {
      const name = `${from.prefix ?? ''}${k}`;
      // Keys that are not valid variable names are skipped (an event says so in Kubernetes).
      if (!/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(name)) continue;
      own.set(name, v);
    }
  }
  for (const e of container.env ?? []) {
    const value = e.value !== undefined || !e.valueFrom
      ? expand(e.value ?? '', (name) => own.get(name) ?? services.get(name))
      : valueFrom(input, e);
    if (value === undefined) continue;
    services.delete(e.name);
    own.set(e.name, value);
  }
  const out = goMapOrder(own, random);
  for (const [k, v] of goMapOrder(services, random)) if (!own.has(k)) out.push([k, v]);
  return out;
}

/** envvars.FromServices: `<NAME>_SERVICE_HOST`, `_SERVICE_PORT`, named ports, then the Docker-link variables. */
export function serviceLinkVariables(services: LinkedService[]): [string, string][] {
  const out: [string, string][] = [];
  for (const s of services) {
    const prefix = s.name.toUpperCase().replaceAll('-', '_');
    out.push([`${prefix}_SERVICE_HOST`, s.clusterIP]);
    out.push([`${prefix}_SERVICE_PORT`, String(s.ports[0].port)]);
    for (const p of s.ports) if (p.name) out.push([`${prefix}_SERVICE_PORT_${p.name.toUpperCase().replaceAll('-', '_')}`, String(p.port)]);
    s.ports.forEach((p, i) => {
      const proto = (p.protocol ?? 'TCP').toLowerCase();
      const url = `${proto}://${s.clusterIP}:${p.port}`;
      if (i === 0) out.push([`${prefix}_PORT`, url]);
      const base = `${prefix}_PORT_${p.port}_${proto.toUpperCase()}`;
      out.push([base, url], [`${base}_PROTO`, proto], [`${base}_PORT`, String(p.port)], [`${base}_ADDR`, s.clusterIP]);
    });
  }
  return out;
}

/** valueFrom: fieldRef (podFieldSelectorRuntimeValue), configMapKeyRef, secretKeyRef. */
function valueFrom(input: EnvInputs, e: EnvVar): string | undefined {
  const { pod } = input;
  const from = e.valueFrom!;
  if (from.fieldRef) return fieldValue(pod, from.fieldRef.fieldPath);
  if (from.configMapKeyRef) return configMapData(input.store, pod, from.configMapKeyRef.name)?.[from.configMapKeyRef.key];
  if (from.secretKeyRef) return secretData(input.store, pod, from.secretKeyRef.name)?.[from.secretKeyRef.key];
  // resourceFieldRef needs the node's allocatable for unset limits; not modelled yet.
  return undefined;
}

/** The downward API's field paths (pkg/kubelet/kubelet_pods.go, pkg/fieldpath). */
export function fieldValue(pod: Pod, path: string): string {
  const meta = pod.metadata ?? {};
  const keyed = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(path);
  if (keyed) return (keyed[1] === 'labels' ? meta.labels : meta.annotations)?.[keyed[2]] ?? '';
  switch (path) {
    case 'metadata.name': return meta.name ?? '';
    case 'metadata.namespace': return meta.namespace ?? '';
    case 'metadata.uid': return meta.uid ?? '';
    case 'metadata.labels': return formatMap(meta.labels);
    case 'metadata.annotations': return formatMap(meta.annotations);
    case 'spec.nodeName': return pod.spec?.nodeName ?? '';
    case 'spec.serviceAccountName': return pod.spec?.serviceAccountName ?? '';
    case 'status.hostIP': return pod.status?.hostIPs?.[0]?.ip ?? pod.status?.hostIP ?? '';
    case 'status.hostIPs': return (pod.status?.hostIPs ?? []).map((i) => i.ip).join(',');
    case 'status.podIP': return pod.status?.podIPs?.[0]?.ip ?? pod.status?.podIP ?? '';
    case 'status.podIPs': return (pod.status?.podIPs ?? []).map((i) => i.ip).join(',');
    default: return '';
  }
}

/** fieldpath.FormatMap: `key="value"` lines, sorted by key. */
function formatMap(m: Record<string, string> | undefined): string {
  return Object.keys(m ?? {}).sort().map((k) => `${k}=${JSON.stringify(m![k])}`).join('\n');
}

function configMapData(store: Store | undefined, pod: Pod, name: string | undefined): Record<string, string> | undefined {
  const cm = store?.get<KubeObject & { data?: Record<string, string> }>('configmaps', pod.metadata?.namespace, name ?? '');
  return cm?.data;
}

function secretData(store: Store | undefined, pod: Pod, name: string | undefined): Record<string, string> | undefined {
  const secret = store?.get<KubeObject & { data?: Record<string, string> }>('secrets', pod.metadata?.namespace, name ?? '');
  if (!secret) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(secret.data ?? {})) out[k] = Buffer.from(v, 'base64').toString('utf8');
  return out;
}

/**
 * expansion.Expand (third_party/forked/golang/expansion): `$(VAR)` becomes the variable's value,
 * `$$` a literal `$`, and a reference to an unknown variable stays as written.
 */
export function expand(input: string, lookup: (name: string) => string | undefined): string {
  let out = '';
  let checkpoint = 0;
  for (let cursor = 0; cursor < input.length; cursor++) {
    if (input[cursor] !== '$' || cursor + 1 >= input.length) continue;
    out += input.slice(checkpoint, cursor);
    const rest = input.slice(cursor + 1);
    let advance = 1;
    if (rest[0] === '$') out += '$';
    else if (rest[0] === '(') {
      const close = rest.indexOf(')');
      if (close < 0) out += '$(';
      else {
        const name = rest.slice(1, close);
        out += lookup(name) ?? `$(${name})`;
        advance = close + 1;
      }
    } else out += `$${rest[0]}`;
    cursor += advance;
    checkpoint = cursor + 1;
  }
  return out + input.slice(checkpoint);
}

/** oci.WithEnv (replaceOrAppendEnvValues): a name already present keeps its place. */
function withEnv(current: string[], add: string[]): string[] {
  const out = [...current];
  const at = new Map(out.map((e, i) => [e.slice(0, e.indexOf('=')), i]));
  for (const e of add) {
    const k = e.slice(0, e.indexOf('='));
    const i = at.get(k);
    if (i !== undefined) out[i] = e;
    else at.set(k, out.push(e) - 1);
  }
  return out;
}

/** A Go map[string]string as far as iteration order goes: its slots in insertion order, deletions leave holes. */
interface GoMap {
  get(k: string): string | undefined;
  has(k: string): boolean;
  set(k: string, v: string): void;
  delete(k: string): void;
  slots: ([string, string] | undefined)[];
}

function goMap(): GoMap {
  const slots: ([string, string] | undefined)[] = [];
  const find = (k: string) => slots.findIndex((s) => s?.[0] === k);
  return {
    slots,
    get: (k) => slots[find(k)]?.[1],
    has: (k) => find(k) >= 0,
    set(k, v) {
      const i = find(k);
      if (i >= 0) slots[i] = [k, v];
      else {
        // mapassign reuses the first empty slot of the bucket.
        const hole = slots.findIndex((s) => s === undefined);
        if (hole >= 0 && slots.length <= 8) slots[hole] = [k, v];
        else slots.push([k, v]);
      }
    },
    delete(k) {
      const i = find(k);
      if (i >= 0) slots[i] = undefined;
    },
  };
}

/**
 * Go's `for k, v := range m` order (runtime/map.go, Go 1.23 which builds Kubernetes 1.32): a map
 * of at most 8 entries lives in one bucket, and iteration starts at a random one of its 8 slots
 * and wraps around, so the order is the insertion order rotated. Larger maps spread over buckets
 * by a seeded hash: any order, here a seeded shuffle.
 */
export function goMapOrder(m: GoMap, random: RandomStream): [string, string][] {
  const live = m.slots.filter((s): s is [string, string] => s !== undefined);
  if (m.slots.length <= 8) {
    const offset = random.int(8);
    const out: [string, string][] = [];
    for (let i = 0; i < 8; i++) {
      const s = m.slots[(i + offset) % 8];
      if (s) out.push(s);
    }
    return out;
  }
  for (let i = live.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [live[i], live[j]] = [live[j], live[i]];
  }
  return live;
}
