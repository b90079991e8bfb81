import type { ContainerStatus } from 'kubernetes-types/core/v1.js';
import type { TimerHandle } from '../sim/timers.ts';
import type { LogLine } from './container-process.ts';

/** How a run of a container ended. */
export interface Termination {
  exitCode: number;
  reason: string;
  message?: string;
  startedAt: number;
  finishedAt: number;
  containerId: string;
}

/** What the simulated runtime knows about one container of a pod. */
export interface ContainerState {
  readonly name: string;
  /** An init container: it runs to completion, in order, before the pod's containers start. */
  readonly init?: boolean;
  readonly image: string;
  phase: 'waiting' | 'running' | 'terminated';
  /** Waiting reason (ContainerCreating, ErrImagePull, ImagePullBackOff, CrashLoopBackOff) or terminated reason. */
  reason?: string;
  message?: string;
  containerId?: string;
  imageId?: string;
  startedAt?: number;
  finishedAt?: number;
  exitCode?: number;
  /** The previous run, shown as lastState.terminated. */
  last?: Termination;
  /**
   * What the runs wrote, by container ID: the current run and the one before it (lines stamped
   * later than now are still to come).
   */
  logs: Map<string, LogLine[]>;
  restartCount: number;
  /** Which run of this container (per controller) the current one is, for the catalogue's failTimes. */
  run?: number;
  ready: boolean;
  started: boolean;
  /** Failed pulls in a row (image back-off) and crash back-off state. */
  pullFailures: number;
  backoffMs: number;
  lastBackoffAt?: number;
  timers: TimerHandle[];
  /** Processes `kubectl exec` started in this run of the container (they take the next PIDs). */
  execs?: { containerId: string; count: number };
}

/** The kubelet's view of one pod on its node. */
export interface PodRuntime {
  readonly uid: string;
  readonly key: string;
  readonly node: string;
  startTime: number;
  ip?: string;
  sandboxReady: boolean;
  terminating: boolean;
  /** The init containers, in spec order, then the containers. */
  initContainers: ContainerState[];
  containers: ContainerState[];
  timers: TimerHandle[];
  /** Set once the final status has been written. */
  finished: boolean;
}

/** The lines a run has written by `until` (the clock, or when the run ended). */
export function writtenBy(log: readonly LogLine[], until: number): LogLine[] {
  return log.filter((l) => l.at <= until);
}

/** Cancels every pending timer of a pod. */
export function cancelTimers(rt: PodRuntime): void {
  for (const t of rt.timers) t.cancel();
  rt.timers = [];
  for (const c of [...rt.initContainers, ...rt.containers]) {
    for (const t of c.timers) t.cancel();
    c.timers = [];
  }
}

/** The container's state as the API shows it. */
export function containerStateOf(c: ContainerState, rfc3339: (ms: number) => string): ContainerStatus['state'] {
  if (c.phase === 'running') return { running: { startedAt: rfc3339(c.startedAt!) } };
  if (c.phase === 'terminated') {
    return {
      terminated: {
        exitCode: c.exitCode ?? 0,
        reason: c.reason,
        ...(c.message ? { message: c.message } : {}),
        startedAt: rfc3339(c.startedAt ?? c.finishedAt ?? 0),
        finishedAt: rfc3339(c.finishedAt ?? 0),
        containerID: c.containerId,
      },
    };
  }
  return { waiting: { reason: c.reason ?? 'ContainerCreating', ...(c.message ? { message: c.message } : {}) } };
}
