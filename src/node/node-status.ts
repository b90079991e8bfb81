import type { Node, NodeCondition } from 'kubernetes-types/core/v1.js';
import type { ControllerContext } from '../controllers/context.ts';
import type { Stored } from '../store/object.ts';

/** What the kubelet's own checks say: ready, or what ReadyCondition reports as not (its errors, already joined). */
export type KubeletHealth = { ready: true } | { ready: false; message: string };

/** A node event the kubelet records: `Node <name> status is now: <reason>` (recordNodeStatusEvent). */
export interface NodeStatusEvent {
  reason: string;
  message: string;
}

/** The pressure conditions the kubelet reports as healthy, in the order it sets them. */
const PRESSURE: readonly { type: string; reason: string; message: string; event: string }[] = [
  { type: 'MemoryPressure', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available', event: 'NodeHasSufficientMemory' },
  { type: 'DiskPressure', reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure', event: 'NodeHasNoDiskPressure' },
  { type: 'PIDPressure', reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available', event: 'NodeHasSufficientPID' },
];

/**
 * The conditions a kubelet posts (setNodeStatus with the setters of pkg/kubelet/nodestatus/setters.go,
 * in their order: MemoryPressure, DiskPressure, PIDPressure, then Ready): every condition gets a
 * fresh heartbeat; one whose status changes gets a new transition time and an event. No pressure
 * is simulated, so those three are always False. Ready is True (`KubeletReady`) or False
 * (`KubeletNotReady` with the runtime's errors). Conditions the kubelet does not own are kept.
 */
export function kubeletNodeConditions(node: Node, health: KubeletHealth, now: string): { conditions: NodeCondition[]; events: NodeStatusEvent[] } {
  const name = node.metadata?.name ?? '';
  const events: NodeStatusEvent[] = [];
  const conditions = [...(node.status?.conditions ?? [])];
  const set = (next: NodeCondition, event: string): void => {
    const i = conditions.findIndex((c) => c.type === next.type);
    const old = i >= 0 ? conditions[i] : undefined;
    const changed = !old || old.status !== next.status;
    const condition = { ...next, lastHeartbeatTime: now, lastTransitionTime: changed ? now : old!.lastTransitionTime };
    if (i >= 0) conditions[i] = condition;
    else conditions.push(condition);
    // ReadyCondition records no event for the condition's first appearance; the pressure setters do.
    if (changed && (old || next.type !== 'Ready')) events.push({ reason: event, message: `Node ${name} status is now: ${event}` });
  };
  for (const p of PRESSURE) set({ type: p.type, status: 'False', reason: p.reason, message: p.message }, p.event);
  if (health.ready) set({ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }, 'NodeReady');
  else set({ type: 'Ready', status: 'False', reason: 'KubeletNotReady', message: health.message }, 'NodeNotReady');
  return { conditions, events };
}

/**
 * Posts a kubelet's node status (PUT nodes/<name>/status) and records its events against the
 * kubelet's node reference, whose UID is the node's name (kubelet.go nodeRef).
 */
export function postNodeStatus(ctx: ControllerContext, name: string, health: KubeletHealth): void {
  const node = ctx.store.get<Node>('nodes', undefined, name);
  if (!node) return;
  const { conditions, events } = kubeletNodeConditions(node, health, ctx.clock.rfc3339());
  ctx.api.updateStatus({ ...node, status: { ...node.status, conditions } }, { fieldManager: 'kubelet' });
  const ref = { apiVersion: 'v1', kind: 'Node', metadata: { name, uid: name } } as Stored;
  for (const e of events) ctx.events.record(ref, 'Normal', e.reason, e.message, { component: 'kubelet', host: name });
}
