import type { DaemonSet } from 'kubernetes-types/apps/v1.js';
import type { Node, Pod, Toleration } from 'kubernetes-types/core/v1.js';
import { matchesNodeSelectorAndAffinity } from '../../node/node-affinity.ts';
import { untoleratedTaint } from '../../node/taints.ts';
import { withDaemonTolerations } from './util.ts';

/** What NodeShouldRunDaemonPod says about one (node, DaemonSet) pair. */
export interface Eligibility {
  /** A daemon pod should be created here if none runs. */
  readonly shouldRun: boolean;
  /** A daemon pod already here may stay. */
  readonly shouldContinueRunning: boolean;
}

const NOT_ELIGIBLE: Eligibility = { shouldRun: false, shouldContinueRunning: false };
const ELIGIBLE: Eligibility = { shouldRun: true, shouldContinueRunning: true };
const CONTINUE_ONLY: Eligibility = { shouldRun: false, shouldContinueRunning: true };

/**
 * The parts of NewPod(ds, node) the predicates read, per template: its node selector and
 * affinity, and its tolerations with the daemon ones added. Templates are immutable once
 * stored, so this is worked out once per template rather than once per node.
 */
const podShapes = new WeakMap<object, { pod: Pod; tolerations: Toleration[] }>();

function podShapeOf(ds: DaemonSet): { pod: Pod; tolerations: Toleration[] } {
  const template = ds.spec?.template ?? {};
  let shape = podShapes.get(template);
  if (!shape) {
    const spec = template.spec ?? { containers: [] };
    shape = { pod: { spec: { ...spec, nodeName: undefined } }, tolerations: withDaemonTolerations(spec) };
    podShapes.set(template, shape);
  }
  return shape;
}

const NO_SCHEDULE_OR_EXECUTE = ['NoSchedule', 'NoExecute'];
const NO_EXECUTE = ['NoExecute'];

/**
 * NodeShouldRunDaemonPod (pkg/controller/daemon/daemon_controller.go): the template's nodeName,
 * if any, must be the node; its required node affinity and nodeSelector must match the node;
 * every NoSchedule or NoExecute taint must be tolerated (by the template's tolerations plus the
 * daemon ones) for a new pod. If only NoSchedule taints are untolerated, a pod already there
 * should continue running. An unschedulable node is still eligible: the daemon tolerations
 * include `node.kubernetes.io/unschedulable`.
 */
export function nodeShouldRunDaemonPod(node: Node, ds: DaemonSet): Eligibility {
  const nodeName = ds.spec?.template?.spec?.nodeName;
  if (nodeName && nodeName !== node.metadata?.name) return NOT_ELIGIBLE;
  const { pod, tolerations } = podShapeOf(ds);
  if (!matchesNodeSelectorAndAffinity(pod, node)) return NOT_ELIGIBLE;
  const taints = node.spec?.taints;
  if (!taints?.length || !untoleratedTaint(taints, tolerations, NO_SCHEDULE_OR_EXECUTE)) return ELIGIBLE;
  // Scheduled daemon pods continue running as long as every NoExecute taint is tolerated.
  return untoleratedTaint(taints, tolerations, NO_EXECUTE) ? NOT_ELIGIBLE : CONTINUE_ONLY;
}

/** Whether two verdicts differ (updateNode enqueues the DaemonSet only then). */
export function eligibilityChanged(a: Eligibility, b: Eligibility): boolean {
  return a.shouldRun !== b.shouldRun || a.shouldContinueRunning !== b.shouldContinueRunning;
}
