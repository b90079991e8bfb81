import { parseMilli } from '../../api/quantity.ts';

/**
 * resource.Quantity as describe prints it (apimachinery pkg/api/resource/quantity.go String →
 * CanonicalizeBytes): a value plus the format its text was written in. Values are kept in
 * milli-units, the finest precision kubespec's quantities have.
 */
export interface Quantity {
  milli: number;
  format: 'DecimalSI' | 'BinarySI' | 'DecimalExponent';
}

export const ZERO: Quantity = { milli: 0, format: 'DecimalSI' };

/** ParseQuantity: the suffix decides the format (`Ki`… binary, `e3` exponent, else decimal SI). */
export function parseQuantity(text: string | number): Quantity {
  const s = String(text).trim();
  const format = /[KMGTPE]i$/.test(s) ? 'BinarySI' : /[eE][+-]?\d+$/.test(s) ? 'DecimalExponent' : 'DecimalSI';
  return { milli: parseMilli(s), format };
}

/** Quantity.Add: the sum keeps the receiver's format, unless the receiver was zero. */
export function addQuantity(a: Quantity, b: Quantity): Quantity {
  return { milli: a.milli + b.milli, format: a.milli === 0 ? b.format : a.format };
}

/** Quantity.Value: whole units, rounded up. */
export function quantityValue(q: Quantity): number {
  return Math.ceil(q.milli / 1000);
}

const DECIMAL_SUFFIXES: Record<number, string> = { [-3]: 'm', 0: '', 3: 'k', 6: 'M', 9: 'G', 12: 'T', 15: 'P', 18: 'E' };
const BINARY_SUFFIXES = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

/**
 * Quantity.String: the canonical form. Binary quantities print in the largest exact power of 1024
 * (`3880620Ki`, 1.5Gi → `1536Mi`), unless smaller than 1024 or fractional, when they print as
 * decimal SI; decimal ones in the largest suffix whose exponent is a multiple of 3 that keeps an
 * integer mantissa (0.5 → `500m`, 1000m → `1`); zero is `0`.
 */
export function formatQuantity(q: Quantity): string {
  if (q.milli === 0) return '0';
  let format = q.format;
  if (format === 'BinarySI' && (Math.abs(q.milli) < 1024 * 1000 || q.milli % 1000 !== 0)) format = 'DecimalSI';
  if (format === 'BinarySI') {
    let amount = q.milli / 1000;
    let exp = 0;
    while (amount % 1024 === 0 && exp < BINARY_SUFFIXES.length - 1) {
      amount /= 1024;
      exp++;
    }
    return `${amount}${BINARY_SUFFIXES[exp]}`;
  }
  // AsCanonicalBytes: strip factors of ten, then move the exponent down to a multiple of three.
  let amount = q.milli;
  let exp = -3;
  while (amount % 10 === 0) {
    amount /= 10;
    exp++;
  }
  const rest = ((exp % 3) + 3) % 3;
  amount *= 10 ** rest;
  exp -= rest;
  if (format === 'DecimalExponent') return exp === 0 ? `${amount}` : `${amount}e${exp}`;
  return `${amount}${DECIMAL_SUFFIXES[exp] ?? `e${exp}`}`;
}
