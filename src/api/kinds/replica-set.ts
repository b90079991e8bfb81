import type { ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { LabelSelector } from 'kubernetes-types/meta/v1.js';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import { forbidden, goStringMap, invalid, nonNegative, notSupported, required, type FieldError } from '../field-errors.ts';
import { defaultPodTemplate } from '../defaults/pod-spec.ts';
import { Selector } from '../labels.ts';
import { goLabelSelector, validateLabelSelector } from '../validation/label-selector.ts';
import { immutable, validateObjectMeta, validateObjectMetaUpdate } from '../validation/meta.ts';
import { validatePodTemplate } from '../validation/pod-spec.ts';
import type { KindInfo } from '../registry.ts';

export { goLabelSelector, validateLabelSelector };

/**
 * ValidatePodTemplateSpecForReplicaSet / ValidatePodTemplateSpecForRC: the template carries the
 * selector's labels (checked only for a non-empty selector), is a valid pod template, restarts
 * Always and has no activeDeadlineSeconds. `owner` names the kind in that last message.
 */
export function validateTemplateForSelector(template: PodTemplateSpec | undefined, selector: Selector, path: string, owner: 'ReplicaSet' | 'ReplicationController' | 'DaemonSet'): FieldError[] {
  if (!template) return [required(path)];
  const errs: FieldError[] = [];
  if (!selector.empty && !selector.matches(template.metadata?.labels)) {
    errs.push(invalid(`${path}.metadata.labels`, goStringMap(template.metadata?.labels), '`selector` does not match template `labels`'));
  }
  errs.push(...validatePodTemplate(template, path));
  const restart = template.spec?.restartPolicy ?? '';
  if (restart !== 'Always') errs.push(notSupported(`${path}.spec.restartPolicy`, restart, ['Always']));
  if (template.spec?.activeDeadlineSeconds !== undefined && template.spec.activeDeadlineSeconds !== null) {
    errs.push(forbidden(`${path}.spec.activeDeadlineSeconds`, `activeDeadlineSeconds in ${owner} is not Supported`));
  }
  return errs;
}

/** ValidateReplicaSetSpec (pkg/apis/apps/validation/validation.go). */
function validateReplicaSetSpec(rs: ReplicaSet): FieldError[] {
  const spec = rs.spec;
  return [
    ...nonNegative(spec?.replicas, 'spec.replicas'),
    ...nonNegative(spec?.minReadySeconds, 'spec.minReadySeconds'),
    ...validateSelectorAndTemplate(spec?.selector, spec?.template),
  ];
}

/**
 * The selector and template checks ValidateReplicaSetSpec and ValidateDeploymentSpec share:
 * required, valid, non-empty ("empty selector is invalid for deployment" for both), and, when it
 * parses, the template's labels and restart policy against it.
 */
export function validateSelectorAndTemplate(ls: LabelSelector | undefined, template: PodTemplateSpec | undefined): FieldError[] {
  const errs: FieldError[] = [];
  if (!ls) {
    errs.push(required('spec.selector'));
  } else {
    errs.push(...validateLabelSelector(ls, 'spec.selector'));
    if (Object.keys(ls.matchLabels ?? {}).length + (ls.matchExpressions?.length ?? 0) === 0) {
      errs.push(invalid('spec.selector', goLabelSelector(ls), 'empty selector is invalid for deployment'));
    }
  }
  let selector: Selector;
  try {
    // A nil selector is labels.Nothing(), which is not empty: the template check still runs.
    selector = Selector.fromLabelSelector(ls);
  } catch {
    errs.push(invalid('spec.selector', goLabelSelector(ls), 'invalid label selector'));
    return errs;
  }
  errs.push(...validateTemplateForSelector(template, selector, 'spec.template', 'ReplicaSet'));
  return errs;
}

/** ValidateReplicaSet: metadata, then the spec. */
function validateReplicaSet(rs: ReplicaSet): FieldError[] {
  return [...validateObjectMeta(rs.metadata, true, 'subdomain'), ...validateReplicaSetSpec(rs)];
}

export const replicaSetKind: KindInfo = {
  kind: 'ReplicaSet',
  group: 'apps',
  version: 'v1',
  resource: 'replicasets',
  singular: 'replicaset',
  shortNames: ['rs'],
  namespaced: true,
  categories: ['all'],
  statusSubresource: true,
  generation: true,
  strategy: {
    defaults(obj) {
      // SetObjectDefaults_ReplicaSet: replicas 1; the template is a struct, not a pointer, so its
      // pod spec is defaulted even when the manifest has none.
      const rs = obj as ReplicaSet;
      rs.spec ??= { selector: undefined as unknown as LabelSelector };
      rs.spec.replicas ??= 1;
      rs.spec.template ??= {};
      rs.spec.template.spec ??= {} as NonNullable<PodTemplateSpec['spec']>;
      defaultPodTemplate(rs.spec.template);
    },
    prepareForCreate(obj) {
      (obj as { status?: unknown }).status = { replicas: 0 };
    },
    validate: (obj) => validateReplicaSet(obj as ReplicaSet),
    /**
     * rsStrategy.ValidateUpdate (pkg/registry/apps/replicaset/strategy.go): the new object as on
     * create, the metadata update rules with the spec checked again (duplicates drop out of the
     * message), then apps/v1's immutable selector.
     */
    validateUpdate(obj, old) {
      const rs = obj as ReplicaSet;
      const before = old as ReplicaSet;
      return [
        ...validateReplicaSet(rs),
        ...validateObjectMetaUpdate(rs.metadata, before.metadata),
        ...validateReplicaSetSpec(rs),
        ...immutable(rs.spec?.selector, before.spec?.selector, 'spec.selector', goLabelSelector(rs.spec?.selector)),
      ];
    },
  },
};
