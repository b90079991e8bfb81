import type { ObjectMeta, OwnerReference } from 'kubernetes-types/meta/v1.js';
import { deepEqual } from '../equality.ts';
import { forbidden, goStringSlice, GoValue, invalid, nonNegative, required, tooLong, type BadValue, type FieldError } from '../field-errors.ts';
import { labelValueErrors, nameIsDNSLabel, nameIsDNSSubdomain, qualifiedNameErrors, type NameValidator } from './names.ts';

/**
 * ObjectMeta checks: apimachinery's ValidateObjectMetaAccessor and ValidateObjectMetaAccessorUpdate
 * (staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta.go), plus what the core group's
 * wrappers add (pkg/apis/core/validation/validation.go ValidateObjectMeta: legacy finalizer names).
 */

/** How a kind's names are checked (ValidateObjectMeta's nameFn). */
export type NameRule = 'subdomain' | 'label' | NameValidator;

const TOTAL_ANNOTATION_SIZE = 256 * 1024;
const STANDARD_FINALIZERS = ['kubernetes', 'orphan', 'foregroundDeletion'];

function nameValidator(rule: NameRule): NameValidator {
  if (rule === 'label') return nameIsDNSLabel;
  if (rule === 'subdomain') return nameIsDNSSubdomain;
  return rule;
}

/** ValidatePathSegmentName: the generic check the registry runs on every name (`.`, `..`, `/`, `%`). */
export const pathSegmentName: NameValidator = (name, prefix) => {
  if (!prefix && (name === '.' || name === '..')) return [`may not be '${name}'`];
  return ['/', '%'].filter((c) => name.includes(c)).map((c) => `may not contain '${c}'`);
};

/**
 * ValidateObjectMeta as the core group runs it on create: generateName, name, namespace,
 * generation, labels, annotations, ownerReferences, finalizers, then the core group's check that
 * unqualified finalizers are standard ones.
 */
export function validateObjectMeta(meta: ObjectMeta | undefined, namespaced: boolean, rule: NameRule, path = 'metadata'): FieldError[] {
  return [...validateGenericObjectMeta(meta, namespaced, nameValidator(rule), path), ...kubeFinalizerNames(meta?.finalizers, path)];
}

/** ValidateObjectMetaAccessor: the generic checks, with no legacy finalizer rule. */
export function validateGenericObjectMeta(meta: ObjectMeta | undefined, namespaced: boolean, nameFn: NameValidator, path = 'metadata'): FieldError[] {
  const errs: FieldError[] = [];
  const m = meta ?? {};
  if (m.generateName) {
    for (const msg of nameFn(m.generateName, true)) errs.push(invalid(`${path}.generateName`, m.generateName, msg));
  }
  if (!m.name) errs.push(required(`${path}.name`, 'name or generateName is required'));
  else for (const msg of nameFn(m.name, false)) errs.push(invalid(`${path}.name`, m.name, msg));
  if (namespaced) {
    if (!m.namespace) errs.push(required(`${path}.namespace`));
    else for (const msg of nameIsDNSLabel(m.namespace, false)) errs.push(invalid(`${path}.namespace`, m.namespace, msg));
  } else if (m.namespace) {
    errs.push(forbidden(`${path}.namespace`, 'not allowed on this type'));
  }
  errs.push(...nonNegative(m.generation, `${path}.generation`));
  errs.push(...validateLabels(m.labels, `${path}.labels`));
  errs.push(...validateAnnotations(m.annotations, `${path}.annotations`));
  errs.push(...validateOwnerReferences(m.ownerReferences, `${path}.ownerReferences`));
  errs.push(...validateFinalizers(m.finalizers, `${path}.finalizers`));
  return errs;
}

/**
 * ValidateObjectMetaUpdate as the core group runs it: no finalizers added while deleting, a
 * resourceVersion, generation not decremented, the identity fields unchanged, then labels,
 * annotations and ownerReferences of the new object, then legacy finalizer names.
 */
export function validateObjectMetaUpdate(meta: ObjectMeta | undefined, old: ObjectMeta | undefined, path = 'metadata'): FieldError[] {
  return [...validateGenericObjectMetaUpdate(meta, old, path), ...kubeFinalizerNames(meta?.finalizers, path)];
}

/** ValidateObjectMetaAccessorUpdate. */
export function validateGenericObjectMetaUpdate(meta: ObjectMeta | undefined, old: ObjectMeta | undefined, path = 'metadata'): FieldError[] {
  const errs: FieldError[] = [];
  const m = meta ?? {};
  const o = old ?? {};
  if (o.deletionTimestamp) {
    const before = new Set(o.finalizers ?? []);
    const extra = [...new Set(m.finalizers ?? [])].filter((f) => !before.has(f)).sort();
    if (extra.length) {
      errs.push(forbidden(`${path}.finalizers`, `no new finalizers can be added if the object is being deleted, found new finalizers ${goStringSlice(extra).text}`));
    }
  }
  if (!m.resourceVersion) errs.push(invalid(`${path}.resourceVersion`, m.resourceVersion ?? '', 'must be specified for an update'));
  if ((m.generation ?? 0) < (o.generation ?? 0)) errs.push(invalid(`${path}.generation`, m.generation ?? 0, 'must not be decremented'));
  errs.push(...immutable(m.name ?? '', o.name ?? '', `${path}.name`));
  errs.push(...immutable(m.namespace ?? '', o.namespace ?? '', `${path}.namespace`));
  errs.push(...immutable(m.uid ?? '', o.uid ?? '', `${path}.uid`));
  if ((m.creationTimestamp ?? '') !== (o.creationTimestamp ?? '')) {
    errs.push(invalid(`${path}.creationTimestamp`, goTime(m.creationTimestamp), 'field is immutable'));
  }
  if ((m.deletionTimestamp ?? '') !== (o.deletionTimestamp ?? '')) {
    errs.push(invalid(`${path}.deletionTimestamp`, m.deletionTimestamp ? goTime(m.deletionTimestamp) : null, 'field is immutable'));
  }
  if (m.deletionGracePeriodSeconds !== o.deletionGracePeriodSeconds) {
    errs.push(invalid(`${path}.deletionGracePeriodSeconds`, m.deletionGracePeriodSeconds ?? null, 'field is immutable'));
  }
  errs.push(...validateLabels(m.labels, `${path}.labels`));
  errs.push(...validateAnnotations(m.annotations, `${path}.annotations`));
  errs.push(...validateOwnerReferences(m.ownerReferences, `${path}.ownerReferences`));
  return errs;
}

/** ValidateImmutableField: `<path>: Invalid value: <new>: field is immutable` when semantically different. */
export function immutable(value: unknown, old: unknown, path: string, printed?: BadValue): FieldError[] {
  if (deepEqual(normalizeEmpty(value), normalizeEmpty(old))) return [];
  return [invalid(path, printed !== undefined ? printed : (value as BadValue), 'field is immutable')];
}

/** equality.Semantic treats empty and nil maps and slices alike. */
function normalizeEmpty(v: unknown): unknown {
  if (Array.isArray(v)) return v.length ? v.map(normalizeEmpty) : undefined;
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const n = normalizeEmpty(x);
      if (n !== undefined) out[k] = n;
    }
    return Object.keys(out).length ? out : undefined;
  }
  return v;
}

/** A metav1.Time as a Stringer prints it (time.Time.String): `2018-09-06 06:57:00 +0000 UTC`. */
function goTime(rfc3339: string | undefined): GoValue {
  if (!rfc3339) return new GoValue('0001-01-01 00:00:00 +0000 UTC');
  const d = new Date(rfc3339);
  const iso = d.toISOString();
  return new GoValue(`${iso.slice(0, 10)} ${iso.slice(11, 19)} +0000 UTC`);
}

/**
 * ValidateLabels: each key a qualified name, each value a valid label value. The path has no
 * `[key]` suffix. Go walks the map in random order; this walks it in insertion order.
 */
export function validateLabels(labels: Readonly<Record<string, string>> | null | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(labels ?? {})) {
    errs.push(...validateLabelName(k, path));
    for (const msg of labelValueErrors(String(v))) errs.push(invalid(path, String(v), msg));
  }
  return errs;
}

/** ValidateLabelName: a qualified name. */
export function validateLabelName(key: string, path: string): FieldError[] {
  return qualifiedNameErrors(key).map((msg) => invalid(path, key, msg));
}

/** ValidateAnnotations: keys are qualified names (checked lower-cased), total size at most 256 KiB. */
export function validateAnnotations(annotations: Readonly<Record<string, string>> | null | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let size = 0;
  for (const [k, v] of Object.entries(annotations ?? {})) {
    for (const msg of qualifiedNameErrors(k.toLowerCase())) errs.push(invalid(path, k, msg));
    size += Buffer.byteLength(k) + Buffer.byteLength(String(v));
  }
  if (size > TOTAL_ANNOTATION_SIZE) errs.push(tooLong(path, TOTAL_ANNOTATION_SIZE));
  return errs;
}

/**
 * ValidateOwnerReferences: each reference complete, at most one controller. The controller
 * error prints the whole slice with %#v, whose *bool fields are pointers; Go prints their
 * addresses, which differ per process, so this prints a fixed one.
 */
export function validateOwnerReferences(refs: readonly OwnerReference[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let firstController = '';
  for (const ref of refs ?? []) {
    const version = apiVersionParts(ref.apiVersion ?? '')?.version ?? '';
    if (!version) errs.push(invalid(`${path}.apiVersion`, ref.apiVersion ?? '', 'version must not be empty'));
    if (!ref.kind) errs.push(invalid(`${path}.kind`, ref.kind ?? '', 'kind must not be empty'));
    if (!ref.name) errs.push(invalid(`${path}.name`, ref.name ?? '', 'name must not be empty'));
    if (!ref.uid) errs.push(invalid(`${path}.uid`, ref.uid ?? '', 'uid must not be empty'));
    if (ref.controller) {
      const current = `${ref.kind}/${ref.name}`;
      if (firstController) {
        errs.push(invalid(path, goOwnerReferences(refs!), `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${current}`));
      } else {
        firstController = current;
      }
    }
  }
  return errs;
}

/** schema.ParseGroupVersion: `v1`, `apps/v1`; undefined when malformed. */
function apiVersionParts(apiVersion: string): { group: string; version: string } | undefined {
  if (apiVersion === '' || apiVersion === '/') return { group: '', version: '' };
  const parts = apiVersion.split('/');
  if (parts.length === 1) return { group: '', version: parts[0] };
  if (parts.length === 2) return { group: parts[0], version: parts[1] };
  return undefined;
}

function goOwnerReferences(refs: readonly OwnerReference[]): GoValue {
  const ptr = (v: boolean | undefined) => (v === undefined ? '(*bool)(nil)' : '(*bool)(0xc000000000)');
  const items = refs.map(
    (r) =>
      `v1.OwnerReference{APIVersion:"${r.apiVersion ?? ''}", Kind:"${r.kind ?? ''}", Name:"${r.name ?? ''}", UID:"${r.uid ?? ''}", Controller:${ptr(r.controller)}, BlockOwnerDeletion:${ptr(r.blockOwnerDeletion)}}`,
  );
  return new GoValue(`[]v1.OwnerReference{${items.join(', ')}}`);
}

/** ValidateFinalizers: qualified names, and not both orphan and foregroundDeletion. */
export function validateFinalizers(finalizers: readonly string[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const f of finalizers ?? []) for (const msg of qualifiedNameErrors(f)) errs.push(invalid(path, f, msg));
  if (finalizers?.includes('orphan') && finalizers.includes('foregroundDeletion')) {
    errs.push(invalid(path, goStringSlice(finalizers), 'finalizer orphan and foregroundDeletion cannot be both set'));
  }
  return errs;
}

/** validateKubeFinalizerName: an unqualified finalizer must be one of the standard ones. */
function kubeFinalizerNames(finalizers: readonly string[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  (finalizers ?? []).forEach((f, i) => {
    if (!f.includes('/') && !STANDARD_FINALIZERS.includes(f)) {
      errs.push(invalid(`${path}.finalizers[${i}]`, f, 'name is neither a standard finalizer name nor is it fully qualified'));
    }
  });
  return errs;
}
