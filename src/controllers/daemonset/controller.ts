import type { ControllerRevision, DaemonSet } from 'kubernetes-types/apps/v1.js';
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import type { OwnerReference } from 'kubernetes-types/meta/v1.js';
import { deepEqual } from '../../api/equality.ts';
import { StatusError } from '../../api/errors.ts';
import { Selector } from '../../api/labels.ts';
import { isPodAvailable, isPodReady, isPodTerminal } from '../../api/pod-util.ts';
import { WorkQueue } from '../../sim/work-queue.ts';
import { controllerOf, keyOf, splitKey, type Stored } from '../../store/object.ts';
import type { WatchEvent } from '../../store/watch-event.ts';
import type { ControllerContext } from '../context.ts';
import { TokenBucket } from '../deployment/controller.ts';
import { Backoff } from './backoff.ts';
import { eligibilityChanged, nodeShouldRunDaemonPod, type Eligibility } from './eligibility.ts';
import { cleanupHistory, COMPONENT, constructHistory, DAEMON_SETS, REVISIONS } from './history.ts';
import { podsShouldBeOnNode, unscheduledPodsWithoutNode, type NodeManageContext } from './manage.ts';
import { DaemonSetView } from './node-state.ts';
import { DaemonPodControl } from './pod-control.ts';
import { DaemonPodIndex } from './pod-index.ts';
import { classifyNode, desiredNodeCounts, planRollingUpdate } from './rolling.ts';
import { nodeContribution, statusFor, statusUpToDate } from './status.ts';
import { allowsSurge, compareByCreationAndPhase, HASH_LABEL, surgeCount, targetNodeName, templateGeneration, unavailableCount } from './util.ts';

const NOT_ELIGIBLE: Eligibility = { shouldRun: false, shouldContinueRunning: false };

/**
 * The DaemonSet controller (pkg/controller/daemon/daemon_controller.go, update.go). Handlers
 * turn DaemonSet, ControllerRevision, pod and node events into DaemonSet keys, as upstream's do;
 * they also note which nodes each event concerns, so that a sync looks again only at those
 * (plus leftover work) instead of at every node and pod: a new node costs one eligibility check
 * per DaemonSet, a pod event one node's worth of work. A sync claims pods, makes the revision
 * history, runs the manage loop (one pod on every eligible node, none elsewhere), then, if the
 * manage loop had nothing to do (upstream's expectations), the rolling update, prunes old
 * revisions and writes status.
 */
export class DaemonSetController {
  readonly name = COMPONENT;
  readonly queue = new WorkQueue(COMPONENT);
  private readonly pods = new DaemonPodIndex();
  /** Each DaemonSet's view of its nodes, by uid. */
  private readonly views = new Map<string, DaemonSetView>();
  private readonly failures = new Map<string, number>();
  private readonly bucket = new TokenBucket(10, 100);
  /** failedPodsBackoff: 1 s doubling to 15 min. */
  private readonly backoff = new Backoff();
  /** The pod writes: creates, deletes, adoptions and releases. */
  private readonly podControl: DaemonPodControl;
  /** How much work the syncs did: what a test or the bench checks the cost against. */
  readonly stats = { syncs: 0, nodesLookedAt: 0 };

  constructor(private readonly ctx: ControllerContext) {
    this.podControl = new DaemonPodControl(ctx, (ds, type, reason, message) => this.event(ds, type, reason, message));
    ctx.sim.watch(DAEMON_SETS, (e) => this.onDaemonSet(e));
    ctx.sim.watch(REVISIONS, (e) => this.onHistory(e));
    ctx.sim.watch('pods', (e) => this.onPod(e));
    ctx.sim.watch('nodes', (e) => this.onNode(e));
    ctx.sim.register(this);
  }

  /** addDaemonset / updateDaemonset / deleteDaemonset. */
  private onDaemonSet(e: WatchEvent): void {
    if (e.type === 'DELETED') this.views.delete(e.object.metadata.uid);
    this.queue.add(keyOf(e.object));
  }

  /** addHistory / updateHistory / deleteHistory: the owner of a revision, or those that may adopt an orphan. */
  private onHistory(e: WatchEvent): void {
    const history = e.object as Stored<ControllerRevision>;
    const ns = history.metadata.namespace;
    const ref = controllerOf(history);
    if (e.type === 'DELETED' || (e.type === 'ADDED' && history.metadata.deletionTimestamp)) {
      if (ref) this.enqueueRef(ns, ref);
      return;
    }
    const oldRef = e.old ? controllerOf(e.old) : undefined;
    const refChanged = e.type === 'MODIFIED' && !deepEqual(ref, oldRef);
    if (refChanged && oldRef) this.enqueueRef(ns, oldRef);
    if (ref) {
      // An added revision with an owner needs nothing; a change to one does.
      if (e.type === 'MODIFIED') this.enqueueRef(ns, ref);
      return;
    }
    const labelsChanged = e.type === 'ADDED' || !deepEqual(history.metadata.labels, e.old?.metadata.labels);
    if (labelsChanged || refChanged) for (const ds of this.daemonSetsSelecting(history)) this.queue.add(keyOf(ds));
  }

  /**
   * addPod / updatePod / deletePod. A pod being deleted counts as deleted at once, so that its
   * replacement is not delayed by the grace period.
   */
  private onPod(e: WatchEvent): void {
    const placements = this.pods.observe(e);
    if (e.type !== 'MODIFIED' || changesDaemonView(e.old as Pod, e.object as Pod)) {
      for (const p of placements) this.views.get(p.owner)?.dirty.add(p.node);
    }
    const pod = e.object as Stored<Pod>;
    const ns = pod.metadata.namespace;
    const ref = controllerOf(pod);
    if (e.type === 'DELETED' || pod.metadata.deletionTimestamp) {
      if (ref) this.enqueueRef(ns, ref);
      return;
    }
    const oldRef = e.old ? controllerOf(e.old) : undefined;
    const refChanged = e.type === 'MODIFIED' && !deepEqual(ref, oldRef);
    if (refChanged && oldRef) this.enqueueRef(ns, oldRef);
    const labelsChanged = e.type === 'ADDED' || !deepEqual(pod.metadata.labels, e.old?.metadata.labels);
    if (ref) {
      const ds = this.resolveControllerRef(ns, ref);
      if (!ds) return;
      this.queue.add(keyOf(ds));
      // Our pod's labels changed: it may no longer match the selector and need releasing.
      if (labelsChanged && e.type === 'MODIFIED') this.needsClaim(ds);
      const minReady = ds.spec?.minReadySeconds ?? 0;
      if (minReady > 0 && e.old && !isPodReady(e.old as Pod) && isPodReady(pod)) {
        // Add a second to avoid millisecond skew in AddAfter (kubernetes#39785).
        this.ctx.sim.after((minReady + 1) * 1000, () => this.queue.add(keyOf(ds)), { label: `${COMPONENT} minReadySeconds` });
      }
      return;
    }
    if (labelsChanged || refChanged) {
      for (const ds of this.daemonSetsSelecting(pod)) {
        this.needsClaim(ds);
        this.queue.add(keyOf(ds));
      }
    }
  }

  /**
   * addNode / updateNode: each DaemonSet for which the node's verdict changed (or, for a new
   * node, which should run there) is queued, and its view of that node refreshed. A node's
   * verdict depends only on its name, labels and taints, so other changes (status, heartbeats)
   * cost nothing. Upstream has no handler for deleted nodes (their pods go through the pod
   * garbage collector); the next sync, whatever causes it, no longer counts them.
   */
  private onNode(e: WatchEvent): void {
    const node = e.object as Stored<Node>;
    const name = node.metadata.name;
    const old = e.old as Stored<Node> | undefined;
    if (e.type === 'MODIFIED' && old && deepEqual(old.metadata.labels, node.metadata.labels) && deepEqual(old.spec?.taints, node.spec?.taints)) return;
    for (const ds of this.ctx.store.list<DaemonSet>(DAEMON_SETS)) {
      const view = this.views.get(ds.metadata.uid);
      if (e.type === 'DELETED') {
        view?.eligibility.delete(name);
        view?.dirty.add(name);
        continue;
      }
      const now = nodeShouldRunDaemonPod(node, ds);
      const before = e.type === 'ADDED' ? undefined : (view?.eligibility.get(name) ?? (old ? nodeShouldRunDaemonPod(old, ds) : undefined));
      view?.eligibility.set(name, now);
      if (before && !eligibilityChanged(before, now)) continue;
      view?.dirty.add(name);
      if (e.type !== 'ADDED' || now.shouldRun) this.queue.add(keyOf(ds));
    }
  }

  private needsClaim(ds: Stored<DaemonSet>): void {
    const view = this.views.get(ds.metadata.uid);
    if (view) view.claimNeeded = true;
  }

  /** GetPodDaemonSets / GetHistoryDaemonSets: the namespace's DaemonSets whose selector matches. */
  private daemonSetsSelecting(obj: Stored): Stored<DaemonSet>[] {
    if (!obj.metadata.labels || Object.keys(obj.metadata.labels).length === 0) return [];
    return this.ctx.store.list<DaemonSet>(DAEMON_SETS, obj.metadata.namespace).filter((ds) => {
      const selector = parseSelector(ds);
      return !!selector && !selector.empty && selector.matches(obj.metadata.labels);
    });
  }

  private enqueueRef(namespace: string | undefined, ref: OwnerReference): void {
    const ds = this.resolveControllerRef(namespace, ref);
    if (ds) this.queue.add(keyOf(ds));
  }

  private resolveControllerRef(namespace: string | undefined, ref: OwnerReference): Stored<DaemonSet> | undefined {
    if (ref.kind !== 'DaemonSet') return undefined;
    const ds = this.ctx.store.get<DaemonSet>(DAEMON_SETS, namespace, ref.name);
    return ds && ds.metadata.uid === ref.uid ? ds : undefined;
  }

  /** processNextWorkItem: syncDaemonSet; an error requeues the key rate-limited. */
  sync(key: string): void {
    const { namespace, name } = splitKey(key);
    const ds = this.ctx.store.get<DaemonSet>(DAEMON_SETS, namespace, name);
    if (!ds) {
      this.failures.delete(key);
      return;
    }
    try {
      this.syncDaemonSet(ds);
      this.failures.delete(key);
    } catch (e) {
      if (!(e instanceof StatusError)) throw e;
      this.requeueRateLimited(key);
    }
  }

  /**
   * queue.AddRateLimited with client-go's default controller rate limiter (5 ms × 2^failures up to
   * 1000 s, and a shared bucket of 10 per second). Not progress: a sync may fail the same way forever.
   */
  private requeueRateLimited(key: string): void {
    const n = this.failures.get(key) ?? 0;
    this.failures.set(key, n + 1);
    const delay = Math.max(Math.min(5 * 2 ** n, 1000 * 1000), this.bucket.reserve(this.ctx.clock.now()));
    this.ctx.sim.after(delay, () => this.queue.add(key), { progress: false, label: `${COMPONENT} retry ${key}` });
  }

  /**
   * syncDaemonSet. The expectations upstream waits for are always met when a sync starts here
   * (the store is consistent and every event is delivered before the next sync), so the
   * status-only branch never runs; within a sync, "the manage loop created or deleted pods"
   * stands for the unmet expectations that postpone the rolling update.
   */
  private syncDaemonSet(ds: Stored<DaemonSet>): void {
    this.stats.syncs++;
    const ls = ds.spec?.selector;
    if (ls && deepEqual(ls, {})) {
      this.event(ds, 'Warning', 'SelectingAll', 'This daemon set is selecting all pods. A non-empty selector is required.');
      return;
    }
    // A DaemonSet being deleted: its history may be gone already, so its status cannot be trusted.
    if (ds.metadata.deletionTimestamp) return;
    const selector = parseSelector(ds);
    if (!selector) throw new StatusError('BadRequest', `daemon set ${ds.metadata.namespace}/${ds.metadata.name} has invalid label selector`);
    const { cur, old } = constructHistory(this.ctx, ds, selector);
    const hash = cur.metadata.labels?.[HASH_LABEL] ?? '';
    const view = this.viewFor(ds, hash);
    if (view.claimNeeded) this.claimPods(ds, selector, view);
    this.refresh(ds, view, selector, hash);
    const managed = this.manage(ds, view, hash);
    let error = managed.error;
    if (!error) {
      if (!managed.acted && ds.spec?.updateStrategy?.type === 'RollingUpdate') error = this.rollingUpdate(ds, view, hash);
      if (!error) cleanupHistory(this.ctx, ds, old, selector);
    }
    this.updateStatus(ds, view);
    if (error) throw error;
  }

  /** The DaemonSet's view for this generation and revision; a new one looks at every node. */
  private viewFor(ds: Stored<DaemonSet>, hash: string): DaemonSetView {
    const version = `${ds.metadata.generation ?? 0}|${hash}`;
    let view = this.views.get(ds.metadata.uid);
    if (view?.version === version) return view;
    view = new DaemonSetView(version);
    this.views.set(ds.metadata.uid, view);
    for (const node of this.ctx.store.list<Node>('nodes')) view.dirty.add(node.metadata.name);
    for (const node of this.pods.nodesOf(ds.metadata.uid)) view.dirty.add(node);
    return view;
  }

  /** getDaemonPods' claim: released and adopted pods move in the index, and their nodes are looked at again. */
  private claimPods(ds: Stored<DaemonSet>, selector: Selector, view: DaemonSetView): void {
    view.claimNeeded = false;
    this.podControl.claimPods(ds, selector, {
      released: (pod) => {
        this.pods.unplace(pod);
        markNode(view, pod);
      },
      adopted: (pod) => {
        this.pods.place(pod, ds.metadata.uid);
        markNode(view, pod);
      },
    });
  }

  /**
   * Looks again at the nodes something happened to: eligibility, the node's daemon pods, its part
   * in the status and in a rolling update, and what the manage loop (podsShouldBeOnNode) wants.
   */
  private refresh(ds: Stored<DaemonSet>, view: DaemonSetView, selector: Selector, hash: string): void {
    const now = this.ctx.clock.now();
    const minReady = ds.spec?.minReadySeconds ?? 0;
    const generation = templateGeneration(ds);
    const rolling = ds.spec?.updateStrategy?.type === 'RollingUpdate';
    const slotInputs = { hash, generation, minReadySeconds: minReady, now, surge: allowsSurge(ds) };
    const manageContext = new ManageContext(this, ds, view, now, this.backoff);
    const names = view.takeDirty();
    this.stats.nodesLookedAt += names.length;
    for (const name of names) {
      const node = this.ctx.store.get<Node>('nodes', undefined, name);
      const pods = this.podsOn(ds, selector, name);
      if (!node && pods.length === 0) {
        view.eligibility.delete(name);
        view.set(name, undefined);
        continue;
      }
      let eligibility = node ? view.eligibility.get(name) : NOT_ELIGIBLE;
      if (!eligibility) view.eligibility.set(name, (eligibility = nodeShouldRunDaemonPod(node!, ds)));
      const exists = !!node;
      view.set(name, {
        exists,
        eligibility,
        pods,
        counts: nodeContribution(exists, eligibility.shouldRun, pods, hash, generation, minReady, now),
        slot: rolling ? classifyNode(name, pods, exists && eligibility.shouldRun, slotInputs) : undefined,
        actions: exists ? podsShouldBeOnNode(name, eligibility, pods, ds, hash, manageContext) : unscheduledPodsWithoutNode(pods),
        timeDependent: minReady > 0 && pods.some((p) => isPodReady(p) && !isPodAvailable(p, minReady, now)),
      });
    }
  }

  /**
   * getNodesToDaemonPods for one node: the pods we control that target it and match the
   * selector, without finished pods already being deleted, oldest first.
   */
  private podsOn(ds: Stored<DaemonSet>, selector: Selector, node: string): Stored<Pod>[] {
    const keys = this.pods.podsOn(ds.metadata.uid, node);
    if (!keys) return [];
    const out: Stored<Pod>[] = [];
    for (const key of keys) {
      const pod = this.ctx.store.getByKey<Pod>('pods', key);
      if (!pod || pod.metadata.namespace !== ds.metadata.namespace || !selector.matches(pod.metadata.labels)) continue;
      if (isPodTerminal(pod) && pod.metadata.deletionTimestamp) continue;
      out.push(pod);
    }
    if (out.length > 1) out.sort(compareByCreationAndPhase);
    return out;
  }

  /** enqueueDaemonSetAfter for a node waiting out a failed pod's back-off (not progress: it may repeat). */
  retryAfter(ds: Stored<DaemonSet>, view: DaemonSetView, node: string, ms: number): void {
    this.ctx.sim.after(ms, () => {
      view.dirty.add(node);
      this.queue.add(keyOf(ds));
    }, { progress: false, label: `${COMPONENT} failed pod back-off` });
  }

  /**
   * manage: the manage loop's pending creates and deletes, node by node in node order, each
   * capped at burstReplicas. Returns whether it created or deleted anything (upstream's unmet
   * expectations) and the first error.
   */
  private manage(ds: Stored<DaemonSet>, view: DaemonSetView, hash: string): { acted: boolean; error?: StatusError } {
    if (view.pending.size === 0) return { acted: false };
    const createOn: string[] = [];
    const deletePods: string[] = [];
    for (const [node, actions] of view.pending) {
      if (actions.create) createOn.push(node);
      deletePods.push(...actions.deletePods);
    }
    return this.podControl.syncNodes(ds, deletePods, createOn, hash);
  }

  /** rollingUpdate: the plan of rolling.ts for the current counts, carried out by syncNodes. */
  private rollingUpdate(ds: Stored<DaemonSet>, view: DaemonSetView, hash: string): StatusError | undefined {
    const desired = view.totals.desired;
    const counts = desiredNodeCounts(surgeCount(ds, desired), unavailableCount(ds, desired), desired);
    const plan = planRollingUpdate(view.slots, { maxSurge: counts.maxSurge, maxUnavailable: counts.maxUnavailable, desired, surge: allowsSurge(ds) });
    if (plan.deletePods.length === 0 && plan.createOn.length === 0) return undefined;
    return this.podControl.syncNodes(ds, plan.deletePods, plan.createOn, hash).error;
  }

  /**
   * updateDaemonSetStatus + storeDaemonSetStatus: the running totals, written when they differ
   * from the stored status; with minReadySeconds, a resync once pods ready now are available.
   */
  private updateStatus(ds: Stored<DaemonSet>, view: DaemonSetView): void {
    const counts = view.totals;
    if (!statusUpToDate(ds, counts)) {
      try {
        this.ctx.api.updateStatus({ ...ds, status: statusFor(ds, counts, true) }, { fieldManager: COMPONENT });
      } catch (e) {
        if (!(e instanceof StatusError && e.reason === 'NotFound')) throw e;
      }
    }
    const minReady = ds.spec?.minReadySeconds ?? 0;
    if (minReady > 0 && counts.ready !== counts.available) {
      this.ctx.sim.after(minReady * 1000, () => this.queue.add(keyOf(ds)), { label: `${COMPONENT} minReadySeconds` });
    }
  }

  event(ds: Stored<DaemonSet>, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.ctx.events.record(ds, type, reason, message, { component: COMPONENT });
  }

}

/**
 * Whether a pod update can change what the controller concludes about its node: its labels
 * (selector, revision hash), owner, deletion, binding, phase or readiness. Status writes that
 * only move a container from waiting to running, say, do not.
 */
function changesDaemonView(before: Pod, after: Pod): boolean {
  if (before.metadata?.labels !== after.metadata?.labels && !deepEqual(before.metadata?.labels, after.metadata?.labels)) return true;
  if (before.metadata?.ownerReferences !== after.metadata?.ownerReferences && !deepEqual(before.metadata?.ownerReferences, after.metadata?.ownerReferences)) return true;
  if (before.metadata?.deletionTimestamp !== after.metadata?.deletionTimestamp) return true;
  if (before.spec?.nodeName !== after.spec?.nodeName || before.status?.phase !== after.status?.phase) return true;
  const a = readyCondition(before), b = readyCondition(after);
  return a?.status !== b?.status || a?.lastTransitionTime !== b?.lastTransitionTime;
}

function readyCondition(pod: Pod) {
  return pod.status?.conditions?.find((c) => c.type === 'Ready');
}

/** Marks the node a pod targets as needing another look. */
function markNode(view: DaemonSetView, pod: Pod): void {
  const node = targetNodeName(pod);
  if (node !== undefined) view.dirty.add(node);
}

/** What podsShouldBeOnNode reaches outside the node during one sync. */
class ManageContext implements NodeManageContext {
  constructor(
    private readonly controller: DaemonSetController,
    private readonly ds: Stored<DaemonSet>,
    private readonly view: DaemonSetView,
    readonly now: number,
    readonly backoff: Backoff,
  ) {}

  backoffKey(node: string): string {
    return `${this.ds.metadata.uid}/${this.ds.status?.observedGeneration ?? 0}/${node}`;
  }

  event(type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.controller.event(this.ds, type, reason, message);
  }

  retryAfter(node: string, ms: number): void {
    this.controller.retryAfter(this.ds, this.view, node, ms);
  }
}

/**
 * Parsed selectors by the selector object they came from: stored objects are immutable and share
 * their unchanged parts, so a selector is parsed once, not at every sync.
 */
const selectors = new WeakMap<object, Selector | null>();

/** LabelSelectorAsSelector, undefined when the selector does not parse. */
function parseSelector(ds: DaemonSet): Selector | undefined {
  const ls = ds.spec?.selector;
  if (!ls) return Selector.nothing();
  let parsed = selectors.get(ls);
  if (parsed === undefined) {
    try {
      parsed = Selector.fromLabelSelector(ls);
    } catch {
      parsed = null;
    }
    selectors.set(ls, parsed);
  }
  return parsed ?? undefined;
}
