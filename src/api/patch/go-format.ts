/**
 * Go's fmt `%v` of values decoded from JSON into interface{} (map[string]interface{},
 * []interface{}, string, int64/float64, bool, nil), which the patch packages put in their error
 * messages: `map[name:x value:1]`, `[a b]`, `<nil>`.
 */
export function formatGoValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(formatGoValue).join(' ')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `map[${Object.keys(o)
      .sort()
      .map((k) => `${k}:${formatGoValue(o[k])}`)
      .join(' ')}]`;
  }
  return String(v);
}

/** reflect.TypeOf(v).String() for a decoded JSON value (ErrBadArgType's wording). */
export function goTypeName(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return '[]interface {}';
  switch (typeof v) {
    case 'object':
      return 'map[string]interface {}';
    case 'number':
      return Number.isInteger(v) ? 'int64' : 'float64';
    case 'boolean':
      return 'bool';
    default:
      return 'string';
  }
}

/** encoding/json's name for a JSON value's type in UnmarshalTypeError (`cannot unmarshal array into …`). */
export function jsonValueKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  switch (typeof v) {
    case 'object':
      return 'object';
    case 'boolean':
      return 'bool';
    default:
      return typeof v;
  }
}
