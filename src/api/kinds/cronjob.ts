import type { CronJob, CronJobSpec } from 'kubernetes-types/batch/v1.js';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import { CronParseError, parseStandard } from '../cron/parser.ts';
import { loadLocation } from '../cron/location.ts';
import { defaultPodTemplate } from '../defaults/pod-spec.ts';
import { invalid, nonNegative, notSupported, required, type FieldError } from '../field-errors.ts';
import type { KindInfo } from '../registry.ts';
import { validateObjectMeta, validateObjectMetaUpdate } from '../validation/meta.ts';
import { validateJobTemplateSpec } from './job.ts';

/**
 * A Job's name is `<cronjob>-<minutes since the epoch>`: 11 more characters (`-` and 10 digits
 * until the year 20989) on a name that must stay a DNS-1035-sized label of 63.
 */
const MAX_NAME_LENGTH = 63 - 11;

const CONCURRENCY_POLICIES = ['Allow', 'Forbid', 'Replace'];

/** Each part of an IANA name: letters, `.`, `-`, `_`, and for legacy names digits and `+` (validation.go). */
const TIME_ZONE_PART = /^[A-Za-z.\-_0-9+]{1,14}$/;

/**
 * validateScheduleFormat: robfig/cron must parse it, and a TZ or CRON_TZ in it is refused unless
 * the stored object already had one (then only together with timeZone).
 */
function validateSchedule(schedule: string, allowTZ: boolean, timeZone: string | undefined): FieldError[] {
  const errs: FieldError[] = [];
  try {
    parseStandard(schedule);
  } catch (e) {
    if (!(e instanceof CronParseError)) throw e;
    errs.push(invalid('spec.schedule', schedule, e.message));
  }
  if (schedule.includes('TZ')) {
    if (!allowTZ) errs.push(invalid('spec.schedule', schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
    else if (timeZone !== undefined) errs.push(invalid('spec.schedule', schedule, 'cannot use both timeZone field and TZ or CRON_TZ in schedule'));
  }
  return errs;
}

/** validateTimeZone: an IANA name the API server's zoneinfo has; not `Local`. */
function validateTimeZone(timeZone: string | undefined): FieldError[] {
  if (timeZone === undefined || timeZone === null) return [];
  const path = 'spec.timeZone';
  if (timeZone === '') return [invalid(path, timeZone, 'timeZone must be nil or non-empty string')];
  for (const part of timeZone.split('/')) {
    if (part === '.' || part === '..' || part.startsWith('-') || !TIME_ZONE_PART.test(part)) return [invalid(path, timeZone, `unknown time zone ${timeZone}`)];
  }
  const errs: FieldError[] = [];
  if (timeZone.toLowerCase() === 'local') errs.push(invalid(path, timeZone, 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones'));
  const loaded = loadLocation(timeZone);
  if (typeof loaded === 'string') errs.push(invalid(path, timeZone, loaded));
  return errs;
}

/** validateCronJobSpec (pkg/apis/batch/validation/validation.go, v1.32), in its order. */
function validateCronJobSpec(spec: CronJobSpec | undefined, old: CronJobSpec | undefined): FieldError[] {
  const s = spec ?? ({} as CronJobSpec);
  const errs: FieldError[] = [];
  if (!s.schedule) errs.push(required('spec.schedule'));
  else errs.push(...validateSchedule(s.schedule, (old?.schedule ?? '').includes('TZ'), s.timeZone));
  if (s.startingDeadlineSeconds != null) errs.push(...nonNegative(s.startingDeadlineSeconds, 'spec.startingDeadlineSeconds'));
  if (!old || old.timeZone !== s.timeZone) errs.push(...validateTimeZone(s.timeZone));
  const policy = s.concurrencyPolicy ?? '';
  if (policy === '') errs.push(required('spec.concurrencyPolicy'));
  else if (!CONCURRENCY_POLICIES.includes(policy)) errs.push(notSupported('spec.concurrencyPolicy', policy, CONCURRENCY_POLICIES));
  errs.push(...validateJobTemplateSpec(s.jobTemplate?.spec, 'spec.jobTemplate'));
  if (s.successfulJobsHistoryLimit != null) errs.push(...nonNegative(s.successfulJobsHistoryLimit, 'spec.successfulJobsHistoryLimit'));
  if (s.failedJobsHistoryLimit != null) errs.push(...nonNegative(s.failedJobsHistoryLimit, 'spec.failedJobsHistoryLimit'));
  return errs;
}

/** ValidateCronJobCreate: metadata (names as ReplicationControllers'), the spec, then the name's length. */
function validateCronJob(cj: CronJob): FieldError[] {
  const errs = [...validateObjectMeta(cj.metadata, true, 'subdomain'), ...validateCronJobSpec(cj.spec, undefined)];
  const name = cj.metadata?.name ?? '';
  if (name.length > MAX_NAME_LENGTH) errs.push(invalid('metadata.name', name, `must be no more than ${MAX_NAME_LENGTH} characters`));
  return errs;
}

/**
 * SetDefaults_CronJob (pkg/apis/batch/v1/defaults.go) and the pod defaults of the Job template
 * (SetObjectDefaults_CronJob); the template's Job fields are defaulted only when a Job is made of it.
 */
export function defaultCronJob(cj: CronJob): void {
  cj.spec ??= { schedule: '', jobTemplate: {} };
  const spec = cj.spec;
  spec.concurrencyPolicy ||= 'Allow';
  spec.suspend ??= false;
  spec.successfulJobsHistoryLimit ??= 3;
  spec.failedJobsHistoryLimit ??= 1;
  spec.jobTemplate ??= {};
  spec.jobTemplate.spec ??= { template: {} };
  spec.jobTemplate.spec.template ??= {};
  spec.jobTemplate.spec.template.spec ??= {} as NonNullable<PodTemplateSpec['spec']>;
  defaultPodTemplate(spec.jobTemplate.spec.template);
}

/** CronJobs (batch/v1): pkg/registry/batch/cronjob/strategy.go. */
export const cronJobKind: KindInfo = {
  kind: 'CronJob',
  group: 'batch',
  version: 'v1',
  resource: 'cronjobs',
  singular: 'cronjob',
  shortNames: ['cj'],
  namespaced: true,
  categories: ['all'],
  statusSubresource: true,
  generation: true,
  strategy: {
    defaults: (obj) => defaultCronJob(obj as CronJob),
    prepareForCreate(obj) {
      (obj as { status?: unknown }).status = {};
    },
    validate: (obj) => validateCronJob(obj as CronJob),
    // ValidateCronJobUpdate skips the 52-character limit, so that older, longer names can still change.
    validateUpdate: (obj, old) => [
      ...validateObjectMetaUpdate(obj.metadata, old.metadata),
      ...validateCronJobSpec((obj as CronJob).spec, (old as CronJob).spec ?? ({} as CronJobSpec)),
    ],
  },
};
