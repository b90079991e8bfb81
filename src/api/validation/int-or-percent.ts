import { invalid, nonNegative, type FieldError } from '../field-errors.ts';
import { goIntOrString, intOrPercentValue, isPercent, type IntOrString } from '../int-or-string.ts';

const PERCENT_MESSAGE = "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";

/**
 * ValidatePositiveIntOrPercent (pkg/apis/apps/validation/validation.go): the bad value is the
 * IntOrString itself, which field errors print with %#v (its String() has a pointer receiver).
 */
export function validatePositiveIntOrPercent(v: IntOrString | undefined, path: string): FieldError[] {
  if (typeof v === 'string') return isPercent(v) ? [] : [invalid(path, goIntOrString(v), PERCENT_MESSAGE)];
  return nonNegative(v, path);
}

/** IsNotMoreThan100Percent. */
export function notMoreThan100Percent(v: IntOrString | undefined, path: string): FieldError[] {
  return isPercent(v) && intOrPercentValue(v) > 100 ? [invalid(path, goIntOrString(v), 'must not be greater than 100%')] : [];
}
