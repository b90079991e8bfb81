/**
 * resource.Quantity (staging/src/k8s.io/apimachinery/pkg/api/resource/quantity.go, suffix.go,
 * amount.go): exact parsing (an arbitrary-precision decimal, rounded up to nano units as
 * ParseQuantity does), comparison, and the canonical String() the API server writes back.
 */

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

/** The regex the API server quotes when a quantity does not parse (ErrFormatWrong). */
export const QUANTITY_REGEX_MESSAGE = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
const ERR_SUFFIX = "unable to parse quantity's suffix";

/** A quantity that does not parse, with ParseQuantity's error text. */
export class QuantityError extends Error {}

const DECIMAL_SUFFIXES: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIXES: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL_BY_EXPONENT = Object.fromEntries(Object.entries(DECIMAL_SUFFIXES).map(([s, e]) => [e, s]));
const BINARY_BY_EXPONENT = Object.fromEntries(Object.entries(BINARY_SUFFIXES).map(([s, e]) => [e, s]));
/** maxAllowed: a binary quantity is capped at 2^63-1. */
const MAX_ALLOWED = 2n ** 63n - 1n;

const pow10 = (n: number): bigint => 10n ** BigInt(n);

/** An exact value `unscaled × 10^scale` with the format its text was written in. */
export class Quantity {
  private constructor(readonly unscaled: bigint, readonly scale: number, readonly format: QuantityFormat) {}

  static zero(format: QuantityFormat = 'DecimalSI'): Quantity {
    return new Quantity(0n, 0, format);
  }

  /** ParseQuantity; numbers are read as the JSON number text would be. */
  static parse(input: string | number): Quantity {
    const text = typeof input === 'number' ? String(input) : input;
    if (text.length === 0) throw new QuantityError(QUANTITY_REGEX_MESSAGE);
    if (text === '0') return Quantity.zero();
    const { positive, num, denom, suffix } = parseQuantityString(text);
    let format: QuantityFormat;
    let base: 2 | 10;
    let exponent: number;
    if (suffix in DECIMAL_SUFFIXES) [format, base, exponent] = ['DecimalSI', 10, DECIMAL_SUFFIXES[suffix]];
    else if (suffix in BINARY_SUFFIXES) [format, base, exponent] = ['BinarySI', 2, BINARY_SUFFIXES[suffix]];
    else if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E') && /^[+-]?\d+$/.test(suffix.slice(1))) {
      [format, base, exponent] = ['DecimalExponent', 10, Number(suffix.slice(1))];
    } else throw new QuantityError(ERR_SUFFIX);
    let unscaled = BigInt(num + denom || '0');
    let scale = -denom.length;
    if (base === 10) scale += exponent;
    else unscaled *= 2n ** BigInt(exponent);
    // Non-zero values round up to the nearest nano unit: asking for a little gets a little.
    if (unscaled !== 0n && scale < -9) {
      const divisor = pow10(-9 - scale);
      unscaled = (unscaled + divisor - 1n) / divisor;
      scale = -9;
    }
    if (format === 'BinarySI') {
      if (scale >= 0 && unscaled * pow10(scale) > MAX_ALLOWED) [unscaled, scale] = [MAX_ALLOWED, 0];
      if (unscaled !== 0n && compareDec(unscaled, scale, 1n, 0) < 0) format = 'DecimalSI';
    }
    return new Quantity(positive ? unscaled : -unscaled, scale, format);
  }

  get sign(): -1 | 0 | 1 {
    return this.unscaled === 0n ? 0 : this.unscaled < 0n ? -1 : 1;
  }

  /** Cmp: -1, 0 or 1. */
  cmp(other: Quantity): -1 | 0 | 1 {
    return compareDec(this.unscaled, this.scale, other.unscaled, other.scale);
  }

  /** ScaledValue(scale) rounded up (away from zero for positives, toward zero for negatives, as Go's ceil). */
  scaledValue(scale: number): bigint {
    const shift = this.scale - scale;
    if (shift >= 0) return this.unscaled * pow10(shift);
    const d = pow10(-shift);
    const q = this.unscaled / d;
    return this.unscaled > 0n && this.unscaled % d !== 0n ? q + 1n : q;
  }

  /** MilliValue, as a number. */
  milliValue(): number {
    return Number(this.scaledValue(-3));
  }

  /** Value (whole units, rounded up), as a number. */
  value(): number {
    return Number(this.scaledValue(0));
  }

  negate(): Quantity {
    return new Quantity(-this.unscaled, this.scale, this.format);
  }

  /** String: CanonicalizeBytes. */
  toString(): string {
    if (this.unscaled === 0n) return '0';
    let format = this.format;
    if (format === 'BinarySI') {
      const small = compareDec(this.unscaled, this.scale, -1024n, 0) > 0 && compareDec(this.unscaled, this.scale, 1024n, 0) < 0;
      if (small || !this.isInteger()) format = 'DecimalSI';
    }
    if (format === 'BinarySI') {
      let amount = this.scaledValue(0);
      let exponent = 0;
      while ((amount >= 1024n || amount <= -1024n) && amount % 1024n === 0n && exponent < 60) {
        amount /= 1024n;
        exponent += 10;
      }
      return `${amount}${BINARY_BY_EXPONENT[exponent] ?? ''}`;
    }
    // AsCanonicalBytes: strip factors of ten, then lower the exponent to a multiple of three.
    let amount = this.unscaled;
    let exponent = this.scale;
    while ((amount >= 10n || amount <= -10n) && amount % 10n === 0n) {
      amount /= 10n;
      exponent++;
    }
    const mod = ((exponent % 3) + 3) % 3;
    if (mod === 1) [amount, exponent] = [amount * 10n, exponent - 1];
    else if (mod === 2) [amount, exponent] = [amount * 100n, exponent - 2];
    if (format === 'DecimalExponent') return exponent === 0 ? `${amount}` : `${amount}e${exponent}`;
    // Beyond `E` DecimalSI has no suffix and Go prints the bare mantissa (an upstream quirk, kept).
    return `${amount}${DECIMAL_BY_EXPONENT[exponent] ?? ''}`;
  }

  private isInteger(): boolean {
    return this.scale >= 0 || this.unscaled % pow10(-this.scale) === 0n;
  }
}

function compareDec(a: bigint, sa: number, b: bigint, sb: number): -1 | 0 | 1 {
  const s = Math.min(sa, sb);
  const x = a * pow10(sa - s);
  const y = b * pow10(sb - s);
  return x === y ? 0 : x < y ? -1 : 1;
}

/** parseQuantityString: sign, numerator, denominator and suffix, or ErrFormatWrong. */
function parseQuantityString(str: string): { positive: boolean; num: string; denom: string; suffix: string } {
  // Like Go's scanner this accepts an empty numerator (`m` and `+` are zero); the suffix is
  // letters, then an optional sign and digits (`1e-3`), and is interpreted by the caller.
  const m = /^([+-]?)(\d*)(?:\.(\d*))?([eEinumkKMGTP]*[-+]?\d*)$/.exec(str);
  if (!m) throw new QuantityError(QUANTITY_REGEX_MESSAGE);
  const num = m[2].replace(/^0+/, '') || '0';
  return { positive: m[1] !== '-', num, denom: m[3] ?? '', suffix: m[4] };
}

/** Parses a quantity, or undefined when it does not parse. */
export function tryParseQuantity(text: unknown): Quantity | undefined {
  if (typeof text !== 'string' && typeof text !== 'number') return undefined;
  try {
    return Quantity.parse(text);
  } catch {
    return undefined;
  }
}

/** Whether text is a valid quantity. */
export function isQuantity(text: unknown): boolean {
  return tryParseQuantity(text) !== undefined;
}

/** Parses a quantity (`100m`, `2`, `128Mi`, `1e3`) to milli-units, rounded up; throws on bad input. */
export function parseMilli(text: string | number): number {
  return Quantity.parse(typeof text === 'string' ? text.trim() : text).milliValue();
}

/** The canonical form of a quantity's text (`0.5` → `500m`, `1024Mi` → `1Gi`). */
export function canonicalQuantity(text: string | number): string {
  return Quantity.parse(text).toString();
}

/** Prints a CPU amount in milli-units as kubectl does (`100m`, `2`). */
export function formatCpu(milli: number): string {
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}

/** Prints a byte amount in milli-units in the largest exact binary suffix (`128Mi`, `0`). */
export function formatBytes(milli: number): string {
  const bytes = Math.round(milli / 1000);
  if (bytes === 0) return '0';
  for (const [suffix, exp] of Object.entries(BINARY_SUFFIXES).reverse()) {
    const unit = 2 ** exp;
    if (bytes % unit === 0) return `${bytes / unit}${suffix}`;
  }
  return String(bytes);
}
