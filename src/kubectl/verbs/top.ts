import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import { StatusError } from '../../api/errors.ts';
import { Selector } from '../../api/labels.ts';
import { Quantity } from '../../api/quantity.ts';
import type { NodeMetrics, PodMetrics, ResourceUsage } from '../../node/metrics.ts';
import { parseRfc3339 } from '../../sim/clock.ts';
import { formatGoDuration } from '../../sim/duration.ts';
import type { Command, Invocation } from '../command.ts';
import { KubectlError } from '../errors.ts';
import { TabWriter } from '../tabwriter.ts';

/** printers.GetNewTabWriter, which `kubectl top` writes through (no remembered widths). */
const TOP_TABLE = { minWidth: 6, tabWidth: 4, padding: 3 };
/** metricsCreationDelay: a pod younger than this may simply not have metrics yet. */
const METRICS_CREATION_DELAY_MS = 2 * 60_000;
const MIB = 1024 * 1024;

/**
 * One row's cells as metrics_printer.go writes them: every cell tab-terminated (so the last
 * column is padded too), CPU as `%vm` of MilliValue, memory as `%vMi` of whole MiB, and for nodes
 * the percentage of allocatable (truncated) after each.
 */
function usageCells(usage: ResourceUsage, available?: ResourceUsage): string[] {
  const cpu = `${usage.cpu}m`, memory = `${Math.floor(usage.memory / MIB)}Mi`;
  if (!available) return [cpu, memory];
  const pct = (used: number, of: number) => `${of ? Math.trunc((used / of) * 100) : 0}%`;
  return [cpu, pct(usage.cpu, available.cpu), memory, pct(usage.memory, available.memory)];
}

function render(rows: string[][]): string {
  const w = new TabWriter(TOP_TABLE);
  for (const cells of rows) w.write(`${cells.map((c) => `${c}\t`).join('')}\n`);
  return w.flush();
}

function validateSortBy(inv: Invocation): string {
  const sortBy = inv.flags.string('sort-by') ?? '';
  if (sortBy && sortBy !== 'cpu' && sortBy !== 'memory') throw new KubectlError('error: --sort-by accepts only cpu or memory');
  return sortBy;
}

/** Sums a pod's containers (getPodMetrics). */
function podUsage(m: PodMetrics): ResourceUsage {
  return m.containers.reduce((sum, c) => ({ cpu: sum.cpu + c.usage.cpu, memory: sum.memory + c.usage.memory }), { cpu: 0, memory: 0 });
}

/** NewPodMetricsSorter / NewNodeMetricsSorter: by cpu or memory descending, else by (namespace and) name. */
function sortByUsage<T>(items: T[], sortBy: string, usage: (t: T) => ResourceUsage): T[] {
  if (sortBy === 'cpu') return [...items].sort((a, b) => usage(b).cpu - usage(a).cpu);
  if (sortBy === 'memory') return [...items].sort((a, b) => usage(b).memory - usage(a).memory);
  return items;
}

/** kubectl top pod (staging/src/k8s.io/kubectl/pkg/cmd/top/top_pod.go). */
const topPod: Command = {
  name: 'pod',
  aliases: ['pods', 'po'],
  flags: [
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'field-selector', type: 'string' },
    { name: 'sort-by', type: 'string' },
    { name: 'containers', type: 'bool' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'no-headers', type: 'bool' },
    { name: 'use-protocol-buffers', type: 'bool', default: true },
    { name: 'sum', type: 'bool' },
  ],
  run(inv) {
    const { flags, ctx } = inv;
    if (inv.args.length > 1) throw new KubectlError("error: pod [NAME | -l label]\nSee 'kubectl top pod -h' for help and examples");
    const sortBy = validateSortBy(inv);
    const name = inv.args[0];
    const labelSelector = flags.string('selector') ?? '';
    if (name && (labelSelector || flags.string('field-selector'))) throw new KubectlError('error: only one of NAME or selector can be provided');
    const all = flags.bool('all-namespaces');
    const namespace = all ? undefined : inv.namespace;
    const selector = Selector.parse(labelSelector);
    const source = ctx.kubelet.metrics;
    let metrics: PodMetrics[];
    if (name) {
      if (!ctx.store.get('pods', inv.namespace, name)) throw new StatusError('NotFound', `pods "${name}" not found`);
      const m = source.podMetrics(inv.namespace, name);
      if (!m) throw new StatusError('NotFound', `podmetrics.metrics.k8s.io "${inv.namespace}/${name}" not found`);
      metrics = [m];
    } else {
      metrics = source.listPodMetrics(namespace, selector);
    }
    if (metrics.length === 0) {
      // verifyEmptyMetrics: pods without metrics are an error, young ones a softer one.
      const pods = ctx.api.list<Pod>('pods', inv.namespace, { labelSelector: selector, fieldSelector: flags.string('field-selector') });
      if (pods.length) {
        for (const pod of pods) {
          const age = ctx.clock.now() - (parseRfc3339(pod.metadata.creationTimestamp) ?? ctx.clock.now());
          if (age > METRICS_CREATION_DELAY_MS) throw new KubectlError(`error: Metrics not available for pod ${pod.metadata.namespace}/${pod.metadata.name}, age: ${formatGoDuration(age)}`);
        }
        throw new KubectlError('error: metrics not available yet');
      }
      inv.output.err(all ? 'No resources found' : `No resources found in ${inv.namespace} namespace.`);
      return 0;
    }
    const containers = flags.bool('containers');
    const head = [...(all ? ['NAMESPACE'] : []), ...(containers ? ['POD'] : []), 'NAME', 'CPU(cores)', 'MEMORY(bytes)'];
    const rows: string[][] = flags.bool('no-headers') ? [] : [head];
    for (const m of sortByUsage(metrics, sortBy, podUsage)) {
      const ns = all ? [m.namespace] : [];
      if (containers) for (const c of sortByUsage(m.containers, sortBy, (x) => x.usage)) rows.push([...ns, m.name, c.name, ...usageCells(c.usage)]);
      else rows.push([...ns, m.name, ...usageCells(podUsage(m))]);
    }
    if (flags.bool('sum')) {
      const total = metrics.map(podUsage).reduce((a, u) => ({ cpu: a.cpu + u.cpu, memory: a.memory + u.memory }), { cpu: 0, memory: 0 });
      const width = head.length;
      rows.push([...Array(width - 2).fill(''), '________', '________']);
      rows.push([...Array(width - 3).fill(''), '', ...usageCells(total)]);
    }
    inv.output.write(render(rows));
    return 0;
  },
};

/** kubectl top node (staging/src/k8s.io/kubectl/pkg/cmd/top/top_node.go). */
const topNode: Command = {
  name: 'node',
  aliases: ['nodes', 'no'],
  flags: [
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'sort-by', type: 'string' },
    { name: 'no-headers', type: 'bool' },
    { name: 'use-protocol-buffers', type: 'bool', default: true },
    { name: 'show-capacity', type: 'bool' },
  ],
  run(inv) {
    const { flags, ctx } = inv;
    if (inv.args.length > 1) throw new KubectlError("error: node [NAME | -l label]\nSee 'kubectl top node -h' for help and examples");
    const sortBy = validateSortBy(inv);
    const name = inv.args[0];
    const selector = Selector.parse(flags.string('selector') ?? '');
    const nodes = ctx.store.list<Node>('nodes').filter((n) => (name ? n.metadata.name === name : selector.matches(n.metadata.labels)));
    const metrics: NodeMetrics[] = ctx.kubelet.metrics.listNodeMetrics().filter((m) => nodes.some((n) => n.metadata.name === m.name));
    if (name && !metrics.length) throw new StatusError('NotFound', `nodemetrics.metrics.k8s.io "${name}" not found`);
    if (!metrics.length) throw new KubectlError('error: metrics not available yet');
    const available = (n: Node): ResourceUsage => {
      const list = flags.bool('show-capacity') ? n.status?.capacity : n.status?.allocatable;
      return { cpu: Quantity.parse(list?.cpu ?? '0').milliValue(), memory: Quantity.parse(list?.memory ?? '0').value() };
    };
    const rows: string[][] = flags.bool('no-headers') ? [] : [['NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)']];
    for (const m of sortByUsage(metrics, sortBy, (x) => x.usage)) {
      rows.push([m.name, ...usageCells(m.usage, available(nodes.find((n) => n.metadata.name === m.name)!))]);
    }
    inv.output.write(render(rows));
    return 0;
  },
};

/** kubectl top: resource usage from the metrics API (metrics-server). */
export const topCommand: Command = {
  name: 'top',
  flags: [],
  subcommands: [topNode, topPod],
};
