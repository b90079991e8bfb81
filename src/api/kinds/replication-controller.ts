import type { ReplicationController } from 'kubernetes-types/core/v1.js';
import { invalid, required, type FieldError } from '../field-errors.ts';
import { defaultPodTemplate } from '../defaults/pod-spec.ts';
import { Selector } from '../labels.ts';
import { validateLabels, validateObjectMeta } from '../validation/meta.ts';
import type { KindInfo } from '../registry.ts';
import { validateTemplateForSelector } from './replica-set.ts';

/** ValidateReplicationController (pkg/apis/core/validation/validation.go): equality selectors only. */
function validateReplicationController(rc: ReplicationController): FieldError[] {
  const errs = validateObjectMeta(rc.metadata, true, 'subdomain');
  const spec = rc.spec ?? {};
  if (spec.replicas !== undefined && spec.replicas < 0) errs.push(invalid('spec.replicas', spec.replicas, 'must be greater than or equal to 0'));
  if (spec.minReadySeconds !== undefined && spec.minReadySeconds < 0) errs.push(invalid('spec.minReadySeconds', spec.minReadySeconds, 'must be greater than or equal to 0'));
  const selectorMap = spec.selector ?? {};
  if (Object.keys(selectorMap).length === 0) errs.push(required('spec.selector'));
  else errs.push(...validateLabels(selectorMap, 'spec.selector'));
  const selector = Object.keys(selectorMap).length ? Selector.fromSet(selectorMap) : Selector.everything();
  errs.push(...validateTemplateForSelector(spec.template, selector, 'spec.template'));
  return errs;
}

export const replicationControllerKind: KindInfo = {
  kind: 'ReplicationController',
  group: '',
  version: 'v1',
  resource: 'replicationcontrollers',
  singular: 'replicationcontroller',
  shortNames: ['rc'],
  namespaced: true,
  categories: ['all'],
  statusSubresource: true,
  generation: true,
  strategy: {
    defaults(obj) {
      // SetDefaults_ReplicationController: selector and labels default to the template's labels.
      const rc = obj as ReplicationController;
      rc.spec ??= {};
      const labels = rc.spec.template?.metadata?.labels;
      if (labels) {
        if (!rc.spec.selector || Object.keys(rc.spec.selector).length === 0) rc.spec.selector = { ...labels };
        rc.metadata ??= {};
        if (!rc.metadata.labels || Object.keys(rc.metadata.labels).length === 0) rc.metadata.labels = { ...labels };
      }
      rc.spec.replicas ??= 1;
      defaultPodTemplate(rc.spec.template);
    },
    prepareForCreate(obj) {
      (obj as { status?: unknown }).status = { replicas: 0 };
    },
    validate: (obj) => validateReplicationController(obj as ReplicationController),
    validateUpdate: (obj) => validateReplicationController(obj as ReplicationController),
  },
};
