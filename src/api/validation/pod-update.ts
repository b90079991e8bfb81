import type { Container, Pod, PodSpec, Toleration } from 'kubernetes-types/core/v1.js';
import { clone, deepEqual } from '../equality.ts';
import { forbidden, invalid, required, type FieldError } from '../field-errors.ts';
import { inclusiveRangeError } from './names.ts';
import { validateObjectMetaUpdate } from './meta.ts';
import { validateTolerations } from './pod-spec.ts';

/**
 * ValidatePodUpdate (pkg/apis/core/validation/validation.go, v1.32), after the metadata and spec
 * checks a pod create also gets: only images, a lowered activeDeadlineSeconds, added tolerations
 * (and removed scheduling gates) may change.
 */
export function validatePodUpdateRules(pod: Pod, old: Pod): FieldError[] {
  const errs: FieldError[] = [];
  const spec = pod.spec ?? ({} as PodSpec);
  const oldSpec = old.spec ?? ({} as PodSpec);
  for (const field of ['containers', 'initContainers'] as const) {
    const { errs: containerErrs, stop } = containerUpdates(spec[field], oldSpec[field], `spec.${field}`);
    errs.push(...containerErrs);
    if (stop) return errs;
  }
  const deadline = spec.activeDeadlineSeconds;
  const oldDeadline = oldSpec.activeDeadlineSeconds;
  if (deadline !== undefined && deadline !== null) {
    if (deadline < 0 || deadline > 2147483647) return [...errs, invalid('spec.activeDeadlineSeconds', deadline, inclusiveRangeError(0, 2147483647))];
    if (oldDeadline !== undefined && oldDeadline !== null && oldDeadline < deadline) {
      return [...errs, invalid('spec.activeDeadlineSeconds', deadline, 'must be less than or equal to previous value')];
    }
  } else if (oldDeadline !== undefined && oldDeadline !== null) {
    errs.push(invalid('spec.activeDeadlineSeconds', null, 'must not update from a positive integer to nil value'));
  }
  errs.push(...onlyAddedTolerations(spec.tolerations, oldSpec.tolerations));
  errs.push(...onlyDeletedSchedulingGates(spec, oldSpec));
  if (deepEqual(spec, oldSpec)) return errs;
  const munged = mungeUpdatableFields(spec, oldSpec);
  if (!deepEqual(munged, oldSpec)) errs.push(forbidden('spec', `${POD_UPDATE_FORBIDDEN}\n${specDiff(oldSpec, munged)}`));
  return errs;
}

/** The first line of the forbidden-update message: updatablePodSpecFields joined by `,`. */
export const POD_UPDATE_FORBIDDEN =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

/** The metadata checks ValidatePodUpdate starts with. */
export function validatePodMetaUpdate(pod: Pod, old: Pod): FieldError[] {
  return validateObjectMetaUpdate(pod.metadata, old.metadata);
}

/** ValidateContainerUpdates: no containers added or removed (which stops validation), images set. */
function containerUpdates(now: readonly Container[] | undefined, before: readonly Container[] | undefined, path: string): { errs: FieldError[]; stop: boolean } {
  if ((now?.length ?? 0) !== (before?.length ?? 0)) return { errs: [forbidden(path, 'pod updates may not add or remove containers')], stop: true };
  const errs: FieldError[] = [];
  (now ?? []).forEach((c, i) => {
    if (!c.image) errs.push(required(`${path}[${i}].image`));
    if (c.image && c.image.trim().length !== c.image.length) errs.push(invalid(`${path}[${i}].image`, c.image, 'must not have leading or trailing whitespace'));
  });
  return { errs, stop: false };
}

/** validateOnlyAddedTolerations: every old toleration still there (tolerationSeconds may change). */
function onlyAddedTolerations(now: readonly Toleration[] | undefined, before: readonly Toleration[] | undefined): FieldError[] {
  for (const old of before ?? []) {
    const found = (now ?? []).some((t) => deepEqual({ ...old, tolerationSeconds: t.tolerationSeconds }, t));
    if (!found) return [forbidden('spec.tolerations', 'existing toleration can not be modified except its tolerationSeconds')];
  }
  return validateTolerations(now, 'spec.tolerations');
}

/** validateOnlyDeletedSchedulingGates. */
function onlyDeletedSchedulingGates(spec: PodSpec, old: PodSpec): FieldError[] {
  const before = new Set((old.schedulingGates ?? []).map((g) => g.name));
  const errs: FieldError[] = [];
  (spec.schedulingGates ?? []).forEach((g, i) => {
    if (!before.has(g.name)) errs.push(forbidden(`spec.schedulingGates[${i}].name`, `only deletion is allowed, but found new scheduling gate '${g.name}'`));
  });
  return errs;
}

/** The new spec with the fields an update may change put back to their old values. */
function mungeUpdatableFields(spec: PodSpec, old: PodSpec): PodSpec {
  const munged = clone(spec) as PodSpec & Record<string, unknown>;
  munged.containers = (munged.containers ?? []).map((c, i) => ({ ...c, image: old.containers?.[i]?.image }));
  if (munged.initContainers) munged.initContainers = munged.initContainers.map((c, i) => ({ ...c, image: old.initContainers?.[i]?.image }));
  munged.activeDeadlineSeconds = old.activeDeadlineSeconds;
  munged.schedulingGates = old.schedulingGates;
  munged.tolerations = old.tolerations;
  if ((old.terminationGracePeriodSeconds ?? 0) < 0 && munged.terminationGracePeriodSeconds === 1) {
    munged.terminationGracePeriodSeconds = old.terminationGracePeriodSeconds;
  }
  return clone(munged);
}

/**
 * Upstream appends `cmp.Diff(oldPod.Spec, mungedPodSpec)`: a go-cmp rendering of the internal
 * core.PodSpec, whose layout go-cmp deliberately randomises (it swaps spaces for non-breaking
 * ones at random so nobody can depend on it). This reproduces its shape for the top-level fields
 * that differ: `  core.PodSpec{`, a `- ` line with the old and a `+ ` line with the new value
 * (as JSON, where go-cmp prints Go literals), `  }`. Only the first line is exact.
 */
function specDiff(old: PodSpec, now: PodSpec): string {
  const o = old as unknown as Record<string, unknown>;
  const n = now as unknown as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(o), ...Object.keys(n)])];
  const lines = ['  core.PodSpec{'];
  for (const k of keys) {
    if (deepEqual(o[k], n[k])) continue;
    const name = goFieldName(k);
    if (o[k] !== undefined) lines.push(`- \t${name}: ${JSON.stringify(o[k])},`);
    if (n[k] !== undefined) lines.push(`+ \t${name}: ${JSON.stringify(n[k])},`);
  }
  lines.push('  }');
  return lines.join('\n');
}

/** A JSON field name as the Go struct field (`dnsPolicy` → `DNSPolicy`). */
function goFieldName(json: string): string {
  const special: Record<string, string> = { dnsPolicy: 'DNSPolicy', dnsConfig: 'DNSConfig', hostPID: 'HostPID', hostIPC: 'HostIPC', os: 'OS' };
  return special[json] ?? json[0].toUpperCase() + json.slice(1);
}
