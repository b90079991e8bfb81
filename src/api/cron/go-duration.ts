/** Nanoseconds per unit, as Go's time.ParseDuration knows them. */
const UNIT_NS: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** The largest time.Duration: about 292 years of nanoseconds. */
const MAX_NS = 2 ** 63 - 1;

/** Go's strconv.Quote, close enough for the ASCII a duration is written in. */
function quote(s: string): string {
  return JSON.stringify(s);
}

/**
 * time.ParseDuration (Go src/time/format.go): `[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+`, e.g. `1h30m`,
 * `1.5h`, `300ms`. Returns milliseconds, or throws an Error with Go's message
 * (`time: invalid duration "x"`, `time: missing unit in duration "1"`, `time: unknown unit "d" in duration "1d"`).
 */
export function parseGoDuration(input: string): number {
  const invalid = () => new Error(`time: invalid duration ${quote(input)}`);
  let s = input;
  let neg = false;
  if (s[0] === '-' || s[0] === '+') {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') throw invalid();
  let total = 0;
  while (s !== '') {
    if (!/^[0-9.]/.test(s)) throw invalid();
    const m = /^([0-9]*)(?:\.([0-9]*))?/.exec(s)!;
    const [whole, int, frac] = m;
    if (int === '' && !frac) throw invalid();
    s = s.slice(whole.length);
    const unitEnd = s.search(/[0-9.]/);
    const unit = unitEnd < 0 ? s : s.slice(0, unitEnd);
    if (unit === '') throw new Error(`time: missing unit in duration ${quote(input)}`);
    s = s.slice(unit.length);
    const scale = UNIT_NS[unit];
    if (scale === undefined) throw new Error(`time: unknown unit ${quote(unit)} in duration ${quote(input)}`);
    total += Number(`${int || '0'}.${frac ?? ''}0`) * scale;
    if (total > MAX_NS) throw invalid();
  }
  return ((neg ? -1 : 1) * total) / 1e6;
}
