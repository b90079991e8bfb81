/**
 * Field errors as apimachinery's validation/field package words them
 * (staging/src/k8s.io/apimachinery/pkg/util/validation/field/errors.go): `<path>: <type>[: <value>][: <detail>]`.
 */
export type FieldErrorType =
  | 'Not found'
  | 'Required value'
  | 'Duplicate value'
  | 'Invalid value'
  | 'Unsupported value'
  | 'Forbidden'
  | 'Too long'
  | 'Too many'
  | 'Internal error';

/** A value already rendered the way Go's %#v would print it (maps, slices, structs). */
export class GoValue {
  constructor(readonly text: string) {}
}

export type BadValue = string | number | boolean | null | GoValue | undefined;

export interface FieldError {
  readonly type: FieldErrorType;
  readonly field: string;
  readonly value?: BadValue;
  readonly detail?: string;
}

/** Go's %q for a string. */
export function goQuote(s: string): string {
  return JSON.stringify(s).replace(/\\u([0-9a-f]{4})/g, (_, h) => `\\u${h}`);
}

/** %#v of a map[string]string: keys sorted, `map[string]string{"a":"b", "c":"d"}`. */
export function goStringMap(m: Record<string, string> | undefined): GoValue {
  const body = Object.keys(m ?? {})
    .sort()
    .map((k) => `${goQuote(k)}:${goQuote(m![k])}`)
    .join(', ');
  return new GoValue(`map[string]string{${body}}`);
}

/** %#v of a []string: `[]string{"a", "b"}`. */
export function goStringSlice(values: readonly string[]): GoValue {
  return new GoValue(`[]string{${values.map(goQuote).join(', ')}}`);
}

/** The part after the field path (ErrorBody). */
export function errorBody(e: FieldError): string {
  let s: string = e.type;
  const omit = e.type === 'Required value' || e.type === 'Forbidden' || e.type === 'Internal error' || e.type === 'Too long' || e.value === undefined;
  if (!omit) {
    const v = e.value;
    if (v === null) s += ': null';
    else if (v instanceof GoValue) s += `: ${v.text}`;
    else if (typeof v === 'string') s += `: ${goQuote(v)}`;
    else s += `: ${String(v)}`;
  }
  if (e.detail) s += `: ${e.detail}`;
  return s;
}

/** The whole error line: `spec.replicas: Invalid value: -1: must be greater than or equal to 0`. */
export function formatFieldError(e: FieldError): string {
  return `${e.field}: ${errorBody(e)}`;
}

export const invalid = (field: string, value: BadValue, detail: string): FieldError => ({ type: 'Invalid value', field, value, detail });
export const required = (field: string, detail = ''): FieldError => ({ type: 'Required value', field, detail });
export const notFound = (field: string, value: BadValue): FieldError => ({ type: 'Not found', field, value });
export const duplicate = (field: string, value: BadValue): FieldError => ({ type: 'Duplicate value', field, value });
export const forbidden = (field: string, detail: string): FieldError => ({ type: 'Forbidden', field, detail });
export const tooLong = (field: string, max: number): FieldError => ({ type: 'Too long', field, detail: `may not be more than ${max} bytes` });

/** NotSupported: `Unsupported value: "x": supported values: "a", "b"`. */
export function notSupported(field: string, value: BadValue, supported: readonly string[]): FieldError {
  return { type: 'Unsupported value', field, value, detail: `supported values: ${supported.map(goQuote).join(', ')}` };
}
