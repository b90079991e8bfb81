import type { LabelSelector } from 'kubernetes-types/meta/v1.js';
import { forbidden, goQuote, goStringMap, GoValue, invalid, required, type FieldError } from '../field-errors.ts';
import { labelValueErrors } from './names.ts';
import { validateLabelName, validateLabels } from './meta.ts';

/**
 * metav1 LabelSelector validation (staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/validation/
 * validation.go ValidateLabelSelector, with AllowInvalidLabelValueInSelector false as apps uses it).
 */
export function validateLabelSelector(s: LabelSelector | null | undefined, path: string): FieldError[] {
  if (!s) return [];
  const errs = validateLabels(s.matchLabels, `${path}.matchLabels`);
  (s.matchExpressions ?? []).forEach((e, i) => {
    const p = `${path}.matchExpressions[${i}]`;
    switch (e.operator) {
      case 'In':
      case 'NotIn':
        if (!e.values?.length) errs.push(required(`${p}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (e.values?.length) errs.push(forbidden(`${p}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        break;
      default:
        errs.push(invalid(`${p}.operator`, e.operator, 'not a valid selector operator'));
    }
    errs.push(...validateLabelName(e.key ?? '', `${p}.key`));
    (e.values ?? []).forEach((v, j) => {
      for (const msg of labelValueErrors(v)) errs.push(invalid(`${p}.values[${j}]`, v, msg));
    });
  });
  return errs;
}

/** %#v of a *metav1.LabelSelector as field errors print it (dereferenced; nil prints "null"). */
export function goLabelSelector(s: LabelSelector | null | undefined): GoValue | null {
  if (!s) return null;
  const ml = goStringMap(s.matchLabels).text;
  const me = s.matchExpressions
    ? `[]v1.LabelSelectorRequirement{${s.matchExpressions
        .map((e) => {
          const values = e.values ? `[]string{${e.values.map(goQuote).join(', ')}}` : '[]string(nil)';
          return `v1.LabelSelectorRequirement{Key:${goQuote(e.key ?? '')}, Operator:${goQuote(e.operator ?? '')}, Values:${values}}`;
        })
        .join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return new GoValue(`v1.LabelSelector{MatchLabels:${ml}, MatchExpressions:${me}}`);
}
