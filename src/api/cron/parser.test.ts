import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseGoDuration } from './go-duration.ts';
import { loadLocation } from './location.ts';
import { CronParseError, parseStandard } from './parser.ts';

/** The message robfig/cron v3.0.1 ParseStandard returns, or '' when it parses. */
function parseError(spec: string): string {
  try {
    parseStandard(spec);
    return '';
  } catch (e) {
    assert.ok(e instanceof CronParseError, String(e));
    return e.message;
  }
}

test('robfig/cron parse errors, word for word (parser.go)', () => {
  const cases: [string, string][] = [
    ['', 'empty spec string'],
    ['* * * *', 'expected exactly 5 fields, found 4: [* * * *]'],
    ['0 0 * * * *', 'expected exactly 5 fields, found 6: [0 0 * * * *]'],
    [' @daily', 'expected exactly 5 fields, found 1: [@daily]'],
    ['60 * * * *', 'end of range (60) above maximum (59): 60'],
    ['* 24 * * *', 'end of range (24) above maximum (23): 24'],
    ['* * 0 * *', 'beginning of range (0) below minimum (1): 0'],
    ['* * 32 * *', 'end of range (32) above maximum (31): 32'],
    ['* * * 13 *', 'end of range (13) above maximum (12): 13'],
    // Day-of-week is 0-6 in robfig: 7 for Sunday, which Vixie cron accepts, is out of range.
    ['* * * * 7', 'end of range (7) above maximum (6): 7'],
    ['* * * * 1-7', 'end of range (7) above maximum (6): 1-7'],
    ['5-1 * * * *', 'beginning of range (5) beyond end of range (1): 5-1'],
    ['*/0 * * * *', 'step of range should be a positive number: */0'],
    ['1-2-3 * * * *', 'too many hyphens: 1-2-3'],
    ['*/2/3 * * * *', 'too many slashes: */2/3'],
    ['a * * * *', 'failed to parse int from a: strconv.Atoi: parsing "a": invalid syntax'],
    // Jenkins' H and Quartz's L, W and # are not robfig's.
    ['H * * * *', 'failed to parse int from H: strconv.Atoi: parsing "H": invalid syntax'],
    ['* * L * *', 'failed to parse int from L: strconv.Atoi: parsing "L": invalid syntax'],
    ['* * * * MON#2', 'failed to parse int from MON#2: strconv.Atoi: parsing "MON#2": invalid syntax'],
    ['*/-5 * * * *', 'negative number (-5) not allowed: -5'],
    ['* * * * -1', 'failed to parse int from : strconv.Atoi: parsing "": invalid syntax'],
    ['99999999999999999999 * * * *', 'failed to parse int from 99999999999999999999: strconv.Atoi: parsing "99999999999999999999": value out of range'],
    ['@often', 'unrecognized descriptor: @often'],
    ['@Daily', 'unrecognized descriptor: @Daily'],
    ['@daily ', 'unrecognized descriptor: @daily '],
    ['@every 1d', 'failed to parse duration @every 1d: time: unknown unit "d" in duration "1d"'],
    ['@every 5', 'failed to parse duration @every 5: time: missing unit in duration "5"'],
    ['TZ=Mars/Olympus 0 * * * *', 'provided bad location Mars/Olympus: unknown time zone Mars/Olympus'],
    ['CRON_TZ=utc 0 * * * *', 'provided bad location utc: unknown time zone utc'],
  ];
  for (const [spec, message] of cases) assert.equal(parseError(spec), message, spec);
});

test('what robfig/cron accepts', () => {
  for (const spec of ['*/1 * * * *', '0 2 * * *', '? ? ? ? ?', '0 0 * * MON-fri', '0 0 1 jan,JUL *', '5/15 * * * *', '0 0 * * SUN', '@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly', '@every 1h30m', 'TZ=Europe/Berlin 0 2 * * *', 'CRON_TZ=UTC @daily', '1,,2 * * * *', '+5 * * * *']) {
    assert.equal(parseError(spec), '', spec);
  }
});

test('fields: names, ?, N/S, the star bit that decides AND or OR for the two day fields', () => {
  const s = parseStandard('5/15 9-17 ? jan,Mar MON-FRI');
  assert.equal(s.kind, 'spec');
  if (s.kind !== 'spec') return;
  assert.deepEqual(s.minute, { values: [5, 20, 35, 50], star: false });
  assert.deepEqual(s.hour.values, [9, 10, 11, 12, 13, 14, 15, 16, 17]);
  assert.equal(s.dom.star, true);
  assert.deepEqual(s.month.values, [1, 3]);
  assert.deepEqual(s.dow, { values: [1, 2, 3, 4, 5], star: false });
  // `*/1` keeps the star bit, `*/2` drops it (getRange: `if step > 1 { extra = 0 }`).
  const p = (spec: string) => parseStandard(spec) as Extract<ReturnType<typeof parseStandard>, { kind: 'spec' }>;
  assert.equal(p('* * */1 * 5').dom.star, true);
  assert.equal(p('* * */2 * 5').dom.star, false);
  // robfig ignores what follows `*-`.
  assert.equal(p('*-5 * * * *').minute.values.length, 60);
});

test('@every: whole seconds, at least one', () => {
  assert.deepEqual(parseStandard('@every 1h30m'), { kind: 'every', delayMs: 5_400_000 });
  assert.deepEqual(parseStandard('@every 1.5s'), { kind: 'every', delayMs: 1000 });
  assert.deepEqual(parseStandard('@every 10ms'), { kind: 'every', delayMs: 1000 });
  assert.deepEqual(parseStandard('@every -1h'), { kind: 'every', delayMs: 1000 });
});

test('Go time.ParseDuration', () => {
  assert.equal(parseGoDuration('1h30m'), 5_400_000);
  assert.equal(parseGoDuration('.5s'), 500);
  assert.equal(parseGoDuration('-1.5m'), -90_000);
  assert.equal(parseGoDuration('0'), 0);
  assert.throws(() => parseGoDuration(''), /^Error: time: invalid duration ""$/);
  assert.throws(() => parseGoDuration('1h.'), /time: invalid duration "1h\."/);
  assert.throws(() => parseGoDuration('1h5'), /time: missing unit in duration "1h5"/);
  assert.throws(() => parseGoDuration('.h'), /time: invalid duration "\.h"/);
});

test('time.LoadLocation: zoneinfo names are case-sensitive; aliases exist; Local is UTC here', () => {
  for (const ok of ['UTC', 'Etc/UTC', 'America/New_York', 'US/Eastern', 'Asia/Calcutta', 'Europe/Kiev', 'EST5EDT', 'Etc/GMT+5', 'Local', '']) {
    assert.equal(typeof loadLocation(ok), 'object', ok);
  }
  for (const bad of ['utc', 'america/new_york', 'America/NEW_YORK', 'us/eastern', 'Mars/Olympus', '+05:00']) {
    assert.equal(loadLocation(bad), `unknown time zone ${bad}`, bad);
  }
  assert.equal(loadLocation('../etc/passwd'), 'time: invalid location name');
  assert.deepEqual(loadLocation('Etc/UTC'), { name: 'Etc/UTC', utc: true });
  assert.deepEqual(loadLocation('Europe/Berlin'), { name: 'Europe/Berlin', utc: false });
});
