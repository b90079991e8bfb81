import { sortKeys } from '../printers/serialize.ts';

/**
 * JSON as Go's encoding/json writes an unstructured object (map[string]interface{}), which is
 * what kubectl puts in the last-applied-configuration annotation and sends as patches: compact,
 * keys sorted, and `<`, `>`, `&`, U+2028 and U+2029 escaped as \u003c … (HTMLEscape is on).
 */
export function goJson(value: unknown): string {
  return JSON.stringify(sortKeys(value)).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Go's %q of a string (strconv.Quote) for the ASCII and common cases kubectl messages quote. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}
