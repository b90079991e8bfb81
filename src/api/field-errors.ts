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

/** A value already rendered the way Go's %#v (or a Stringer) would print it (maps, slices, structs, times). */
export class GoValue {
  constructor(readonly text: string) {}
}

/**
 * A bad value. Strings print quoted (%q), numbers and booleans bare, GoValue as rendered; null and
 * undefined are Go's nil, which ErrorBody prints as the *string* "null", hence quoted.
 */
export type BadValue = string | number | boolean | null | GoValue | undefined;

export interface FieldError {
  readonly type: FieldErrorType;
  readonly field: string;
  readonly value?: BadValue;
  readonly detail?: string;
}

const NAMED_ESCAPES: Record<string, string> = { '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v', '"': '\\"', '\\': '\\\\' };
/** unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/** Go's %q (strconv.Quote) for a string. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const named = NAMED_ESCAPES[ch];
    if (named) out += named;
    else if (PRINTABLE.test(ch)) out += ch;
    else {
      const cp = ch.codePointAt(0)!;
      if (cp < 0x80) out += `\\x${cp.toString(16).padStart(2, '0')}`;
      else if (cp < 0x10000) out += `\\u${cp.toString(16).padStart(4, '0')}`;
      else out += `\\U${cp.toString(16).padStart(8, '0')}`;
    }
  }
  return `${out}"`;
}

/** %#v of a map[string]string: keys sorted, `map[string]string{"a":"b", "c":"d"}`; nil → `map[string]string(nil)`. */
export function goStringMap(m: Readonly<Record<string, string>> | null | undefined): GoValue {
  if (!m) return new GoValue('map[string]string(nil)');
  const body = Object.keys(m)
    .sort()
    .map((k) => `${goQuote(k)}:${goQuote(String(m[k]))}`)
    .join(', ');
  return new GoValue(`map[string]string{${body}}`);
}

/** %#v of a []string: `[]string{"a", "b"}`; nil → `[]string(nil)`. */
export function goStringSlice(values: readonly string[] | null | undefined): GoValue {
  if (!values) return new GoValue('[]string(nil)');
  return new GoValue(`[]string{${values.map(goQuote).join(', ')}}`);
}

/** The part after the field path (ErrorBody): Required, Forbidden, TooLong and Internal never print the value. */
export function errorBody(e: FieldError): string {
  let s: string = e.type;
  const omit = e.type === 'Required value' || e.type === 'Forbidden' || e.type === 'Internal error' || e.type === 'Too long';
  if (!omit) {
    const v = e.value;
    if (v === null || v === undefined) s += `: ${goQuote('null')}`;
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

/**
 * ErrorList.ToAggregate().Error(): duplicates (by their text) dropped, one error bare, several
 * as `[a, b]`; empty for no errors.
 */
export function aggregateMessage(errs: readonly FieldError[]): string {
  const lines = [...new Set(errs.map(formatFieldError))];
  if (lines.length === 0) return '';
  return lines.length === 1 ? lines[0] : `[${lines.join(', ')}]`;
}

export const invalid = (field: string, value: BadValue, detail: string): FieldError => ({ type: 'Invalid value', field, value, detail });
export const required = (field: string, detail = ''): FieldError => ({ type: 'Required value', field, detail });
/** NotFound; upstream sometimes sets a detail on the returned error by hand. */
export const notFound = (field: string, value: BadValue, detail = ''): FieldError => ({ type: 'Not found', field, value, detail });
export const duplicate = (field: string, value: BadValue): FieldError => ({ type: 'Duplicate value', field, value });
export const forbidden = (field: string, detail: string): FieldError => ({ type: 'Forbidden', field, detail });
export const tooLong = (field: string, max: number): FieldError => ({ type: 'Too long', field, detail: `may not be more than ${max} bytes` });
export const tooMany = (field: string, actual: number, max: number): FieldError => ({ type: 'Too many', field, value: actual, detail: `must have at most ${max} items` });

/** NotSupported: `Unsupported value: "x": supported values: "a", "b"` (in the order the caller lists them). */
export function notSupported(field: string, value: BadValue, supported: readonly string[]): FieldError {
  return { type: 'Unsupported value', field, value, detail: supported.length ? `supported values: ${supported.map(goQuote).join(', ')}` : '' };
}

/** IsNegativeErrorMsg: ValidateNonnegativeField's error, if `value` is negative. */
export function nonNegative(value: number | undefined, field: string): FieldError[] {
  return value !== undefined && value < 0 ? [invalid(field, value, 'must be greater than or equal to 0')] : [];
}
