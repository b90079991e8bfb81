import type { ReplicationController } from 'kubernetes-types/core/v1.js';
import { nonNegative, required, type FieldError } from '../field-errors.ts';
import { defaultPodTemplate } from '../defaults/pod-spec.ts';
import { Selector } from '../labels.ts';
import { validateObjectMeta, validateObjectMetaUpdate } from '../validation/meta.ts';
import type { KindInfo } from '../registry.ts';
import { validateTemplateForSelector } from './replica-set.ts';

/**
 * ValidateReplicationControllerSpec (pkg/apis/core/validation/validation.go): minReadySeconds,
 * a non-empty equality selector, replicas, then the template. The template is a pointer here, so
 * a missing one is `Required`. Unlike a ReplicaSet's, the selector may change on update.
 */
function validateReplicationControllerSpec(rc: ReplicationController): FieldError[] {
  const spec = rc.spec ?? {};
  const selectorMap = spec.selector ?? {};
  const errs = nonNegative(spec.minReadySeconds, 'spec.minReadySeconds');
  if (Object.keys(selectorMap).length === 0) errs.push(required('spec.selector'));
  errs.push(...nonNegative(spec.replicas, 'spec.replicas'));
  errs.push(...validateTemplateForSelector(spec.template ?? undefined, Selector.fromSet(selectorMap), 'spec.template', 'ReplicationController'));
  return errs;
}

function validateReplicationController(rc: ReplicationController): FieldError[] {
  return [...validateObjectMeta(rc.metadata, true, 'subdomain'), ...validateReplicationControllerSpec(rc)];
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
    /** rcStrategy.ValidateUpdate: the new object as on create, then the metadata update rules and the spec again. */
    validateUpdate(obj, old) {
      const rc = obj as ReplicationController;
      return [
        ...validateReplicationController(rc),
        ...validateObjectMetaUpdate(rc.metadata, (old as ReplicationController).metadata),
        ...validateReplicationControllerSpec(rc),
      ];
    },
  },
};
