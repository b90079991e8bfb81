import type { Job, JobSpec } from 'kubernetes-types/batch/v1.js';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';
import type { Mutable } from '../../store/object.ts';
import { defaultPodTemplate } from '../defaults/pod-spec.ts';
import { goStringMap, GoValue, invalid, nonNegative, notSupported, required, type FieldError } from '../field-errors.ts';
import { Selector } from '../labels.ts';
import type { KindInfo } from '../registry.ts';
import { goLabelSelector, validateLabelSelector } from '../validation/label-selector.ts';
import { immutable, validateObjectMeta, validateObjectMetaUpdate } from '../validation/meta.ts';
import { dns1123LabelErrors } from '../validation/names.ts';
import { validatePodTemplate } from '../validation/pod-spec.ts';

/** The labels the API server puts on a Job's template (pkg/apis/batch/types.go). */
export const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';
export const CONTROLLER_UID_LABEL = 'batch.kubernetes.io/controller-uid';
export const LEGACY_JOB_NAME_LABEL = 'job-name';
export const LEGACY_CONTROLLER_UID_LABEL = 'controller-uid';

/** maxParallelismForIndexedJob (pkg/apis/batch/validation/validation.go). */
const MAX_PARALLELISM_INDEXED = 100000;

/**
 * SetDefaults_Job (pkg/apis/batch/v1/defaults.go, v1.32, every gate at its default): completions
 * and parallelism 1 when both are unset, else parallelism 1; backoffLimit 6 (MaxInt32 with a
 * per-index limit); NonIndexed; not suspended; podReplacementPolicy TerminatingOrFailed (Failed
 * with a podFailurePolicy); manualSelector false; and the Job's own labels, when it has none,
 * taken from its template's.
 */
export function defaultJob(job: Job): void {
  job.spec ??= { template: {} };
  const spec = job.spec;
  if (spec.completions == null && spec.parallelism == null) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  spec.parallelism ??= 1;
  spec.backoffLimit ??= spec.backoffLimitPerIndex != null ? 2147483647 : 6;
  const labels = spec.template?.metadata?.labels;
  // In place: the API server holds on to the metadata object.
  if (labels && Object.keys(job.metadata?.labels ?? {}).length === 0) (job.metadata ??= {}).labels = { ...labels };
  spec.completionMode ??= 'NonIndexed';
  spec.suspend ??= false;
  spec.podReplacementPolicy ??= spec.podFailurePolicy ? 'Failed' : 'TerminatingOrFailed';
  spec.manualSelector ??= false;
  spec.template ??= {};
  spec.template.spec ??= {} as NonNullable<PodTemplateSpec['spec']>;
  defaultPodTemplate(spec.template);
}

/**
 * generateSelector (pkg/registry/batch/job/strategy.go): unless the user asked for a manual
 * selector, the template gets job-name and controller-uid labels (legacy and prefixed; a label
 * the user set is left for validation to judge) and the selector matches the prefixed uid label.
 */
function generateSelector(job: Job, uid: string): void {
  const spec = job.spec!;
  const template = (spec.template ??= {});
  const labels = { ...(template.metadata?.labels ?? {}) };
  for (const key of [LEGACY_JOB_NAME_LABEL, JOB_NAME_LABEL]) labels[key] ??= job.metadata?.name ?? '';
  for (const key of [LEGACY_CONTROLLER_UID_LABEL, CONTROLLER_UID_LABEL]) labels[key] ??= uid;
  template.metadata = { ...template.metadata, labels };
  const matchLabels = { ...(spec.selector?.matchLabels ?? {}) };
  matchLabels[CONTROLLER_UID_LABEL] ??= uid;
  spec.selector = { ...spec.selector, matchLabels };
}

/** ValidateHasLabel (pkg/apis/core/validation): the template must carry `key=value`. */
function hasLabel(template: PodTemplateSpec | undefined, key: string, value: string): FieldError[] {
  const labels = template?.metadata?.labels;
  const path = `spec.template.metadata.labels[${key}]`;
  if (!labels || !(key in labels)) return [required(path, `must be '${value}'`)];
  if (labels[key] !== value) return [invalid(path, goStringMap(labels), `must be '${value}'`)];
  return [];
}

/**
 * validateGeneratedSelector: with a generated selector, the template carries the Job's uid and
 * name and the selector selects them (RequirePrefixedLabels unless an old Job lacked them).
 */
function validateGeneratedSelector(job: Job, prefixed: boolean): FieldError[] {
  const spec = job.spec;
  if (spec?.manualSelector || !spec?.selector) return [];
  const uid = job.metadata?.uid ?? '';
  const name = job.metadata?.name ?? '';
  const errs: FieldError[] = [];
  if (!uid) errs.push(required('metadata.uid'));
  errs.push(...hasLabel(spec.template, LEGACY_CONTROLLER_UID_LABEL, uid), ...hasLabel(spec.template, LEGACY_JOB_NAME_LABEL, name));
  const expected: Record<string, string> = {};
  if (prefixed) {
    errs.push(...hasLabel(spec.template, CONTROLLER_UID_LABEL, uid), ...hasLabel(spec.template, JOB_NAME_LABEL, name));
    expected[CONTROLLER_UID_LABEL] = uid;
    expected[JOB_NAME_LABEL] = name;
  }
  expected[LEGACY_CONTROLLER_UID_LABEL] = uid;
  expected[LEGACY_JOB_NAME_LABEL] = name;
  const selector = parseSelector(spec.selector);
  if (selector && !selector.matches(expected)) errs.push(invalid('spec.selector', goLabelSelector(spec.selector), '`selector` not auto-generated'));
  return errs;
}

function parseSelector(ls: JobSpec['selector']): Selector | undefined {
  try {
    return Selector.fromLabelSelector(ls);
  } catch {
    return undefined;
  }
}

/**
 * validateJobSpec: the counts are non-negative, Indexed needs completions, the template is a valid
 * pod template that restarts OnFailure or Never. A template left to the default `Always` (or
 * empty) is `Required` since v1.20 (PR #95747), which is what users meet: `Required value: valid
 * values: "OnFailure", "Never"`; any other value is `Unsupported`.
 */
export function validateJobSpecFields(spec: JobSpec | undefined, path: string): FieldError[] {
  const s = spec ?? ({ template: {} } as JobSpec);
  const errs: FieldError[] = [];
  for (const field of ['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'ttlSecondsAfterFinished', 'backoffLimitPerIndex', 'maxFailedIndexes'] as const) {
    const v = s[field];
    if (v != null) errs.push(...nonNegative(v, `${path}.${field}`));
    if (field === 'maxFailedIndexes' && v != null && s.backoffLimitPerIndex == null) errs.push(required(`${path}.backoffLimitPerIndex`, 'when maxFailedIndexes is specified'));
  }
  const mode = s.completionMode;
  if (mode != null) {
    if (mode !== 'NonIndexed' && mode !== 'Indexed') errs.push(notSupported(`${path}.completionMode`, mode, ['NonIndexed', 'Indexed']));
    if (mode === 'Indexed') {
      if (s.completions == null) errs.push(required(`${path}.completions`, 'when completion mode is Indexed'));
      if (s.parallelism != null && s.parallelism > MAX_PARALLELISM_INDEXED) {
        errs.push(invalid(`${path}.parallelism`, s.parallelism, `must be less than or equal to ${MAX_PARALLELISM_INDEXED} when completion mode is Indexed`));
      }
    }
  }
  if (mode == null || mode === 'NonIndexed') {
    if (s.backoffLimitPerIndex != null) errs.push(invalid(`${path}.backoffLimitPerIndex`, s.backoffLimitPerIndex, 'requires indexed completion mode'));
    if (s.maxFailedIndexes != null) errs.push(invalid(`${path}.maxFailedIndexes`, s.maxFailedIndexes, 'requires indexed completion mode'));
  }
  const replacement = s.podReplacementPolicy;
  if (replacement != null) {
    if (s.podFailurePolicy && replacement !== 'Failed') {
      errs.push(notSupported(`${path}.podReplacementPolicy`, replacement, ['Failed']));
    } else if (replacement !== 'Failed' && replacement !== 'TerminatingOrFailed') {
      errs.push(notSupported(`${path}.podReplacementPolicy`, replacement, ['Failed', 'TerminatingOrFailed']));
    }
  }
  const template = s.template ?? {};
  errs.push(...validatePodTemplate(template, `${path}.template`));
  const restart = template.spec?.restartPolicy ?? '';
  if (restart === 'Always' || restart === '') {
    errs.push(required(`${path}.template.spec.restartPolicy`, 'valid values: "OnFailure", "Never"'));
  } else if (restart !== 'OnFailure' && restart !== 'Never') {
    errs.push(notSupported(`${path}.template.spec.restartPolicy`, restart, ['OnFailure', 'Never']));
  } else if (s.podFailurePolicy && restart !== 'Never') {
    errs.push(invalid(`${path}.template.spec.restartPolicy`, restart, 'only "Never" is supported when podFailurePolicy is specified'));
  }
  return errs;
}

/** ValidateJobSpec: the fields, a valid selector that selects the template's labels. */
function validateJobSpec(spec: JobSpec | undefined): FieldError[] {
  const errs = validateJobSpecFields(spec, 'spec');
  if (!spec?.selector) errs.push(required('spec.selector'));
  else errs.push(...validateLabelSelector(spec.selector, 'spec.selector'));
  const selector = spec?.selector ? parseSelector(spec.selector) : undefined;
  const labels = spec?.template?.metadata?.labels;
  if (selector && !selector.matches(labels)) {
    errs.push(invalid('spec.template.metadata.labels', goStringMap(labels), '`selector` does not match template `labels`'));
  }
  return errs;
}

/**
 * ValidateJobTemplateSpec, for a CronJob's jobTemplate at `path` (`spec.jobTemplate`): the job
 * fields, and no selector of its own (the Job's is generated).
 */
export function validateJobTemplateSpec(spec: JobSpec | undefined, path: string): FieldError[] {
  const errs = validateJobSpecFields(spec, `${path}.spec`);
  if (spec?.selector) errs.push(invalid(`${path}.spec.selector`, goLabelSelector(spec.selector), '`selector` will be auto-generated'));
  if (spec?.manualSelector) errs.push(notSupported(`${path}.spec.manualSelector`, true, ['nil', 'false']));
  return errs;
}

/** ValidateJob: metadata (names as ReplicationControllers'), the generated selector, the spec, the Indexed hostname. */
function validateJob(job: Job, prefixed = true): FieldError[] {
  const errs = [...validateObjectMeta(job.metadata, true, 'subdomain'), ...validateGeneratedSelector(job, prefixed), ...validateJobSpec(job.spec)];
  const spec = job.spec;
  if (spec?.completionMode === 'Indexed' && spec.completions != null && spec.completions > 0) {
    // The controller gives each pod the hostname `<job>-<index>`; the largest must be a DNS label.
    const hostname = `${job.metadata?.name ?? ''}-${spec.completions - 1}`;
    if (dns1123LabelErrors(hostname).length) {
      errs.push(invalid('metadata.name', job.metadata?.name ?? '', `will not able to create pod with invalid DNS label: ${hostname}`));
    }
  }
  return errs;
}

/**
 * validateCompletions: fixed for NonIndexed Jobs; an Indexed Job may change completions only
 * together with parallelism (ElasticIndexedJob, GA in v1.31).
 */
function validateCompletionsUpdate(spec: JobSpec, old: JobSpec): FieldError[] {
  if (spec.completionMode !== 'Indexed') return immutable(spec.completions, old.completions, 'spec.completions', spec.completions ?? null);
  if (spec.completions === old.completions || spec.completions == null) return [];
  return spec.completions !== spec.parallelism ? [invalid('spec.completions', spec.completions, 'can only be modified in tandem with spec.parallelism')] : [];
}

/**
 * validatePodTemplateUpdate: the template is immutable, except that a Job suspended before it
 * ever started may change its scheduling directives (node affinity, node selector, tolerations,
 * labels, annotations, scheduling gates). Go prints the whole internal PodTemplateSpec with %#v,
 * pointers as addresses; that dump is not reproduced here.
 */
function validateTemplateUpdate(job: Job, old: Job): FieldError[] {
  const template = job.spec?.template ?? {};
  let before: PodTemplateSpec = old.spec?.template ?? {};
  if (old.spec?.suspend && !old.status?.startTime) {
    const spec = template.spec;
    const affinity = before.spec?.affinity ? { ...before.spec.affinity, nodeAffinity: spec?.affinity?.nodeAffinity } : spec?.affinity ? { nodeAffinity: spec.affinity.nodeAffinity } : undefined;
    before = {
      metadata: { ...before.metadata, labels: template.metadata?.labels, annotations: template.metadata?.annotations },
      spec: { ...before.spec!, affinity, nodeSelector: spec?.nodeSelector, tolerations: spec?.tolerations, schedulingGates: spec?.schedulingGates },
    };
  }
  return immutable(template, before, 'spec.template', new GoValue('core.PodTemplateSpec{…}'));
}

/** ValidateJobSpecUpdate: the spec again, then what may not change. */
function validateJobSpecUpdate(job: Job, old: Job): FieldError[] {
  const spec = job.spec ?? ({ template: {} } as JobSpec);
  const before = old.spec ?? ({ template: {} } as JobSpec);
  return [
    ...validateJobSpec(spec),
    ...validateCompletionsUpdate(spec, before),
    ...immutable(spec.selector, before.selector, 'spec.selector', goLabelSelector(spec.selector)),
    ...validateTemplateUpdate(job, old),
    ...immutable(spec.completionMode, before.completionMode, 'spec.completionMode', spec.completionMode ?? null),
    ...immutable(spec.podFailurePolicy, before.podFailurePolicy, 'spec.podFailurePolicy', new GoValue('batch.PodFailurePolicy{…}')),
    ...immutable(spec.backoffLimitPerIndex, before.backoffLimitPerIndex, 'spec.backoffLimitPerIndex', spec.backoffLimitPerIndex ?? null),
    ...immutable(spec.managedBy, before.managedBy, 'spec.managedBy', spec.managedBy ?? null),
    ...immutable(spec.successPolicy, before.successPolicy, 'spec.successPolicy', new GoValue('batch.SuccessPolicy{…}')),
  ];
}

/** Jobs (batch/v1): pkg/registry/batch/job/strategy.go. */
export const jobKind: KindInfo = {
  kind: 'Job',
  group: 'batch',
  version: 'v1',
  resource: 'jobs',
  singular: 'job',
  shortNames: [],
  namespaced: true,
  categories: ['all'],
  statusSubresource: true,
  generation: true,
  strategy: {
    defaults: (obj) => defaultJob(obj as Job),
    prepareForCreate(obj, ctx) {
      const job = obj as Job;
      const meta: Mutable<ObjectMeta> = (job.metadata ??= {});
      // The uid is the object's before PrepareForCreate runs (rest.FillObjectMetaSystemFields).
      meta.uid = ctx.uid();
      if (!job.spec?.manualSelector) generateSelector(job, meta.uid);
      // Go's defaulting shared the template's label map with the Job's, so the generated labels
      // show on the Job too (and every read re-defaults them from the template).
      const templateLabels = job.spec?.template?.metadata?.labels;
      if (Object.keys(meta.labels ?? {}).length === 0 && templateLabels) meta.labels = { ...templateLabels };
      (job as { status?: unknown }).status = {};
    },
    validate: (obj) => validateJob(obj as Job),
    /** jobStrategy.ValidateUpdate: ValidateJob then ValidateJobUpdate (the aggregate drops repeats). */
    validateUpdate(obj, old) {
      const job = obj as Job;
      const before = old as Job;
      const oldLabels = before.spec?.template?.metadata?.labels ?? {};
      const prefixed = JOB_NAME_LABEL in oldLabels && CONTROLLER_UID_LABEL in oldLabels;
      return [...validateJob(job, prefixed), ...validateObjectMetaUpdate(job.metadata, before.metadata), ...validateJobSpecUpdate(job, before)];
    },
  },
};
