import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';
import { invalid, required, tooLong, type FieldError } from '../field-errors.ts';
import { labelValueErrors, qualifiedNameErrors } from '../labels.ts';
import { dns1123LabelErrors, dns1123SubdomainErrors } from './names.ts';

/** How a kind's names are checked (ValidateObjectMeta's nameFn). */
export type NameRule = 'subdomain' | 'label';

const TOTAL_ANNOTATION_SIZE = 256 * 1024;

/** ValidateObjectMeta (staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta.go). */
export function validateObjectMeta(meta: ObjectMeta | undefined, namespaced: boolean, rule: NameRule, path = 'metadata'): FieldError[] {
  const errs: FieldError[] = [];
  const m = meta ?? {};
  const nameCheck = rule === 'label' ? dns1123LabelErrors : dns1123SubdomainErrors;
  if (m.generateName) {
    // The generated suffix is 5 characters; only the prefix is checked here, as upstream does.
    for (const msg of nameCheck(maskTrailingDash(m.generateName))) errs.push(invalid(`${path}.generateName`, m.generateName, msg));
  }
  if (!m.name) {
    if (!m.generateName) errs.push(required(`${path}.name`, 'name or generateName is required'));
  } else {
    for (const msg of nameCheck(m.name)) errs.push(invalid(`${path}.name`, m.name, msg));
  }
  if (namespaced) {
    if (!m.namespace) errs.push(required(`${path}.namespace`));
    else for (const msg of dns1123LabelErrors(m.namespace)) errs.push(invalid(`${path}.namespace`, m.namespace, msg));
  }
  errs.push(...validateLabels(m.labels, `${path}.labels`));
  errs.push(...validateAnnotations(m.annotations, `${path}.annotations`));
  return errs;
}

/** ValidateLabels: each key a qualified name, each value a valid label value. */
export function validateLabels(labels: Record<string, string> | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(labels ?? {})) {
    for (const msg of qualifiedNameErrors(k)) errs.push(invalid(path, k, msg));
    for (const msg of labelValueErrors(String(v))) errs.push(invalid(`${path}`, v, msg));
  }
  return errs;
}

/** ValidateAnnotations: qualified-name keys, total size at most 256 KiB. */
export function validateAnnotations(annotations: Record<string, string> | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let size = 0;
  for (const [k, v] of Object.entries(annotations ?? {})) {
    for (const msg of qualifiedNameErrors(k.toLowerCase())) errs.push(invalid(path, k, msg));
    size += k.length + String(v).length;
  }
  if (size > TOTAL_ANNOTATION_SIZE) errs.push(tooLong(path, TOTAL_ANNOTATION_SIZE));
  return errs;
}

/** generateName may end in `-`; the check applies to what a generated name would look like. */
function maskTrailingDash(name: string): string {
  return name.endsWith('-') && name.length > 1 ? `${name.slice(0, -1)}a` : name;
}
