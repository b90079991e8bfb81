import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import { Selector } from '../api/labels.ts';
import { Quantity } from '../api/quantity.ts';
import { isPodReady } from '../api/pod-util.ts';
import type { Clock } from '../sim/clock.ts';
import { keyOf, type Stored } from '../store/object.ts';
import type { Store } from '../store/store.ts';
import type { PodRuntime } from './container-runtime.ts';
import type { ImageCatalogue } from './image-catalogue.ts';

/**
 * The resource metrics pipeline, simulated: what each kubelet's /metrics/resource reports and
 * metrics-server serves as metrics.k8s.io/v1beta1 (PodMetrics, NodeMetrics), read by the HPA
 * controller and `kubectl top`. A container's usage is the sum of:
 *
 * - its image's idle usage (`usage: {cpu, memory}` in images.yaml; 1m and 4Mi when not given),
 *   unless a step set the pod's usage outright (`Given pods matching "app=x" use 300m of CPU`);
 * - its share of simulated HTTP traffic: a load of R requests per second on a selector is spread
 *   evenly over the Ready pods it matches (as a Service would spread it), and every request costs
 *   REQUEST_CPU_MS of CPU time, so R/n requests per second cost R/n × 10 millicores per pod
 *   (100 req/s on 2 pods: 500m each); requests actually sent (curl) count the same way, averaged
 *   over the last METRIC_RESOLUTION_MS.
 *
 * CPU usage is a rate between two scrapes, so a pod is reported only once each of its containers
 * has been running for one metric resolution (15 s, metrics-server's default), as a pod without
 * metrics shortly after it starts (`kubectl top`: "metrics not available yet"). A sample is as
 * fresh as the moment it is read: its timestamp is now and its window the resolution.
 */

/** metrics-server's --metric-resolution: how often it scrapes, and the window of a CPU rate. */
export const METRIC_RESOLUTION_MS = 15_000;
/** The CPU time one simulated HTTP request costs. */
export const REQUEST_CPU_MS = 10;
/** An image's idle usage when the catalogue gives none. */
const DEFAULT_IDLE: ResourceUsage = { cpu: 1, memory: 4 * 1024 * 1024 };
/** What a node uses besides its pods: the kubelet, the container runtime, system daemons. */
const NODE_OVERHEAD: ResourceUsage = { cpu: 60, memory: 600 * 1024 * 1024 };

/** CPU in millicores, memory in bytes. */
export interface ResourceUsage {
  cpu: number;
  memory: number;
}

/** metrics.k8s.io PodMetrics. Usage per container, CPU rounded up to whole millicores. */
export interface PodMetrics {
  namespace: string;
  name: string;
  timestamp: number;
  windowMs: number;
  containers: { name: string; usage: ResourceUsage }[];
}

/** metrics.k8s.io NodeMetrics. */
export interface NodeMetrics {
  name: string;
  timestamp: number;
  windowMs: number;
  usage: ResourceUsage;
}

/** What the HPA controller reads (its resource metrics client's PodMetricses(ns).List). */
export interface PodMetricsSource {
  listPodMetrics(namespace: string | undefined, selector?: Selector): PodMetrics[];
}

/** A load a step put on the pods a selector matches. */
interface Load {
  namespace: string;
  selector: Selector;
  cpu?: number;
  memory?: number;
  /** Requests per second, shared by the Ready matching pods. */
  rps?: number;
}

/** The resource metrics of every kubelet, as metrics-server aggregates them. */
export class ResourceMetrics implements PodMetricsSource {
  private loads: Load[] = [];
  /** Times of the requests each pod served (by pod key), kept for one window. */
  private readonly served = new Map<string, number[]>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly images: ImageCatalogue,
    private readonly runtime: (podKey: string) => PodRuntime | undefined,
  ) {}

  /** Pods matching the selector (now or later) use this much CPU and/or memory each. */
  setPodUsage(namespace: string, selector: string, usage: Partial<ResourceUsage>): void {
    this.load(namespace, selector, (l) => Object.assign(l, usage));
  }

  /** Pods matching the selector share `rps` requests per second (0 stops the traffic). */
  setTraffic(namespace: string, selector: string, rps: number): void {
    this.load(namespace, selector, (l) => (l.rps = rps));
  }

  /** Removes every load given for this selector: its pods are back to idle. */
  clearLoad(namespace: string, selector: string): void {
    const text = Selector.parse(selector).toString();
    this.loads = this.loads.filter((l) => l.namespace !== namespace || l.selector.toString() !== text);
  }

  /** Counts a request a pod served (simulated HTTP). */
  recordRequest(pod: Stored<Pod>): void {
    const key = keyOf(pod);
    const now = this.clock.now();
    // Only the last window counts; older requests are dropped as new ones come.
    const times = (this.served.get(key) ?? []).filter((t) => t > now - METRIC_RESOLUTION_MS);
    times.push(now);
    this.served.set(key, times);
  }

  private load(namespace: string, selector: string, change: (l: Load) => void): void {
    const parsed = Selector.parse(selector);
    let load = this.loads.find((l) => l.namespace === namespace && l.selector.toString() === parsed.toString());
    if (!load) this.loads.push((load = { namespace, selector: parsed }));
    change(load);
  }

  /** PodMetricses(namespace).List: the pods with metrics, by namespace and name. */
  listPodMetrics(namespace: string | undefined, selector: Selector = Selector.everything()): PodMetrics[] {
    const shares = new Map<Load, number>();
    const pods = selector.empty ? this.store.list<Pod>('pods', namespace) : this.store.select<Pod>('pods', namespace, selector);
    const out: PodMetrics[] = [];
    for (const pod of pods) {
      const m = this.sample(pod, shares);
      if (m) out.push(m);
    }
    return out.sort((a, b) => byKey(a.namespace, a.name, b.namespace, b.name));
  }

  /** PodMetricses(namespace).Get, or undefined when the pod has no metrics (yet). */
  podMetrics(namespace: string, name: string): PodMetrics | undefined {
    const pod = this.store.get<Pod>('pods', namespace, name);
    return pod ? this.sample(pod, new Map()) : undefined;
  }

  /** NodeMetricses().List: each node's pods plus its own overhead, by name. */
  listNodeMetrics(): NodeMetrics[] {
    const shares = new Map<Load, number>();
    const now = this.clock.now();
    return this.store
      .list<Node>('nodes')
      .map((node) => {
        const usage = { ...NODE_OVERHEAD };
        for (const pod of this.store.byIndex<Pod>('pods', 'node', node.metadata.name)) {
          for (const c of this.containerUsage(pod, shares) ?? []) {
            usage.cpu += c.usage.cpu;
            usage.memory += c.usage.memory;
          }
        }
        return { name: node.metadata.name, timestamp: now, windowMs: METRIC_RESOLUTION_MS, usage };
      })
      .sort((a, b) => byKey('', a.name, '', b.name));
  }

  /** The pod's sample, if each of its containers has run for a full window. */
  private sample(pod: Stored<Pod>, shares: Map<Load, number>): PodMetrics | undefined {
    if (pod.status?.phase !== 'Running') return undefined;
    const rt = this.runtime(keyOf(pod));
    const now = this.clock.now();
    if (!rt || rt.uid !== pod.metadata.uid) return undefined;
    if (!rt.containers.every((c) => c.phase === 'running' && c.startedAt !== undefined && c.startedAt + METRIC_RESOLUTION_MS <= now)) return undefined;
    const containers = this.containerUsage(pod, shares);
    if (!containers) return undefined;
    return { namespace: pod.metadata.namespace ?? '', name: pod.metadata.name, timestamp: now, windowMs: METRIC_RESOLUTION_MS, containers };
  }

  /** The usage of each running container of a pod (none when it runs nothing). */
  private containerUsage(pod: Stored<Pod>, shares: Map<Load, number>): { name: string; usage: ResourceUsage }[] | undefined {
    const rt = this.runtime(keyOf(pod));
    if (!rt || rt.uid !== pod.metadata.uid) return undefined;
    const running = rt.containers.filter((c) => c.phase === 'running');
    if (!running.length) return undefined;
    const usage = running.map((c) => ({ name: c.name, usage: { ...(this.idle(c.image)) } }));
    let rps = 0;
    for (const load of this.loads) {
      if (load.namespace !== pod.metadata.namespace || !load.selector.matches(pod.metadata.labels)) continue;
      // A pod's own usage is split evenly over its containers.
      if (load.cpu !== undefined) for (const u of usage) u.usage.cpu = load.cpu / usage.length;
      if (load.memory !== undefined) for (const u of usage) u.usage.memory = load.memory / usage.length;
      if (load.rps && isPodReady(pod) && !pod.metadata.deletionTimestamp) rps += load.rps / this.servingPods(load, shares);
    }
    rps += this.recentRequests(keyOf(pod)) / (METRIC_RESOLUTION_MS / 1000);
    // Traffic lands on the container that serves HTTP (the first one when none says so).
    const server = Math.max(0, running.findIndex((c) => this.images.lookup(c.image).http));
    usage[server].usage.cpu += rps * REQUEST_CPU_MS;
    // MilliValue and Value round up.
    for (const u of usage) u.usage = { cpu: Math.ceil(u.usage.cpu - 1e-9), memory: Math.ceil(u.usage.memory) };
    return usage;
  }

  /** How many Ready pods share a traffic load (computed once per listing). */
  private servingPods(load: Load, shares: Map<Load, number>): number {
    let n = shares.get(load);
    if (n === undefined) {
      n = this.store.select<Pod>('pods', load.namespace, load.selector).filter((p) => isPodReady(p) && !p.metadata.deletionTimestamp).length;
      shares.set(load, n);
    }
    return Math.max(1, n);
  }

  /** Requests a pod served within the last window (older ones are forgotten). */
  private recentRequests(podKey: string): number {
    const times = this.served.get(podKey);
    if (!times) return 0;
    const since = this.clock.now() - METRIC_RESOLUTION_MS;
    const recent = times.filter((t) => t > since);
    if (recent.length) this.served.set(podKey, recent);
    else this.served.delete(podKey);
    return recent.length;
  }

  /** The image's idle usage from the catalogue. */
  private idle(image: string): ResourceUsage {
    const usage = this.images.lookup(image).usage;
    if (!usage) return { ...DEFAULT_IDLE };
    return {
      cpu: usage.cpu !== undefined ? Quantity.parse(String(usage.cpu)).milliValue() : DEFAULT_IDLE.cpu,
      memory: usage.memory !== undefined ? Quantity.parse(String(usage.memory)).value() : DEFAULT_IDLE.memory,
    };
  }
}

function byKey(ns1: string, n1: string, ns2: string, n2: string): number {
  return ns1 < ns2 ? -1 : ns1 > ns2 ? 1 : n1 < n2 ? -1 : n1 > n2 ? 1 : 0;
}
