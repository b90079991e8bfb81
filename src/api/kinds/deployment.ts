import type { Deployment, DeploymentStrategy } from 'kubernetes-types/apps/v1.js';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import type { LabelSelector } from 'kubernetes-types/meta/v1.js';
import { defaultPodTemplate } from '../defaults/pod-spec.ts';
import { forbidden, GoValue, invalid, nonNegative, notSupported, required, type FieldError } from '../field-errors.ts';
import { goIntOrString, intOrPercentValue } from '../int-or-string.ts';
import type { KindInfo } from '../registry.ts';
import { goLabelSelector } from '../validation/label-selector.ts';
import { notMoreThan100Percent, validatePositiveIntOrPercent } from '../validation/int-or-percent.ts';
import { immutable, validateObjectMeta, validateObjectMetaUpdate } from '../validation/meta.ts';
import { validateSelectorAndTemplate } from './replica-set.ts';

/** ValidateRollingUpdateDeployment: non-negative, not both zero, maxUnavailable at most 100%. */
function validateRollingUpdate(ru: NonNullable<DeploymentStrategy['rollingUpdate']>, path: string): FieldError[] {
  const errs = [...validatePositiveIntOrPercent(ru.maxUnavailable, `${path}.maxUnavailable`), ...validatePositiveIntOrPercent(ru.maxSurge, `${path}.maxSurge`)];
  if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0) {
    // v1.32 prints the IntOrString with %#v (its String() has a pointer receiver).
    errs.push(invalid(`${path}.maxUnavailable`, goIntOrString(ru.maxUnavailable), 'may not be 0 when `maxSurge` is 0'));
  }
  errs.push(...notMoreThan100Percent(ru.maxUnavailable, `${path}.maxUnavailable`));
  return errs;
}

/** ValidateDeploymentStrategy. */
function validateStrategy(strategy: DeploymentStrategy | undefined, path: string): FieldError[] {
  switch (strategy?.type) {
    case 'Recreate':
      return strategy.rollingUpdate ? [forbidden(`${path}.rollingUpdate`, "may not be specified when strategy `type` is 'Recreate'")] : [];
    case 'RollingUpdate':
      return strategy.rollingUpdate ? validateRollingUpdate(strategy.rollingUpdate, `${path}.rollingUpdate`) : [required(`${path}.rollingUpdate`, 'this should be defaulted and never be nil')];
    default: {
      // %#v of the strategy struct; Go would print a non-nil pointer's address, which varies by run.
      const rolling = strategy?.rollingUpdate ? '(*apps.RollingUpdateDeployment)(0xc000000000)' : '(*apps.RollingUpdateDeployment)(nil)';
      return [notSupported(path, new GoValue(`apps.DeploymentStrategy{Type:${JSON.stringify(strategy?.type ?? '')}, RollingUpdate:${rolling}}`), ['Recreate', 'RollingUpdate'])];
    }
  }
}

/** ValidateDeploymentSpec. */
function validateDeploymentSpec(d: Deployment): FieldError[] {
  const spec = d.spec;
  const errs = [...nonNegative(spec?.replicas, 'spec.replicas'), ...validateSelectorAndTemplate(spec?.selector, spec?.template)];
  errs.push(...validateStrategy(spec?.strategy, 'spec.strategy'));
  errs.push(...nonNegative(spec?.minReadySeconds, 'spec.minReadySeconds'));
  if (spec?.revisionHistoryLimit !== undefined) errs.push(...nonNegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'));
  if (spec?.progressDeadlineSeconds !== undefined) {
    errs.push(...nonNegative(spec.progressDeadlineSeconds, 'spec.progressDeadlineSeconds'));
    if (spec.progressDeadlineSeconds <= (spec.minReadySeconds ?? 0)) {
      errs.push(invalid('spec.progressDeadlineSeconds', spec.progressDeadlineSeconds, 'must be greater than minReadySeconds'));
    }
  }
  return errs;
}

function validateDeployment(d: Deployment): FieldError[] {
  return [...validateObjectMeta(d.metadata, true, 'subdomain'), ...validateDeploymentSpec(d)];
}

/** Deployments (apps/v1): defaults from pkg/apis/apps/v1/defaults.go SetDefaults_Deployment. */
export const deploymentKind: KindInfo = {
  kind: 'Deployment',
  group: 'apps',
  version: 'v1',
  resource: 'deployments',
  singular: 'deployment',
  shortNames: ['deploy'],
  namespaced: true,
  categories: ['all'],
  statusSubresource: true,
  generation: true,
  strategy: {
    defaults(obj) {
      const d = obj as Deployment;
      d.spec ??= { selector: undefined as unknown as LabelSelector, template: {} };
      const spec = d.spec;
      spec.replicas ??= 1;
      spec.strategy ??= {};
      spec.strategy.type ??= 'RollingUpdate';
      if (spec.strategy.type === 'RollingUpdate') {
        spec.strategy.rollingUpdate ??= {};
        spec.strategy.rollingUpdate.maxUnavailable ??= '25%';
        spec.strategy.rollingUpdate.maxSurge ??= '25%';
      }
      spec.revisionHistoryLimit ??= 10;
      spec.progressDeadlineSeconds ??= 600;
      spec.template ??= {};
      spec.template.spec ??= {} as NonNullable<PodTemplateSpec['spec']>;
      defaultPodTemplate(spec.template);
    },
    prepareForCreate(obj) {
      (obj as { status?: unknown }).status = {};
    },
    // deploymentStatusStrategy.PrepareForUpdate resets only spec and labels: a status write also
    // carries annotations, which is how the controller records the revision on the Deployment.
    prepareForStatusUpdate(obj, input) {
      const annotations = input.metadata?.annotations;
      obj.metadata = { ...obj.metadata, annotations: annotations && Object.keys(annotations).length ? { ...annotations } : undefined };
    },
    validate: (obj) => validateDeployment(obj as Deployment),
    validateUpdate(obj, old) {
      const d = obj as Deployment;
      const before = old as Deployment;
      return [
        ...validateObjectMetaUpdate(d.metadata, before.metadata),
        ...validateDeploymentSpec(d),
        ...immutable(d.spec?.selector, before.spec?.selector, 'spec.selector', goLabelSelector(d.spec?.selector)),
      ];
    },
  },
};
