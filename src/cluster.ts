import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Event, Node, Pod } from 'kubernetes-types/core/v1.js';
import { ApiServer } from './api/api-server.ts';
import { EventRecorder } from './api/events.ts';
import { BUILTIN_KINDS } from './api/kinds/index.ts';
import { KindRegistry } from './api/registry.ts';
import type { ClusterConfig } from './cluster-config.ts';
import { tutorialCluster } from './cluster-config.ts';
import type { ControllerContext } from './controllers/context.ts';
import type { KubectlContext } from './kubectl/context.ts';
import { CronJobController } from './controllers/cronjob/controller.ts';
import { DaemonSetController } from './controllers/daemonset/controller.ts';
import { GarbageCollector } from './controllers/garbage-collector.ts';
import { HorizontalController } from './controllers/hpa/horizontal.ts';
import { JobController } from './controllers/job/controller.ts';
import { TtlAfterFinishedController } from './controllers/ttl-after-finished.ts';
import { NamespaceController } from './controllers/namespace.ts';
import { NodeLifecycleController } from './controllers/node-lifecycle.ts';
import { PodGarbageCollector } from './controllers/pod-gc.ts';
import { TaintEvictionController } from './controllers/taint-eviction.ts';
import { DeploymentController } from './controllers/deployment/controller.ts';
import { ReplicaSetController } from './controllers/replica-set.ts';
import { ServiceAccountController } from './controllers/service-account.ts';
import { ImageCatalogue } from './node/image-catalogue.ts';
import { Kubelet } from './node/kubelet.ts';
import { nextNodeAddresses } from './node/node-addresses.ts';
import { buildNode, type MachineIds } from './node/node-object.ts';
import { Scheduler } from './node/scheduler.ts';
import { Clock, TUTORIAL_EPOCH } from './sim/clock.ts';
import { Random } from './sim/random.ts';
import { Simulator } from './sim/simulator.ts';
import type { Stored } from './store/object.ts';
import { Store } from './store/store.ts';
import type { WatchEvent } from './store/watch-event.ts';

/** The namespaces every cluster starts with. */
export const SYSTEM_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

/**
 * One virtual cluster: the facade steps, the CLI and the HTTP endpoint use. It wires the store,
 * the API server, the controllers, the scheduler and the kubelets onto one simulator, whose
 * clock and random source are the only ones anything reads.
 */
export class Cluster implements KubectlContext {
  readonly clock: Clock;
  readonly random: Random;
  readonly sim: Simulator<WatchEvent>;
  readonly store: Store;
  readonly api: ApiServer;
  readonly events: EventRecorder;
  readonly images: ImageCatalogue;
  readonly kubelet: Kubelet;
  readonly scheduler: Scheduler;
  /** Folder that relative manifest paths are read from. */
  cwd: string;
  /** Files a scenario defines in place (doc strings); consulted before the disk. */
  readonly files = new Map<string, string>();

  constructor(readonly config: ClusterConfig = tutorialCluster()) {
    const start = config.startTime ?? TUTORIAL_EPOCH;
    this.clock = new Clock(start - (config.installedBeforeMs ?? 24 * 3600 * 1000));
    this.random = new Random(config.seed ?? 'kubespec');
    this.sim = new Simulator<WatchEvent>(this.clock, this.random);
    this.store = new Store(this.clock, (e) => this.sim.notify(e));
    const nodeName = (p: Stored) => (p as Stored<Pod>).spec?.nodeName;
    this.store.defineIndex('pods', 'node', (p) => (nodeName(p) ? [nodeName(p)!] : []), nodeName);
    const podIp = (p: Stored) => (p as Stored<Pod>).status?.podIP;
    this.store.defineIndex('pods', 'ip', (p) => (podIp(p) ? [podIp(p)!] : []), podIp);
    const involved = (e: Stored) => (e as Stored<Event>).involvedObject?.uid;
    this.store.defineIndex('events', 'involvedUid', (e) => (involved(e) ? [involved(e)!] : []), involved);
    this.api = new ApiServer(new KindRegistry(BUILTIN_KINDS), this.store, this.clock, this.random.stream('names'), this.random.stream('uids'));
    const uids = this.random.stream('event-uids');
    this.events = new EventRecorder(this.store, this.clock, () => uids.uuid(), (at, fn) => this.sim.at(at, fn, { progress: false, label: 'event ttl' }));
    this.images = new ImageCatalogue();
    this.cwd = config.cwd ?? process.cwd();
    const ctx: ControllerContext = { api: this.api, store: this.store, sim: this.sim, events: this.events, clock: this.clock };
    new ServiceAccountController(ctx);
    new NamespaceController(ctx);
    ReplicaSetController.forReplicaSets(ctx);
    new DeploymentController(ctx);
    new DaemonSetController(ctx);
    new JobController(ctx);
    new CronJobController(ctx);
    new TtlAfterFinishedController(ctx);
    ReplicaSetController.forReplicationControllers(ctx);
    new GarbageCollector(ctx);
    this.scheduler = new Scheduler(ctx, this.random.stream('scheduler'));
    this.kubelet = new Kubelet(ctx, this.images, this.random.stream('containers'));
    new HorizontalController(ctx, this.kubelet.metrics);
    new NodeLifecycleController(ctx, this.kubelet.leases);
    new TaintEvictionController(ctx);
    new PodGarbageCollector(ctx);
    this.bootstrap();
    this.sim.advance(start - this.clock.now());
  }

  /** Namespaces, their service accounts and the nodes, as a freshly installed cluster has them. */
  private bootstrap(): void {
    for (const name of SYSTEM_NAMESPACES) this.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
    for (const node of this.config.nodes) this.api.create(buildNode(node, this.clock.rfc3339(), this.machineIds()));
    this.sim.drain();
  }

  private machineIds(): MachineIds {
    const ids = this.random.stream('machine-ids');
    return { machineId: ids.hex(32), systemUuid: ids.uuid(), bootId: ids.uuid() };
  }

  /** Adds a node as `kubeadm join` would. */
  addNode(input: ClusterConfig['nodes'][number]): void {
    this.api.create(buildNode(input, this.clock.rfc3339(), this.machineIds()));
    this.sim.drain();
  }

  /** A worker joins with the next InternalIP and pod range after those of the nodes there. */
  joinNode(name: string, labels?: Record<string, string>): void {
    this.addNode({ name, ...nextNodeAddresses(this.store.list<Node>('nodes')), labels });
  }

  /** The node leaves for good: its machine is gone and its Node deleted (`kubectl delete node`). */
  removeNode(name: string): void {
    this.api.delete('nodes', undefined, name);
    this.sim.drain();
  }

  /** The node's kubelet stops reporting (cut off, or hung): its Lease and status go stale. */
  stopReporting(name: string): void {
    this.kubelet.stopReporting(name);
    this.sim.drain();
  }

  /** The node's kubelet reports NotReady: its container runtime is down. */
  reportNotReady(name: string): void {
    this.kubelet.reportNotReady(name, 'container runtime is down');
    this.sim.drain();
  }

  /** The node's kubelet reports again, and Ready. */
  resumeReporting(name: string): void {
    this.kubelet.resumeReporting(name);
    this.sim.drain();
  }

  /** Runs everything in flight to completion, jumping virtual time as needed. */
  settle(): void {
    this.sim.settle();
  }

  /** Lets `ms` of virtual time pass. */
  advance(ms: number): void {
    this.sim.advance(ms);
  }

  /** Does the work due now without moving the clock (controllers react to the last change). */
  reconcile(): void {
    this.sim.drain();
  }

  /** Lets virtual time pass until `done()` holds or `timeoutMs` passed. */
  waitUntil(done: () => boolean, timeoutMs: number): boolean {
    return this.sim.advance(timeoutMs, done);
  }

  /** Reads a manifest or other file, from the scenario's own files first, then from disk relative to cwd. */
  readFile(path: string): string {
    const own = this.files.get(path);
    if (own !== undefined) return own;
    return readFileSync(resolve(this.cwd, path), 'utf8');
  }
}
