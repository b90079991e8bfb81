import type { Pod, PodSpec } from 'kubernetes-types/core/v1.js';
import { forbidden, type FieldError } from '../field-errors.ts';
import { defaultPodSpec } from '../defaults/pod-spec.ts';
import { validateObjectMeta } from '../validation/meta.ts';
import { validatePodSpec } from '../validation/pod-spec.ts';
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

const MUTABLE_MESSAGE =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

/** ValidatePodUpdate: only images, activeDeadlineSeconds and added tolerations may change. */
function validatePodUpdate(pod: Pod, old: Pod): FieldError[] {
  const strip = (spec: PodSpec | undefined) => {
    const s = JSON.parse(JSON.stringify(spec ?? {})) as PodSpec;
    for (const c of [...(s.containers ?? []), ...(s.initContainers ?? [])]) delete (c as { image?: string }).image;
    delete s.activeDeadlineSeconds;
    delete s.tolerations;
    return JSON.stringify(s);
  };
  const oldTolerations = JSON.stringify(old.spec?.tolerations ?? []);
  const newTolerations = (pod.spec?.tolerations ?? []).slice(0, old.spec?.tolerations?.length ?? 0);
  if (strip(pod.spec) !== strip(old.spec) || JSON.stringify(newTolerations) !== oldTolerations) {
    return [forbidden('spec', MUTABLE_MESSAGE)];
  }
  return [];
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
    },
    prepareForCreate(obj) {
      const pod = obj as Pod & { status: Pod['status'] };
      pod.status = { phase: 'Pending', qosClass: podQosClass(pod.spec) };
    },
    validate(obj) {
      const pod = obj as Pod;
      return [...validateObjectMeta(pod.metadata, true, 'subdomain'), ...validatePodSpec(pod.spec, 'spec')];
    },
    validateUpdate(obj, old) {
      const pod = obj as Pod;
      return [...validateObjectMeta(pod.metadata, true, 'subdomain'), ...validatePodSpec(pod.spec, 'spec'), ...validatePodUpdate(pod, old as Pod)];
    },
  },
};
