import type { DaemonSet, DaemonSetUpdateStrategy } from 'kubernetes-types/apps/v1.js';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import type { LabelSelector } from 'kubernetes-types/meta/v1.js';
import { deepEqual } from '../equality.ts';
import { defaultPodTemplate } from '../defaults/pod-spec.ts';
import { GoValue, invalid, nonNegative, notSupported, required, type FieldError } from '../field-errors.ts';
import { goIntOrString, intOrPercentValue } from '../int-or-string.ts';
import { Selector } from '../labels.ts';
import type { KindInfo } from '../registry.ts';
import { goLabelSelector, validateLabelSelector } from '../validation/label-selector.ts';
import { notMoreThan100Percent, validatePositiveIntOrPercent } from '../validation/int-or-percent.ts';
import { immutable, validateObjectMeta, validateObjectMetaUpdate } from '../validation/meta.ts';
import { validateTemplateForSelector } from './replica-set.ts';

/**
 * appsv1.DeprecatedTemplateGeneration: the v1 face of the internal spec.templateGeneration
 * (pkg/apis/apps/v1/conversion.go writes it on every DaemonSet it returns).
 */
export const TEMPLATE_GENERATION_ANNOTATION = 'deprecated.daemonset.template.generation';


/** The template generation a DaemonSet carries (its annotation), or undefined when absent or not an integer. */
export function templateGenerationOf(ds: DaemonSet): number | undefined {
  const text = ds.metadata?.annotations?.[TEMPLATE_GENERATION_ANNOTATION];
  if (text === undefined || !/^[+-]?\d+$/.test(text)) return undefined;
  return Number.parseInt(text, 10);
}

/** Sets the annotation in place: the API server holds on to the metadata object it stamps. */
function withTemplateGeneration(ds: DaemonSet, generation: number): void {
  const meta = (ds.metadata ??= {});
  meta.annotations = { ...meta.annotations, [TEMPLATE_GENERATION_ANNOTATION]: String(generation) };
}

/**
 * ValidateRollingUpdateDaemonSet: both fields non-negative ints or percentages of at most 100%,
 * and exactly one of them non-zero, so surging needs an explicit `maxUnavailable: 0`.
 */
function validateRollingUpdate(ru: NonNullable<DaemonSetUpdateStrategy['rollingUpdate']>, path: string): FieldError[] {
  const errs = [
    ...validatePositiveIntOrPercent(ru.maxUnavailable, `${path}.maxUnavailable`),
    ...validatePositiveIntOrPercent(ru.maxSurge, `${path}.maxSurge`),
    ...notMoreThan100Percent(ru.maxUnavailable, `${path}.maxUnavailable`),
    ...notMoreThan100Percent(ru.maxSurge, `${path}.maxSurge`),
  ];
  const hasUnavailable = intOrPercentValue(ru.maxUnavailable) !== 0;
  const hasSurge = intOrPercentValue(ru.maxSurge) !== 0;
  if (hasUnavailable && hasSurge) errs.push(invalid(`${path}.maxSurge`, goIntOrString(ru.maxSurge), 'may not be set when maxUnavailable is non-zero'));
  if (!hasUnavailable && !hasSurge) errs.push(required(`${path}.maxUnavailable`, 'cannot be 0 when maxSurge is 0'));
  return errs;
}

/** ValidateDaemonSetUpdateStrategy. */
function validateUpdateStrategy(strategy: DaemonSetUpdateStrategy | undefined, path: string): FieldError[] {
  switch (strategy?.type) {
    case 'OnDelete':
      return [];
    case 'RollingUpdate':
      return strategy.rollingUpdate ? validateRollingUpdate(strategy.rollingUpdate, `${path}.rollingUpdate`) : [required(`${path}.rollingUpdate`)];
    default: {
      // %#v of the strategy struct; Go would print a non-nil pointer's address, which varies by run.
      const rolling = strategy?.rollingUpdate ? '(*apps.RollingUpdateDaemonSet)(0xc000000000)' : '(*apps.RollingUpdateDaemonSet)(nil)';
      return [notSupported(path, new GoValue(`apps.DaemonSetUpdateStrategy{Type:${JSON.stringify(strategy?.type ?? '')}, RollingUpdate:${rolling}}`), ['RollingUpdate', 'OnDelete'])];
    }
  }
}

/**
 * ValidateDaemonSetSpec (pkg/apis/apps/validation/validation.go): the selector (no Required: a
 * missing one is labels.Nothing(), which fails the template check), then the template as a
 * ReplicaSet's is checked, minReadySeconds, the update strategy and revisionHistoryLimit.
 */
function validateDaemonSetSpec(ds: DaemonSet): FieldError[] {
  const spec = ds.spec;
  const ls: LabelSelector | undefined = spec?.selector;
  const errs = validateLabelSelector(ls, 'spec.selector');
  let selector: Selector | undefined;
  try {
    selector = Selector.fromLabelSelector(ls);
  } catch {
    // LabelSelectorAsSelector failed: upstream skips the template-labels check.
  }
  // The two checks exclude each other (an empty selector matches every label set), so their
  // order relative to each other does not show.
  if (ls && Object.keys(ls.matchLabels ?? {}).length + (ls.matchExpressions?.length ?? 0) === 0) {
    errs.push(invalid('spec.selector', goLabelSelector(ls), 'empty selector is invalid for daemonset'));
  }
  errs.push(...validateTemplateForSelector(spec?.template, selector ?? Selector.everything(), 'spec.template', 'DaemonSet'));
  errs.push(...nonNegative(spec?.minReadySeconds, 'spec.minReadySeconds'));
  errs.push(...validateUpdateStrategy(spec?.updateStrategy, 'spec.updateStrategy'));
  if (spec?.revisionHistoryLimit !== undefined) errs.push(...nonNegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'));
  return errs;
}

function validateDaemonSet(ds: DaemonSet): FieldError[] {
  return [...validateObjectMeta(ds.metadata, true, 'subdomain'), ...validateDaemonSetSpec(ds)];
}

/**
 * DaemonSets (apps/v1): defaults from pkg/apis/apps/v1/defaults.go SetDefaults_DaemonSet, the
 * registry strategy of pkg/registry/apps/daemonset/strategy.go (template generation, status
 * reset on create) and its validation.
 */
export const daemonSetKind: KindInfo = {
  kind: 'DaemonSet',
  group: 'apps',
  version: 'v1',
  resource: 'daemonsets',
  singular: 'daemonset',
  shortNames: ['ds'],
  namespaced: true,
  categories: ['all'],
  statusSubresource: true,
  generation: true,
  strategy: {
    defaults(obj) {
      const ds = obj as DaemonSet;
      ds.spec ??= { selector: undefined as unknown as LabelSelector, template: {} };
      const spec = ds.spec;
      spec.updateStrategy ??= {};
      // Go tests the zero value, so an explicit "" is defaulted too.
      spec.updateStrategy.type ||= 'RollingUpdate';
      if (spec.updateStrategy.type === 'RollingUpdate') {
        spec.updateStrategy.rollingUpdate ??= {};
        spec.updateStrategy.rollingUpdate.maxUnavailable ??= 1;
        spec.updateStrategy.rollingUpdate.maxSurge ??= 0;
      }
      spec.revisionHistoryLimit ??= 10;
      // The template is a struct, not a pointer: its pod spec is defaulted even when absent.
      spec.template ??= {};
      spec.template.spec ??= {} as NonNullable<PodTemplateSpec['spec']>;
      defaultPodTemplate(spec.template);
    },
    // daemonSetStrategy.PrepareForCreate: status cleared, templateGeneration at least 1.
    prepareForCreate(obj) {
      const ds = obj as DaemonSet;
      (ds as { status?: unknown }).status = { currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0 };
      const generation = templateGenerationOf(ds) ?? 0;
      withTemplateGeneration(ds, generation < 1 ? 1 : generation);
    },
    // PrepareForUpdate: the template generation is the stored one, plus one when the template changed.
    prepareForUpdate(obj, old) {
      const ds = obj as DaemonSet;
      const before = old as DaemonSet;
      const current = templateGenerationOf(before) ?? 1;
      withTemplateGeneration(ds, deepEqual(ds.spec?.template, before.spec?.template) ? current : current + 1);
    },
    validate: (obj) => validateDaemonSet(obj as DaemonSet),
    /**
     * daemonSetStrategy.ValidateUpdate: the new object as on create, ValidateDaemonSetUpdate (the
     * metadata rules and the spec again; its templateGeneration checks always hold here, as
     * PrepareForUpdate keeps the annotation in step), then apps/v1's immutable selector.
     */
    validateUpdate(obj, old) {
      const ds = obj as DaemonSet;
      const before = old as DaemonSet;
      return [
        ...validateDaemonSet(ds),
        ...validateObjectMetaUpdate(ds.metadata, before.metadata),
        ...validateDaemonSetSpec(ds),
        ...immutable(ds.spec?.selector, before.spec?.selector, 'spec.selector', goLabelSelector(ds.spec?.selector)),
      ];
    },
  },
};
