import type { Pod, PodSpec } from 'kubernetes-types/core/v1.js';
import { forbidden, invalid, type FieldError } from '../field-errors.ts';
import { defaultPodOnly, defaultPodSpec } from '../defaults/pod-spec.ts';
import { validateObjectMeta } from '../validation/meta.ts';
import { podDeletionCost, validatePodSpec } from '../validation/pod-spec.ts';
import { validatePodMetaUpdate, validatePodUpdateRules } from '../validation/pod-update.ts';
import type { KindInfo } from '../registry.ts';
import { parseMilli } from '../quantity.ts';

/** GetPodQOS (pkg/apis/core/v1/helper/qos/qos.go), for cpu and memory. */
export function podQosClass(spec: PodSpec | undefined): 'BestEffort' | 'Burstable' | 'Guaranteed' {
  const containers = [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])];
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    const { requests = {}, limits = {} } = c.resources ?? {};
    for (const r of ['cpu', 'memory']) {
      if (requests[r] !== undefined && parseMilli(requests[r]) !== 0) any = true;
      if (limits[r] !== undefined && parseMilli(limits[r]) !== 0) any = true;
      const l = limits[r];
      const q = requests[r] ?? l;
      if (l === undefined || q === undefined || parseMilli(l) !== parseMilli(q)) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

/**
 * validatePodMetadataAndSpec: metadata, the pod-specific annotations, the spec, then what only
 * pods (not templates) are held to: no whitespace around an image.
 */
function validatePodMetadataAndSpec(pod: Pod): FieldError[] {
  const errs = [...validateObjectMeta(pod.metadata, true, 'subdomain'), ...podDeletionCost(pod.metadata?.annotations, 'metadata.annotations')];
  errs.push(...validatePodSpec(pod.spec, 'spec'));
  for (const field of ['containers', 'initContainers'] as const) {
    (pod.spec?.[field] ?? []).forEach((c, i) => {
      if (c.image && c.image.trim().length !== c.image.length) errs.push(invalid(`spec.${field}[${i}].image`, c.image, 'must not have leading or trailing whitespace'));
    });
  }
  return errs;
}

/** ValidatePodCreate. */
function validatePodCreate(pod: Pod): FieldError[] {
  const errs = validatePodMetadataAndSpec(pod);
  if (pod.spec?.ephemeralContainers?.length) errs.push(forbidden('spec.ephemeralContainers', 'cannot be set on create'));
  if (pod.spec?.nodeName && pod.spec.schedulingGates?.length) errs.push(forbidden('spec.nodeName', 'cannot be set until all schedulingGates have been cleared'));
  return errs;
}

/** ValidatePodUpdate: metadata update rules, the new pod as on create, then what may change. */
function validatePodUpdate(pod: Pod, old: Pod): FieldError[] {
  return [...validatePodMetaUpdate(pod, old), ...validatePodMetadataAndSpec(pod), ...validatePodUpdateRules(pod, old)];
}

export const podKind: KindInfo = {
  kind: 'Pod',
  group: '',
  version: 'v1',
  resource: 'pods',
  singular: 'pod',
  shortNames: ['po'],
  namespaced: true,
  categories: ['all'],
  statusSubresource: true,
  generation: false,
  strategy: {
    defaults(obj) {
      const pod = obj as Pod;
      pod.spec ??= { containers: [] };
      defaultPodSpec(pod.spec);
      defaultPodOnly(pod.spec);
    },
    prepareForCreate(obj) {
      const pod = obj as Pod & { status: Pod['status'] };
      pod.status = { phase: 'Pending', qosClass: podQosClass(pod.spec) };
    },
    validate: (obj) => validatePodCreate(obj as Pod),
    validateUpdate: (obj, old) => validatePodUpdate(obj as Pod, old as Pod),
  },
};
