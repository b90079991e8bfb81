import type { Container, Node, Pod, PodCondition, PodStatus } from 'kubernetes-types/core/v1.js';
import { deepEqual } from '../api/equality.ts';
import { StatusError } from '../api/errors.ts';
import { isPodTerminal } from '../api/pod-util.ts';
import type { ControllerContext } from '../controllers/context.ts';
import { HostLocalIpam } from '../network/host-local-ipam.ts';
import { formatGoDuration } from '../sim/duration.ts';
import type { RandomStream } from '../sim/random.ts';
import { WorkQueue } from '../sim/work-queue.ts';
import { controllerOf, keyOf, splitKey, type Stored } from '../store/object.ts';
import type { WatchEvent } from '../store/watch-event.ts';
import { planProcess, type LogLine } from './container-process.ts';
import { cancelTimers, containerStateOf, writtenBy, type ContainerState, type PodRuntime, type Termination } from './container-runtime.ts';
import { parseImage, type ImageCatalogue } from './image-catalogue.ts';
import { ResourceMetrics } from './metrics.ts';
import { NodeLeases } from './node-lease.ts';
import { postNodeStatus } from './node-status.ts';

/** Creating the pod sandbox (network namespace, pause container) takes this long. */
const SANDBOX_MS = 1000;
/** kubelet.go backOffPeriod and MaxContainerBackOff: image pulls and crash loops back off 10 s doubling to 5 min. */
const BACKOFF_BASE_MS = 10_000;
const BACKOFF_MAX_MS = 300_000;
/** A back-off entry expires after twice the maximum without use (flowcontrol.Backoff). */
const BACKOFF_RESET_MS = 2 * BACKOFF_MAX_MS;
/** A re-pull of a layer-cached image is quick. */
const CACHED_PULL_MS = 400;
/** The pod conditions the kubelet sets itself (kubetypes.PodConditionByKubelet). */
const KUBELET_CONDITIONS = new Set(['PodScheduled', 'Ready', 'Initialized', 'ContainersReady', 'PodReadyToStartContainers']);

interface NodeState {
  readonly name: string;
  ip: string;
  ipam?: HostLocalIpam;
  readonly images: Set<string>;
  /** Image pulls are serialised per node (serializeImagePulls: true). */
  pullFreeAt: number;
}

/**
 * The kubelets of every node, simulated: a pod bound to a node gets a sandbox and an IP, its
 * images are pulled (serially, with the kubelet's back-off on failure), its containers are
 * created and started, become ready, exit and restart with crash-loop back-off as the image
 * catalogue says, and on deletion are stopped within the grace period before the kubelet deletes
 * the pod. Pod status is written the way generateAPIPodStatus builds it (pkg/kubelet/kubelet_pods.go).
 */
export class Kubelet {
  readonly name = 'kubelet';
  readonly queue = new WorkQueue('kubelet');
  private readonly nodes = new Map<string, NodeState>();
  private readonly pods = new Map<string, PodRuntime>();
  /** Runs so far per controller (or pod) and container name, for the catalogue's failTimes. */
  private readonly runs = new Map<string, number>();
  /** resourceVersions of the status writes this kubelet made, whose watch events it ignores. */
  private readonly ownWrites = new Set<string>();
  /** The pods' CPU and memory usage, as the kubelets' resource metrics (and metrics-server) report it. */
  readonly metrics: ResourceMetrics;
  /** The node Leases the kubelets renew: their heartbeat, as the node lifecycle controller sees it. */
  readonly leases = new NodeLeases();
  /** Nodes whose kubelet cannot reach the API server: it posts nothing, and sees no changes. */
  private readonly silent = new Set<string>();

  constructor(
    private readonly ctx: ControllerContext,
    readonly images: ImageCatalogue,
    private readonly random: RandomStream,
  ) {
    this.metrics = new ResourceMetrics(ctx.store, ctx.clock, images, (key) => this.pods.get(key));
    ctx.sim.watch('nodes', (e) => this.onNode(e));
    ctx.sim.watch('pods', (e) => this.onPod(e));
    ctx.sim.register(this);
  }

  /** The runtime state of a pod, for exec and traffic. */
  runtime(podKey: string): PodRuntime | undefined {
    return this.pods.get(podKey);
  }

  /** Whether a node has pulled an image. */
  hasImage(node: string, image: string): boolean {
    const ref = parseImage(image);
    return this.nodes.get(node)?.images.has(`${ref.canonical}:${ref.tag}`) ?? false;
  }

  /**
   * The node's kubelet stops reporting (a network partition, a hung kubelet): no Lease renewals,
   * no node or pod status, no events. Its containers go on running.
   */
  stopReporting(node: string): void {
    this.silent.add(node);
    this.leases.stop(node, this.ctx.clock.now());
  }

  /** The node's kubelet reports again: Ready, then a sync of every pod bound to the node. */
  resumeReporting(node: string): void {
    this.silent.delete(node);
    this.leases.resume(node);
    postNodeStatus(this.ctx, node, { ready: true });
    for (const pod of this.ctx.store.byIndex<Pod>('pods', 'node', node)) this.queue.add(keyOf(pod));
    for (const rt of this.pods.values()) if (rt.node === node && rt.terminating && !rt.finished) this.finishIfStopped(rt);
  }

  /** The node's kubelet reports NotReady, with the runtime's errors as the message (`container runtime is down`). */
  reportNotReady(node: string, message: string): void {
    if (this.silent.has(node)) return;
    postNodeStatus(this.ctx, node, { ready: false, message });
  }

  private onNode(e: WatchEvent): void {
    const node = e.object as Stored<Node>;
    if (e.type === 'DELETED') {
      // The machine is gone with its Node: its containers stop and nothing is reported any more.
      for (const pod of this.ctx.store.byIndex<Pod>('pods', 'node', node.metadata.name)) {
        const rt = this.pods.get(keyOf(pod));
        if (rt && rt.node === node.metadata.name) this.teardown(rt);
      }
      this.nodes.delete(node.metadata.name);
      this.silent.delete(node.metadata.name);
      this.leases.resume(node.metadata.name);
      return;
    }
    let state = this.nodes.get(node.metadata.name);
    if (!state) {
      state = { name: node.metadata.name, ip: '', images: new Set(), pullFreeAt: 0 };
      this.nodes.set(node.metadata.name, state);
    }
    state.ip = node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '';
    if (!state.ipam && node.spec?.podCIDR) state.ipam = new HostLocalIpam(node.spec.podCIDR);
  }

  private onPod(e: WatchEvent): void {
    const pod = e.object as Stored<Pod>;
    const key = keyOf(pod);
    if (e.type === 'DELETED') {
      const rt = this.pods.get(key);
      if (rt && rt.uid === pod.metadata.uid) this.teardown(rt);
      return;
    }
    // The echo of our own status write needs no sync: it is what the last sync computed.
    if (this.ownWrites.delete(pod.metadata.resourceVersion)) return;
    if (pod.spec?.nodeName && this.nodes.has(pod.spec.nodeName)) this.queue.add(key);
  }

  /** syncPod: start what is new, stop what is being deleted, and publish the status. */
  sync(key: string): void {
    const { namespace, name } = splitKey(key);
    const pod = this.ctx.store.get<Pod>('pods', namespace, name);
    if (!pod || !pod.spec?.nodeName || this.silent.has(pod.spec.nodeName)) return;
    let rt = this.pods.get(key);
    if (rt && rt.uid !== pod.metadata.uid) {
      this.teardown(rt);
      rt = undefined;
    }
    if (!rt) {
      if (isPodTerminal(pod)) return;
      rt = this.admit(pod);
    }
    if (pod.metadata.deletionTimestamp && !rt.terminating) this.terminate(pod, rt);
    if (!rt.finished) this.publish(pod, rt);
  }

  private admit(pod: Stored<Pod>): PodRuntime {
    const rt: PodRuntime = {
      uid: pod.metadata.uid,
      key: keyOf(pod),
      node: pod.spec!.nodeName!,
      startTime: this.ctx.clock.now(),
      sandboxReady: false,
      terminating: false,
      finished: false,
      initContainers: (pod.spec?.initContainers ?? []).map((c) => this.newContainer(c, pod, true)),
      containers: (pod.spec?.containers ?? []).map((c) => this.newContainer(c, pod, false)),
      timers: [],
    };
    this.pods.set(rt.key, rt);
    rt.timers.push(this.ctx.sim.after(SANDBOX_MS, () => this.sandboxReady(rt), { label: `sandbox ${rt.key}` }));
    return rt;
  }

  /** A container not yet created: waiting, PodInitializing when the pod has init containers (convertToAPIContainerStatuses). */
  private newContainer(c: Container, pod: Pod, init: boolean): ContainerState {
    const reason = pod.spec?.initContainers?.length ? 'PodInitializing' : 'ContainerCreating';
    return { name: c.name, ...(init ? { init } : {}), image: c.image ?? '', phase: 'waiting', reason, restartCount: 0, ready: false, started: false, pullFailures: 0, backoffMs: 0, timers: [], logs: new Map() };
  }

  /** The container's spec in the pod (among the init containers for an init container). */
  private specOf(pod: Pod, c: ContainerState): Container {
    return (c.init ? pod.spec?.initContainers : pod.spec?.containers)!.find((x) => x.name === c.name)!;
  }

  /** Init containers run one at a time, each to success, before the containers start (SyncPod's order). */
  private startInit(rt: PodRuntime, index: number): void {
    const c = rt.initContainers[index];
    if (rt.terminating) return;
    if (!c) return this.startContainer(rt, 0);
    this.ensureImage(rt, c, () => this.runContainer(rt, c));
  }

  private sandboxReady(rt: PodRuntime): void {
    const node = this.nodes.get(rt.node);
    rt.sandboxReady = true;
    rt.ip = node?.ipam?.allocate();
    // No status write here: SyncPod goes on to pull and start containers before the kubelet
    // reports again, so while an image is pulled the pod still shows no IP.
    this.startInit(rt, 0);
  }

  /** Containers start one after another, each after its image is there (SyncPod's order). */
  private startContainer(rt: PodRuntime, index: number): void {
    const c = rt.containers[index];
    if (!c || rt.terminating) return;
    this.ensureImage(rt, c, () => {
      this.runContainer(rt, c);
      this.startContainer(rt, index + 1);
    });
  }

  /** EnsureImageExists (pkg/kubelet/images/image_manager.go). */
  private ensureImage(rt: PodRuntime, c: ContainerState, then: () => void): void {
    const pod = this.podOf(rt);
    if (!pod) return;
    const spec = this.specOf(pod, c);
    const node = this.nodes.get(rt.node)!;
    const ref = parseImage(c.image);
    const imageKey = `${ref.canonical}:${ref.tag}`;
    const present = node.images.has(imageKey);
    const policy = spec.imagePullPolicy ?? 'IfNotPresent';
    const fieldPath = fieldPathOf(c);
    if (policy === 'Never' && !present) {
      c.reason = 'ErrImageNeverPull';
      c.message = `Container image "${c.image}" is not present with pull policy of Never`;
      this.event(pod, 'Warning', 'ErrImageNeverPull', c.message, fieldPath);
      this.event(pod, 'Warning', 'Failed', 'Error: ErrImageNeverPull', fieldPath);
      this.touch(rt);
      return;
    }
    if (present && policy !== 'Always') {
      this.event(pod, 'Normal', 'Pulled', `Container image "${c.image}" already present on machine`, fieldPath);
      then();
      return;
    }
    this.event(pod, 'Normal', 'Pulling', `Pulling image "${c.image}"`, fieldPath);
    const now = this.ctx.clock.now();
    const begin = Math.max(now, node.pullFreeAt);
    const entry = this.images.lookup(c.image);
    const duration = present ? CACHED_PULL_MS : (entry.pullSeconds ?? 3) * 1000;
    const end = begin + duration;
    node.pullFreeAt = end;
    c.timers.push(
      this.ctx.sim.at(end, () => {
        const current = this.podOf(rt);
        if (!current || rt.terminating) return;
        if (!this.images.exists(c.image)) return this.pullFailed(rt, c, current, fieldPath, then);
        node.images.add(imageKey);
        c.pullFailures = 0;
        const size = entry.size ?? 30_000_000;
        this.event(current, 'Normal', 'Pulled', `Successfully pulled image "${c.image}" in ${formatGoDuration(duration)} (${formatGoDuration(end - now)} including waiting). Image size: ${size} bytes.`, fieldPath);
        then();
      }, { label: `pull ${c.image}`, progress: c.pullFailures === 0 }),
    );
  }

  private pullFailed(rt: PodRuntime, c: ContainerState, pod: Stored<Pod>, fieldPath: string, then: () => void): void {
    const ref = parseImage(c.image);
    const full = `${ref.canonical}:${ref.tag}`;
    const error = `rpc error: code = NotFound desc = failed to pull and unpack image "${full}": failed to resolve reference "${full}": ${full}: not found`;
    c.pullFailures++;
    c.reason = 'ErrImagePull';
    c.message = error;
    this.event(pod, 'Warning', 'Failed', `Failed to pull image "${c.image}": ${error}`, fieldPath);
    this.event(pod, 'Warning', 'Failed', 'Error: ErrImagePull', fieldPath);
    this.touch(rt);
    const backoff = Math.min(BACKOFF_BASE_MS * 2 ** (c.pullFailures - 1), BACKOFF_MAX_MS);
    // The next pod sync finds the image in back-off: ImagePullBackOff until the back-off ends.
    c.timers.push(
      this.ctx.sim.after(1000, () => {
        const current = this.podOf(rt);
        if (!current || rt.terminating) return;
        c.reason = 'ImagePullBackOff';
        c.message = `Back-off pulling image "${c.image}": ErrImagePull: ${error}`;
        this.event(current, 'Normal', 'BackOff', `Back-off pulling image "${c.image}"`, fieldPath);
        this.event(current, 'Warning', 'Failed', 'Error: ImagePullBackOff', fieldPath);
        this.touch(rt);
      }, { label: `image back-off ${c.image}` }),
    );
    // Retrying cannot succeed unless the registry changes, so it is not progress.
    c.timers.push(this.ctx.sim.after(backoff, () => this.ensureImage(rt, c, then), { label: `pull retry ${c.image}`, progress: false }));
  }

  /**
   * createContainer + startContainer: Created, then Started and readiness, and the process's own
   * course (planProcess: what it writes, when it exits); a command the image lacks fails to start.
   */
  private runContainer(rt: PodRuntime, c: ContainerState): void {
    const pod = this.podOf(rt);
    if (!pod || rt.terminating) return;
    const fieldPath = fieldPathOf(c);
    const spec = this.specOf(pod, c);
    const now = this.ctx.clock.now();
    c.containerId = `containerd://${this.random.hex(64)}`;
    c.imageId = this.images.imageId(c.image);
    c.reason = undefined;
    c.message = undefined;
    c.startedAt = now;
    this.event(pod, 'Normal', 'Created', `Created container: ${c.name}`, fieldPath);
    const run = (c.run = this.nextRun(pod, c.name));
    const plan = planProcess(this, this.ctx.store, pod, spec, c, run);
    keepLog(c, c.containerId, plan.output);
    if (plan.startError) {
      // containerd reports a container that never started as started at the zero time.
      c.startedAt = 0;
      this.event(pod, 'Warning', 'Failed', `Error: ${plan.startError}`, fieldPath);
      this.exited(rt, c, 128, 'StartError', plan.startError);
      return;
    }
    c.phase = 'running';
    c.started = true;
    this.event(pod, 'Normal', 'Started', `Started container ${c.name}`, fieldPath);
    const probe = spec.readinessProbe;
    // An init container is never ready: it is there to finish.
    if (c.init) c.ready = false;
    else if (!probe) c.ready = true;
    else {
      c.ready = false;
      const delay = (probe.initialDelaySeconds ?? 0) * 1000;
      c.timers.push(this.ctx.sim.after(delay, () => { c.ready = c.phase === 'running'; this.touch(rt); }, { label: `ready ${c.name}` }));
    }
    if (plan.exit) {
      const { at, code } = plan.exit;
      const progress = this.exitIsProgress(pod, c, code, this.failuresPending(spec, run));
      c.timers.push(this.ctx.sim.at(at, () => this.exited(rt, c, code), { label: `exit ${c.name}`, progress }));
    }
    this.touch(rt);
  }

  /**
   * The number of this run of a container, counted per container name across the pods of one
   * controller (or the pod alone): the catalogue's failTimes counts runs, so a Job's
   * replacement pods carry on where the failed ones stopped.
   */
  private nextRun(pod: Stored<Pod>, container: string): number {
    const key = `${controllerOf(pod)?.uid ?? pod.metadata.uid}/${container}`;
    const run = this.runs.get(key) ?? 0;
    this.runs.set(key, run + 1);
    return run;
  }

  /** Whether the image's own process has failing runs still to come (catalogue failTimes). */
  private failuresPending(spec: Container, run: number): boolean {
    if (spec.command?.length || spec.args?.length) return false;
    const failTimes = this.images.lookup(spec.image ?? '').exit?.failTimes;
    return failTimes !== undefined && run + 1 < failTimes;
  }

  /**
   * Whether settle() waits for this exit. Under Never the pod then ends, and under OnFailure a
   * success ends it, so those always count; a failure under OnFailure counts while the crash-loop
   * back-off is still growing (a Job's backoffLimit is usually reached by then); under Always
   * only the first two runs count, unless the catalogue says later runs behave differently.
   */
  private exitIsProgress(pod: Pod, c: ContainerState, code: number, pending: boolean): boolean {
    const policy = restartPolicyOf(pod, c);
    if (policy === 'Never') return true;
    if (policy === 'OnFailure') return code === 0 || c.backoffMs < BACKOFF_MAX_MS;
    return c.restartCount <= 1 || pending;
  }

  /** The process ended (or never started): terminated, then restarted as restartPolicy says. */
  private exited(rt: PodRuntime, c: ContainerState, code: number, reason?: string, message?: string): void {
    const pod = this.podOf(rt);
    if (!pod || rt.terminating) return;
    const now = this.ctx.clock.now();
    c.phase = 'terminated';
    c.exitCode = code;
    // The CRI runtime's reason: containerd says Completed for 0, else Error.
    c.reason = reason ?? (code === 0 ? 'Completed' : 'Error');
    c.message = message;
    c.finishedAt = now;
    c.ready = false;
    c.started = false;
    if (c.containerId) keepLog(c, c.containerId, writtenBy(c.logs.get(c.containerId) ?? [], now));
    this.touch(rt);
    // An init container that succeeded hands over to the next one (or to the containers).
    if (c.init && code === 0) return this.startInit(rt, rt.initContainers.indexOf(c) + 1);
    const policy = restartPolicyOf(pod, c);
    if (policy === 'Never' || (policy === 'OnFailure' && code === 0)) return;
    // Crash-loop back-off: the first restart is immediate, then 10 s doubling to 5 min.
    if (c.lastBackoffAt !== undefined && now - c.lastBackoffAt > BACKOFF_RESET_MS) c.backoffMs = 0;
    const delay = c.backoffMs;
    c.backoffMs = Math.min(c.backoffMs === 0 ? BACKOFF_BASE_MS : c.backoffMs * 2, BACKOFF_MAX_MS);
    c.lastBackoffAt = now;
    const ended: Termination = { exitCode: code, reason: c.reason, ...(message ? { message } : {}), startedAt: c.startedAt ?? now, finishedAt: now, containerId: c.containerId ?? '' };
    const spec = this.specOf(pod, c);
    const converging = policy === 'OnFailure' || this.failuresPending(spec, c.run ?? 0);
    const restart = () => {
      const current = this.podOf(rt);
      if (!current || rt.terminating) return;
      c.last = ended;
      c.restartCount++;
      this.ensureImage(rt, c, () => this.runContainer(rt, c));
    };
    if (delay === 0) {
      restart();
      return;
    }
    c.phase = 'waiting';
    c.last = ended;
    c.reason = 'CrashLoopBackOff';
    c.message = `back-off ${formatGoDuration(delay)} restarting failed container=${c.name} pod=${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`;
    this.event(pod, 'Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`, fieldPathOf(c));
    c.timers.push(
      this.ctx.sim.after(delay, () => {
        c.phase = 'terminated';
        c.exitCode = ended.exitCode;
        c.reason = ended.reason;
        c.message = ended.message;
        restart();
      }, { label: `restart ${c.name}`, progress: converging && delay < BACKOFF_MAX_MS }),
    );
  }

  /** killPod: SIGTERM every running container; each exits when it handles it, or is killed at the deadline. */
  private terminate(pod: Stored<Pod>, rt: PodRuntime): void {
    rt.terminating = true;
    cancelTimers(rt);
    const grace = Math.max(0, pod.metadata.deletionGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30) * 1000;
    const running = [...rt.initContainers, ...rt.containers].filter((c) => c.phase === 'running');
    for (const c of running) {
      this.event(pod, 'Normal', 'Killing', `Stopping container ${c.name}`, fieldPathOf(c));
      const stop = this.images.lookup(c.image).stopSeconds;
      const handles = stop !== undefined && stop * 1000 <= grace && !this.sleeps(pod, c);
      const after = handles ? stop! * 1000 : grace;
      rt.timers.push(
        this.ctx.sim.after(after, () => {
          c.phase = 'terminated';
          c.exitCode = handles ? 0 : 137;
          c.reason = handles ? 'Completed' : 'Error';
          c.finishedAt = this.ctx.clock.now();
          c.ready = false;
          if (c.containerId) keepLog(c, c.containerId, writtenBy(c.logs.get(c.containerId) ?? [], c.finishedAt));
          this.finishIfStopped(rt);
        }, { label: `stop ${c.name}` }),
      );
    }
    if (running.length === 0) rt.timers.push(this.ctx.sim.after(0, () => this.finishIfStopped(rt), { label: `stop ${rt.key}` }));
  }

  /** A `sleep` as PID 1 ignores SIGTERM. */
  private sleeps(pod: Pod, c: ContainerState): boolean {
    const spec = (c.init ? pod.spec?.initContainers : pod.spec?.containers)?.find((x) => x.name === c.name);
    return (spec?.command?.[0] ?? '') === 'sleep';
  }

  /** Once no container runs: the final status (Succeeded or Failed), then the kubelet's own delete. */
  private finishIfStopped(rt: PodRuntime): void {
    const all = [...rt.initContainers, ...rt.containers];
    if (all.some((c) => c.phase === 'running') || this.silent.has(rt.node)) return;
    const pod = this.podOf(rt);
    if (!pod) return;
    for (const c of all) if (c.phase === 'waiting') c.phase = 'terminated';
    rt.sandboxReady = false;
    this.publish(pod, rt);
    rt.finished = true;
    try {
      this.ctx.api.delete('pods', pod.metadata.namespace, pod.metadata.name, { gracePeriodSeconds: 0, preconditions: { uid: rt.uid } });
    } catch (e) {
      if (!(e instanceof StatusError)) throw e;
    }
  }

  private teardown(rt: PodRuntime): void {
    cancelTimers(rt);
    if (rt.ip) this.nodes.get(rt.node)?.ipam?.release(rt.ip);
    this.pods.delete(rt.key);
  }

  private touch(rt: PodRuntime): void {
    this.queue.add(rt.key);
  }

  private podOf(rt: PodRuntime): Stored<Pod> | undefined {
    const { namespace, name } = splitKey(rt.key);
    const pod = this.ctx.store.get<Pod>('pods', namespace, name);
    return pod && pod.metadata.uid === rt.uid ? pod : undefined;
  }

  private event(pod: Stored<Pod>, type: 'Normal' | 'Warning', reason: string, message: string, fieldPath?: string): void {
    if (this.silent.has(pod.spec?.nodeName ?? '')) return;
    this.ctx.events.record(pod, type, reason, message, { component: 'kubelet', host: pod.spec?.nodeName }, fieldPath);
  }

  /** Writes the status generateAPIPodStatus would compute, if it differs from the stored one. */
  private publish(pod: Stored<Pod>, rt: PodRuntime): void {
    if (this.silent.has(rt.node)) return;
    const status = this.statusOf(pod, rt);
    if (deepEqual(status, pod.status)) return;
    try {
      const written = this.ctx.api.updateStatus({ ...pod, status }, { fieldManager: 'kubelet' });
      if (written !== pod) this.ownWrites.add(written.metadata.resourceVersion);
    } catch (e) {
      if (!(e instanceof StatusError)) throw e;
    }
  }

  private statusOf(pod: Stored<Pod>, rt: PodRuntime): PodStatus {
    const rfc = (ms: number) => this.ctx.clock.rfc3339(ms);
    const phase = this.phaseOf(pod, rt);
    const terminal = phase === 'Succeeded' || phase === 'Failed';
    // A pod whose containers are done for good has its sandbox torn down (the IP stays in status).
    if (terminal) rt.sandboxReady = false;
    const unready = rt.containers.filter((c) => !c.ready).map((c) => c.name);
    const previous = pod.status?.conditions ?? [];
    const condition = (type: string, status: 'True' | 'False', reason?: string, message?: string): PodCondition => {
      const old = previous.find((c) => c.type === type);
      return {
        type,
        status,
        lastProbeTime: null as unknown as string,
        lastTransitionTime: old && old.status === status ? old.lastTransitionTime : rfc(this.ctx.clock.now()),
        ...(reason ? { reason } : {}),
        ...(message ? { message } : {}),
      };
    };
    const readyReason = terminal ? (phase === 'Succeeded' ? 'PodCompleted' : 'PodFailed') : 'ContainersNotReady';
    const readyMessage = terminal ? undefined : `containers with unready status: [${unready.join(' ')}]`;
    const allReady = unready.length === 0 && !terminal;
    const scheduled = previous.find((c) => c.type === 'PodScheduled');
    const node = this.nodes.get(rt.node);
    // GeneratePodInitializedCondition: every init container has exited 0.
    const incomplete = rt.initContainers.filter((c) => !(c.phase === 'terminated' && c.exitCode === 0)).map((c) => c.name);
    const initialized =
      incomplete.length === 0 || (terminal && phase === 'Succeeded')
        ? condition('Initialized', 'True', terminal && phase === 'Succeeded' ? 'PodCompleted' : undefined)
        : condition('Initialized', 'False', 'ContainersNotInitialized', `containers with incomplete status: [${incomplete.join(' ')}]`);
    const statusOf = (c: ContainerState) => {
      const mounts = this.specOf(pod, c).volumeMounts ?? [];
      const ref = parseImage(c.image);
      return {
        ...(c.containerId ? { containerID: c.containerId } : {}),
        // Once the container exists the runtime reports the fully qualified reference.
        image: c.containerId ? `${ref.canonical}:${ref.tag}` : c.image,
        imageID: c.containerId ? (c.imageId ?? '') : '',
        lastState: c.last
          ? { terminated: { containerID: c.last.containerId, exitCode: c.last.exitCode, finishedAt: rfc(c.last.finishedAt), ...(c.last.message ? { message: c.last.message } : {}), reason: c.last.reason, startedAt: rfc(c.last.startedAt) } }
          : {},
        name: c.name,
        ready: c.ready,
        restartCount: c.restartCount,
        started: c.phase === 'running',
        state: containerStateOf(c, rfc),
        ...(mounts.length
          ? { volumeMounts: mounts.map((m) => ({ mountPath: m.mountPath, name: m.name, ...(m.readOnly ? { readOnly: true, recursiveReadOnly: 'Disabled' } : {}) })) }
          : {}),
      };
    };
    return {
      conditions: [
        // Conditions the kubelet does not own (DisruptionTarget …) are kept, first (generateAPIPodStatus).
        ...previous.filter((c) => !KUBELET_CONDITIONS.has(c.type)),
        condition('PodReadyToStartContainers', rt.sandboxReady ? 'True' : 'False'),
        initialized,
        allReady ? condition('Ready', 'True') : condition('Ready', 'False', readyReason, readyMessage),
        allReady ? condition('ContainersReady', 'True') : condition('ContainersReady', 'False', readyReason, readyMessage),
        scheduled ?? condition('PodScheduled', 'True'),
      ],
      // Init container statuses in spec order; the others sorted by name (SortedContainerStatuses).
      ...(rt.initContainers.length ? { initContainerStatuses: rt.initContainers.map(statusOf) } : {}),
      containerStatuses: [...rt.containers].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map(statusOf),
      hostIP: node?.ip,
      hostIPs: node?.ip ? [{ ip: node.ip }] : undefined,
      phase,
      ...(rt.ip ? { podIP: rt.ip, podIPs: [{ ip: rt.ip }] } : {}),
      qosClass: pod.status?.qosClass,
      startTime: rfc(rt.startTime),
    };
  }

  /**
   * getPhase (pkg/kubelet/kubelet_pods.go): an init container still to run or running keeps the
   * pod Pending, one that failed fails it under restartPolicy Never; then the containers decide.
   */
  private phaseOf(pod: Pod, rt: PodRuntime): PodStatus['phase'] {
    let pendingInit = 0, failedInit = 0;
    for (const c of rt.initContainers) {
      if (c.phase === 'terminated') {
        if (c.exitCode !== 0) failedInit++;
      } else if (c.phase === 'waiting' && c.last) {
        if (c.last.exitCode !== 0) failedInit++;
      } else pendingInit++;
    }
    let running = 0, waiting = 0, stopped = 0, succeeded = 0;
    for (const c of rt.containers) {
      if (c.phase === 'running') running++;
      else if (c.phase === 'terminated') {
        stopped++;
        if (c.exitCode === 0) succeeded++;
      } else if (c.last) stopped++;
      else waiting++;
    }
    const policy = pod.spec?.restartPolicy ?? 'Always';
    if (failedInit > 0 && policy === 'Never') return 'Failed';
    if (pendingInit > 0 || waiting > 0) return 'Pending';
    if (running > 0) return 'Running';
    if (stopped === 0) return 'Pending';
    // A pod being deleted is terminal: its containers will not be restarted whatever the policy.
    if (rt.terminating) return stopped === succeeded ? 'Succeeded' : 'Failed';
    if (policy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    return policy === 'Never' ? 'Failed' : 'Running';
  }
}

/**
 * Keeps a run's log by container ID. The kubelet's container GC keeps one dead container per
 * container name (MaxPerPodContainer), so the current run and the one before it have logs.
 */
function keepLog(c: ContainerState, containerId: string, log: LogLine[]): void {
  c.logs.set(containerId, log);
  while (c.logs.size > 2) c.logs.delete(c.logs.keys().next().value!);
}

/** The event fieldPath of a container: `spec.containers{name}` or `spec.initContainers{name}`. */
function fieldPathOf(c: ContainerState): string {
  return c.init ? `spec.initContainers{${c.name}}` : `spec.containers{${c.name}}`;
}

/** How a container restarts: an init container that fails is retried under Always as under OnFailure. */
function restartPolicyOf(pod: Pod, c: ContainerState): string {
  const policy = pod.spec?.restartPolicy ?? 'Always';
  return c.init && policy === 'Always' ? 'OnFailure' : policy;
}
