import type { DaemonSet } from 'kubernetes-types/apps/v1.js';
import type { Affinity, Pod, PodSpec, PodTemplateSpec, Toleration } from 'kubernetes-types/core/v1.js';
import { scaledValue } from '../../api/int-or-string.ts';
import { templateGenerationOf } from '../../api/kinds/daemonset.ts';

/**
 * Helpers of pkg/controller/daemon/util/daemonset_util.go and the pod ordering of
 * daemon_controller.go, as pure functions.
 */

/** apps.DefaultDaemonSetUniqueLabelKey (ControllerRevisionHashLabelKey): the revision's hash, without the name. */
export const HASH_LABEL = 'controller-revision-hash';
/** extensions.DaemonSetTemplateGenerationKey: the deprecated template generation label. */
export const TEMPLATE_GENERATION_LABEL = 'pod-template-generation';

/**
 * AddOrUpdateDaemonPodTolerations: the tolerations every daemon pod carries, in this order
 * (operator Exists, no tolerationSeconds), so node problems never evict or block it; the
 * network-unavailable one only for hostNetwork pods. Control-plane taints are not among them.
 */
export function daemonTolerations(hostNetwork: boolean): Toleration[] {
  const list: Toleration[] = [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
  ];
  if (hostNetwork) list.push({ key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' });
  return list;
}

/**
 * v1helper.AddOrUpdateTolerationInPodSpec for each daemon toleration: one the spec already has
 * (same key, operator, value and effect) is replaced in place, any other appended.
 */
export function withDaemonTolerations(spec: PodSpec): Toleration[] {
  const out = [...(spec.tolerations ?? [])];
  for (const t of daemonTolerations(!!spec.hostNetwork)) {
    const i = out.findIndex((x) => x.key === t.key && (x.operator ?? 'Equal') === t.operator && (x.value ?? '') === '' && x.effect === t.effect);
    if (i >= 0) out[i] = t;
    else out.push(t);
  }
  return out;
}

/**
 * CreatePodTemplate: a copy of the template with the daemon tolerations and the labels
 * `pod-template-generation` (when the DaemonSet has one) and `controller-revision-hash`.
 */
export function createPodTemplate(template: PodTemplateSpec, generation: number | undefined, hash: string): PodTemplateSpec {
  const labels: Record<string, string> = { ...template.metadata?.labels };
  if (generation !== undefined) labels[TEMPLATE_GENERATION_LABEL] = String(generation);
  if (hash) labels[HASH_LABEL] = hash;
  const spec = structuredClone(template.spec ?? { containers: [] });
  spec.tolerations = withDaemonTolerations(spec);
  return { metadata: { ...structuredClone(template.metadata ?? {}), labels }, spec };
}

/**
 * ReplaceDaemonSetPodNodeNameNodeAffinity: the required node affinity becomes the one term
 * `matchFields metadata.name In [node]`; preferred terms and other affinities are kept. The
 * scheduler then binds the pod to that node.
 */
export function pinToNode(affinity: Affinity | undefined, node: string): Affinity {
  const required = { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] }] };
  return { ...affinity, nodeAffinity: { ...affinity?.nodeAffinity, requiredDuringSchedulingIgnoredDuringExecution: required } };
}

/**
 * GetTargetNodeName: spec.nodeName, or for a pod not yet bound the node of its
 * `metadata.name In [x]` match field; undefined when neither names one node.
 */
export function targetNodeName(pod: Pod): string | undefined {
  if (pod.spec?.nodeName) return pod.spec.nodeName;
  for (const term of pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []) {
    for (const r of term.matchFields ?? []) {
      if (r.key === 'metadata.name' && r.operator === 'In') return r.values?.length === 1 ? r.values[0] : undefined;
    }
  }
  return undefined;
}

/** GetTemplateGeneration: the DaemonSet's deprecated template generation annotation. */
export function templateGeneration(ds: DaemonSet): number | undefined {
  return templateGenerationOf(ds);
}

/** IsPodUpdated: the pod carries the current revision's hash, or the current template generation. */
export function isPodUpdated(pod: Pod, hash: string, generation: number | undefined): boolean {
  const labels = pod.metadata?.labels;
  const templateMatches = generation !== undefined && labels?.[TEMPLATE_GENERATION_LABEL] === String(generation);
  const hashMatches = hash.length > 0 && labels?.[HASH_LABEL] === hash;
  return hashMatches || templateMatches;
}

/** SurgeCount: maxSurge scaled against `n` nodes (rounded up); 0 for OnDelete. */
export function surgeCount(ds: DaemonSet, n: number): number {
  const strategy = ds.spec?.updateStrategy;
  if (strategy?.type !== 'RollingUpdate' || strategy.rollingUpdate?.maxSurge === undefined) return 0;
  return scaledValue(strategy.rollingUpdate.maxSurge, n, true);
}

/** UnavailableCount: maxUnavailable scaled against `n` nodes (rounded up); 0 for OnDelete. */
export function unavailableCount(ds: DaemonSet, n: number): number {
  const strategy = ds.spec?.updateStrategy;
  if (strategy?.type !== 'RollingUpdate' || !strategy.rollingUpdate) return 0;
  return scaledValue(strategy.rollingUpdate.maxUnavailable, n, true);
}

/** AllowsSurge: more than one pod per node is allowed during an update. */
export function allowsSurge(ds: DaemonSet): boolean {
  try {
    return surgeCount(ds, 1) > 0;
  } catch {
    return false;
  }
}

/**
 * podByCreationTimestampAndPhase: bound pods first, then oldest first (creationTimestamp has
 * whole seconds), then by name.
 */
export function compareByCreationAndPhase(a: Pod, b: Pod): number {
  const aBound = !!a.spec?.nodeName, bBound = !!b.spec?.nodeName;
  if (aBound !== bBound) return aBound ? -1 : 1;
  const at = a.metadata?.creationTimestamp ?? '', bt = b.metadata?.creationTimestamp ?? '';
  if (at !== bt) return at < bt ? -1 : 1;
  const an = a.metadata?.name ?? '', bn = b.metadata?.name ?? '';
  return an < bn ? -1 : an > bn ? 1 : 0;
}
