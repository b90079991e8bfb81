import type { DaemonSet } from 'kubernetes-types/apps/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { isPodAvailable, isPodReady } from '../../api/pod-util.ts';
import type { Backoff } from './backoff.ts';
import type { Eligibility } from './eligibility.ts';
import { allowsSurge, compareByCreationAndPhase, HASH_LABEL } from './util.ts';

/** What the manage loop wants done on one node: a pod created there, pods deleted. */
export interface NodeActions {
  create: boolean;
  deletePods: string[];
}

/** What podsShouldBeOnNode reaches outside the node: the clock, the failed-pod back-off, events. */
export interface NodeManageContext {
  readonly now: number;
  readonly backoff: Backoff;
  /** failedPodsBackoffKey: `<ds uid>/<observedGeneration>/<node>`. */
  backoffKey(node: string): string;
  /** eventRecorder.Eventf on the DaemonSet. */
  event(type: 'Normal' | 'Warning', reason: string, message: string): void;
  /** enqueueDaemonSetAfter, for a node whose failed pod waits out its back-off. */
  retryAfter(node: string, ms: number): void;
}

/**
 * podsShouldBeOnNode (pkg/controller/daemon/daemon_controller.go) for an existing node: create
 * a pod where one should run and none is; delete failed (after a back-off) and succeeded pods;
 * without surge keep only the oldest running pod; with surge keep at most an old and a new one
 * (the old only while the new is not yet available, the new only while the old is ready);
 * delete every pod where none may continue running. `pods` are the node's daemon pods.
 */
export function podsShouldBeOnNode(node: string, eligibility: Eligibility, pods: readonly Pod[], ds: DaemonSet, hash: string, ctx: NodeManageContext): NodeActions {
  const actions: NodeActions = { create: false, deletePods: [] };
  const exists = pods.length > 0;
  if (eligibility.shouldRun && !exists) {
    actions.create = true;
    return actions;
  }
  if (eligibility.shouldContinueRunning) {
    const running: Pod[] = [];
    for (const pod of pods) {
      if (pod.metadata?.deletionTimestamp) continue;
      const phase = pod.status?.phase;
      const name = pod.metadata?.name ?? '';
      if (phase === 'Failed') {
        // A critical place where the controller often fights a kubelet rejecting pods: back off.
        const key = ctx.backoffKey(node);
        if (ctx.backoff.isInBackOffSinceUpdate(key, ctx.now)) {
          ctx.retryAfter(node, ctx.backoff.get(key));
          continue;
        }
        ctx.backoff.next(key, ctx.now);
        ctx.event('Warning', 'FailedDaemonPod', `Found failed daemon pod ${pod.metadata?.namespace}/${name} on node ${node}, will try to kill it`);
        actions.deletePods.push(name);
      } else if (phase === 'Succeeded') {
        ctx.event('Normal', 'SucceededDaemonPod', `Found succeeded daemon pod ${pod.metadata?.namespace}/${name} on node ${node}, will try to delete it`);
        actions.deletePods.push(name);
      } else {
        running.push(pod);
      }
    }
    running.sort(compareByCreationAndPhase);
    if (!allowsSurge(ds)) {
      // Without surge, more than one running pod on a node: all but the oldest go.
      for (const pod of running.slice(1)) actions.deletePods.push(pod.metadata?.name ?? '');
      return actions;
    }
    if (running.length <= 1) {
      // Surging: there must be at least one pod not being deleted.
      if (running.length === 0 && eligibility.shouldRun) actions.create = true;
      return actions;
    }
    // Two pods may stay only while the oldest current one is not ready and the oldest old one
    // is; every other pod goes. If neither is ready, only the current one stays.
    let oldestNew: Pod | undefined, oldestOld: Pod | undefined;
    for (const pod of running) {
      if (pod.metadata?.labels?.[HASH_LABEL] === hash) {
        if (!oldestNew) {
          oldestNew = pod;
          continue;
        }
      } else if (!oldestOld) {
        oldestOld = pod;
        continue;
      }
      actions.deletePods.push(pod.metadata?.name ?? '');
    }
    if (oldestNew && oldestOld) {
      if (!isPodReady(oldestOld)) actions.deletePods.push(oldestOld.metadata?.name ?? '');
      else if (isPodAvailable(oldestNew, ds.spec?.minReadySeconds ?? 0, ctx.now)) actions.deletePods.push(oldestOld.metadata?.name ?? '');
    }
    return actions;
  }
  // Not supposed to run here, but it is: every daemon pod on the node goes.
  for (const pod of pods) if (!pod.metadata?.deletionTimestamp) actions.deletePods.push(pod.metadata?.name ?? '');
  return actions;
}

/**
 * getUnscheduledPodsWithoutNode for one missing node: its pods never bound (pinned to a node that
 * no longer exists) are deleted here, as the pod garbage collector only removes bound ones.
 */
export function unscheduledPodsWithoutNode(pods: readonly Pod[]): NodeActions {
  return { create: false, deletePods: pods.filter((p) => !p.spec?.nodeName).map((p) => p.metadata?.name ?? '') };
}

/** Whether the manage loop has something to do on a node. */
export function hasActions(actions: NodeActions): boolean {
  return actions.create || actions.deletePods.length > 0;
}
