import { parseGoDuration } from './go-duration.ts';
import { loadLocation, type Location, UTC } from './location.ts';

/**
 * The grammar Kubernetes accepts for `spec.schedule`: robfig/cron v3.0.1's ParseStandard
 * (parser.go), which both the API server's validation and the CronJob controller call. This
 * module decides what is valid and says why not in robfig's words; computing the times is
 * croner's job (schedule.ts). robfig differs from most cron dialects in ways users meet:
 *
 * - five fields (minute hour day-of-month month day-of-week), or a descriptor: `@yearly`
 *   (`@annually`), `@monthly`, `@weekly`, `@daily` (`@midnight`), `@hourly`, `@every <duration>`;
 * - `?` is `*`; names (`JAN`–`DEC`, `SUN`–`SAT`) in any case, alone or as range ends;
 *   day-of-week is 0–6 (7 is out of range); no `L`, `W`, `#` or Jenkins' `H`;
 * - `N/S` means N through the maximum, every S;
 * - day-of-month and day-of-week combine with OR, unless either is `*` or `?` (then AND);
 * - a `TZ=Zone` or `CRON_TZ=Zone` prefix sets the zone (the API server refuses it on new objects).
 */

/** One field's values and whether it was written as `*` or `?` (robfig's starBit). */
export interface CronField {
  readonly values: readonly number[];
  readonly star: boolean;
}

export interface SpecSchedule {
  readonly kind: 'spec';
  readonly minute: CronField;
  readonly hour: CronField;
  readonly dom: CronField;
  readonly month: CronField;
  readonly dow: CronField;
  readonly location: Location;
}

/** `@every 1h30m`: fixed intervals from whatever time it is asked about (robfig's ConstantDelaySchedule). */
export interface EverySchedule {
  readonly kind: 'every';
  readonly delayMs: number;
}

export type ParsedSchedule = SpecSchedule | EverySchedule;

/** A schedule robfig/cron would not parse; the message is robfig's own. */
export class CronParseError extends Error {}

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const MINUTES: Bounds = { min: 0, max: 59 };
const HOURS: Bounds = { min: 0, max: 23 };
const DOM: Bounds = { min: 1, max: 31 };
const MONTHS: Bounds = { min: 1, max: 12, names: { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 } };
const DOW: Bounds = { min: 0, max: 6, names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } };

const single = (v: number): CronField => ({ values: [v], star: false });
const every = (b: Bounds): CronField => ({ values: range(b.min, b.max, 1), star: true });

function range(start: number, end: number, step: number): number[] {
  const out: number[] = [];
  for (let i = start; i <= end; i += step) out.push(i);
  return out;
}

/** parseDescriptor: the `@` forms, with the zone a TZ prefix gave. */
function parseDescriptor(spec: string, location: Location): ParsedSchedule {
  const at = (minute: CronField, hour: CronField, dom: CronField, month: CronField, dow: CronField): SpecSchedule => ({ kind: 'spec', minute, hour, dom, month, dow, location });
  switch (spec) {
    case '@yearly':
    case '@annually':
      return at(single(0), single(0), single(1), single(1), every(DOW));
    case '@monthly':
      return at(single(0), single(0), single(1), every(MONTHS), every(DOW));
    case '@weekly':
      return at(single(0), single(0), every(DOM), every(MONTHS), single(0));
    case '@daily':
    case '@midnight':
      return at(single(0), single(0), every(DOM), every(MONTHS), every(DOW));
    case '@hourly':
      return at(single(0), every(HOURS), every(DOM), every(MONTHS), every(DOW));
  }
  if (spec.startsWith('@every ')) {
    let ms: number;
    try {
      ms = parseGoDuration(spec.slice('@every '.length));
    } catch (e) {
      throw new CronParseError(`failed to parse duration ${spec}: ${(e as Error).message}`);
    }
    // Every(): at least a second, and whole seconds.
    return { kind: 'every', delayMs: Math.max(1000, Math.floor(ms / 1000) * 1000) };
  }
  throw new CronParseError(`unrecognized descriptor: ${spec}`);
}

/** Go's strconv.Atoi, with the error text robfig wraps. */
function atoi(expr: string): number {
  if (!/^[+-]?[0-9]+$/.test(expr)) throw new CronParseError(`failed to parse int from ${expr}: strconv.Atoi: parsing ${JSON.stringify(expr)}: invalid syntax`);
  const n = BigInt(expr);
  if (n > 2n ** 63n - 1n || n < -(2n ** 63n)) throw new CronParseError(`failed to parse int from ${expr}: strconv.Atoi: parsing ${JSON.stringify(expr)}: value out of range`);
  if (n < 0n) throw new CronParseError(`negative number (${n}) not allowed: ${expr}`);
  // Beyond 2^53 only the range check's message reads the value; its digits are the input's.
  return Number(n);
}

function parseIntOrName(expr: string, names: Bounds['names']): number {
  const named = names?.[expr.toLowerCase()];
  return named ?? atoi(expr);
}

/** getRange: `*`, `?`, `N`, `N-M`, each optionally `/step`. */
function getRange(expr: string, b: Bounds, values: Set<number>): boolean {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0].split('-');
  const singleDigit = lowAndHigh.length === 1;
  let start: number;
  let end: number;
  let star = false;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    // robfig ignores anything after `*-`.
    start = b.min;
    end = b.max;
    star = true;
  } else {
    start = parseIntOrName(lowAndHigh[0], b.names);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = parseIntOrName(lowAndHigh[1], b.names);
    else throw new CronParseError(`too many hyphens: ${expr}`);
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    step = atoi(rangeAndStep[1]);
    if (singleDigit) end = b.max;
    if (step > 1) star = false;
  } else if (rangeAndStep.length > 2) {
    throw new CronParseError(`too many slashes: ${expr}`);
  }
  const show = (n: number) => (n > Number.MAX_SAFE_INTEGER ? expr.replace(/^.*?(\d+)$/, '$1') : String(n));
  if (start < b.min) throw new CronParseError(`beginning of range (${start}) below minimum (${b.min}): ${expr}`);
  if (end > b.max) throw new CronParseError(`end of range (${show(end)}) above maximum (${b.max}): ${expr}`);
  if (start > end) throw new CronParseError(`beginning of range (${show(start)}) beyond end of range (${end}): ${expr}`);
  if (step === 0) throw new CronParseError(`step of range should be a positive number: ${expr}`);
  for (let i = start; i <= end; i += step) values.add(i);
  return star;
}

/** getField: comma-separated ranges; empty items are skipped (Go's strings.FieldsFunc). */
function getField(field: string, b: Bounds): CronField {
  const values = new Set<number>();
  let star = false;
  for (const expr of field.split(',')) {
    if (expr !== '' && getRange(expr, b, values)) star = true;
  }
  return { values: [...values].sort((x, y) => x - y), star };
}

/**
 * cron.ParseStandard: the schedule, or a CronParseError whose message is the one the API server
 * prints after `spec.schedule: Invalid value: "…": `.
 */
export function parseStandard(input: string): ParsedSchedule {
  if (input.length === 0) throw new CronParseError('empty spec string');
  let spec = input;
  let location = UTC;
  if (spec.startsWith('TZ=') || spec.startsWith('CRON_TZ=')) {
    const space = spec.indexOf(' ');
    const eq = spec.indexOf('=');
    // Without a space robfig v3.0.1 slices out of range and panics; the zone is then the rest.
    const name = space < 0 ? spec.slice(eq + 1) : spec.slice(eq + 1, space);
    const loaded = loadLocation(name);
    if (typeof loaded === 'string') throw new CronParseError(`provided bad location ${name}: ${loaded}`);
    location = loaded;
    spec = space < 0 ? '' : spec.slice(space).trim();
  }
  if (spec.startsWith('@')) return parseDescriptor(spec, location);
  const fields = spec.split(/\s+/).filter((f) => f !== '');
  if (fields.length !== 5) throw new CronParseError(`expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`);
  // The seconds field of the standard parser is always 0, and is not parsed.
  const [minute, hour, dom, month, dow] = fields;
  return {
    kind: 'spec',
    minute: getField(minute, MINUTES),
    hour: getField(hour, HOURS),
    dom: getField(dom, DOM),
    month: getField(month, MONTHS),
    dow: getField(dow, DOW),
    location,
  };
}
