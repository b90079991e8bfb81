/**
 * The engine bench (`npm run bench`): how fast a big workload settles, against a floor measured in
 * the same run on the same machine. Targets come from the issue: a 10,000-replica ReplicaSet on
 * 100 nodes Running within 2 s of wall time, and within 5 times the floor. Figures are reported,
 * never enforced: the exit status is always 0.
 *
 * Wall time here is the bench's own business (performance.now); the engine never reads it.
 */
import { performance } from 'node:perf_hooks';
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { Pod, PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import { Cluster } from '../src/cluster.ts';
import { uniformCluster } from '../src/cluster-config.ts';

const REPLICAS = Number(process.env.BENCH_REPLICAS ?? 10_000);
const NODES = Number(process.env.BENCH_NODES ?? 100);
const TARGET_WALL_MS = 2000;
const TARGET_RATIO = 5;
const TARGET_ROLLOUT_MS = 3000;

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

/** The rollout's floor: create and delete the same number of pods through the API, nothing reacting. */
function churnFloor(): Phase {
  const heap = new HeapMeter();
  const cluster = new Cluster(uniformCluster(NODES));
  heap.start();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < REPLICAS; i++) {
    cluster.api.create<Pod>({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `bench-${i}`, namespace: 'default', labels: { app: 'bench' } }, spec: structuredClone(TEMPLATE.spec) });
  }
  for (let i = 0; i < REPLICAS; i++) cluster.api.delete('pods', 'default', `bench-${i}`);
  const wallMs = performance.now() - t0;
  const cpuMs = cpuSince(c0);
  heap.sample();
  return { wallMs, cpuMs, heapPeak: heap.peak, heapGrowth: heap.growth };
}

/** A Deployment of REPLICAS pods (settled, not counted) rolled from v1 to v2 with the default 25%/25%, until complete. */
function rollout(): Phase & { updated: number; virtualMs: number; setupMs: number } {
  const heap = new HeapMeter();
  const s0 = performance.now();
  const cluster = new Cluster(uniformCluster(NODES));
  cluster.api.create<Deployment>({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'bench', namespace: 'default' },
    spec: { replicas: REPLICAS, selector: { matchLabels: { app: 'bench' } }, template: TEMPLATE },
  });
  cluster.settle();
  const setupMs = performance.now() - s0;
  heap.start();
  const virtualStart = cluster.clock.now();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  cluster.api.patch('deployments.apps', 'default', 'bench', 'strategic', { spec: { template: { spec: { containers: [{ name: 'myapp', image: 'ikubernetes/myapp:v2' }] } } } });
  let steps = 0;
  cluster.sim.settle(() => {
    if (++steps % 256 === 0) heap.sample();
    return false;
  });
  const wallMs = performance.now() - t0;
  const cpuMs = cpuSince(c0);
  heap.sample();
  const d = cluster.store.get<Deployment>('deployments.apps', 'default', 'bench');
  const done = d?.status?.updatedReplicas === REPLICAS && d.status.availableReplicas === REPLICAS && d.status.replicas === REPLICAS;
  return { wallMs, cpuMs, heapPeak: heap.peak, heapGrowth: heap.growth, updated: done ? REPLICAS : (d?.status?.updatedReplicas ?? 0), virtualMs: cluster.clock.now() - virtualStart, setupMs };
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

gc?.();
const cf = churnFloor();
gc?.();
const r = rollout();
const rolloutRatio = r.wallMs / cf.wallMs;
console.log(`\nkubespec bench: Deployment of ${REPLICAS} pods rolled from ikubernetes/myapp:v1 to v2 (maxSurge 25%, maxUnavailable 25%) on ${NODES} workers\n`);
console.log(
  table([
    ['', 'wall', 'cpu', 'peak heap', 'heap growth'],
    ['floor: api.create + api.delete ×N, nothing reacting', ms(cf.wallMs), ms(cf.cpuMs), mb(cf.heapPeak), mb(cf.heapGrowth)],
    ['workload: set the v2 template, settle', ms(r.wallMs), ms(r.cpuMs), mb(r.heapPeak), mb(r.heapGrowth)],
  ]),
);
console.log(`\nsetup (create v1 and settle) ${ms(r.setupMs)} (not counted); virtual time of the rollout ${(r.virtualMs / 1000).toFixed(1)} s; updated and available ${r.updated}/${REPLICAS}\n`);
console.log(
  table([
    ['target', 'figure', 'goal', 'verdict'],
    ['wall time', ms(r.wallMs), `<= ${ms(TARGET_ROLLOUT_MS)}`, verdict(r.wallMs <= TARGET_ROLLOUT_MS)],
    ['ratio to floor', rolloutRatio.toFixed(1), `<= ${TARGET_RATIO}`, verdict(rolloutRatio <= TARGET_RATIO)],
    ['rollout complete', String(r.updated), String(REPLICAS), verdict(r.updated === REPLICAS)],
  ]),
);
process.exitCode = 0;
