import type { PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import { NAME_ALPHABET } from '../../api/api-server.ts';

/**
 * The pod-template-hash: controller.ComputeHash (pkg/controller/controller_utils.go) feeds a deep
 * dump of the template to FNV-32a, then the collisionCount (when set) as 4 little-endian bytes in
 * an 8-byte buffer, and prints the uint32 in decimal through rand.SafeEncodeString. Go's dump
 * (spew) is not reproduced: a canonical JSON (sorted keys, no undefined fields) stands in for it,
 * so the values differ from a real cluster's but are stable and shaped alike (`6b9c7d4f58`).
 */
export function computeHash(template: PodTemplateSpec | undefined, collisionCount?: number): string {
  let h = fnv32a(FNV_OFFSET, new TextEncoder().encode(canonicalJson(template ?? {})));
  if (collisionCount !== undefined && collisionCount !== null) {
    const c = collisionCount >>> 0;
    h = fnv32a(h, Uint8Array.of(c & 0xff, (c >>> 8) & 0xff, (c >>> 16) & 0xff, c >>> 24, 0, 0, 0, 0));
  }
  return safeEncodeString(String(h));
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a, 32 bits (hash/fnv New32a), continued from `h` over `bytes`. */
export function fnv32a(h: number, bytes: Uint8Array): number {
  for (const b of bytes) h = Math.imul(h ^ b, FNV_PRIME) >>> 0;
  return h >>> 0;
}

/**
 * rand.SafeEncodeString (apimachinery/pkg/util/rand): each character's code modulo 27 picks from
 * `bcdfghjklmnpqrstvwxz2456789`, so the decimal digits '0'…'9' (48…57) become 4 5 6 7 8 9 b c d f.
 */
export function safeEncodeString(s: string): string {
  let out = '';
  for (const ch of s) out += NAME_ALPHABET[ch.codePointAt(0)! % NAME_ALPHABET.length];
  return out;
}

/** JSON with object keys sorted and undefined fields dropped: one text per value. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}
