import type { DaemonSet } from 'kubernetes-types/apps/v1.js';
import type { Pod, PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import type { OwnerReference } from 'kubernetes-types/meta/v1.js';
import { StatusError } from '../../api/errors.ts';
import type { Selector } from '../../api/labels.ts';
import { controllerOf, type Stored } from '../../store/object.ts';
import type { ControllerContext } from '../context.ts';
import { createPod, namespaceTerminating, podFromTemplate } from '../pod-control.ts';
import { slowStartBatch, SLOW_START_INITIAL_BATCH_SIZE } from '../replica-set.ts';
import { COMPONENT, controllerRefOf, DAEMON_SETS } from './history.ts';
import { createPodTemplate, pinToNode, templateGeneration } from './util.ts';

/** BurstReplicas (daemon_controller.go): at most this many creates, and as many deletes, per sync. */
export const BURST_REPLICAS = 250;

type Recorder = (ds: Stored<DaemonSet>, type: 'Normal' | 'Warning', reason: string, message: string) => void;

/**
 * The DaemonSet controller's writes to pods: RealPodControl's creates and deletes with their
 * events (pkg/controller/controller_utils.go), syncNodes' batching (daemon_controller.go), and
 * the claiming of PodControllerRefManager (controller_ref_manager.go).
 */
export class DaemonPodControl {
  constructor(
    private readonly ctx: ControllerContext,
    private readonly event: Recorder,
  ) {}

  /**
   * syncNodes: creates daemon pods on the given nodes in slow-start batches (1, 2, 4 …, stopping
   * after a batch with a failure) and deletes the given pods, each list capped at burstReplicas.
   * Returns whether anything was created or deleted (what upstream's expectations wait for) and
   * the first error.
   */
  syncNodes(ds: Stored<DaemonSet>, deletePods: string[], createOn: string[], hash: string): { acted: boolean; error?: StatusError } {
    const createDiff = Math.min(createOn.length, BURST_REPLICAS);
    const deleteDiff = Math.min(deletePods.length, BURST_REPLICAS);
    let acted = false;
    let firstError: StatusError | undefined;
    if (createDiff > 0) {
      const template = createPodTemplate(ds.spec?.template ?? {}, templateGeneration(ds), hash);
      let next = 0;
      const { successes, error } = slowStartBatch(createDiff, SLOW_START_INITIAL_BATCH_SIZE, () => this.createPod(ds, template, createOn[next++]));
      if (successes > 0) acted = true;
      firstError ??= error;
    }
    for (const name of deletePods.slice(0, deleteDiff)) {
      try {
        this.ctx.api.delete('pods', ds.metadata.namespace, name);
        this.event(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${name}`);
        acted = true;
      } catch (e) {
        if (!(e instanceof StatusError)) throw e;
        if (e.reason === 'NotFound') continue;
        this.event(ds, 'Warning', 'FailedDelete', `Error deleting: ${e.message}`);
        firstError ??= e;
      }
    }
    return { acted, error: firstError };
  }

  /** CreatePods with the pod pinned to its node; a terminating namespace refuses silently. */
  private createPod(ds: Stored<DaemonSet>, template: PodTemplateSpec, node: string): StatusError | undefined {
    const pod = podFromTemplate(template, ds.metadata.namespace, `${ds.metadata.name}-`, controllerRefOf(ds));
    pod.spec = { ...pod.spec!, affinity: pinToNode(template.spec?.affinity, node) };
    const e = createPod(this.ctx, ds, pod, COMPONENT);
    return e && !namespaceTerminating(e) ? e : undefined;
  }


  /**
   * ClaimPods: ours that no longer match the selector are released, matching orphans adopted
   * (after a fresh read confirms the DaemonSet is not being deleted).
   */
  claimPods(ds: Stored<DaemonSet>, selector: Selector, on: { released(pod: Stored<Pod>): void; adopted(pod: Stored<Pod>): void }): void {
    const ns = ds.metadata.namespace;
    const uid = ds.metadata.uid;
    for (const pod of this.ctx.store.byIndex<Pod>('pods', 'controller', uid)) {
      if (pod.metadata.namespace !== ns || selector.matches(pod.metadata.labels)) continue;
      if (this.patchOwner(pod, { $patch: 'delete', uid })) on.released(pod);
    }
    if (selector.empty || selector.nothing) return;
    let canAdopt: boolean | undefined;
    for (const pod of this.ctx.store.select<Pod>('pods', ns, selector)) {
      if (controllerOf(pod) || pod.metadata.deletionTimestamp) continue;
      canAdopt ??= this.stillAdoptable(ds);
      if (!canAdopt) return;
      const adopted = this.patchOwner(pod, controllerRefOf(ds));
      if (adopted) on.adopted(adopted);
    }
  }

  /** RecheckDeletionTimestamp: an uncached read, once, before the first adoption. */
  private stillAdoptable(ds: Stored<DaemonSet>): boolean {
    const fresh = this.ctx.api.tryGet<DaemonSet>(DAEMON_SETS, ds.metadata.namespace, ds.metadata.name);
    return !!fresh && fresh.metadata.uid === ds.metadata.uid && !fresh.metadata.deletionTimestamp;
  }

  /** AdoptPod / ReleasePod: a strategic merge patch of the ownerReferences guarded by the pod's uid. */
  private patchOwner(pod: Stored<Pod>, ref: OwnerReference | { $patch: 'delete'; uid: string }): Stored<Pod> | undefined {
    try {
      return this.ctx.api.patch<Pod>('pods', pod.metadata.namespace, pod.metadata.name, 'strategic', { metadata: { ownerReferences: [ref], uid: pod.metadata.uid } }, { fieldManager: COMPONENT });
    } catch (e) {
      if (e instanceof StatusError && (e.reason === 'NotFound' || e.reason === 'Conflict' || e.reason === 'Invalid')) return undefined;
      throw e;
    }
  }
}
