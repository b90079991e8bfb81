import type { ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { LabelSelector } from 'kubernetes-types/meta/v1.js';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import { forbidden, goStringMap, GoValue, invalid, notSupported, required, type FieldError } from '../field-errors.ts';
import { defaultPodTemplate } from '../defaults/pod-spec.ts';
import { Selector } from '../labels.ts';
import { validateObjectMeta } from '../validation/meta.ts';
import { validatePodTemplate } from '../validation/pod-spec.ts';
import type { KindInfo } from '../registry.ts';

/** %#v of a metav1.LabelSelector, as field errors print it. */
export function goLabelSelector(s: LabelSelector | undefined): GoValue {
  const ml = s?.matchLabels ? goStringMap(s.matchLabels).text : 'map[string]string(nil)';
  const me = s?.matchExpressions
    ? `[]v1.LabelSelectorRequirement{${s.matchExpressions
        .map((e) => `v1.LabelSelectorRequirement{Key:"${e.key}", Operator:"${e.operator}", Values:${e.values ? `[]string{${e.values.map((v) => `"${v}"`).join(', ')}}` : '[]string(nil)'}}`)
        .join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return new GoValue(`v1.LabelSelector{MatchLabels:${ml}, MatchExpressions:${me}}`);
}

/** ValidateLabelSelector (metav1 validation): operators and their values. */
export function validateLabelSelector(s: LabelSelector, path: string): FieldError[] {
  const errs: FieldError[] = [];
  (s.matchExpressions ?? []).forEach((e, i) => {
    const p = `${path}.matchExpressions[${i}]`;
    switch (e.operator) {
      case 'In':
      case 'NotIn':
        if (!e.values?.length) errs.push(required(`${p}.values`, 'must be specified when `operator` is \'In\' or \'NotIn\''));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (e.values?.length) errs.push(forbidden(`${p}.values`, 'may not be specified when `operator` is \'Exists\' or \'DoesNotExist\''));
        break;
      default:
        errs.push(invalid(`${p}.operator`, e.operator, 'not a valid selector operator'));
    }
  });
  return errs;
}

/**
 * ValidatePodTemplateSpecForReplicaSet (pkg/apis/apps/validation/validation.go): the template
 * must carry the selector's labels and restart Always.
 */
export function validateTemplateForSelector(template: PodTemplateSpec | undefined, selector: Selector, path: string): FieldError[] {
  if (!template) return [required(path)];
  const errs: FieldError[] = [];
  if (!selector.empty && !selector.matches(template.metadata?.labels)) {
    errs.push(invalid(`${path}.metadata.labels`, goStringMap(template.metadata?.labels), '`selector` does not match template `labels`'));
  }
  errs.push(...validatePodTemplate(template, path));
  const restart = template.spec?.restartPolicy;
  if (restart !== undefined && restart !== 'Always') errs.push(notSupported(`${path}.spec.restartPolicy`, restart, ['Always']));
  if (template.spec?.activeDeadlineSeconds !== undefined) {
    errs.push(forbidden(`${path}.spec.activeDeadlineSeconds`, 'activeDeadlineSeconds in ReplicaSet is not Supported'));
  }
  return errs;
}

function validateReplicaSet(rs: ReplicaSet): FieldError[] {
  const errs = validateObjectMeta(rs.metadata, true, 'subdomain');
  const spec = rs.spec;
  if (spec?.replicas !== undefined && spec.replicas < 0) errs.push(invalid('spec.replicas', spec.replicas, 'must be greater than or equal to 0'));
  if (spec?.minReadySeconds !== undefined && spec.minReadySeconds < 0) errs.push(invalid('spec.minReadySeconds', spec.minReadySeconds, 'must be greater than or equal to 0'));
  if (!spec?.selector) {
    errs.push(required('spec.selector'));
    errs.push(...validateTemplateForSelector(spec?.template, Selector.nothing(), 'spec.template'));
    return errs;
  }
  errs.push(...validateLabelSelector(spec.selector, 'spec.selector'));
  if (Object.keys(spec.selector.matchLabels ?? {}).length + (spec.selector.matchExpressions?.length ?? 0) === 0) {
    errs.push(invalid('spec.selector', goLabelSelector(spec.selector), 'empty selector is invalid for deployment'));
  }
  let selector: Selector;
  try {
    selector = Selector.fromLabelSelector(spec.selector);
  } catch {
    errs.push(invalid('spec.selector', goLabelSelector(spec.selector), 'invalid label selector'));
    return errs;
  }
  errs.push(...validateTemplateForSelector(spec.template, selector, 'spec.template'));
  return errs;
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
      const rs = obj as ReplicaSet;
      rs.spec ??= { selector: undefined as unknown as LabelSelector };
      rs.spec.replicas ??= 1;
      defaultPodTemplate(rs.spec.template);
    },
    prepareForCreate(obj) {
      (obj as { status?: unknown }).status = { replicas: 0 };
    },
    validate: (obj) => validateReplicaSet(obj as ReplicaSet),
    validateUpdate(obj, old) {
      const rs = obj as ReplicaSet;
      const errs = validateReplicaSet(rs);
      // apps/v1 forbids changing the selector (registry/apps/replicaset/strategy.go).
      if (JSON.stringify(rs.spec?.selector) !== JSON.stringify((old as ReplicaSet).spec?.selector)) {
        errs.push(invalid('spec.selector', goLabelSelector(rs.spec?.selector), 'field is immutable'));
      }
      return errs;
    },
  },
};
