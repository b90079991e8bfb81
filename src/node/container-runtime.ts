import type { ContainerStatus } from 'kubernetes-types/core/v1.js';
import type { TimerHandle } from '../sim/timers.ts';

/** What the simulated runtime knows about one container of a pod. */
export interface ContainerState {
  readonly name: string;
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
  last?: { exitCode: number; reason: string; startedAt: number; finishedAt: number; containerId: string };
  restartCount: number;
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
  containers: ContainerState[];
  timers: TimerHandle[];
  /** Set once the final status has been written. */
  finished: boolean;
}

/** Cancels every pending timer of a pod. */
export function cancelTimers(rt: PodRuntime): void {
  for (const t of rt.timers) t.cancel();
  rt.timers = [];
  for (const c of rt.containers) {
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
        startedAt: rfc3339(c.startedAt ?? c.finishedAt ?? 0),
        finishedAt: rfc3339(c.finishedAt ?? 0),
        containerID: c.containerId,
      },
    };
  }
  return { waiting: { reason: c.reason ?? 'ContainerCreating', ...(c.message ? { message: c.message } : {}) } };
}
