import type { Pod } from 'kubernetes-types/core/v1.js';
import { podCondition } from '../../api/pod-util.ts';
import { parseRfc3339 } from '../../sim/clock.ts';
import { humanDuration } from '../../sim/duration.ts';
import type { Stored } from '../../store/object.ts';
import { age } from './age.ts';
import { col, orNone, type TablePrinter } from './table.ts';

/** printPod (pkg/printers/internalversion/printers.go). */
export const podPrinter: TablePrinter<Stored<Pod>> = {
  columns: [
    col('Name', 'Name must be unique within a namespace.'),
    col('Ready', 'The aggregate readiness state of this pod for accepting traffic.'),
    col('Status', 'The aggregate status of the containers in this pod.'),
    col('Restarts', 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.'),
    col('Age', 'CreationTimestamp is a timestamp representing the server time when this object was created.'),
    col('IP', 'IP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.', 1),
    col('Node', "NodeName is a request to schedule this pod onto a specific node.", 1),
    col('Nominated Node', 'nominatedNodeName is set only when this pod preempts other pods on the node.', 1),
    col('Readiness Gates', 'If specified, all readiness gates will be evaluated for pod readiness.', 1),
  ],
  cells(pod, now) {
    const { ready, status, restarts } = podSummary(pod, now);
    const gates = pod.spec?.readinessGates ?? [];
    const gatesCell = gates.length
      ? `${gates.filter((g) => podCondition(pod, g.conditionType)?.status === 'True').length}/${gates.length}`
      : '<none>';
    return [
      pod.metadata.name,
      ready,
      status,
      restarts,
      age(pod.metadata.creationTimestamp, now),
      orNone(pod.status?.podIPs?.[0]?.ip ?? pod.status?.podIP),
      orNone(pod.spec?.nodeName),
      orNone(pod.status?.nominatedNodeName),
      gatesCell,
    ];
  },
};

/** The READY, STATUS and RESTARTS cells of printPod, exactly as upstream derives them. */
export function podSummary(pod: Pod, now: number): { ready: string; status: string; restarts: string } {
  let restarts = 0;
  let restartableRestarts = 0;
  let total = pod.spec?.containers?.length ?? 0;
  let readyCount = 0;
  let lastRestart: number | undefined;
  let lastRestartableRestart: number | undefined;
  let reason = pod.status?.reason || pod.status?.phase || '';
  if (pod.status?.conditions?.some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) reason = 'SchedulingGated';
  const initSpecs = pod.spec?.initContainers ?? [];
  const sidecar = (name: string) => initSpecs.find((c) => c.name === name)?.restartPolicy === 'Always';
  for (const c of initSpecs) if (c.restartPolicy === 'Always') total++;
  const later = (a: number | undefined, t: string | undefined) => {
    const v = parseRfc3339(t);
    return v === undefined ? a : a === undefined ? v : Math.max(a, v);
  };
  let initializing = false;
  const initStatuses = pod.status?.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i];
    restarts += c.restartCount ?? 0;
    if (c.lastState?.terminated) lastRestart = later(lastRestart, c.lastState.terminated.finishedAt);
    if (sidecar(c.name)) {
      restartableRestarts += c.restartCount ?? 0;
      if (c.lastState?.terminated) lastRestartableRestart = later(lastRestartableRestart, c.lastState.terminated.finishedAt);
    }
    const term = c.state?.terminated;
    if (term && term.exitCode === 0) continue;
    if (sidecar(c.name) && c.started) {
      if (c.ready) readyCount++;
      continue;
    }
    if (term) {
      reason = term.reason ? `Init:${term.reason}` : term.signal ? `Init:Signal:${term.signal}` : `Init:ExitCode:${term.exitCode}`;
    } else if (c.state?.waiting?.reason && c.state.waiting.reason !== 'PodInitializing') {
      reason = `Init:${c.state.waiting.reason}`;
    } else {
      reason = `Init:${i}/${initSpecs.length}`;
    }
    initializing = true;
    break;
  }
  if (!initializing || podCondition(pod, 'Initialized')?.status === 'True') {
    restarts = restartableRestarts;
    lastRestart = lastRestartableRestart;
    let hasRunning = false;
    const statuses = pod.status?.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i];
      restarts += c.restartCount ?? 0;
      if (c.lastState?.terminated) lastRestart = later(lastRestart, c.lastState.terminated.finishedAt);
      if (c.state?.waiting?.reason) reason = c.state.waiting.reason;
      else if (c.state?.terminated?.reason) reason = c.state.terminated.reason;
      else if (c.state?.terminated) reason = c.state.terminated.signal ? `Signal:${c.state.terminated.signal}` : `ExitCode:${c.state.terminated.exitCode}`;
      else if (c.ready && c.state?.running) {
        hasRunning = true;
        readyCount++;
      }
    }
    if (reason === 'Completed' && hasRunning) reason = podCondition(pod, 'Ready')?.status === 'True' ? 'Running' : 'NotReady';
  }
  if (pod.metadata?.deletionTimestamp && pod.status?.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata?.deletionTimestamp && pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed') reason = 'Terminating';
  const restartsCell = restarts !== 0 && lastRestart !== undefined ? `${restarts} (${humanDuration(now - lastRestart)} ago)` : String(restarts);
  return { ready: `${readyCount}/${total}`, status: reason, restarts: restartsCell };
}
