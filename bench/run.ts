/**
 * The engine bench (`npm run bench`): how fast a big workload settles, against a floor measured in
 * the same run on the same machine. Targets come from the issue: a 10,000-replica ReplicaSet on
 * 100 nodes Running within 2 s of wall time, and within 5 times the floor. Figures are reported,
 * never enforced: the exit status is always 0.
 *
 * Wall time here is the bench's own business (performance.now); the engine never reads it.
 */
import { performance } from 'node:perf_hooks';
import type { ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { Pod, PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import { Cluster } from '../src/cluster.ts';
import { uniformCluster } from '../src/cluster-config.ts';

const REPLICAS = Number(process.env.BENCH_REPLICAS ?? 10_000);
const NODES = Number(process.env.BENCH_NODES ?? 100);
const TARGET_WALL_MS = 2000;
const TARGET_RATIO = 5;

const gc = (globalThis as { gc?: () => void }).gc;

/** Tracks the largest heap seen at the sample points (after a GC when --expose-gc is given). */
class HeapMeter {
  peak = 0;
  private base = 0;

  start(): void {
    gc?.();
    this.base = process.memoryUsage().heapUsed;
    this.peak = this.base;
  }

  sample(): void {
    this.peak = Math.max(this.peak, process.memoryUsage().heapUsed);
  }

  /** Peak heap above what was in use before the phase. */
  get growth(): number {
    return this.peak - this.base;
  }
}

const TEMPLATE: PodTemplateSpec = {
  metadata: { labels: { app: 'bench' } },
  spec: { containers: [{ name: 'myapp', image: 'ikubernetes/myapp:v1' }] },
};

interface Phase {
  wallMs: number;
  /** CPU time of this process (user + system) during the phase: wall time minus waiting for a busy machine. */
  cpuMs: number;
  heapPeak: number;
  heapGrowth: number;
}

/** The floor: build and store the same number of pods through the API server, nothing reacting. */
function floor(): Phase {
  const heap = new HeapMeter();
  const cluster = new Cluster(uniformCluster(NODES));
  heap.start();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < REPLICAS; i++) {
    cluster.api.create<Pod>({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `bench-${i}`, namespace: 'default', labels: { app: 'bench' } }, spec: structuredClone(TEMPLATE.spec) });
    if (i % 1000 === 999) heap.sample();
  }
  const wallMs = performance.now() - t0;
  const cpuMs = cpuSince(c0);
  heap.sample();
  return { wallMs, cpuMs, heapPeak: heap.peak, heapGrowth: heap.growth };
}

/** The workload: a ReplicaSet of REPLICAS pods on NODES workers, settled until every pod runs. */
function workload(): Phase & { running: number; virtualMs: number; setupMs: number } {
  const heap = new HeapMeter();
  const s0 = performance.now();
  const cluster = new Cluster(uniformCluster(NODES));
  const setupMs = performance.now() - s0;
  heap.start();
  const virtualStart = cluster.clock.now();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  cluster.api.create<ReplicaSet>({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'bench', namespace: 'default' },
    spec: { replicas: REPLICAS, selector: { matchLabels: { app: 'bench' } }, template: TEMPLATE },
  });
  // settle() is one call; sample the heap now and then as it goes through the cluster's timers
  // (reading memory usage is not free, and every step would add it to the measured time).
  let steps = 0;
  cluster.sim.settle(() => {
    if (++steps % 256 === 0) heap.sample();
    return false;
  });
  const wallMs = performance.now() - t0;
  const cpuMs = cpuSince(c0);
  heap.sample();
  const running = cluster.store.list<Pod>('pods', 'default').filter((p) => p.status?.phase === 'Running').length;
  return { wallMs, cpuMs, heapPeak: heap.peak, heapGrowth: heap.growth, running, virtualMs: cluster.clock.now() - virtualStart, setupMs };
}

function cpuSince(start: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const ms = (n: number) => `${n.toFixed(0)} ms`;

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('   ').trimEnd()).join('\n');
}

const f = floor();
gc?.();
const w = workload();
const ratio = w.wallMs / f.wallMs;
const podsPerSecond = (REPLICAS / w.wallMs) * 1000;
const verdict = (ok: boolean) => (ok ? 'met' : 'missed');

console.log(`kubespec bench: ReplicaSet of ${REPLICAS} pods (ikubernetes/myapp:v1) on ${NODES} workers, node ${process.version}${gc ? '' : ' (no --expose-gc: heap figures include garbage)'}\n`);
console.log(
  table([
    ['', 'wall', 'cpu', 'pods/s', 'peak heap', 'heap growth'],
    ['floor: api.create ×N, nothing reacting', ms(f.wallMs), ms(f.cpuMs), ((REPLICAS / f.wallMs) * 1000).toFixed(0), mb(f.heapPeak), mb(f.heapGrowth)],
    ['workload: create RS, settle', ms(w.wallMs), ms(w.cpuMs), podsPerSecond.toFixed(0), mb(w.heapPeak), mb(w.heapGrowth)],
  ]),
);
console.log(`\ncluster setup ${ms(w.setupMs)} (not counted); virtual time to settle ${(w.virtualMs / 1000).toFixed(1)} s; Running pods ${w.running}/${REPLICAS}${w.running === REPLICAS ? '' : '  <-- NOT ALL RUNNING'}\n`);
console.log(
  table([
    ['target', 'figure', 'goal', 'verdict'],
    ['wall time', ms(w.wallMs), `<= ${ms(TARGET_WALL_MS)}`, verdict(w.wallMs <= TARGET_WALL_MS)],
    ['ratio to floor', ratio.toFixed(1), `<= ${TARGET_RATIO}`, verdict(ratio <= TARGET_RATIO)],
    ['ratio to floor (cpu)', (w.cpuMs / f.cpuMs).toFixed(1), `<= ${TARGET_RATIO}`, verdict(w.cpuMs / f.cpuMs <= TARGET_RATIO)],
    ['all pods Running', String(w.running), String(REPLICAS), verdict(w.running === REPLICAS)],
  ]),
);
process.exitCode = 0;
