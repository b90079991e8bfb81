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
import type { CronJob, Job } from 'kubernetes-types/batch/v1.js';
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
const CRONJOB_DAYS = Number(process.env.BENCH_CRONJOB_DAYS ?? 30);
const TARGET_CRONJOB_MS = 5000;

/**
 * A CronJob firing every minute whose Jobs (busybox: the container exits at once) finish within seconds,
 * run for CRONJOB_DAYS virtual days with the default history limits (3 succeeded, 1 failed): one
 * Job a minute, 43,200 in 30 days. What it costs should grow with the schedules that fire, not
 * with the Jobs already run.
 */
function cronJobMonth(): Phase & { created: number; kept: number; pods: number; virtualMs: number } {
  const heap = new HeapMeter();
  const cluster = new Cluster(uniformCluster(3));
  let created = 0;
  cluster.sim.watch('jobs.batch', (e) => {
    if (e.type === 'ADDED') created++;
  });
  heap.start();
  const virtualStart = cluster.clock.now();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  cluster.api.create<CronJob>({
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'tick', namespace: 'default' },
    spec: { schedule: '*/1 * * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'tick', image: 'busybox' }] } } } } },
  });
  let steps = 0;
  // A second more, for the wake-up 100 ms after the last scheduled time.
  cluster.sim.advance(CRONJOB_DAYS * 24 * 3600 * 1000 + 1000, () => {
    if (++steps % 4096 === 0) heap.sample();
    return false;
  });
  const wallMs = performance.now() - t0;
  const cpuMs = cpuSince(c0);
  heap.sample();
  const kept = cluster.store.list<Job>('jobs.batch', 'default').length;
  const pods = cluster.store.list<Pod>('pods', 'default').length;
  return { wallMs, cpuMs, heapPeak: heap.peak, heapGrowth: heap.growth, created, kept, pods, virtualMs: cluster.clock.now() - virtualStart };
}

gc?.();
const cj = cronJobMonth();
console.log(`\nkubespec bench: a */1 * * * * CronJob of busybox Jobs for ${CRONJOB_DAYS} virtual days, default history limits, 3 workers\n`);
console.log(
  table([
    ['', 'wall', 'cpu', 'jobs/s', 'peak heap', 'heap growth'],
    ['workload: create the CronJob, let the days pass', ms(cj.wallMs), ms(cj.cpuMs), ((cj.created / cj.wallMs) * 1000).toFixed(0), mb(cj.heapPeak), mb(cj.heapGrowth)],
  ]),
);
console.log(`\nvirtual time ${(cj.virtualMs / 86_400_000).toFixed(1)} days; Jobs created ${cj.created}, kept at the end ${cj.kept}, pods left ${cj.pods}\n`);
console.log(
  table([
    ['target', 'figure', 'goal', 'verdict'],
    ['wall time', ms(cj.wallMs), `<= ${ms(TARGET_CRONJOB_MS)}`, verdict(cj.wallMs <= TARGET_CRONJOB_MS)],
    ['one Job a minute', String(cj.created), String(CRONJOB_DAYS * 1440), verdict(cj.created === CRONJOB_DAYS * 1440)],
  ]),
);

const DS_NODES = Number(process.env.BENCH_DS_NODES ?? 5000);
const TARGET_DS_MS = 1000;

const DS_TEMPLATE: PodTemplateSpec = {
  metadata: { labels: { app: 'agent' } },
  spec: { containers: [{ name: 'filebeat', image: 'ikubernetes/filebeat:5.6.5-alpine' }] },
};

/** The DaemonSet's floor: create as many pods, pinned to their nodes as a DaemonSet's are, through the API, nothing reacting. */
function daemonSetFloor(): Phase {
  const heap = new HeapMeter();
  const cluster = new Cluster(uniformCluster(DS_NODES));
  heap.start();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 1; i <= DS_NODES; i++) {
    const affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [`node${i}`] }] }] } } };
    cluster.api.create<Pod>({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `agent-${i}`, namespace: 'default', labels: { app: 'agent' } }, spec: { ...structuredClone(DS_TEMPLATE.spec!), affinity } });
    if (i % 1000 === 0) heap.sample();
  }
  const wallMs = performance.now() - t0;
  const cpuMs = cpuSince(c0);
  heap.sample();
  return { wallMs, cpuMs, heapPeak: heap.peak, heapGrowth: heap.growth };
}

/**
 * DS_NODES workers brought Ready (timed apart), then a DaemonSet settled until its pod runs on
 * every worker. Besides the wall time, the time spent in each controller's syncs: the
 * DaemonSet controller's own share, against the kubelets' and the scheduler's.
 */
function daemonSet(): Phase & { setupMs: number; running: number; virtualMs: number; syncMs: Map<string, { syncs: number; ms: number }>; stats: { syncs: number; nodesLookedAt: number } } {
  const heap = new HeapMeter();
  const s0 = performance.now();
  const cluster = new Cluster(uniformCluster(DS_NODES));
  cluster.settle();
  const setupMs = performance.now() - s0;
  // The simulator keeps its reconcilers private; the bench wraps each one's sync to time it.
  const reconcilers = (cluster.sim as unknown as { reconcilers: { name: string; sync(key: string): void; stats?: { syncs: number; nodesLookedAt: number } }[] }).reconcilers;
  const syncMs = new Map<string, { syncs: number; ms: number }>();
  for (const r of reconcilers) {
    const sync = r.sync.bind(r);
    const entry = { syncs: 0, ms: 0 };
    syncMs.set(r.name, entry);
    r.sync = (key) => {
      const t = performance.now();
      sync(key);
      entry.ms += performance.now() - t;
      entry.syncs++;
    };
  }
  heap.start();
  const virtualStart = cluster.clock.now();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  cluster.api.create({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'agent' } }, template: DS_TEMPLATE } });
  let steps = 0;
  cluster.sim.settle(() => {
    if (++steps % 256 === 0) heap.sample();
    return false;
  });
  const wallMs = performance.now() - t0;
  const cpuMs = cpuSince(c0);
  heap.sample();
  const running = cluster.store.list<Pod>('pods', 'default').filter((p) => p.status?.phase === 'Running').length;
  const stats = reconcilers.find((r) => r.name === 'daemonset-controller')?.stats ?? { syncs: 0, nodesLookedAt: 0 };
  return { wallMs, cpuMs, heapPeak: heap.peak, heapGrowth: heap.growth, setupMs, running, virtualMs: cluster.clock.now() - virtualStart, syncMs, stats };
}

gc?.();
const dsf = daemonSetFloor();
gc?.();
const ds = daemonSet();
const dsController = ds.syncMs.get('daemonset-controller') ?? { syncs: 0, ms: 0 };
console.log(`\nkubespec bench: a DaemonSet (ikubernetes/filebeat:5.6.5-alpine) on ${DS_NODES} workers, tolerating nothing (the control plane gets none)\n`);
console.log(
  table([
    ['', 'wall', 'cpu', 'pods/s', 'peak heap', 'heap growth'],
    ['floor: api.create ×N pinned pods, nothing reacting', ms(dsf.wallMs), ms(dsf.cpuMs), ((DS_NODES / dsf.wallMs) * 1000).toFixed(0), mb(dsf.heapPeak), mb(dsf.heapGrowth)],
    ['workload: create the DaemonSet, settle', ms(ds.wallMs), ms(ds.cpuMs), ((DS_NODES / ds.wallMs) * 1000).toFixed(0), mb(ds.heapPeak), mb(ds.heapGrowth)],
  ]),
);
console.log(`\nnode setup (${DS_NODES} workers Ready) ${ms(ds.setupMs)} (not counted); virtual time to settle ${(ds.virtualMs / 1000).toFixed(1)} s; Running pods ${ds.running}/${DS_NODES}`);
console.log(`DaemonSet controller: ${ds.stats.syncs} syncs looked at ${ds.stats.nodesLookedAt} nodes (${(ds.stats.nodesLookedAt / DS_NODES).toFixed(1)} per node)\n`);
console.log(table([['time in syncs', 'syncs', 'ms'], ...[...ds.syncMs].filter(([, e]) => e.syncs > 0).map(([name, e]) => [name, String(e.syncs), ms(e.ms)])]));
console.log('');
console.log(
  table([
    ['target', 'figure', 'goal', 'verdict'],
    ['DaemonSet settled (wall)', ms(ds.wallMs), `<= ${ms(TARGET_DS_MS)}`, verdict(ds.wallMs <= TARGET_DS_MS)],
    ['DaemonSet controller syncs', ms(dsController.ms), `<= ${ms(TARGET_DS_MS)}`, verdict(dsController.ms <= TARGET_DS_MS)],
    ['a pod Running on every worker', String(ds.running), String(DS_NODES), verdict(ds.running === DS_NODES)],
  ]),
);

process.exitCode = 0;
